"""Configuration fragments: a ``rabbitmq.conf``-format file the reader saves in the node's conf.d/.

The page shows it as ``/etc/rabbitmq/conf.d/NAME.conf``. The run applies it
as a reader does: it saves the file in the conf.d directory of the node the
snippet runs on (``$RABBITMQ_CONFIG_FILES``, RabbitMQ 3.9 and later) and
restarts the node with ``systemctl restart rabbitmq-server``. A node that
refuses the fragment does not start again; the snippet then fails with the
line it refused and the broker's words, and the node is started again without it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from verify.core.discovery import Include, configuration_keys_in
from verify.core.layout import relative
from verify.isolation.processes import Program
from verify.run.failures import SnippetFailed
from verify.run.kinds.protocol import Context, Plain

# Where a Debian node reads its fragments, as the page names the file.
CONF_D = "/etc/rabbitmq/conf.d"
# The node's own conf.d directory, in its environment (verify/broker/node.py).
CONF_D_VARIABLE = "RABBITMQ_CONFIG_FILES"
RESTART = ["systemctl", "restart", "rabbitmq-server"]
# Applied as a reader applies it; refused, it is taken out again and the node
# started without it, as a reader would, so that the page's later snippets and
# the next pages find their broker running. (What the first restart printed
# is what the failure reports.)
APPLY = [
    "bash",
    "-c",
    f'{" ".join(RESTART)} && exit; status=$?; rm -f -- "$1"; '
    f"{' '.join(RESTART)} >/dev/null 2>&1; exit $status",
    "apply",
]
# A line of the node's log: 2026-12-05 09:47:25.160974+00:00 [error] <0.144.0> text
LOGGED_ERROR = re.compile(r"^\S+ \S+ \[error\] <[\d.]+> ?(?P<text>.*)$", re.MULTILINE)
# Where the broker's explanation of a refused configuration ends.
END_OF_REFUSAL = ("Error preparing configuration", "BOOT FAILED", "Error during startup")
# One setting: `disk_free_limit.relative = 1.0`.
SETTING = re.compile(r"^\s*(?P<key>[A-Za-z0-9_.$-]+)\s*=")


@dataclass
class ConfRun:
    include: Include
    program: Program
    context: Context

    def ready_to_interrupt(self) -> bool:
        return True

    def failure(self) -> str:
        refusal = refused_because(self.program.stderr)
        where = f"(shown on {relative(self.include.page)}:{self.include.line})"
        found = refused_line(self.include.target.read_text(), refusal)
        if found is None:
            return (
                f"{self.include.where}: the node did not start again with it "
                f"(`{' '.join(RESTART)}` exited with code {self.program.returncode}):\n"
                f"{self.program.stderr}{self.program.stdout}"
            )
        number, text = found
        return (
            f"{relative(self.include.target)}:{number}: the broker refused `{text}`: "
            f"{in_one_line(refusal)}\n  {where}; the node did not start again with it, and "
            "was started without it"
        )

    def printed_in_failing(self) -> str:
        return self.program.stdout + self.program.stderr

    def shown(self) -> str | None:
        # A fragment prints nothing; its page shows no output under it.
        return None

    def check(self) -> None:
        """The node started again with it: there is nothing printed to compare."""


def refused_because(printed: str) -> list[str]:
    """The broker's reasons for refusing its configuration, from what its log printed, one a line."""
    lines = [match["text"] for match in LOGGED_ERROR.finditer(printed)]
    reasons = []
    for line in lines:
        if line.startswith(END_OF_REFUSAL):
            break
        if line.strip():
            reasons.append(line.strip())
    if reasons:
        return reasons
    # Only the summary: its items, "  - Conf file attempted to set unknown variable: x".
    return [line.strip().removeprefix("- ") for line in lines if line.strip().startswith("- ")]


def in_one_line(reasons: list[str]) -> str:
    """The reasons as one sentence, a list that a line introduces ("Did you mean one of these?") by commas."""
    parts: list[str] = []
    listing = False
    for reason in reasons:
        if listing:
            parts[-1] += (" " if parts[-1].endswith(("?", ":")) else ", ") + reason
        else:
            parts.append(reason)
        listing = listing or reason.endswith(("?", ":"))
    return " ".join(parts)


def refused_line(fragment: str, reasons: list[str]) -> tuple[int, str] | None:
    """The line of the fragment whose key the broker names, and its text."""
    said = " ".join(reasons)
    for number, text in enumerate(fragment.splitlines(), start=1):
        setting = SETTING.match(text)
        if setting and re.search(rf"(?<![\w.]){re.escape(setting['key'])}(?![\w.])", said):
            return number, text.strip()
    return None


class ConfKind(Plain):
    """A configuration fragment, saved in the node's conf.d/ and applied by restarting the node."""

    suffix = ".conf"
    language = "ini"
    saved_in_folder = False
    output_beside = False

    def caption(self, name: str) -> str | None:
        return f"{CONF_D}/{name}"

    def keys_in(self, text: str) -> list[str]:
        return configuration_keys_in(text)

    def start(self, include: Include, context: Context) -> ConfRun:
        if include.background:
            raise SnippetFailed(
                f"{include.where} is a configuration fragment: it is applied, not run in the "
                "background (take `:class: background` off)"
            )
        directory = context.env.get(CONF_D_VARIABLE)
        if not directory or not Path(directory).is_dir():
            raise SnippetFailed(
                f"{include.where} is a configuration fragment, but its broker has no conf.d "
                f"directory of its own (${CONF_D_VARIABLE} names none) to save it in"
            )
        saved = Path(directory) / include.target.name
        shutil.copyfile(include.target, saved)
        program = Program([*APPLY, str(saved)], cwd=context.directory, env=context.env)
        return ConfRun(include, program, context)


KIND = ConfKind()
