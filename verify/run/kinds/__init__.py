"""Each kind of snippet, chosen by suffix, behind one small protocol.

A kind starts a snippet as its reader would, in the page's folder, and
checks what it printed against what the page shows. Running it to its end,
or in the background until Ctrl+C, is the same for every kind, and is here.
"""

from __future__ import annotations

import difflib
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from verify.core.discovery import Include, failing_output
from verify.core.layout import PROGRAM_SUFFIXES, relative
from verify.core.normalise import comparable, normalise
from verify.run.failures import SnippetFailed, UnknownKind
from verify.run.processes import Program

# How long a snippet run to its end may take.
TIMEOUT = 60
# How long a background snippet may take to print what its page shows.
BACKGROUND_TIMEOUT = 30
# A background snippet has settled, and the page may go on, once it has
# printed its first line and then nothing for this long.
SETTLED_AFTER = 0.25
# Capturing output anew, with nothing to wait for: a background snippet
# quiet for this long has printed what it will before Ctrl+C.
QUIET_BEFORE_CAPTURE = 5


@dataclass(frozen=True)
class Context:
    """Where and how a page's snippets run: its folder, environment and mode."""

    directory: Path
    env: dict[str, str]
    # Capture output anew instead of comparing with it.
    update: bool = False
    # Where a run keeps what is not the reader's (print records).
    scratch: Path | None = None
    # The programs the page shows, by file name, as saved in `directory`.
    programs: dict[str, Include] = field(default_factory=dict)
    # The broker the snippets run on when it is not the primary one, whose
    # output the pages show: what it prints is compared with what it printed
    # before where that differs (discovery.differing_output).
    lane: str | None = None
    # How long a snippet run to its end may take.
    timeout: float = TIMEOUT


class Run(Protocol):
    """One snippet running, started by its kind."""

    include: Include
    program: Program

    def ready_to_interrupt(self) -> bool:
        """It has printed all that its page shows before Ctrl+C."""

    def failure(self) -> str:
        """Why it exited with an error, in the author's words."""

    def printed_in_failing(self) -> str:
        """What its reader saw it print when it failed, on both its outputs."""

    def shown(self) -> str | None:
        """What its page shows it printed, as printed in this run (None: shown in the program itself)."""

    def check(self) -> None:
        """Compare what it printed with what the page shows (or capture it); raise SnippetFailed."""


class Kind(Protocol):
    suffix: str

    def start(self, include: Include, context: Context) -> Run:
        """Start the snippet as its reader would; raise SnippetFailed if it cannot be."""


def kind_of(path: Path) -> Kind:
    from verify.run.kinds import python, shell

    kinds: dict[str, Kind] = {kind.suffix: kind for kind in (python.KIND, shell.KIND)}
    assert sorted(kinds) == sorted(PROGRAM_SUFFIXES), "layout.PROGRAM_SUFFIXES and the kinds differ"
    try:
        return kinds[path.suffix]
    except KeyError:
        raise UnknownKind(
            f"{relative(path)} is not a kind of snippet that can be run: "
            f"the known kinds are {', '.join(sorted(kinds))} (captured output is .out)"
        ) from None


def snippet_environment(base: dict[str, str]) -> dict[str, str]:
    """The environment of a reader's terminal, for every snippet of a run."""
    env = dict(base)
    # `python3` is the interpreter of this run, which has the client installed.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    # A terminal shows each line as it is printed; a pipe would hold it back
    # until the program ends, and nobody could tell what it printed so far.
    env["PYTHONUNBUFFERED"] = "1"
    # A reader's shell has no PYTHONPATH pointing into this project.
    env.pop("PYTHONPATH", None)
    return env


