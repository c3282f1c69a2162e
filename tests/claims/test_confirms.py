"""Publisher confirms (docs/publisher-confirms.rst): what a confirm says, and what it does not."""

from __future__ import annotations

from tests.claims.observe import queue_depths


def test_a_confirm_alone_does_not_say_a_queue_has_the_message(broker, run):
    printed = run("confirms/publisher_confirms.py")

    # Confirmed, though no queue took it: it is nowhere.
    assert "order 2 confirmed, and dropped" in printed, printed
    # The returned one and the refused one raised instead of returning.
    assert "order 3 returned: NO_ROUTE" in printed, printed
    assert "order 5 refused" in printed, printed
    depths = queue_depths(broker)
    assert "no-such-queue" not in depths, depths
    # Ready, unacknowledged: the confirmed order 1, and order 4 but not order 5.
    assert depths["orders"] == (1, 0), depths
    assert depths["orders_capped"] == (1, 0), depths
