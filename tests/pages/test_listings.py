"""Every listing a page shows lists something: a banner and a header alone teach a reader nothing.

Read from the captured outputs (``snippets/**/name.out`` and what other brokers
printed, ``name.on-4.0.5.out``), so no broker is needed: for each listing
command a shown shell snippet runs (``rabbitmqctl list_queues``,
``rabbitmq-diagnostics listeners``, ``rabbitmqadmin list queues``, ...), its
part of the output must hold at least one row after its banner and header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from verify.core.captured import captured_output, lane_outputs
from verify.core.discovery import snippet_includes
from verify.core.lanes import lanes, primary
from verify.core.layout import relative as rel
from verify.run.kinds import known

# A command that prints a list, with the options before its name (-q, -s, -p vhost).
LISTING = re.compile(
    r"\b(?:(?:rabbitmqctl|rabbitmq-diagnostics|rabbitmq-streams|rabbitmq-queues)"
    r"(?:\s+-{1,2}[\w-]+(?:\s+(?!list)[^\s-]\S*)?)*\s+(?:list_\w+|listeners)\b"
    r"|rabbitmqadmin\s+list\s+\w+)[^|;&\n]*"
)
# Its output is read by the script, not shown: `$(rabbitmqctl ...)`, `... | grep -q`, a loop's test.
NOT_SHOWN = re.compile(r"\$\([^)]*$|^\s*(while|until|if)\b")
# The line a listing opens with, unless -q or -s drops it; then its header (unless -s).
BANNER = re.compile(r"^(Listing .*|Asking node \S+ to report its protocol listeners) ?\.\.\.$")
# Lines some other command of the snippet printed: its own banner, or a timeout line.
OTHER = re.compile(r"(\.\.\.|^Timeout: .*)$")


@dataclass(frozen=True)
class Listing:
    command: str

    @property
    def quiet(self) -> bool:
        return bool(re.search(r"\s-q\b|\s--quiet\b", self.command))

    @property
    def silent(self) -> bool:
        return bool(re.search(r"\s-s\b|\s--silent\b", self.command))

    @property
    def json(self) -> bool:
        return "--formatter json" in self.command

    @property
    def headed(self) -> bool:
        """Whether a header line comes before the rows (listeners have none)."""
        return not self.silent and not self.command.rstrip().endswith("listeners")


def listings_in(snippet: str) -> list[Listing]:
    found = []
    for line in snippet.splitlines():
        code = line.split("#", 1)[0]
        for match in LISTING.finditer(code):
            before, after = code[: match.start()], code[match.end() :]
            if NOT_SHOWN.search(before) or re.match(r"\s*\|\s*grep\s+-q", after):
                continue
            found.append(Listing(match.group(0).strip()))
    return found


def first_row(listing: Listing, lines: list[str], at: int) -> tuple[int | None, int]:
    """The index of the listing's first row in ``lines`` (None if it has none), and where to go on."""
    if listing.command.startswith("rabbitmqadmin"):
        # v1's table: a border, the header, a border, the rows, a border.
        borders = [i for i in range(at, len(lines)) if lines[i].startswith("+-")]
        if len(borders) < 2:
            return None, len(lines)
        row = borders[1] + 1
        found = row < len(lines) and lines[row].startswith("|")
        return (row if found else None), (borders[2] + 1 if len(borders) > 2 else len(lines))
    if listing.json:
        opening = next((i for i in range(at, len(lines)) if lines[i] == "["), None)
        if opening is None:
            return None, len(lines)
        row = opening + 1
        found = row < len(lines) and lines[row].startswith("{")
        return (row if found else None), row + 1
    start = at
    if not (listing.quiet or listing.silent):
        banner = next((i for i in range(at, len(lines)) if BANNER.match(lines[i])), None)
        if banner is None:
            return None, len(lines)
        start = banner + 1
    else:
        # Skip what the snippet's commands before it printed.
        while start < len(lines) and OTHER.search(lines[start]):
            start += 1
    row = start + (1 if listing.headed else 0)
    found = row < len(lines) and lines[row].strip() and not OTHER.search(lines[row])
    return (row if found else None), row + 1


def empty_listings(listings: list[Listing], output: str) -> list[str]:
    """The listings whose part of the output holds no row."""
    lines = output.splitlines()
    at, empty = 0, []
    for listing in listings:
        row, at = first_row(listing, lines, at)
        if row is None:
            empty.append(listing.command)
    return empty


def shown_listings() -> list:
    return [
        include
        for include in snippet_includes()
        if (kind := known(include.target)) is not None
        and kind.output_beside
        and listings_in(include.target.read_text())
        and captured_output(include.target).exists()
    ]


@pytest.mark.parametrize("include", shown_listings(), ids=lambda include: include.test_id)
def test_every_listing_lists_something(include):
    listings = listings_in(include.target.read_text())
    outputs = {
        f"RabbitMQ {primary(lanes()).name} and each broker without a file of its own": (
            captured_output(include.target)
        )
    }
    for lane, (how, path) in lane_outputs(
        captured_output(include.target), [lane.name for lane in lanes()]
    ).items():
        if how == "differs":
            outputs[f"RabbitMQ {lane}"] = path
    found = [
        f"{rel(path)} ({broker}): `{command}` lists nothing but its banner or header"
        for broker, path in outputs.items()
        for command in empty_listings(listings, path.read_text())
    ]
    assert not found, (
        f"{rel(include.page)}:{include.line} shows a listing a reader learns nothing from "
        "(make the page create what it lists first):\n  " + "\n  ".join(found)
    )


# The reading of an output, on outputs as the brokers print them.
@pytest.mark.parametrize(
    ("command", "output", "empty"),
    [
        ("rabbitmqctl list_queues name", "Listing queues for vhost / ...\nname\n", True),
        ("rabbitmqctl list_bindings", "Listing bindings for vhost /...\nsource_name\n\tq\n", False),
        (
            "rabbitmqctl list_queues name",
            "Timeout: 60.0 seconds ...\nListing queues ...\nname\nq\n",
            False,
        ),
        ("rabbitmqctl -q list_feature_flags name state | grep -v enabled", "name\tstate\n", True),
        ("rabbitmqctl -s list_queues name", "", True),
        ("rabbitmqctl -s list_queues name", "tasks\n", False),
        ("rabbitmqctl list_queues name --formatter json", "[\n]\n", True),
        ("rabbitmqadmin list queues name", "+------+\n| name |\n+------+\n+------+\n", True),
        (
            "rabbitmq-diagnostics listeners",
            "Asking node r@h to report its protocol listeners ...\n",
            True,
        ),
    ],
)
def test_an_empty_listing_is_told_from_a_full_one(command, output, empty):
    assert bool(empty_listings(listings_in(command), output)) == empty
