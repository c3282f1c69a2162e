"""Which worker runs which page: as pytest-xdist's --dist loadscope, keeping each worker on the brokers it has started.

A page on a broker is a scope (docs/queues.rst::4.0.5). A worker starts the
broker of a version the first time it is given a page on it, which costs a
few seconds of CPU; so a worker that asks for more is given the first page
waiting on a broker it already has, where there is one, and the first page
waiting otherwise (longest first, see ordering.py).
"""

from __future__ import annotations

from collections import defaultdict

from xdist.scheduler import LoadScopeScheduling


def broker_of(scope: str) -> str | None:
    """The broker a scope's page runs on; None for anything but a page."""
    parts = scope.split("::")
    return parts[1] if len(parts) > 1 and parts[0].endswith(".rst") else None


class PagesOnStartedBrokers(LoadScopeScheduling):
    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        self.started: dict[object, set[str | None]] = defaultdict(set)

    def _assign_work_unit(self, node) -> None:
        started = self.started[node]
        for scope in self.workqueue:
            if broker_of(scope) is not None and broker_of(scope) in started:
                self.workqueue.move_to_end(scope, last=False)
                break
        started.add(broker_of(next(iter(self.workqueue))))
        super()._assign_work_unit(node)
