"""The old examples' mistakes (docs/troubleshooting.rst): each one fails as the page says."""

from __future__ import annotations


def test_declaring_a_durable_queue_without_durable_is_refused(run):
    printed = run("troubleshooting/mistakes/inequivalent_declare.py")
    assert printed.startswith("ChannelClosedByBroker: (406)")
    assert "PRECONDITION_FAILED - inequivalent arg 'durable' for queue 'hello'" in printed


def test_the_pika_0x_basic_consume_call_is_a_type_error(run):
    printed = run("troubleshooting/mistakes/old_basic_consume.py")
    assert printed.startswith("TypeError(")
    assert "got multiple values for argument 'queue'" in printed


def test_the_duarable_typo_is_a_type_error(run):
    printed = run("troubleshooting/mistakes/duarable.py")
    assert printed.startswith("TypeError(")
    assert "unexpected keyword argument 'duarable'" in printed
