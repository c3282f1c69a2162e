"""Acknowledgements and prefetch (docs/work-queues.rst): what a dying worker loses, and who gets what."""

from __future__ import annotations

import ast

from tests.claims.observe import connections, printed_line, queue_depths, shown
from verify.isolation.processes import eventually


def test_a_worker_with_auto_ack_killed_mid_task_loses_it(broker, run, start):
    run("work_queues/new_task.py")
    worker = start("work_queues/worker_auto_ack.py")
    printed_line(worker, "Working on")

    worker.program.kill()

    # Once the broker has closed the dead worker's connection, an unacknowledged
    # task would be back in the queue: there is none.
    assert eventually(lambda: connections(broker) == 0), "the connection outlived the worker"
    assert queue_depths(broker)["task_queue"] == (0, 0), "the task was not lost"


def test_a_worker_killed_before_its_ack_leaves_the_task_to_the_next(broker, run, start):
    run("work_queues/new_task.py")
    worker = start("work_queues/worker.py")
    printed_line(worker, "Working on")

    worker.program.kill()

    depths = eventually(lambda: queue_depths(broker)["task_queue"] == (1, 0))
    assert depths, f"the task is not back in the queue: {queue_depths(broker)}"
    next_worker = start("work_queues/worker.py")
    printed_line(next_worker, "(redelivered")
    printed_line(next_worker, "Done")


def test_prefetch_shares_tasks_by_speed_and_no_prefetch_in_turn(run):
    printed = run("work_queues/fair_dispatch.py").splitlines()
    with_prefetch = ast.literal_eval(printed[0].split(": ", 1)[1])
    without_prefetch = ast.literal_eval(printed[1].split(": ", 1)[1])

    assert with_prefetch["fast"] > 2 * with_prefetch["slow"], with_prefetch
    assert without_prefetch == {"fast": 5, "slow": 5}


# What the work-queues page says each version has done, five seconds on, to a
# consumer that holds a task past a two-second consumer-timeout policy.
HELD = "the consumer still holds its task, unacknowledged"
TIMED_OUT = {
    "4.3.6": {
        "slow_classic": HELD,
        "slow_quorum": "the broker cancelled the consumer; its channel is open, 1 task ready in the queue",
    },
    # Before 4.3 the broker looks once a minute: nothing yet, five seconds on.
    "4.0.5": {"slow_classic": HELD, "slow_quorum": HELD},
    # No consumer-timeout policy (refused): only the node-wide 30 minutes.
    "3.10.8": {"slow_classic": HELD, "slow_quorum": HELD},
}


def test_a_consumer_past_its_timeout(broker, terminal, run):
    expected = TIMED_OUT[broker.lane.name]
    run("work_queues/set_ack_timeout.sh")
    terminal.save([shown("work_queues/hold_tasks.py")])

    printed = run("work_queues/run_hold_tasks.sh").splitlines()

    outcomes = dict(line.split(", 5 s on: ", 1) for line in printed)
    assert outcomes == expected, printed
    # The program has gone, and its connections: each task is back in its queue.
    back = eventually(
        lambda: [queue_depths(broker)[queue] for queue in expected] == [(1, 0), (1, 0)]
    )
    assert back, f"a task is not back in its queue: {queue_depths(broker)}"
