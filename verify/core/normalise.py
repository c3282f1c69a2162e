"""Normalise what a snippet printed, where it varies from run to run.

What a snippet printed and what its page shows are both normalised by these
rules before they are compared, so a rule only ever hides what differs
between two honest runs: process ids, uptimes, versions, memory and disk
figures, temporary paths, and the order of the rows of a listing, which
the broker gives in no fixed order. Everything else must match.
"""

from __future__ import annotations

import re

NUMBER = r"\d+(?:\.\d+)?"

RULES: list[tuple[str, re.Pattern[str], str]] = [
    # rabbitmqctl prints section titles in bold even into a pipe.
    ("terminal colours", re.compile(r"\x1b\[[0-9;]*m"), ""),
    ("process id", re.compile(r"^(OS PID: )\d+$", re.M), r"\1<pid>"),
    ("uptime", re.compile(r"^(Uptime \(seconds\): )\d+$", re.M), r"\1<seconds>"),
    (
        "versions",
        re.compile(r"^(RabbitMQ version|Erlang configuration|Crypto library): .*$", re.M),
        r"\1: <version>",
    ),
    (
        "process counts",
        re.compile(r"^(Erlang processes: )\d+ used, \d+ limit$", re.M),
        r"\1<n> used, <n> limit",
    ),
    ("run queue", re.compile(r"^(Scheduler run queue: )\d+$", re.M), r"\1<n>"),
    (
        "file descriptors",
        re.compile(r"^(Total|Sockets): \d+, limit: \d+$", re.M),
        r"\1: <n>, limit: <n>",
    ),
    # Figures in gb are memory use and free disk space; the disk limit is
    # configured, so it stays.
    ("memory and disk figures", re.compile(rf"(?<!watermark: )(?<![\d.]){NUMBER} gb\b"), "<n> gb"),
    ("memory shares", re.compile(rf"\({NUMBER} %\)"), "(<n> %)"),
    # An Erlang process on the node, as rabbitmqctl names a connection:
    # <rabbit@localhost.1795896782.809.0>.
    (
        "node process id",
        re.compile(r"<rabbit@[\w.-]+?\.\d+\.\d+\.\d+>"),
        "<rabbit@localhost.<pid>>",
    ),
    # The machine's, which the broker reports per node and in total.
    (
        "CPU cores",
        re.compile(r"(available CPU cores: |CPU cores available cluster-wide: )\d+$", re.M),
        r"\1<n>",
    ),
    ("client port", re.compile(r"(127\.0\.0\.1|\[::1\]):\d+ -> "), r"\1:<port> -> "),
    # A line of the node's log: when, how grave, which Erlang process.
    (
        "log line prefix",
        re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+[+-]\d\d:\d\d (\[\w+\]) <[\d.]+> ", re.M),
        r"<time> \1 <pid> ",
    ),
    # The harness keeps the node's files in a temporary directory.
    ("node directory", re.compile(r"/tmp/rabbitmq-cheatsheet-[^/\s]+"), "<node dir>"),
]


def without_colours(text: str) -> str:
    """What a terminal shows of colours and bold, on a web page: the text."""
    return RULES[0][1].sub("", text)


def normalise(text: str) -> str:
    for _name, pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return _sort_memory_breakdown(text)


# A row of a listing, which the broker gives in no fixed order:
# `rabbitmqctl list_*` prints tab-separated rows (one column: one value a
# line) under a "Listing ... ..." banner and a header, and `rabbitmq-plugins`
# one indented name a line.
TABLE_ROW = re.compile(r"^.*\t.*$|^  [\w.-]+$")
BANNER = re.compile(r"^Listing .* \.\.\.$")
# A list of nodes in a listing (a quorum queue's members), which the broker
# gives in no fixed order either: [rabbit@node2, rabbit@node1].
NODE_LIST = re.compile(r"\[([\w.-]+@[\w.-]+(?:, [\w.-]+@[\w.-]+)+)\]")


# The frames of a Python traceback: where a program was when Ctrl+C came
# varies from run to run; its first and last lines do not.
TRACEBACK_FRAMES = re.compile(r"^(Traceback \(most recent call last\):\n)(?:  .*\n)+", re.M)


def _in_order(nodes: re.Match[str]) -> str:
    return "[" + ", ".join(sorted(nodes[1].split(", "))) + "]"


def comparable(text: str) -> str:
    """Normalised, with each listing's rows, and the nodes listed in a row, in one order:
    the form in which outputs are compared."""
    out: list[str] = []
    rows: list[str] = []
    # 0: not in a listing; 2: the banner was the line before the header; 1: in its rows.
    listing = 0
    for line in TRACEBACK_FRAMES.sub(r"\1  ...\n", normalise(text)).split("\n") + [""]:
        if listing == 2:
            listing = 1
        elif (listing == 1 and line) or TABLE_ROW.match(line):
            rows.append(NODE_LIST.sub(_in_order, line))
            continue
        else:
            listing = 0
        out.extend(sorted(rows))
        rows = []
        out.append(line)
        if BANNER.match(line):
            listing = 2
    return "\n".join(out[:-1])


MEMORY_LINE = re.compile(r"^[a-z_]+: <n> gb \(<n> %\)$")


def _sort_memory_breakdown(text: str) -> str:
    """`rabbitmqctl status` lists memory by size; once the sizes are hidden, by name."""
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []
    for line in lines + [""]:
        if MEMORY_LINE.match(line):
            run.append(line)
            continue
        out.extend(sorted(run))
        run = []
        out.append(line)
    return "\n".join(out[:-1])
