"""Run one snippet the way a reader would, and check what it printed.

- Shell snippets run under ``bash -euo pipefail``; their output must match the
  captured output kept beside them (``name.out``, shown on the page too).
- Python snippets are linted and run with pytest-examples; what they print
  must match their ``#>`` comments.
- A snippet the page runs "in a terminal of its own" (``:class: background``)
  runs in a process of its own while the page goes on; at the end of the page
  it is stopped with Ctrl+C (SIGINT), unless a later snippet killed it.

With ``update`` the captured output and ``#>`` comments are rewritten from the
live run instead. Every failure is reported by the snippet's file, line and
the page that shows it.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pika
import pytest
from pytest_examples import CodeExample, EvalExample
from pytest_examples import run_code as pytest_examples_run_code
from pytest_examples.run_code import Arg, InsertPrintStatements, PrintStatement

from tests.output import normalise
from tests.pages import PRINTED, Include, captured_output, rel

SHELL_TIMEOUT = 60
PYTHON_TIMEOUT = 30
# How long a background snippet may take to print what its #> comments show.
BACKGROUND_TIMEOUT = 30
BACKGROUND_EXIT_TIMEOUT = 10
# A background snippet has settled, and the page may go on, once it has
# printed its first line and then nothing for this long.
SETTLED_AFTER = 0.5

RUN_IN_BACKGROUND = Path(__file__).with_name("run_in_background.py")


class SnippetFailed(pytest.fail.Exception):
    """A test failure worded for the person who wrote the snippet, with no traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message, pytrace=False)


# -- shell ------------------------------------------------------------------------

# The ERR trap names the line of the snippet that failed, as bash counts it.
BASH = [
    "bash",
    "-euo",
    "pipefail",
    "-c",
    'trap \'echo "line $LINENO: $BASH_COMMAND" >&2\' ERR; . "$1"',
]


def run_shell(include: Include, *, env: dict[str, str], cwd: Path, update: bool) -> str:
    """Run a shell snippet and check (or capture) its output; return it, normalised."""
    printed = normalise(shell_output(include, env=env, cwd=cwd))
    expected_file = captured_output(include.target)
    # A command that prints nothing has no output file, and its page shows none.
    if update:
        if printed:
            expected_file.write_text(printed)
        else:
            expected_file.unlink(missing_ok=True)
        return printed
    if not printed and not expected_file.exists():
        return printed
    if not expected_file.exists():
        raise SnippetFailed(
            f"{include.where} has no captured output {rel(expected_file)}; "
            "capture it from the live broker with `nox -s tests -- --update-examples`."
        )
    expected = expected_file.read_text()
    if printed != expected:
        raise SnippetFailed(
            f"{include.where} printed something other than {rel(expected_file)} "
            "(after normalising):\n" + unified_diff(expected, printed, rel(expected_file))
        )
    return printed


def shell_output(include: Include, *, env: dict[str, str], cwd: Path) -> str:
    """Run a shell snippet; return what it printed, as it printed it."""
    return execute(include, [*BASH, include.target.name, str(include.target)], env=env, cwd=cwd)


# -- python -----------------------------------------------------------------------


class SnippetFile(CodeExample):
    """A whole script, not an example inside a Python docstring.

    pytest-examples formats examples found in a ``.py`` file without double
    blank lines, as docstrings want them; a script a reader saves keeps them.
    """

    def in_py_file(self) -> bool:
        return False


def lint(include: Include, eval_example: EvalExample, update: bool) -> CodeExample:
    example = SnippetFile.create(include.target.read_text(), path=include.target)
    try:
        if update:
            eval_example.format(example)
            write_updates(eval_example, include)
        else:
            eval_example.lint(example)
    except pytest.fail.Exception as failure:
        raise SnippetFailed(
            f"{include.where} is not formatted as it should be:\n{failure.msg}"
        ) from None
    return example


def run_python(include: Include, *, eval_example: EvalExample, update: bool) -> None:
    """Run a Python snippet in this process; its prints must match its #> comments."""
    example = lint(include, eval_example, update)
    copy = eval_example.tmp_path / f"{example.module_name}.py"
    # pytest-examples rebuilds a failing example's traceback out of hand-made
    # frames, which crash pytest (INTERNALERROR) on Python 3.11 when it renders
    # them, and carry no usable line. Keep the real traceback instead: it
    # points into a copy of the snippet, line for line, and is never rendered.
    real_traceback = patched(pytest_examples_run_code, "create_example_traceback", lambda *a: None)
    try:
        with real_traceback, deadline(PYTHON_TIMEOUT):
            if update:
                eval_example.run_print_update(example)
                write_updates(eval_example, include)
            else:
                eval_example.run_print_check(example)
    except pytest.fail.Exception as failure:
        raise SnippetFailed(f"{include.where}: {failure.msg}") from None
    except SnippetTimeout as timeout:
        raise SnippetFailed(f"{include.where} {timeout}") from None
    except Exception as error:
        raise SnippetFailed(describe_exception(include, error, copy)) from None
    finally:
        close_connections_left_open()


