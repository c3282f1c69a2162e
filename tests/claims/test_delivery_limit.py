"""Quorum queues' delivery limit (docs/quorum-queues.rst, docs/policies.rst): what counts as a
failed delivery on each version, and what happens to a message past the limit."""

from __future__ import annotations

import pytest

from tests.claims.observe import queue_depths, shown
from verify.isolation.processes import eventually

# What the quorum-queues page says each version does with a message handed
# back 30 times at most: deliveries seen, and whether the queue dropped it.
DEFAULT_LIMIT = {
    # version: {how it is handed back: (deliveries, dropped)}
    "4.3.6": {"reject": (21, True), "nack": (30, False), "disconnect": (21, True)},
    "4.0.5": {"reject": (21, True), "nack": (21, True), "disconnect": (21, True)},
    "3.10.8": {"reject": (30, False), "nack": (30, False), "disconnect": (30, False)},
}


@pytest.mark.parametrize("how", ["reject", "nack", "disconnect"])
def test_a_quorum_queue_drops_a_message_past_its_default_delivery_limit(broker, terminal, run, how):
    deliveries, dropped = DEFAULT_LIMIT[broker.lane.name][how]
    terminal.save([shown("quorum_queues/requeue_poison.py")])

    printed = run(f"quorum_queues/requeue_poison_{how}.sh").splitlines()

    assert printed[0].startswith(f"{how}: {deliveries} deliveries,"), printed
    queue = f"poison_{how}"
    if dropped:
        assert printed[1] == "then none: the queue dropped it, and holds 0 messages", printed
        assert queue_depths(broker)[queue] == (0, 0), queue_depths(broker)
    else:
        assert printed[1] == "and it still comes back", printed
        # The program has gone: the message it held is back in the queue.
        back = eventually(lambda: queue_depths(broker)[queue] == (1, 0))
        assert back, f"the message is not back in {queue}: {queue_depths(broker)}"


def test_a_delivery_limit_policy_dead_letters_past_the_limit(broker, terminal, run):
    # The dead-letter exchange and queue, as the dead-lettering page makes them.
    run("dead_lettering/expire_to_dead_letters.py")
    run("policies/set_delivery_limit.sh")
    terminal.save([shown("policies/retry_jobs.py")])

    printed = run("policies/run_retry_jobs.sh").splitlines()

    if broker.lane.name == "3.10.8":  # the policy was refused: no limit at all
        assert printed == ["jobs delivered it 10 times", "dead_letter_queue is empty"]
        return
    # The first delivery and three redeliveries, then dead-lettered, not dropped.
    assert printed == [
        "jobs delivered it 4 times",
        "'a job that always fails' dead-lettered from jobs: delivery_limit",
    ], printed
    depths = queue_depths(broker)
    assert depths["jobs"] == (0, 0), depths
    assert depths["dead_letter_queue"] == (0, 0), depths
