"""Queues and messages (docs/queues.rst): rabbitmqadmin v2, what it needs and what its publish and get do."""

from __future__ import annotations

import shlex
import subprocess

import pytest

from tests.claims.observe import queue_depths, shown
from verify.core.captured import failing_output
from verify.isolation import roots
from verify.isolation.namespaces import unshare_command
from verify.isolation.roots import CERTIFICATES


def test_rabbitmqadmin_publishes_into_the_queue_and_get_takes_only_without_ack_mode(broker, run):
    if failing_output(shown("queues/publish_admin.sh").target, broker.lane.name).exists():
        pytest.skip(
            f"the page shows rabbitmqadmin v2 failing on RabbitMQ {broker.lane.name}, "
            "whose rabbitmqadmin is v1"
        )
    run("management/enable.sh")
    try:
        run("queues/declare_queue_admin.sh")
        assert queue_depths(broker)["tasks"] == (0, 0)

        run("queues/publish_admin.sh")
        assert queue_depths(broker)["tasks"] == (1, 0), "the published message is not in the queue"

        assert "a test message" in run("queues/get_message_admin.sh")
        assert queue_depths(broker)["tasks"] == (1, 0), (
            "get messages --ack-mode ack_requeue_true took the message out of the queue"
        )

        assert "a test message" in run("queues/take_message_admin.sh")
        assert queue_depths(broker)["tasks"] == (0, 0), (
            "get messages without --ack-mode left the message in the queue"
        )
    finally:
        run("management/disable.sh")


def test_rabbitmqadmin_v2_cannot_reach_even_localhost_without_ca_certificates(broker):
    """The run gives each root the machine's certificate authorities (verify/isolation/roots.py);
    without them, as in a root with no ca-certificates package, v2 fails before it connects."""
    if failing_output(shown("queues/publish_admin.sh").target, broker.lane.name).exists():
        pytest.skip(f"RabbitMQ {broker.lane.name}'s rabbitmqadmin is v1, which needs none")
    root = broker.lane.root
    certificates = root / CERTIFICATES.relative_to("/")
    without = subprocess.run(
        [
            *unshare_command(network=False),
            "sh",
            "-c",
            f'umount "$1" && exec {shlex.join(roots.chroot(broker.lane, ["rabbitmqadmin", "list", "queues"]))}',
            "without",
            str(certificates),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert without.returncode != 0, without.stdout
    assert "Failed to build HTTP client: builder error" in without.stderr + without.stdout
