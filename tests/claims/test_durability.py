"""Durability (docs/hello-world.rst): what a restart keeps."""

from __future__ import annotations

import pytest

from tests.claims.observe import queue_depths
from verify.broker.node import PrivateBroker


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    """These claims restart the broker: one of their own, not the pages'."""
    return own_broker


def test_a_restart_keeps_durable_queues_and_persistent_messages(broker, run):
    run("hello_world/durability/publish.py")
    before = broker.evaluate("os:getpid()")

    run("hello_world/durability/restart.sh")

    # A node restart, not the application's alone: a new operating system process.
    assert broker.evaluate("os:getpid()") != before, "the node did not restart"
    assert "transient_queue" not in queue_depths(broker), "a non-durable queue survived"
    assert run("hello_world/durability/consume.py") == "Received 'persistent, durable queue'\n"
