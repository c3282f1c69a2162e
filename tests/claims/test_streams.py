"""Streams (docs/streams.rst): consumers read from an offset, and reading removes nothing."""

from __future__ import annotations

import re

# What the page's consumers print for each message: its offset and body.
READ = re.compile(r"^offset (\d+): (.*)$", re.MULTILINE)


def read(printed: str) -> list[tuple[int, str]]:
    return [(int(offset), body) for offset, body in READ.findall(printed)]


def published(first: int, last: int) -> list[tuple[int, str]]:
    """Events `first` to `last` as a consumer from the stream's start reads them."""
    return [(number - 1, f"event {number}") for number in range(first, last + 1)]


def test_consumers_from_first_read_every_message_and_read_them_again(broker, run):
    assert run("streams/declare_stream.py") == "Published 5 events\n"

    # AMQP 0-9-1 consumers, one after the other: each reads all five.
    assert read(run("streams/read_from_first.py")) == published(1, 5)
    assert read(run("streams/read_from_first.py")) == published(1, 5)

    run("streams/enable_stream_plugin.sh")
    assert run("streams/send.py") == "Sent 3 events\n"

    # Stream protocol consumers: every message since the first, both times.
    assert read(run("streams/receive.py")) == published(1, 8)
    assert read(run("streams/receive.py")) == published(1, 8)


def test_a_stream_consumer_needs_a_per_consumer_prefetch_count(broker, run):
    run("streams/declare_stream.py")
    printed = run("streams/stream_refusals.py").splitlines()

    assert printed[0].startswith("406 PRECONDITION_FAILED - consumer prefetch count is not set")
    # Global QoS: refused like no count at all, until 4.3 denies the deprecated
    # feature and takes the count as a per-consumer one.
    if tuple(int(part) for part in broker.lane.rabbitmq.split(".")[:2]) >= (4, 3):
        assert printed[1] == "global QoS taken as per consumer: consuming", printed
    else:
        assert printed[1].startswith("406 PRECONDITION_FAILED"), printed
    assert printed[2].startswith("540 NOT_IMPLEMENTED - automatic acknowledgement"), printed


def test_past_its_retention_limit_a_stream_drops_its_oldest_messages(run):
    printed = run("streams/retention.py")

    assert printed == "Published 20 messages; offset 0 is gone: True\n", printed
