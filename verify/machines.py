"""Other machines a page's snippets run on, as a reader's second server.

A page declares one with ``.. machine:: old-server`` and ``:broker:
3.10.8``, and marks the snippets a reader types there with the class
``on-old-server``. For each run of the page, the machine is a broker of
that version on a host of its own, reachable from other hosts, linked to
the page's own broker by a network of two addresses, and known to the
brokers by its name. Its snippets run in the page's folder, as if the
reader copied the files they share between the two.
"""

from __future__ import annotations

import subprocess
from contextlib import nullcontext

from verify import roots
from verify.broker import PrivateBroker
from verify.discovery import Include
from verify.hosts import Host
from verify.lanes import Lane
from verify.namespaces import ip
from verify.terminal import Terminal

# The network between the page's broker (.1) and its other machines (.2, .3, ...).
NETWORK = "10.99.0.{}"


class Machine:
    """Another server: a broker of its own version, and a terminal on it."""

    def __init__(
        self,
        name: str,
        lane: Lane,
        number: int,
        page_broker: PrivateBroker,
        page_terminal: Terminal,
        programs: list[Include],
        start_broker=PrivateBroker,
    ) -> None:
        """`start_broker`: what makes its broker (another only in the engine's own tests)."""
        self.name = name
        self.host = Host()
        # The page's end of the link, named after the machine.
        self.link = f"to-{name}"[:15]
        self.outside = page_broker.host
        self.broker = start_broker(lane, self.host, reachable=True)
        try:
            self._link(NETWORK.format(1), NETWORK.format(number + 2))
            self.broker.__enter__()
        except BaseException:
            self._unlink()
            raise
        context = page_terminal.context
        self.terminal = Terminal(
            programs,
            self.broker.env,
            update=context.update,
            lane=context.lane,
            directory=context.directory,
        )

    def _link(self, page_address: str, address: str) -> None:
        """A cable between the page's host and this one, and this one's name."""
        # Something must run in a network namespace for `ip` to name it by pid.
        with self.host:
            holder = subprocess.Popen(["sleep", "infinity"])
        try:
            with self.outside or nullcontext():
                for command in (
                    f"link add {self.link} type veth peer name eth0 netns {holder.pid}",
                    f"address add {page_address}/24 dev {self.link}",
                    f"link set {self.link} up",
                ):
                    subprocess.run([ip(), *command.split()], check=True, capture_output=True)
            with self.host:
                for command in (f"address add {address}/24 dev eth0", "link set eth0 up"):
                    subprocess.run([ip(), *command.split()], check=True, capture_output=True)
        finally:
            holder.kill()
            holder.wait()
        roots.name_host(self.name, address)

    def close(self) -> None:
        self.terminal.close()
        self.broker.__exit__()
        self._unlink()

    def _unlink(self) -> None:
        """Its name, the cable and the host go: the next page's machine may take them."""
        roots.name_host(self.name, None)
        with self.outside or nullcontext():
            subprocess.run([ip(), "link", "delete", self.link], capture_output=True)
        self.host.close()
