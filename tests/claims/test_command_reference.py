"""The command reference's syntax lines (conf/commands.toml) are the primary broker's own usage."""

from __future__ import annotations

import subprocess

import pytest

from verify import roots
from verify.discovery import reference_commands
from verify.lanes import lanes, primary
from verify.namespaces import ip

# What every command takes, which the reference says once instead of on each line.
EVERY_COMMAND_TAKES = " [--node <node>] [--longnames] [--quiet]"
# The `help COMMAND` heading the usage line comes under.
USAGE = "Usage"


def usage(tool: str, command: str) -> str:
    """The usage line of `tool help command`, as the primary broker's own CLI prints it."""
    lane = primary(lanes())
    roots.enter(lane)
    # In a network and PID namespace of its own: the CLI starts an epmd,
    # which would hold the port the worker's own broker is yet to take, and
    # which dies with the namespace when the CLI is done.
    isolated = ["unshare", "--net", "--pid", "--fork", "--kill-child", "sh", "-c"]
    helped = subprocess.run(
        [
            *isolated,
            f'{ip()} link set lo up && exec "$@"',
            "help",
            *roots.chroot(lane, [tool, "help", command]),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [line for line in helped.stdout.splitlines() if line.strip()]
    assert USAGE in lines, f"`{tool} help {command}` on {lane} printed no usage:\n{helped.stdout}"
    return lines[lines.index(USAGE) + 1].replace(EVERY_COMMAND_TAKES, "")


@pytest.mark.parametrize(
    "command", reference_commands(), ids=[command["name"] for command in reference_commands()]
)
def test_the_syntax_shown_is_the_brokers_own(command):
    tool, name = command["name"].split()
    broker = usage(tool, name)
    assert command["syntax"] == broker, (
        f"conf/commands.toml: the syntax of {command['name']} is not the broker's usage line\n"
        f"  shown:  {command['syntax']}\n  broker: {broker}"
    )
