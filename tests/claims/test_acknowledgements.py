"""Acknowledgements and prefetch (docs/work-queues.rst): what a dying worker loses, and who gets what."""

from __future__ import annotations

import ast

from tests.claims.observe import connections, printed_line, queue_depths
from verify.processes import eventually


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