def code_lines(source: str) -> list[int]:
    """The numbers of a snippet's lines that are code, not printed output.

    Output is a ``#>`` line, or a block between two lines of just three
    double quotes, as pytest-examples writes long output.
    """
    numbers, in_output = [], False
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped == '"""':
            in_output = not in_output
        elif not in_output and not PRINTED.match(line):
            numbers.append(number)
    return numbers


def write_updates(eval_example: EvalExample, include: Include) -> None:
    """Write a rewritten snippet at once, rather than when the session ends.

    A snippet a page shows twice (a consumer started again, say) may print
    from other lines the second time; each run adds its own #> comments to the
    file as the one before left it.
    """
    for example in eval_example.to_update:
        include.target.write_text(example.source)
    eval_example.to_update.clear()


def describe_exception(include: Include, error: BaseException, copy: Path) -> str:
    """Name the snippet's line that raised, from the innermost frame in its copy."""
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if Path(traceback.tb_frame.f_code.co_filename) == copy:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    source = include.target.read_text().splitlines()
    at = f":{line}" if line else ""
    shown = f"\n    {line} | {source[line - 1].strip()}" if line and line <= len(source) else ""
    return (
        f"{rel(include.target)}{at} (shown on {rel(include.page)}:{include.line}) raised "
        f"{type(error).__name__}: {error}{shown}"
    )


def close_connections_left_open() -> None:
    """Close what a snippet that failed half-way left open in this process.

    Its connection stays open while pytest keeps the failure's traceback, and
    the broker cannot close it from its side without the client's answer.
    """
    for thing in gc.get_objects():
        if isinstance(thing, pika.BlockingConnection):
            # One that never opened has no is_open to ask.
            with suppress(Exception):
                if thing.is_open:
                    thing.close()


# -- background -------------------------------------------------------------------


