"""Policies (docs/policies.rst) and dead-lettering (docs/dead-lettering.rst): what the broker does to queues and their messages."""

from __future__ import annotations

import pytest

from tests.claims.observe import queue_depths, queue_policies
from verify.isolation.processes import eventually


def test_a_policy_changes_a_queue_that_already_exists(broker, run):
    run("policies/fill_inbox.py")
    assert queue_depths(broker)["inbox"] == (5, 0)
    assert queue_policies(broker)["inbox"] == ""

    run("policies/set_max_length.sh")

    # Nothing declared the queue again: the broker applied the policy to it as it was.
    assert eventually(lambda: queue_policies(broker)["inbox"] == "inbox-limits"), (
        f"inbox does not follow the policy: {queue_policies(broker)}"
    )
    assert eventually(lambda: queue_depths(broker)["inbox"] == (3, 0)), (
        f"the policy did not trim inbox to its limit: {queue_depths(broker)}"
    )
    # The limit made room by dropping the oldest messages.
    assert run("policies/drain_inbox.py") == "message 3\nmessage 4\nmessage 5\n"

    run("policies/clear_policy.sh")

    assert eventually(lambda: queue_policies(broker)["inbox"] == ""), (
        f"inbox still follows a policy once it was cleared: {queue_policies(broker)}"
    )
    # No limit any more: five messages published are five in the queue.
    run("policies/fill_inbox.py")
    assert queue_depths(broker)["inbox"] == (5, 0)


@pytest.mark.parametrize(
    ("program", "left", "reason"),
    [
        ("dead_lettering/expire_to_dead_letters.py", "short_lived", "expired"),
        ("dead_lettering/reject_to_dead_letters.py", "incoming", "rejected"),
        ("dead_lettering/overflow_to_dead_letters.py", "latest_only", "maxlen"),
    ],
)
def test_a_dead_lettered_message_says_why(broker, run, program, left, reason):
    printed = run(program)

    # What the program read from the x-death header of the message it got
    # from the dead-letter queue.
    dead_lettered = [line for line in printed.splitlines() if " dead-lettered from " in line]
    assert len(dead_lettered) == 1, printed
    assert dead_lettered[0].endswith(f" dead-lettered from {left}: {reason}"), dead_lettered[0]
    # It left its queue for good (not back in it), and its dead letter was taken.
    depths = queue_depths(broker)
    assert depths[left] == (0, 0), depths
    assert depths["dead_letter_queue"] == (0, 0), depths


def test_a_full_queue_refuses_publishes_and_an_unconfirmed_one_is_lost(broker, run):
    run("policies/fill_inbox.py")
    run("policies/set_reject_publish.sh")
    assert eventually(lambda: queue_depths(broker)["inbox"] == (3, 0)), (
        f"the policy did not trim inbox to its limit: {queue_depths(broker)}"
    )

    printed = run("policies/publish_to_full.py")

    # The publisher without confirms heard nothing; the one with them was told.
    assert printed == (
        "Published message 6, and heard nothing back\ninbox refused message 7: it is full\n"
    ), printed
    # Neither went in: message 6 is gone without a word to its publisher.
    assert queue_depths(broker)["inbox"] == (3, 0), queue_depths(broker)
    assert run("policies/drain_inbox.py") == "message 3\nmessage 4\nmessage 5\n"


def test_a_dead_letter_exchange_that_does_not_exist_loses_the_message(broker, run):
    printed = run("dead_lettering/reject_to_missing_exchange.py").splitlines()

    assert printed[:2] == ["Rejected 'an order'", "orphaned holds 0 messages"], printed
    # Not in the queue, not out with a consumer, and no exchange to have taken it.
    assert queue_depths(broker)["orphaned"] == (0, 0), queue_depths(broker)
    assert printed[2].startswith("404 NOT_FOUND - no exchange 'no_such_exchange'"), printed
