"""Talking to a running node in Erlang, over erl_call: an expression in, its value as text out.

The run's own questions go through erl_call, Erlang/OTP's client that talks
to the node directly: a few milliseconds, where each CLI call starts a
virtual machine of its own (about half a second of CPU). The snippets use the
CLI, as readers do.
"""

from __future__ import annotations

import base64
import re
import subprocess
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verify.broker.node import PrivateBroker

# Erlang/OTP's own client for talking to a node, from the lane's erlang-base.
ERL_CALL = "erl_call"
# How many times the run's own questions try to reach a running node.
CONNECT_ATTEMPTS = 3
# What erl_call prints for an expression that evaluated: {ok, "BASE64"}.
VALUE = re.compile(r"\{ok,\s*\"([A-Za-z0-9+/=]*)\"\}\s*")


class BrokerError(RuntimeError):
    """The broker cannot be started, reached or put back here; the message says what to do."""


def evaluate(node: PrivateBroker, expressions: str, timeout: float = 30) -> str:
    """Evaluate Erlang expressions on the node; return the last one's value, which is text."""
    # Base64, so that the text comes back whatever characters it holds.
    wrapped = f"base64:encode_to_string(unicode:characters_to_binary(begin {expressions} end)).\n"
    for attempt in range(CONNECT_ATTEMPTS):
        result = _erl_call(node, wrapped, timeout)
        # A node under load may miss a connection; it is still there.
        if "failed to connect" not in result.stderr or not node.running:
            break
        time.sleep(0.5 * (attempt + 1))
    value = VALUE.fullmatch(result.stdout)
    if result.returncode != 0 or value is None:
        raise BrokerError(
            f"erl_call could not evaluate this on {node.name} (exit code "
            f"{result.returncode}):\n{expressions}\n{result.stdout}{result.stderr}"
        )
    return base64.b64decode(value[1]).decode()


def _erl_call(node: PrivateBroker, wrapped: str, timeout: float) -> subprocess.CompletedProcess:
    with node.inside():
        return subprocess.run(
            node.inside_root([ERL_CALL, "-sname", node.name, "-e"]),
            input=wrapped,
            env=node.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def binary(text: str) -> str:
    """A string as an Erlang binary literal."""
    return '<<"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"/utf8>>'
