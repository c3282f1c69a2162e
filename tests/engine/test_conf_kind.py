"""Configuration fragments (verify/run/kinds/conf.py) on a live node: applied as a reader applies
them, or refused with the line the broker names.

The stand-in brokers of the sample pages cannot restart, nor refuse a key:
these run on a node of the run's first broker, on a host of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from verify.broker.node import PrivateBroker
from verify.core.discovery import Include
from verify.core.layout import relative
from verify.isolation import roots
from verify.isolation.hosts import Host
from verify.run.failures import SnippetFailed
from verify.run.terminal import Terminal
from verify.suite.verification import verification

# Each time the node boots, its Erlang VM is a new OS process.
OS_PID = "os:getpid()"
DISK_LIMIT = "integer_to_list(rabbit_disk_monitor:get_disk_free_limit())"


@pytest.fixture(scope="module")
def broker(request: pytest.FixtureRequest) -> Iterator[PrivateBroker]:
    """A node of the run's first broker on a host of its own, as a page's is."""
    lane = verification(request.config).lanes[0]
    if not roots.is_built(lane):
        pytest.skip(f"the root of RabbitMQ {lane.name} is not built")
    host = Host()
    node = PrivateBroker(lane, host)
    try:
        node.__enter__()
        yield node
    finally:
        node.__exit__()
        host.close()


@pytest.fixture
def terminal(broker: PrivateBroker) -> Iterator[Terminal]:
    opened = Terminal([], broker.env)
    yield opened
    opened.close()


@pytest.fixture
def fragment(tmp_path: Path, broker: PrivateBroker) -> Iterator:
    """Makes a fragment, shown on line 7 of a page; the node is put back without it afterwards."""
    made: list[Path] = []

    def make(name: str, text: str) -> Include:
        target = tmp_path / "snippets" / "p" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        made.append(Path(broker.env["RABBITMQ_CONFIG_FILES"]) / name)
        return Include(tmp_path / "docs" / "page.rst", 7, target, snippets=tmp_path / "snippets")

    yield make
    left = [installed for installed in made if installed.exists()]
    for installed in left:
        installed.unlink()
    # A node that runs with a fragment it no longer has (or was left down) starts again without it.
    if left or not broker.running:
        broker.restart()


def test_a_fragment_is_saved_in_conf_d_and_applied_by_restarting_the_node(
    broker, terminal, fragment
):
    before = broker.evaluate(OS_PID)
    limit = fragment("limit.conf", "# A limit of its own\ndisk_free_limit.absolute = 123456789\n")

    with broker.inside():
        ran = terminal.run(limit)

    saved = Path(broker.env["RABBITMQ_CONFIG_FILES"]) / "limit.conf"
    assert saved.read_text() == limit.target.read_text()
    assert broker.evaluate(OS_PID) != before, "the node was not restarted"
    assert broker.evaluate(DISK_LIMIT) == "123456789"
    # A fragment prints nothing, and its page shows nothing under it.
    assert ran.shown() is None


def test_a_key_the_broker_refuses_fails_its_page_naming_the_file_and_line(
    broker, terminal, fragment
):
    refused = fragment(
        "refused.conf",
        "# Known, then not\n\ndisk_free_limit.absolute = 200MB\nno_such.setting = 5\n",
    )

    with broker.inside(), pytest.raises(SnippetFailed) as failed:
        terminal.run(refused)

    message = str(failed.value)
    assert message.startswith(
        f"{relative(refused.target)}:4: the broker refused `no_such.setting = 5`: "
        "You've tried to set no_such.setting, but there is no setting with that name."
    ), message
    assert f"(shown on {relative(refused.page)}:7)" in message, message
    # Taken out again, and the node started without it, as a reader would.
    assert not (Path(broker.env["RABBITMQ_CONFIG_FILES"]) / "refused.conf").exists()
    assert broker.running, "the node was left down"
    assert broker.evaluate(DISK_LIMIT) != "200000000", "the refused fragment was applied"