def run_to_end(include: Include, context: Context, *, check: bool = True) -> Run:
    """Run a snippet in the foreground until it ends, and check it (unless told not to)."""
    timeout = context.timeout
    run = kind_of(include.target).start(include, context)
    try:
        finished = run.program.wait(timeout)
    finally:
        # Ctrl+C on the run itself, too, ends what the snippet started.
        if run.program.running:
            run.program.stop()
    if not finished:
        raise SnippetFailed(f"{include.where} did not finish within {timeout:g}s and was stopped")
    failing = failing_output(include.target, context.lane) if context.lane else None
    if failing is not None and failing.exists():
        check_failure(run, failing, context)
        return run
    if run.program.returncode != 0:
        raise SnippetFailed(run.failure())
    if check:
        run.check()
    return run


def check_failure(run: Run, failing: Path, context: Context) -> None:
    """A snippet its page says fails on this broker: it must, and print what it printed then."""
    program, where = run.program, run.include.where
    if program.returncode == 0:
        raise SnippetFailed(
            f"{where} ran on RabbitMQ {context.lane}, but {relative(failing)} says it fails "
            "there: remove that file, and capture what it prints there with "
            "`nox -s tests -- --update-examples`"
        )
    printed = run.printed_in_failing()
    if context.update:
        failing.write_text(normalise(printed))
    elif comparable(printed) != comparable(failing.read_text()):
        raise SnippetFailed(
            f"{where} failed on RabbitMQ {context.lane}, as {relative(failing)} says, but "
            f"printed something else (after normalising):\n"
            + unified_diff(comparable(failing.read_text()), comparable(printed), relative(failing))
        )


def unified_diff(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (captured)",
            tofile="printed now",
        )
    )


def start_in_background(include: Include, context: Context, *, settle: bool = True) -> Run:
    """Start a snippet in a terminal of its own; return once it has settled (unless told not to)."""
    run = kind_of(include.target).start(include, context)
    program = run.program
    if not settle:
        return run
    if not program.wait_until(lambda: program.lines > 0 or not program.running, BACKGROUND_TIMEOUT):
        program.stop()
        raise SnippetFailed(
            f"{include.where} printed nothing within {BACKGROUND_TIMEOUT}s of starting"
        )
    if program.lines == 0:
        raise SnippetFailed(
            run.failure()
            if program.returncode
            else f"{include.where} ended without printing anything"
        )
    program.quiet_for(SETTLED_AFTER, BACKGROUND_TIMEOUT)
    return run


def finish_in_background(run: Run, context: Context) -> None:
    """Press Ctrl+C once it has printed what its page shows and fallen quiet; check it."""
    program, include = run.program, run.include
    try:
        if context.update:
            program.wait_until(run.ready_to_interrupt, QUIET_BEFORE_CAPTURE)
            program.quiet_for(QUIET_BEFORE_CAPTURE, BACKGROUND_TIMEOUT)
        else:
            program.wait_until(run.ready_to_interrupt, BACKGROUND_TIMEOUT)
        # A reader presses Ctrl+C once it sits idle, not while it is still
        # acknowledging the message it just printed about.
        program.quiet_for(SETTLED_AFTER, SETTLED_AFTER * 4)
        interrupted = program.running
        if interrupted and not program.interrupt():
            raise SnippetFailed(f"{include.where} did not exit within 10s of Ctrl+C")
    finally:
        program.stop()
    if not ended_as_expected(program.returncode, interrupted):
        raise SnippetFailed(run.failure())
    run.check()


def ended_as_expected(returncode: int | None, interrupted: bool) -> bool:
    """A background program ended normally: by itself, by Ctrl+C, or killed on purpose."""
    # Killed on purpose by a later snippet (`pkill -KILL -f worker.py`): what
    # it printed until then is still checked.
    if returncode in (0, -signal.SIGKILL):
        return True
    # A program with no handler for Ctrl+C dies of it, printing a
    # KeyboardInterrupt traceback: what a reader pressing Ctrl+C sees, and
    # nothing wrong. (Through bash, which dies of the same signal.)
    return interrupted and returncode == -signal.SIGINT
