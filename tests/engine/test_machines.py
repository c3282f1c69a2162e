"""A page's machines leave nothing behind: no node, no namespace, no cable, no name."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from verify.core.lanes import Lane
from verify.isolation import roots
from verify.isolation.namespaces import ip
from verify.isolation.processes import stop_group
from verify.run.machines import SWITCH, Machine, Network
from verify.run.terminal import Terminal

LANE = Lane("3.99.1", "3.99.1-1", "sid", "a stand-in", primary=True)
NAMES = ("node1", "node2", "node3")


class NodeStandIn:
    """A broker's stand-in: a process of its own on the machine's host, as a node is."""

    def __init__(self, lane, host, **options) -> None:
        self.host, self.options = host, options
        self.env = dict(os.environ)
        self.process: subprocess.Popen | None = None

    def inside(self):
        return self.host

    def __enter__(self):
        with self.host:
            self.process = subprocess.Popen(["sleep", "infinity"], start_new_session=True)
        return self

    def __exit__(self, *exc_info) -> None:
        stop_group(self.process, grace=5)


class FailsToStart(NodeStandIn):
    """A node whose start is interrupted (Ctrl+C) once its host and cable exist."""

    def __enter__(self):
        raise KeyboardInterrupt


def network_namespace(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/ns/net")


def in_namespace(namespace: str) -> list[str]:
    """The processes, and this process's open files, still holding a network namespace."""
    holders = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "ns" / "net") == namespace:
                    holders.append(f"process {entry.name}")
            except OSError:
                pass  # ended meanwhile
    for fd in Path("/proc/self/fd").iterdir():
        try:
            if os.readlink(fd) == namespace:
                holders.append(f"file descriptor {fd.name}")
        except OSError:
            pass
    return holders


def links() -> str:
    return subprocess.run([ip(), "-o", "link"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def terminal(tmp_path) -> Terminal:
    opened = Terminal([], dict(os.environ), directory=tmp_path)
    yield opened
    opened.close()


def test_a_pages_machines_share_a_cookie_and_are_named_after_their_hosts(terminal):
    network = Network(None)
    machines = [
        Machine(name, LANE, number, network, terminal, [], NodeStandIn)
        for number, name in enumerate(NAMES)
    ]
    try:
        assert [m.broker.options["name"] for m in machines] == [f"rabbit@{n}" for n in NAMES]
        assert {m.broker.options["cookie"] for m in machines} == {network.cookie}
        assert all(m.broker.options["reachable"] for m in machines)
        hosts = roots.hosts_file().read_text()
        assert [line for line in hosts.splitlines() if "node" in line] == [
            "10.99.0.2 node1",
            "10.99.0.3 node2",
            "10.99.0.4 node3",
        ]
        with machines[1].host:
            name = subprocess.run(["hostname"], capture_output=True, text=True).stdout
        assert name == "node2\n"
    finally:
        for machine in machines:
            machine.close()
        network.close()


def test_nothing_is_left_once_a_pages_machines_are_closed(terminal):
    network = Network(None)
    machines = [
        Machine(name, LANE, number, network, terminal, [], NodeStandIn)
        for number, name in enumerate(NAMES)
    ]
    nodes = [machine.broker.process for machine in machines]
    namespaces = [network_namespace(node.pid) for node in nodes]
    assert len(set(namespaces)) == 3, "each machine is a host of its own"
    assert SWITCH in links() and "to-node3" in links()

    for machine in machines:
        machine.close()
    network.close()

    assert all(node.poll() is not None for node in nodes), "a node still runs"
    for namespace in namespaces:
        assert in_namespace(namespace) == [], f"{namespace} is still held"
    assert SWITCH not in links()
    assert "to-node" not in links()
    assert "node" not in roots.hosts_file().read_text()


def test_a_machine_interrupted_while_starting_leaves_nothing(terminal):
    network = Network(None)
    try:
        with pytest.raises(KeyboardInterrupt):
            Machine("node1", LANE, 0, network, terminal, [], FailsToStart)
        assert "to-node1" not in links()
        assert "node1" not in roots.hosts_file().read_text()
    finally:
        network.close()
    assert SWITCH not in links()
