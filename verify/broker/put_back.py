"""Snapshot a broker's state and put it back, by walking the rows of verify/broker/state.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verify.broker.erl_call import BrokerError
from verify.broker.state import KINDS, Baseline, Kind
from verify.isolation.processes import eventually

if TYPE_CHECKING:
    from verify.broker.node import PrivateBroker

# The Erlang that lists every kind the node lists, one line per item.
LISTING = (
    "Lines = "
    + "\n  ++ ".join(kind.listing() for kind in KINDS if kind.read is None)
    + ',\nlists:join("\\n", Lines)'
)


def snapshot(node: PrivateBroker) -> frozenset[str]:
    """What a snippet may change: one line per queue, exchange, user, ..."""
    return lines(node, node.evaluate(LISTING))


def lines(node: PrivateBroker, listed: str) -> frozenset[str]:
    """The lines the node listed, and those of the kinds read from its files."""
    read = [line for kind in KINDS if kind.read is not None for line in kind.read(node.env)]
    return frozenset([*(line for line in listed.splitlines() if "\t" in line), *read])


def undo(now: frozenset[str], baseline: frozenset[str], env: dict[str, str]) -> list[str]:
    """Erlang expressions that take the broker from `now` back to `baseline`, kind by kind."""
    before = Baseline(names("user", baseline), names("vhost", baseline), env)
    added = [line.split("\t") for line in sorted(now - baseline)]
    removed = [line.split("\t") for line in sorted(baseline - now)]
    actions = []
    for kind in KINDS:
        if kind.added is not None:
            actions += [
                kind.added(fields, before)
                for name, *fields in added
                if name == kind.name and not gone_with_its_vhost_or_user(kind, fields, before)
            ]
        if kind.removed is not None:
            actions += [
                kind.removed(fields, before) for name, *fields in removed if name == kind.name
            ]
    return [action for action in actions if action is not None]


def names(kind: str, lines: frozenset[str]) -> frozenset[str]:
    return frozenset(line.split("\t")[1] for line in lines if line.startswith(kind + "\t"))


def gone_with_its_vhost_or_user(kind: Kind, fields: list[str], before: Baseline) -> bool:
    """Whether an item went with a vhost or user the page added, which the put-back deletes."""
    return (kind.vhost is not None and fields[kind.vhost] not in before.vhosts) or (
        kind.user is not None and fields[kind.user] not in before.users
    )


def put_back(node: PrivateBroker, baseline: frozenset[str]) -> None:
    """Undo what snippets did since `baseline` was taken, or say what cannot be undone.

    One call tells whether anything changed, and one more undoes it all and
    tells the state after.
    """
    now = snapshot(node)
    if now == baseline:
        return
    actions = undo(now, baseline, node.env)
    if actions:
        now = lines(node, node.evaluate(",\n".join([*actions, LISTING])))
    if now != baseline:
        now = eventually(lambda: snapshot(node) == baseline and baseline, 5) or snapshot(node)
    if now != baseline:
        raise BrokerError(
            "the broker could not be put back as it was:\n"
            + "".join(f"  now:    {line}\n" for line in sorted(now - baseline))
            + "".join(f"  before: {line}\n" for line in sorted(baseline - now))
        )
