"""pyproject.toml agrees with the engine on what a verification run is made of."""

from __future__ import annotations

import tomllib

from verify.core.layout import ROOT, TEST_PARTS


def test_pytest_runs_the_parts_the_bench_reports():
    """testpaths (what `nox -s tests` runs) is TEST_PARTS (how `nox -s bench` names its rows)."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
    assert settings["ini_options"]["testpaths"] == list(TEST_PARTS), (
        "pyproject.toml's testpaths and verify/core/layout.py's TEST_PARTS name other folders, "
        "or in another order (longest parts first): make them the same"
    )
