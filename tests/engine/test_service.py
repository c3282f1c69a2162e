"""The snippets' `systemctl` stops, starts and restarts the page's own node, as Debian's unit does."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from verify.broker.node import PrivateBroker, on_a_host_of_its_own
from verify.core.lanes import primary
from verify.isolation import roots
from verify.run.kinds import snippet_environment

# Each time the node boots, its Erlang VM is a new OS process.
OS_PID = "os:getpid()"


@pytest.fixture(scope="module")
def broker() -> Iterator[PrivateBroker]:
    """A node of the primary broker on a host of its own, as a page's is."""
    if not roots.is_built(primary()):
        pytest.skip(f"the root of RabbitMQ {primary().name} is not built")
    with on_a_host_of_its_own(primary()) as node:
        yield node


def systemctl(broker: PrivateBroker, *args: str) -> subprocess.CompletedProcess[str]:
    """`systemctl ARGS` as a snippet on the node's host types it."""
    with broker.inside():
        return subprocess.run(
            ["systemctl", *args],
            env=snippet_environment(broker.env),
            cwd=broker.root,
            capture_output=True,
            text=True,
            timeout=120,
        )


def test_restart_boots_the_node_again_on_its_configuration_file(broker):
    before = broker.evaluate(OS_PID)
    config = Path(broker.env["RABBITMQ_CONFIG_FILE"])
    original = config.read_text()
    config.write_text(original + "disk_free_limit.absolute = 123456789\n")
    try:
        restarted = systemctl(broker, "restart", "rabbitmq-server")
        assert (restarted.returncode, restarted.stdout, restarted.stderr) == (0, "", "")
        # Booted when it returns, as Type=notify has it: the run's own question answers.
        assert broker.evaluate(OS_PID) != before
        limit = broker.evaluate("integer_to_list(rabbit_disk_monitor:get_disk_free_limit())")
        assert limit == "123456789"
    finally:
        config.write_text(original)
        systemctl(broker, "restart", "rabbitmq-server.service")
    assert broker.running


def test_stop_and_start(broker):
    assert systemctl(broker, "stop", "rabbitmq-server").returncode == 0
    inactive = systemctl(broker, "is-active", "rabbitmq-server")
    assert (inactive.returncode, inactive.stdout) == (3, "inactive\n")
    assert not broker.running
    assert systemctl(broker, "start", "rabbitmq-server").returncode == 0
    assert systemctl(broker, "is-active", "rabbitmq-server").stdout == "active\n"
    assert broker.running


def test_anything_else_is_refused_by_name(broker):
    refused = systemctl(broker, "reload", "rabbitmq-server")
    assert refused.returncode == 2
    assert refused.stderr == (
        "systemctl here knows only `systemctl {start,stop,restart,is-active} rabbitmq-server` "
        "(got `systemctl reload rabbitmq-server`)\n"
    )
    assert systemctl(broker, "restart", "nginx").returncode == 2


def test_a_node_that_cannot_boot_again_fails_the_restart_with_its_log(broker):
    config = Path(broker.env["RABBITMQ_CONFIG_FILE"])
    original = config.read_text()
    config.write_text(original + "no_such_setting = 1\n")
    try:
        failed = systemctl(broker, "restart", "rabbitmq-server")
    finally:
        config.write_text(original)
    assert failed.returncode == 1
    assert failed.stderr.startswith("Starting rabbitmq-server failed:"), failed.stderr
    assert "no_such_setting" in failed.stderr
    assert not broker.running
    # The run can still start it anew, on the same data.
    broker.restart()
    assert broker.running
