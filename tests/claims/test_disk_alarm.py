"""The disk alarm (docs/troubleshooting.rst): publishers blocked, consumers not."""

from __future__ import annotations

import re

import pytest

from tests.claims.observe import alarms, connection_states, printed_line
from verify.broker.node import PrivateBroker
from verify.core.layout import CONF
from verify.isolation.processes import eventually


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    """These claims restart or alarm the broker: one of their own, not the pages'."""
    return own_broker


def test_the_broker_runs_with_the_disk_limit_in_its_config(broker):
    setting = re.search(
        r"^disk_free_limit\.absolute\s*=\s*(\d+)MB$",
        (CONF / "rabbitmq.conf").read_text(),
        re.MULTILINE,
    )
    assert setting, "conf/rabbitmq.conf sets no disk_free_limit.absolute in MB"
    reported = broker.evaluate("integer_to_list(rabbit_disk_monitor:get_disk_free_limit())")
    assert int(reported) == int(setting[1]) * 1000 * 1000


def test_a_disk_alarm_blocks_publishers_but_not_consumers(broker, run, start):
    run("hello_world/send.py")
    run("troubleshooting/disk_alarm/raise_limit.sh")

    assert eventually(lambda: "disk" in alarms(broker)), alarms(broker)
    health = broker.ctl("check_alarms", tool="rabbitmq-diagnostics", check=False)
    assert health.returncode != 0

    publisher = start("troubleshooting/disk_alarm/blocked_publisher.py", settle=False)
    blocked = eventually(lambda: "blocked" in connection_states(broker))
    assert blocked, "the publishing connection was never blocked"
    assert "ConnectionBlockedTimeout" in printed_line(publisher, "Gave up")
    assert run("troubleshooting/disk_alarm/get_one.py") == "Received Hello World!\n"

    run("troubleshooting/disk_alarm/restore_limit.sh")

    assert eventually(lambda: alarms(broker) == "[]"), alarms(broker)
    assert run("hello_world/send.py") == "Sent 'Hello World!'\n"
