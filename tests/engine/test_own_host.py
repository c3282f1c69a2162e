"""A broker on a host of its own takes the host with it when it goes, or when it cannot be made."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from verify.broker.node import BrokerError, on_a_host_of_its_own
from verify.core.lanes import Lane

LANE = Lane("3.99.1", "3.99.1-1", "sid", "a stand-in", primary=True)
NETWORK = "/proc/thread-self/ns/net"


def held() -> set[str]:
    """The network namespaces this process holds open by a file descriptor."""
    namespaces = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("net:"):
            namespaces.add(target)
    return namespaces


def test_the_host_goes_when_the_broker_is_removed():
    # Made, never started: its host is there, and its files.
    node = on_a_host_of_its_own(LANE)
    with node.host:
        network = os.readlink(NETWORK)
    assert network != os.readlink(NETWORK)
    assert network in held()

    node.remove()

    assert network not in held()
    assert not node.root.exists()


def test_a_broker_that_cannot_be_made_leaves_no_host():
    def refuses(lane, host, **options):
        raise BrokerError("no broker here")

    before = held()
    with pytest.raises(BrokerError, match="no broker here"):
        on_a_host_of_its_own(LANE, "node9", start_broker=refuses)
    assert held() == before
