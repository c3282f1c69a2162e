"""Normalising captured output hides what varies between honest runs, and nothing else."""

from __future__ import annotations

import pytest

from verify.core.normalise import RULES, comparable, normalise

# (rule, what a snippet printed, what is compared): one case or more per rule.
HIDDEN = [
    (
        "terminal colours",
        "\x1b[1mStatus of node rabbit@localhost\x1b[0m",
        "Status of node rabbit@localhost",
    ),
    ("terminal colours", "\x1b[1;34mAlarms\x1b[0m", "Alarms"),
    ("process id", "OS PID: 48213", "OS PID: <pid>"),
    (
        "log line prefix",
        "2026-11-28 17:25:01.442758+00:00 [error] <0.219.0> BOOT FAILED",
        "<time> [error] <pid> BOOT FAILED",
    ),
    ("uptime", "Uptime (seconds): 17", "Uptime (seconds): <seconds>"),
    ("versions", "RabbitMQ version: 3.12.1", "RabbitMQ version: <version>"),
    (
        "versions",
        "Erlang configuration: Erlang/OTP 25 [erts-13.1.5] [64-bit]",
        "Erlang configuration: <version>",
    ),
    ("versions", "Crypto library: OpenSSL 3.0.11 19 Sep 2023", "Crypto library: <version>"),
    (
        "process counts",
        "Erlang processes: 402 used, 1048576 limit",
        "Erlang processes: <n> used, <n> limit",
    ),
    ("run queue", "Scheduler run queue: 1", "Scheduler run queue: <n>"),
    ("file descriptors", "Total: 2, limit: 1048479", "Total: <n>, limit: <n>"),
    ("file descriptors", "Sockets: 0, limit: 943629", "Sockets: <n>, limit: <n>"),
    ("memory and disk figures", "Total memory used: 0.0772 gb", "Total memory used: <n> gb"),
    ("memory and disk figures", "Free disk space: 112.4 gb", "Free disk space: <n> gb"),
    (
        "memory and disk figures",
        "Memory high watermark setting: 0.4 of available memory, computed to: 6.6 gb",
        "Memory high watermark setting: 0.4 of available memory, computed to: <n> gb",
    ),
    ("memory shares", "Share: (40.76 %)", "Share: (<n> %)"),
    (
        "node process id",
        "Closing connection <rabbit@localhost.1795896782.809.0>, reason: maintenance...",
        "Closing connection <rabbit@localhost.<pid>>, reason: maintenance...",
    ),
    (
        "CPU cores",
        "Node: rabbit@node1, available CPU cores: 2",
        "Node: rabbit@node1, available CPU cores: <n>",
    ),
    (
        "CPU cores",
        "Total CPU cores available cluster-wide: 6",
        "Total CPU cores available cluster-wide: <n>",
    ),
    (
        "client port",
        "Connection 127.0.0.1:53712 -> 127.0.0.1:5672",
        "Connection 127.0.0.1:<port> -> 127.0.0.1:5672",
    ),
    (
        "client port",
        "Connection [::1]:40000 -> [::1]:5672",
        "Connection [::1]:<port> -> [::1]:5672",
    ),
    (
        "node directory",
        "Log file(s): /tmp/rabbitmq-cheatsheet-k2j8x_1/log/rabbit@localhost.log",
        "Log file(s): <node dir>/log/rabbit@localhost.log",
    ),
]

# What a rule must never hide: it is what the snippet shows the reader.
KEPT = [
    # The disk limit is configured, so a change to it is a change to the page.
    "Low free disk space watermark: 0.05 gb",
    "Free disk space low watermark: 1.0 gb",
    # Queue names and message counts, as list_queues prints them.
    "Timeout: 60.0 seconds ...\nListing queues for vhost / ...\nname\tmessages\nhello\t1\ntask_queue\t0",
    "task_queue\t12",
    # The broker's own port is what the reader connects to.
    "amqp\t5672\t127.0.0.1",
    " [x] Sent 'Hello World!'",
    " [x] Received b'Hello World!'",
    "Messages: 5 ready, 0 unacknowledged",
    # Numbers that merely sit near a hidden one's words.
    "OS PID: none",
    "Uptime (seconds): not yet",
    "10 gbit link",
    "vhost /tmp/rabbitmq-other/queue",
    "user rabbit@localhost.example.org",
]


