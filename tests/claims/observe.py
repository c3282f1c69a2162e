"""What the claims look at: the snippets the pages show, queues, and what programs printed."""

from __future__ import annotations

import pytest

from verify.broker.node import PrivateBroker
from verify.core.discovery import Include, snippet_includes
from verify.core.layout import SNIPPETS
from verify.run.kinds import Run


def shown(name: str) -> Include:
    """The snippet snippets/NAME as its first page shows it."""
    for include in snippet_includes():
        if include.target == SNIPPETS / name:
            return include
    pytest.fail(f"no page shows snippets/{name}, so there is no claim of it to test")


def printed_line(running: Run, text: str, timeout: float = 30) -> str:
    """Wait until a program running in the background prints a line containing `text`."""
    program = running.program
    program.wait_until(lambda: text in program.stdout, timeout)
    found = [line for line in program.stdout.splitlines() if text in line]
    assert found, f"{running.include.where} did not print {text!r}; it printed:\n{program.stdout}"
    return found[0]


# Each queue of the default vhost: name, ready and unacknowledged messages.
QUEUE_DEPTHS = """
Items = [name, messages_ready, messages_unacknowledged],
[io_lib:format("~ts\t~w\t~w~n", [Name, Ready, Unacked])
 || Info <- rabbit_amqqueue:info_all(<<"/">>, Items),
    {resource, _, queue, Name} <- [proplists:get_value(name, Info)],
    Ready <- [proplists:get_value(messages_ready, Info)],
    Unacked <- [proplists:get_value(messages_unacknowledged, Info)]]"""


def queue_depths(broker: PrivateBroker) -> dict[str, tuple[int, int]]:
    """Each queue's (ready, unacknowledged) message counts, as `list_queues` shows them."""
    depths = {}
    for line in broker.evaluate(QUEUE_DEPTHS).splitlines():
        name, ready, unacked = line.split("\t")
        depths[name] = (int(ready), int(unacked))
    return depths


# Each queue of the default vhost and the policy it follows ("" for none).
QUEUE_POLICIES = """
Items = [name, policy],
[io_lib:format("~ts\t~ts~n", [Name, proplists:get_value(policy, Info)])
 || Info <- rabbit_amqqueue:info_all(<<"/">>, Items),
    {resource, _, queue, Name} <- [proplists:get_value(name, Info)]]"""


def queue_policies(broker: PrivateBroker) -> dict[str, str]:
    """The policy each queue follows, as `list_queues name policy` shows it."""
    return dict(line.split("\t") for line in broker.evaluate(QUEUE_POLICIES).splitlines())


def connections(broker: PrivateBroker) -> int:
    """How many client connections the broker has open."""
    return int(broker.evaluate("integer_to_list(length(rabbit_networking:connections()))"))


def alarms(broker: PrivateBroker) -> str:
    """The resource alarms in effect on the node, as Erlang prints them ("[]" for none)."""
    return broker.evaluate('io_lib:format("~p", [rabbit_alarm:get_alarms()])')


def connection_states(broker: PrivateBroker) -> str:
    """The state of each client connection (running, blocking, blocked, ...), as Erlang prints them."""
    listed = "[S || [{state, S}] <- rabbit_networking:connection_info_all([state])]"
    return broker.evaluate(f'io_lib:format("~p", [{listed}])')
