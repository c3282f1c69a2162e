"""Other machines a page's snippets run on, as a reader's other servers.

A page declares one with ``.. machine:: old-server``, with ``:broker:
3.10.8`` for a broker of another version than the page's own, and marks the
snippets a reader types there with the class ``on-old-server``. For each run
of the page, the machine is a broker on a host of its own, reachable from
other hosts, and known to the brokers and programs by its name. The page's
host and its machines are on one network (a switch, 10.99.0.x), and a
machine's node is ``rabbit@NAME``, with the cookie the page's machines
share: the machines of a page can form a cluster, as servers do. Its
snippets run in the page's folder, as if the reader copied the files they
share between them.
"""

from __future__ import annotations

import secrets
import subprocess
from contextlib import nullcontext

from verify.broker.node import PrivateBroker, on_a_host_of_its_own
from verify.core.discovery import Include
from verify.core.lanes import Lane
from verify.isolation import roots
from verify.isolation.hosts import Host
from verify.isolation.namespaces import ip
from verify.run.terminal import Terminal

# The network between the page's host (.1) and its machines (.2, .3, ...).
NETWORK = "10.99.0.{}"
# The switch they are all plugged into, on the page's host.
SWITCH = "machines"


def run_ip(command: str) -> None:
    subprocess.run([ip(), *command.split()], check=True, capture_output=True)


class Network:
    """The page's host and its machines on one switch, and the cookie their nodes share."""

    def __init__(self, outside: Host | None) -> None:
        """`outside`: the page's host (None for the one this process is on)."""
        self.outside = outside
        self.cookie = secrets.token_hex(20)
        with self._on_the_page:
            # One left by a run that was killed goes first.
            subprocess.run([ip(), "link", "delete", SWITCH], capture_output=True)
            run_ip(f"link add {SWITCH} type bridge")
            run_ip(f"address add {NETWORK.format(1)}/24 dev {SWITCH}")
            run_ip(f"link set {SWITCH} up")

    @property
    def _on_the_page(self):
        return self.outside or nullcontext()

    def plug(self, host: Host, name: str, address: str) -> str:
        """A cable from the switch to `host`, which gets `address`; returns the switch's end."""
        end = f"to-{name}"[:15]
        # Something must run in a network namespace for `ip` to name it by pid.
        with host:
            holder = subprocess.Popen(["sleep", "infinity"])
        try:
            with self._on_the_page:
                run_ip(f"link add {end} type veth peer name eth0 netns {holder.pid}")
                run_ip(f"link set {end} master {SWITCH}")
                run_ip(f"link set {end} up")
            with host:
                run_ip(f"address add {address}/24 dev eth0")
                run_ip("link set eth0 up")
        finally:
            holder.kill()
            holder.wait()
        return end

    def unplug(self, end: str) -> None:
        with self._on_the_page:
            subprocess.run([ip(), "link", "delete", end], capture_output=True)

    def close(self) -> None:
        with self._on_the_page:
            subprocess.run([ip(), "link", "delete", SWITCH], capture_output=True)


class Machine:
    """Another server: a broker of its own, named after it, and a terminal on it."""

    def __init__(
        self,
        name: str,
        lane: Lane,
        number: int,
        network: Network,
        page_terminal: Terminal,
        programs: list[Include],
        start_broker=PrivateBroker,
    ) -> None:
        """`start_broker`: what makes its broker (another only in the engine's own tests)."""
        self.name = name
        self.network = network
        self.broker = on_a_host_of_its_own(
            lane,
            name,
            start_broker=start_broker,
            reachable=True,
            name=f"rabbit@{name}",
            cookie=network.cookie,
        )
        self.host = self.broker.host
        self.cable: str | None = None
        try:
            self.cable = network.plug(self.host, name, NETWORK.format(number + 2))
            roots.name_host(name, NETWORK.format(number + 2))
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
            timeout=context.timeout,
        )

    def close(self) -> None:
        self.terminal.close()
        self.broker.__exit__()
        self._unlink()

    def _unlink(self) -> None:
        """Its name, the cable and the host go: the next page's machine may take them."""
        roots.name_host(self.name, None)
        if self.cable is not None:
            self.network.unplug(self.cable)
        self.host.close()
