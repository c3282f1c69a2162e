"""After a page, the put-back leaves the broker as the run found it: each kind of state a
snippet may change is changed on a live node, put back, and found as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from verify.broker.node import BrokerError, PrivateBroker
from verify.isolation.processes import eventually

LIMITS = '{"max-connections": 100}'


class Change(NamedTuple):
    """`given` made before the baseline is taken, `change` after it (rabbitmqctl's
    arguments each); `asked`: a command whose answer must be as before, once put back."""

    given: list[list[str]]
    change: list[list[str]]
    asked: list[str] | None = None


CHANGES = {
    "a user, its permissions and limits": Change(
        [],
        [
            ["add_user", "carol", "s3cret"],
            ["set_permissions", "carol", ".*", ".*", ".*"],
            ["set_topic_permissions", "carol", "amq.topic", "^a", "^b"],
            ["set_user_limits", "carol", '{"max-channels": 2}'],
        ],
        ["list_users"],
    ),
    "a vhost, its policy, limits and permissions": Change(
        [],
        [
            ["add_vhost", "staging"],
            ["set_policy", "-p", "staging", "short", "^", '{"max-length": 1}'],
            ["set_vhost_limits", "-p", "staging", LIMITS],
            ["set_permissions", "-p", "staging", "guest", ".*", ".*", ".*"],
        ],
    ),
    "a policy and an operator policy": Change(
        [],
        [
            ["set_policy", "inbox-limit", "^inbox$", '{"max-length": 10}'],
            ["set_operator_policy", "cap", "^", '{"max-length": 1000}'],
        ],
    ),
    "the default user's tags": Change([], [["set_user_tags", "guest", "monitoring"]]),
    "the default user's permissions, changed": Change(
        [], [["set_permissions", "guest", "^$", "^$", "^$"]]
    ),
    "the default user's permissions, cleared": Change(
        [], [["clear_permissions", "guest"]], ["list_permissions"]
    ),
    "the default vhost's limits, set": Change([], [["set_vhost_limits", "-p", "/", LIMITS]]),
    "the default vhost's limits, changed": Change(
        [["set_vhost_limits", "-p", "/", LIMITS]],
        [["set_vhost_limits", "-p", "/", '{"max-queues": 5}']],
    ),
    "the default vhost's limits, cleared": Change(
        [["set_vhost_limits", "-p", "/", LIMITS]], [["clear_vhost_limits", "-p", "/"]]
    ),
    "a user's limits, changed": Change(
        [["set_user_limits", "guest", '{"max-channels": 10}']],
        [["set_user_limits", "guest", '{"max-connections": 3}']],
    ),
    "the default user's topic permissions, changed": Change(
        [["set_topic_permissions", "guest", "amq.topic", "^a", "^b"]],
        [["set_topic_permissions", "guest", "amq.topic", "^c", "^d"]],
    ),
    "a global parameter, changed": Change(
        [["set_global_parameter", "greeting", '"hello"']],
        [["set_global_parameter", "greeting", '"goodbye"']],
    ),
    "the disk free limit": Change([], [["set_disk_free_limit", "2GB"]]),
    "the memory watermark": Change([], [["set_vm_memory_high_watermark", "absolute", "2GB"]]),
}


def changed(broker: PrivateBroker, commands: list[list[str]]) -> frozenset[str]:
    for command in commands:
        broker.ctl(*command)
    return broker.state()


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_the_put_back_undoes(broker, change):
    baseline = changed(broker, change.given)
    answer = broker.ctl(*change.asked).stdout if change.asked else None

    assert changed(broker, change.change) != baseline, "the state does not show the change"
    broker.reset(baseline)

    assert broker.state() == baseline
    if change.asked:
        assert broker.ctl(*change.asked).stdout == answer


# A program a page left running: it declares what it needs, then consumes
# until the broker closes its connection.
LEFT_RUNNING = """
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters("localhost"))
channel = connection.channel()
channel.exchange_declare("orders", "topic", durable=True)
channel.queue_declare("orders.eu", durable=True)
channel.queue_bind("orders.eu", "orders", "eu.#")
replies = channel.queue_declare("", exclusive=True).method.queue
channel.basic_consume(replies, lambda *delivery: None)
print("ready", flush=True)
channel.start_consuming()
"""


def test_queues_exchanges_and_connections_left_open_are_undone(broker):
    baseline = broker.state()
    with broker.inside():
        program = subprocess.Popen(
            [sys.executable, "-c", LEFT_RUNNING],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    try:
        assert program.stdout.readline() == "ready\n", program.stderr.read()
        assert {"exchange\t/\torders", "queue\t/\torders.eu", "connections\t1"} <= broker.state()

        broker.reset(baseline)

        assert broker.state() == baseline
        # As the program sees it.
        program.wait(timeout=10)
        assert "closed after the page's last snippet" in program.stderr.read()
    finally:
        program.kill()
        program.wait()


def test_a_plugin_and_the_shovel_it_ran_are_undone(broker):
    baseline = broker.state()
    broker.ctl("enable", "rabbitmq_shovel", tool="rabbitmq-plugins")
    shovel = '{"src-uri": "amqp://", "src-queue": "a", "dest-uri": "amqp://", "dest-queue": "b"}'
    broker.ctl("set_parameter", "shovel", "a-to-b", shovel)
    # Once the shovel runs, it has declared its queues.
    assert eventually(lambda: {"queue\t/\ta", "queue\t/\tb"} <= broker.state())

    broker.reset(baseline)

    assert broker.state() == baseline
    enabled = broker.ctl("list", "--enabled", tool="rabbitmq-plugins").stdout
    assert "rabbitmq_shovel" not in enabled


def test_what_cannot_be_undone_is_named(broker):
    config = Path(broker.env["RABBITMQ_CONFIG_FILE"])
    baseline, text = broker.state(), config.read_text()
    config.write_text(text + "log.console = true\n")
    try:
        with pytest.raises(BrokerError) as error:
            broker.reset(baseline)
    finally:
        config.write_text(text)
    lines = str(error.value).splitlines()
    assert lines[0] == "the broker could not be put back as it was:"
    assert lines[1].startswith("  now:    config\t") and "log.console = true" in lines[1]
    assert lines[2].startswith("  before: config\t")
