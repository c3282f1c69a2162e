"""A page's servers for a claim: machines on one network, a folder they share, and the page's snippets run on each."""

from __future__ import annotations

import os

from tests.claims.observe import shown
from verify.core.lanes import Lane
from verify.isolation.hosts import Host
from verify.run.kinds import Run
from verify.run.machines import Machine, Network
from verify.run.terminal import Terminal


class Servers:
    """The page's machines, each a broker on a host of its own, as the page's run makes them."""

    def __init__(self, page: str, lanes: dict[str, Lane], programs: list[str]) -> None:
        """`page`: its folder under snippets/; `lanes`: each machine's broker, by name;
        `programs`: the page's programs the machines' terminals hold (file names)."""
        self.page = page
        self.outside = Host()
        self.network = Network(self.outside)
        self.folder = Terminal([], dict(os.environ))
        saved = [shown(f"{page}/{name}") for name in programs]
        self.machines: dict[str, Machine] = {}
        try:
            for number, (name, lane) in enumerate(lanes.items()):
                self.machines[name] = Machine(name, lane, number, self.network, self.folder, saved)
        except BaseException:
            self.close()
            raise

    def run(self, name: str, on: str | None = None) -> Run:
        """Run a snippet of the page on the machine the page runs it on (or `on`), unchecked."""
        include = shown(f"{self.page}/{name}")
        machine = self.machines[include.machine or on]
        with machine.host:
            return machine.terminal.run(include, check=False)

    def close(self) -> None:
        for machine in self.machines.values():
            machine.close()
        self.network.close()
        self.folder.close()
        self.outside.close()
