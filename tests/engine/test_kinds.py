"""The kinds of snippet: one list, each answering the whole protocol, importable by the Sphinx build."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from verify.core.layout import ROOT
from verify.run.kinds import KINDS, known
from verify.run.kinds.protocol import Kind

# What every kind answers, as verify/run/kinds/protocol.py declares it.
PROTOCOL = sorted(name for name in [*Kind.__annotations__, *vars(Kind)] if not name.startswith("_"))


def test_the_kinds_import_only_the_standard_library():
    """The Sphinx extensions ask the kinds how to show a snippet: no linter, no pytest."""
    modules = subprocess.run(
        [
            sys.executable,
            "-c",
            # What the import adds, not what the interpreter's start-up loaded.
            "import json, sys; before = set(sys.modules); import verify.run.kinds; "
            "print(json.dumps(sorted(set(sys.modules) - before)))",
        ],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    imported = {name.partition(".")[0] for name in json.loads(modules)}
    others = sorted(imported - set(sys.stdlib_module_names) - {"verify"})
    assert others == [], (
        f"importing verify.run.kinds imports more than the standard library: {others}"
    )


@pytest.mark.parametrize("suffix", sorted(KINDS))
def test_each_kind_answers_the_whole_protocol(suffix):
    kind = KINDS[suffix]
    missing = [name for name in PROTOCOL if not hasattr(kind, name)]
    assert missing == [], f"the {suffix} kind does not answer {missing}"
    assert kind.suffix == suffix


def test_a_file_of_no_kind_is_none_of_them(tmp_path):
    assert known(tmp_path / "list_queues.out") is None
    assert known(tmp_path / "app.js") is None