def rule(name: str):
    return next(pattern for rule_name, pattern, _ in RULES if rule_name == name)


def test_every_rule_has_a_case():
    assert [name for name, _, _ in RULES if name not in {case[0] for case in HIDDEN}] == []


@pytest.mark.parametrize(("name", "printed", "compared"), HIDDEN, ids=[case[0] for case in HIDDEN])
def test_a_rule_hides_what_varies(name, printed, compared):
    assert rule(name).search(printed), f"the rule {name!r} does not match {printed!r}"
    assert normalise(printed) == compared


@pytest.mark.parametrize("printed", KEPT)
def test_what_the_page_shows_is_kept(printed):
    assert normalise(printed) == printed


@pytest.mark.parametrize(("name", "printed", "compared"), HIDDEN, ids=[case[0] for case in HIDDEN])
def test_normalising_twice_changes_nothing_more(name, printed, compared):
    assert normalise(normalise(printed)) == compared


def test_two_runs_with_other_figures_compare_equal():
    first = "OS PID: 101\nUptime (seconds): 5\nTotal memory used: 0.07 gb\nhello\t1\n"
    second = "OS PID: 202\nUptime (seconds): 9\nTotal memory used: 0.09 gb\nhello\t1\n"
    assert normalise(first) == normalise(second)
    assert normalise(first) != normalise(second.replace("hello\t1", "hello\t2"))


def test_the_memory_breakdown_is_sorted_by_name_once_sizes_are_hidden():
    printed = (
        "Memory\n"
        "other_proc: 0.0302 gb (39.1 %)\n"
        "code: 0.0214 gb (27.7 %)\n"
        "allocated_unused: 0.0101 gb (13.1 %)\n"
        "\n"
        "File Descriptors\n"
    )
    assert normalise(printed) == (
        "Memory\n"
        "allocated_unused: <n> gb (<n> %)\n"
        "code: <n> gb (<n> %)\n"
        "other_proc: <n> gb (<n> %)\n"
        "\n"
        "File Descriptors\n"
    )


def test_only_the_memory_breakdown_is_sorted():
    printed = "zebra\t1\napple\t2\n"
    assert normalise(printed) == printed


def test_the_nodes_a_listing_row_names_compare_in_any_order():
    listed = "Listing queues for vhost / ...\nname\tmembers\norders\t[{}]\n"
    first = listed.format("rabbit@node2, rabbit@node1, rabbit@node3")
    second = listed.format("rabbit@node1, rabbit@node3, rabbit@node2")
    assert comparable(first) == comparable(second)
    assert comparable(first) != comparable(listed.format("rabbit@node1, rabbit@node2"))
    # What the page shows keeps the order the broker gave.
    assert normalise(first) == first


def test_a_traceback_compares_by_its_first_and_last_lines():
    # Where a program was when Ctrl+C came varies from run to run.
    sleeping = (
        " [*] Waiting\nTraceback (most recent call last):\n"
        '  File "/tmp/a/worker.py", line 9, in <module>\n    time.sleep(1)\nKeyboardInterrupt\n'
    )
    polling = (
        " [*] Waiting\nTraceback (most recent call last):\n"
        '  File "/tmp/b/worker.py", line 12, in <module>\n    channel.start_consuming()\n'
        '  File "/x/site-packages/pika/adapters/blocking_connection.py", line 1883, in start_consuming\n'
        "    self._process_data_events(time_limit=None)\nKeyboardInterrupt\n"
    )
    assert comparable(sleeping) == comparable(polling)
    assert comparable(sleeping) != comparable(sleeping.replace("KeyboardInterrupt", "ValueError"))
    # What the page shows keeps every frame.
    assert normalise(polling) == polling
