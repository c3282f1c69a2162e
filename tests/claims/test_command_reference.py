"""The command reference's syntax lines (conf/commands.toml) are the primary broker's own usage."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from verify.core.discovery import reference_commands
from verify.core.lanes import lanes, primary
from verify.isolation import roots
from verify.isolation.namespaces import own_namespaces

# What every command takes, which the reference says once instead of on each line.
EVERY_COMMAND_TAKES = " [--node <node>] [--longnames] [--quiet]"
# The `help COMMAND` heading the usage line comes under.
USAGE = "Usage"
# The CLI calls made at once: each spends most of a second starting its
# virtual machine, much of it waiting.
AT_ONCE = 4


def usage(name: str) -> str:
    """The usage line of `tool help command`, as the primary broker's own CLI prints it."""
    tool, command = name.split()
    lane = primary(lanes())
    # In a network and PID namespace of its own: the CLI starts an epmd,
    # which would hold the port the worker's own broker is yet to take, and
    # which dies with the namespace when the CLI is done.
    helped = subprocess.run(
        own_namespaces(roots.chroot(lane, [tool, "help", command]), label="help"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = [line for line in helped.stdout.splitlines() if line.strip()]
    if USAGE not in lines:
        return f"(no usage: `{tool} help {command}` on {lane} printed {helped.stdout!r})"
    return lines[lines.index(USAGE) + 1].replace(EVERY_COMMAND_TAKES, "")


@pytest.fixture(scope="module")
def usages() -> dict[str, str]:
    """Each command's usage line, asked of the CLI a few commands at a time."""
    roots.enter(primary(lanes()))
    names = [command["name"] for command in reference_commands()]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        return dict(zip(names, pool.map(usage, names), strict=True))


@pytest.mark.parametrize(
    "command", reference_commands(), ids=[command["name"] for command in reference_commands()]
)
def test_the_syntax_shown_is_the_brokers_own(command, usages):
    broker = usages[command["name"]]
    assert command["syntax"] == broker, (
        f"conf/commands.toml: the syntax of {command['name']} is not the broker's usage line\n"
        f"  shown:  {command['syntax']}\n  broker: {broker}"
    )
