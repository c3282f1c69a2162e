"""How long a verification run spent where: each page on each broker, the claims, each broker start.

``pytest --bench-json=PATH`` writes it; `nox -s bench` adds the environment
setup, the strict build and the preview, and writes the tables to build/bench.md.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import pytest

from verify.core.layout import TEST_PARTS
from verify.suite.ordering import scope_of


def part_of(path: str) -> str:
    for prefix, part in TEST_PARTS.items():
        if path.startswith(prefix + "/"):
            return part
    return "other"


class Bench:
    """Adds up the time of every test phase by file, on the controller."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = time.monotonic()
        self.seconds: dict[str, float] = defaultdict(float)
        self.broker_starts: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[scope_of(report.nodeid)] += report.duration

    def broker_started(self, worker: str, seconds: float) -> None:
        self.broker_starts[worker] = round(seconds, 2)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        files = [
            {"file": name, "part": part_of(name), "seconds": round(seconds, 2)}
            for name, seconds in sorted(self.seconds.items())
        ]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps(
                {
                    "wall_seconds": round(time.monotonic() - self.started, 2),
                    "broker_start_seconds": self.broker_starts,
                    "files": files,
                },
                indent=2,
            )
            + "\n"
        )