class Background:
    """A Python snippet running in a terminal of its own while the page goes on."""

    def __init__(self, include: Include, *, env: dict[str, str], cwd: Path, eval_example, update):
        self.include = include
        self.eval_example = eval_example
        self.update = update
        self.example = lint(include, eval_example, update)
        handle, record = tempfile.mkstemp(
            prefix=f"{include.target.stem}-", suffix=".jsonl", dir=cwd
        )
        os.close(handle)
        self.record = Path(record)
        self.process = spawn(
            [sys.executable, "-u", str(RUN_IN_BACKGROUND), str(include.target), str(self.record)],
            env=env,
            cwd=cwd,
        )
        self.lines: list[str] = []
        self._arrived: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._arrived.put(line)

    def _take(self, timeout: float) -> bool:
        try:
            self.lines.append(self._arrived.get(timeout=timeout))
            return True
        except queue.Empty:
            return False

    def kill(self) -> None:
        """Kill it outright (SIGKILL), as a crash or a power cut would."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    @property
    def ended(self) -> bool:
        return self.process.poll() is not None

    def wait_for(self, text: str) -> str:
        """Wait until it prints a line containing `text`; return that line."""
        deadline_at = time.monotonic() + BACKGROUND_TIMEOUT
        while time.monotonic() < deadline_at:
            for line in self.lines:
                if text in line:
                    return line
            if not self._take(0.1) and self.ended:
                break
        raise SnippetFailed(
            f"{self.include.where} did not print {text!r}; it printed:\n" + "".join(self.lines)
        )

    def settle(self) -> None:
        """Wait until it has printed its first line and then fallen quiet."""
        deadline_at = time.monotonic() + BACKGROUND_TIMEOUT
        while not self.lines and time.monotonic() < deadline_at:
            if not self._take(0.1) and self.process.poll() is not None:
                break
        if not self.lines:
            self.stop()
            raise SnippetFailed(
                f"{self.include.where} printed nothing within {BACKGROUND_TIMEOUT}s "
                f"of starting{self._stderr()}"
            )
        while self._take(SETTLED_AFTER):
            pass

    def finish(self) -> str | None:
        """Stop it as a reader would; say what was wrong, if anything."""
        expected = len(PRINTED.findall(self.example.source))
        deadline_at = time.monotonic() + BACKGROUND_TIMEOUT
        while time.monotonic() < deadline_at:
            if self.update and not self._take(2 * SETTLED_AFTER):
                break
            if not self.update and len(self.lines) >= expected:
                break
            if not self._take(0.1) and self.process.poll() is not None:
                break
        if self.process.poll() is None:
            # A reader presses Ctrl+C once the snippet sits idle, not while it
            # is still acknowledging the message it just printed about.
            time.sleep(SETTLED_AFTER)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(BACKGROUND_EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.stop()
                return (
                    f"{self.include.where} did not exit within {BACKGROUND_EXIT_TIMEOUT}s of Ctrl+C"
                )
        self.stop()
        returncode = self.process.returncode
        # Killed on purpose by a later snippet (`pkill -KILL ...`): what it
        # printed until then is still checked.
        if returncode not in (0, -signal.SIGKILL):
            return f"{self.include.where} did not exit cleanly (exit code {returncode}){self._stderr()}"
        return self._check_prints()

    def _check_prints(self) -> str | None:
        prints = InsertPrintStatements(
            self.include.target, self.eval_example.config, True, None, None
        )
        recorded = self.record.read_text().splitlines() if self.record.exists() else []
        statements = [
            PrintStatement(entry["line"], entry["sep"], [Arg(arg) for arg in entry["args"]])
            for entry in map(json.loads, recorded)
        ]
        # pytest-examples inserts #> lines from the last print back, assuming
        # prints ran top to bottom; a consumer prints from its callback, above,
        # after its "Waiting" line, below. Order them by line (stably).
        prints.print_func.statements = sorted(statements, key=lambda s: s.line_no)
        # The file as it is now: another run of the same snippet may have
        # rewritten its #> comments since this one started, moving the lines
        # it printed from.
        example = SnippetFile.create(self.include.target.read_text(), path=self.include.target)
        moved = dict(zip(code_lines(self.example.source), code_lines(example.source), strict=True))
        for statement in prints.print_func.statements:
            statement.line_no = moved.get(statement.line_no, statement.line_no)
        if self.update:
            updated = prints.updated_print_statements(example)
            if updated:
                self.include.target.write_text(updated)
            return None
        try:
            prints.check_print_statements(example)
        except pytest.fail.Exception as failure:
            return f"{self.include.where}: {failure.msg}"
        return None

    def _stderr(self) -> str:
        if self.process.poll() is None:
            return ""
        return f":\n{self.process.stderr.read()}"

    def stop(self) -> None:
        end_session(self.process)


@dataclass
class PageRun:
    """What the snippets of one page share while they run, as a reader's terminal would."""

    directory: Path
    background: list[Background] = field(default_factory=list)

    def finish_background(self, *, ended_only: bool = False) -> list[str]:
        """Stop and check what runs in the background (or only what ended); say what was wrong."""
        done = [running for running in self.background if running.ended or not ended_only]
        problems = []
        for running in done:
            self.background.remove(running)
            try:
                problems.append(running.finish())
            finally:
                running.stop()
        return [problem for problem in problems if problem]


# -- shared -----------------------------------------------------------------------


def execute(include: Include, command: list[str], *, env: dict[str, str], cwd: Path) -> str:
    """Run a snippet to its end; return its stdout, or fail if it failed or hung."""
    process = spawn(command, env=env, cwd=cwd)
    try:
        stdout, stderr = process.communicate(timeout=SHELL_TIMEOUT)
    except subprocess.TimeoutExpired:
        stdout = None
    finally:
        end_session(process)
    if stdout is None:
        raise SnippetFailed(
            f"{include.where} did not finish within {SHELL_TIMEOUT}s and was stopped"
        )
    if process.returncode != 0:
        raise SnippetFailed(
            f"{include.where} failed with exit code {process.returncode}:\n{stderr}{stdout}"
        )
    return stdout


def run_script(include: Include, *, env: dict[str, str], cwd: Path) -> str:
    """Run a Python snippet as a reader does (``python3 name.py``); return its stdout."""
    return execute(include, [sys.executable, str(include.target)], env=env, cwd=cwd)


def spawn(command: list[str], **options) -> subprocess.Popen:
    """Start a snippet in a session of its own, so that all it starts can be stopped."""
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **options,
    )


def end_session(process: subprocess.Popen) -> None:
    """Stop what a snippet started, down to the last child."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


class SnippetTimeout(Exception):
    pass


@contextmanager
def deadline(seconds: float):
    """Interrupt a snippet running in this process that takes too long."""

    def expire(signum, frame):
        raise SnippetTimeout(f"did not finish within {seconds}s and was stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def patched(owner, name: str, value):
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def unified_diff(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (captured)",
            tofile="printed now",
        )
    )
