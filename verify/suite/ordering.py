"""Longest scopes first: the order in which parallel workers take them, from the last run.

Workers take scopes (a page on one broker, a claims module) in collection
order, so a long one taken last keeps one worker busy while the others idle.
Each run keeps its scopes' durations in pytest's cache, and the next run,
when parallel, collects the longest first; a run with no cache keeps the
natural order. Within a scope the order never changes: a page's snippets run
as it shows them.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

CACHE_KEY = "verify/scope-seconds"


def scope_of(nodeid: str) -> str:
    """As pytest-xdist's --dist loadscope groups: all but the last part of the node id."""
    return nodeid.rsplit("::", 1)[0]


class LongestFirst:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.seconds: dict[str, float] = defaultdict(float)

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        if not hasattr(self.config, "workerinput"):
            return  # one process: the natural order
        last = self.config.cache.get(CACHE_KEY, {})
        # A stable sort: items of one file keep their order.
        items.sort(key=lambda item: -last.get(scope_of(item.nodeid), 0))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[scope_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.seconds and not hasattr(self.config, "workerinput"):
            self.config.cache.set(
                CACHE_KEY, {name: round(s, 2) for name, s in self.seconds.items()}
            )
