"""Each kind of snippet, chosen by suffix, behind one small protocol (protocol.py).

A kind says how the site shows a snippet and how a reader runs it: it
starts a snippet as its reader would, in the page's folder, and checks what
it printed against what the page shows. Running it to its end, or in the
background until Ctrl+C, is the same for every kind, and is here. KINDS is
the one list of them. Standard library only at import time: the Sphinx
extensions ask the kinds too.
"""

from __future__ import annotations

import signal
from pathlib import Path

from verify.core.captured import differences, expected_failure, keep, same
from verify.core.discovery import Include
from verify.core.layout import relative
from verify.run.failures import SnippetFailed, UnknownKind
from verify.run.kinds import conf, python, shell
from verify.run.kinds.protocol import Context, Kind, Run

__all__ = ["KINDS", "Context", "Kind", "Run", "SnippetFailed", "kind_of", "known"]

# Every kind of snippet the run knows: adding one is adding its module and its line here.
KINDS: dict[str, Kind] = {kind.suffix: kind for kind in (shell.KIND, python.KIND, conf.KIND)}

# How long a snippet run to its end may take, unless the run says otherwise.
TIMEOUT = Context.timeout
# How long a background snippet may take to print what its page shows.
BACKGROUND_TIMEOUT = 30
# A background snippet has settled, and the page may go on, once it has
# printed its first line and then nothing for this long.
SETTLED_AFTER = 0.25
# Capturing output anew, with nothing to wait for: a background snippet
# quiet for this long has printed what it will before Ctrl+C.
QUIET_BEFORE_CAPTURE = 5


def known(path: Path) -> Kind | None:
    """The kind of a file, by its suffix; None for a file of no kind (an output, a diagram)."""
    return KINDS.get(path.suffix)


def kind_of(path: Path) -> Kind:
    """The kind of a snippet the run is to run, or UnknownKind saying which ones there are."""
    kind = known(path)
    if kind is None:
        raise UnknownKind(
            f"{relative(path)} is not a kind of snippet that can be run: "
            f"the known kinds are {', '.join(sorted(KINDS))} (captured output is .out)"
        )
    return kind


def runs(include: Include) -> bool:
    """A snippet of a kind the run knows, which a page's run runs."""
    return include.is_snippet and known(include.target) is not None


def saved_in_folder(shown: list[Include]) -> list[Include]:
    """The snippets a reader saves in the page's folder (programs), which its terminal holds."""
    return [
        include for include in shown if (kind := known(include.target)) and kind.saved_in_folder
    ]


def programs_run_by(command: Path) -> list[str]:
    """The names of the programs of any kind that a shell snippet runs (``python3 send.py``)."""
    text = command.read_text()
    return [name for kind in KINDS.values() for name in kind.programs_run_by(text)]


def snippet_environment(base: dict[str, str]) -> dict[str, str]:
    """The environment of a reader's terminal, for every snippet of a run: as each kind needs it."""
    env = dict(base)
    for kind in KINDS.values():
        env = kind.environment(env)
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
    failing = expected_failure(include.target, context.lane)
    if failing is not None:
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
        keep(failing, printed)
    elif not same(failing.read_text(), printed):
        raise SnippetFailed(
            f"{where} failed on RabbitMQ {context.lane}, as {relative(failing)} says, but "
            f"printed something else (after normalising):\n"
            + differences(failing.read_text(), printed, relative(failing))
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
