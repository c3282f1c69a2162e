"""Everyday operations (docs/operations.rst): a closed connection's client is told why, a memory alarm blocks publishers."""

from __future__ import annotations

import pytest

from tests.claims.observe import (
    alarms,
    connection_states,
    connections,
    printed_line,
    queue_depths,
)
from verify.broker.node import PrivateBroker
from verify.isolation.processes import eventually


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    """These claims raise an alarm on the broker: one of their own, not the pages'."""
    return own_broker


def test_a_closed_connection_s_client_is_told_why(broker, run, start):
    worker = start("operations/worker.py")
    assert connections(broker) == 1

    run("operations/close_connection.sh")

    closed = printed_line(worker, "Closed by the broker")
    assert "(320) 'CONNECTION_FORCED - Closed for maintenance'" in closed, closed
    assert eventually(lambda: connections(broker) == 0), "the connection is still open"
    # Its consumer went with it.
    assert queue_depths(broker)["jobs"] == (0, 0)
    assert broker.evaluate('integer_to_list(length(rabbit_amqqueue:consumers_all(<<"/">>)))') == "0"


def watermark(broker: PrivateBroker) -> str:
    """The memory watermark in force on the node, as Erlang prints it (0.6, {absolute,...})."""
    return broker.evaluate(
        'lists:flatten(io_lib:format("~p", [vm_memory_monitor:get_vm_memory_high_watermark()]))'
    )


def test_a_memory_alarm_blocks_publishers_until_the_watermark_is_back(broker, run, start):
    started_with = watermark(broker)
    run("operations/lower_memory_watermark.sh")
    assert watermark(broker) != started_with

    assert eventually(lambda: "memory" in alarms(broker)), alarms(broker)
    assert "exit code: 69" in run("operations/check_alarms.sh")
    # The check the health guide pairs with check_running: a no-op from 4.3 on.
    local = run("operations/check_local_alarms.sh")
    if tuple(int(part) for part in broker.lane.rabbitmq.split(".")[:2]) >= (4, 3):
        assert "DEPRECATED" in local and "exit code" not in local, local
    else:
        assert "exit code: 69" in local, local
    publisher = start("troubleshooting/disk_alarm/blocked_publisher.py", settle=False)
    assert eventually(lambda: "blocked" in connection_states(broker)), (
        "the publishing connection was never blocked"
    )
    assert "ConnectionBlockedTimeout" in printed_line(publisher, "Gave up")

    # The node's environment kept the value it started with, which the
    # snippet puts back: the default of this version, not another's.
    restored = run("operations/restore_memory_watermark.sh")
    assert f"to {started_with} ..." in restored, restored
    assert watermark(broker) == started_with

    assert eventually(lambda: alarms(broker) == "[]"), alarms(broker)
    assert run("hello_world/send.py") == "Sent 'Hello World!'\n"
