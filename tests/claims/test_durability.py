"""Durability (docs/hello-world.rst): what a restart keeps."""

from __future__ import annotations

import pika
import pytest

from tests.claims.observe import queue_depths
from verify.broker import PrivateBroker


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    """These claims restart or alarm the broker: one of their own, not the pages'."""
    return own_broker


def test_a_full_restart_keeps_durable_queues_and_persistent_messages(broker, run):
    run("hello_world/durability/publish.py")

    broker.restart()

    assert "transient_queue" not in queue_depths(broker), "a non-durable queue survived"
    connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
    try:
        bodies = []
        while (message := connection.channel().basic_get("durable_queue", auto_ack=True))[0]:
            bodies.append(message[2].decode())
    finally:
        connection.close()
    assert bodies == ["persistent, durable queue"]


def test_restarting_the_app_as_the_page_does_keeps_the_same(run):
    run("hello_world/durability/publish.py")
    run("hello_world/durability/restart.sh")
    assert run("hello_world/durability/consume.py") == "Received 'persistent, durable queue'\n"
