"""Shell snippets: run with ``bash -euo pipefail`` and checked against their captured output."""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass
from pathlib import Path

from verify.core.captured import capture, differences, expected_output, same
from verify.core.discovery import Include, commands_in, configuration_keys_in
from verify.core.layout import relative
from verify.core.normalise import without_colours
from verify.isolation.processes import Program
from verify.run.failures import SnippetFailed
from verify.run.kinds.protocol import Context, Plain

# The ERR trap names the line of the snippet that failed, as bash counts it.
# Python's report of an exception it did not handle, last on stderr.
TRACEBACK = "Traceback (most recent call last):"
TRAP_LINE = re.compile(r"^line \d+: .*\n?\Z", re.MULTILINE)
BASH = [
    "bash",
    "-euo",
    "pipefail",
    "-c",
    'trap \'echo "line $LINENO: $BASH_COMMAND" >&2\' ERR; . "$1"',
]


@dataclass
class ShellRun:
    include: Include
    program: Program
    context: Context

    @property
    def out(self) -> Path:
        """The file of what it printed before: on another broker, where that differs."""
        return expected_output(self.include.target, self.context.lane)

    @property
    def expected(self) -> str | None:
        return self.out.read_text() if self.out.exists() else None

    def ready_to_interrupt(self) -> bool:
        expected = self.expected
        if expected is None:
            return False
        # The lines the programs it runs print once interrupted, and the
        # traceback of one that does not handle Ctrl+C, come after Ctrl+C.
        before, _, _ = expected.partition(TRACEBACK)
        wanted = len(before.splitlines()) - self.lines_on_interrupt()
        return self.program.lines >= wanted

    def lines_on_interrupt(self) -> int:
        from verify.run.kinds import kind_of, programs_run_by

        count = 0
        for name in programs_run_by(self.include.target):
            program = self.context.directory / name
            if program.exists():
                count += kind_of(program).lines_after_interrupt(program.read_text())
        return count

    def failure(self) -> str:
        return (
            f"{self.include.where} failed with exit code {self.program.returncode}:\n"
            f"{self.program.stderr}{self.program.stdout}"
        )

    def shown(self) -> str | None:
        return without_colours(self.printed())

    def printed(self) -> str:
        """What its reader's terminal showed: with what went to stderr when it did not end well."""
        # Ended by Ctrl+C, a program with no handler for it prints a traceback.
        if self.program.returncode not in (0, -signal.SIGKILL):
            return self.printed_in_failing()
        return self.program.stdout

    def printed_in_failing(self) -> str:
        # Not the line the run's ERR trap adds, which the reader's shell does not print.
        stderr = TRAP_LINE.sub("", self.program.stderr)
        return self.program.stdout + stderr

    def check(self) -> None:
        printed = self.printed()
        if self.context.update:
            capture(self.include.target, self.context.lane, printed)
            return
        out, expected = self.out, self.expected
        if expected is None:
            if printed:
                raise SnippetFailed(
                    f"{self.include.where} printed output, but there is no {relative(out)} to "
                    "compare it with; capture it from the live broker with "
                    "`nox -s tests -- --update-examples`, and show it on the page under the command:\n"
                    + printed
                )
            return
        if not same(expected, printed):
            raise SnippetFailed(
                f"{self.include.where} printed something other than {relative(out)} "
                "(after normalising):\n" + differences(expected, printed, relative(out))
            )


class ShellKind(Plain):
    """Commands a reader types in a terminal; what they print is kept beside them (name.out)."""

    suffix = ".sh"
    language = "bash"
    saved_in_folder = False
    output_beside = True

    def commands_in(self, text: str) -> list[str]:
        return commands_in(text)

    def keys_in(self, text: str) -> list[str]:
        return configuration_keys_in(text)

    def start(self, include: Include, context: Context) -> ShellRun:
        from verify.run.kinds import kind_of, programs_run_by

        # A program the command runs is checked like one the page runs itself.
        for name in programs_run_by(include.target):
            if name in context.programs:
                program = context.programs[name]
                kind_of(program.target).refresh(program, context)
        command = [*BASH, include.target.name, str(include.target)]
        return ShellRun(include, Program(command, cwd=context.directory, env=context.env), context)


KIND = ShellKind()
