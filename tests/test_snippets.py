"""Run every snippet the pages include against the live broker, in page order.

Shell snippets run under ``bash -euo pipefail``; what they print must match
the captured output kept beside them (``name.out``, also shown on the page).
Python snippets are linted and run with pytest-examples; what they print
must match their ``#>`` comments. A snippet that consumes until Ctrl+C runs
in a process of its own and gets a SIGINT once it has printed its lines.

``--update-examples`` rewrites the captured output and ``#>`` comments from
the live run instead of comparing.
"""

from __future__ import annotations

import difflib
import gc
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pika
import pytest
from pytest_examples import CodeExample, EvalExample
from pytest_examples import run_code as pytest_examples_run_code
from pytest_examples.run_code import Arg, InsertPrintStatements, PrintStatement

from tests.broker import PrivateBroker
from tests.output import normalise
from tests.pages import Include, captured_output, rel, runnable_includes

SHELL_TIMEOUT = 60
PYTHON_TIMEOUT = 30
CONSUMER_TIMEOUT = 30
CONSUMER_EXIT_TIMEOUT = 10
IDLE_BEFORE_INTERRUPT = 0.5

RUN_CONSUMER = Path(__file__).with_name("run_consumer.py")
# Consumers loop until Ctrl+C; everything else runs to its end.
CONSUMES_UNTIL_INTERRUPTED = re.compile(r"\.start_consuming\(\)")
PRINTED = re.compile(r"^\s*#> ?(.*)$", re.M)


@pytest.mark.parametrize("include", runnable_includes(), ids=lambda include: include.test_id)
def test_snippet(include: Include, broker: PrivateBroker, request: pytest.FixtureRequest) -> None:
    if include.kind == "shell":
        run_shell(include, broker, request)
    elif CONSUMES_UNTIL_INTERRUPTED.search(include.target.read_text()):
        run_consumer(include, broker, request)
    else:
        run_python(include, request)


# -- shell ----------------------------------------------------------------------

# The ERR trap names the line of the snippet that failed, as bash counts it.
BASH = [
    "bash",
    "-euo",
    "pipefail",
    "-c",
    'trap \'echo "line $LINENO: $BASH_COMMAND" >&2\' ERR; . "$1"',
]


def run_shell(include: Include, broker: PrivateBroker, request: pytest.FixtureRequest) -> None:
    tmp_path = request.getfixturevalue("tmp_path")
    stdout, stderr, returncode = run_process(
        [*BASH, include.target.name, str(include.target)],
        include,
        env=broker.env,
        cwd=tmp_path,
        timeout=SHELL_TIMEOUT,
    )
    if returncode != 0:
        pytest.fail(
            f"{include.where} failed with exit code {returncode}:\n{stderr}{stdout}",
            pytrace=False,
        )
    printed = normalise(stdout)
    expected_file = captured_output(include.target)
    if request.getfixturevalue("update_examples"):
        expected_file.write_text(printed)
        return
    if not expected_file.exists():
        pytest.fail(
            f"{include.where} has no captured output {rel(expected_file)}; "
            "capture it from the live broker with `nox -s tests -- --update-examples`.",
            pytrace=False,
        )
    expected = expected_file.read_text()
    if printed != expected:
        pytest.fail(
            f"{include.where} printed something other than {rel(expected_file)} "
            "(after normalising):\n" + unified_diff(expected, printed, rel(expected_file)),
            pytrace=False,
        )


# -- python ---------------------------------------------------------------------


def run_python(include: Include, request: pytest.FixtureRequest) -> None:
    eval_example: EvalExample = request.getfixturevalue("eval_example")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    example = lint(include, request)
    # pytest-examples rebuilds a failing example's traceback out of hand-made
    # frames, which crash pytest (INTERNALERROR) on Python 3.11 when it renders
    # them, and carry no usable line. Keep the real traceback instead: it
    # points into a copy of the snippet, line for line, and is never rendered.
    monkeypatch.setattr(pytest_examples_run_code, "create_example_traceback", lambda *a: None)
    copy = eval_example.tmp_path / f"{example.module_name}.py"
    problem = None
    try:
        with deadline(PYTHON_TIMEOUT):
            if not request.getfixturevalue("update_examples"):
                eval_example.run_print_check(example)
            elif first_inclusion(include, request):
                eval_example.run_print_update(example)
            else:
                eval_example.run(example)
    except pytest.fail.Exception as failure:
        problem = f"{include.where}: {failure.msg}"
    except SnippetTimeout as timeout:
        problem = f"{include.where} {timeout}"
    except Exception as error:
        problem = describe_exception(include, error, copy)
    finally:
        close_connections_left_open()
    # Failing outside the except clauses keeps the report to our message.
    if problem:
        pytest.fail(problem, pytrace=False)


def close_connections_left_open() -> None:
    """Close what a snippet that failed half-way left open in this process.

    Its connection stays open while pytest keeps the failure's traceback, and
    the broker cannot close it from its side without the client's answer.
    """
    for thing in gc.get_objects():
        if isinstance(thing, pika.BlockingConnection) and thing.is_open:
            with suppress(Exception):
                thing.close()


def lint(include: Include, request: pytest.FixtureRequest) -> CodeExample:
    eval_example: EvalExample = request.getfixturevalue("eval_example")
    example = SnippetFile.create(include.target.read_text(), path=include.target)
    problem = None
    try:
        if request.getfixturevalue("update_examples") and first_inclusion(include, request):
            eval_example.format(example)
        else:
            eval_example.lint(example)
    except pytest.fail.Exception as failure:
        problem = f"{include.where} is not formatted as it should be:\n{failure.msg}"
    if problem:
        pytest.fail(problem, pytrace=False)
    return example


class SnippetFile(CodeExample):
    """A whole script, not an example inside a Python docstring.

    pytest-examples formats examples found in a ``.py`` file without double
    blank lines, as docstrings want them; a script a reader saves keeps them.
    """

    def in_py_file(self) -> bool:
        return False


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


def run_consumer(include: Include, broker: PrivateBroker, request: pytest.FixtureRequest) -> None:
    """Start the consumer, wait for its lines, press Ctrl+C, expect a clean exit."""
    example = lint(include, request)
    update = request.getfixturevalue("update_examples")
    expected_lines = len(PRINTED.findall(example.source))
    record = request.getfixturevalue("tmp_path") / "prints.json"
    process = spawn(
        [sys.executable, "-u", str(RUN_CONSUMER), str(include.target), str(record)],
        env=broker.env,
        cwd=record.parent,
    )
    try:
        printed = read_lines(process, expected_lines, until_quiet=update)
        if len(printed) < expected_lines and not update:
            pytest.fail(
                f"{include.where} printed {len(printed)} of the {expected_lines} lines its #> "
                f"comments show within {CONSUMER_TIMEOUT}s:\n" + "".join(printed),
                pytrace=False,
            )
        # A reader presses Ctrl+C once the consumer sits idle again, not while
        # the callback that printed the last line is still acknowledging.
        time.sleep(IDLE_BEFORE_INTERRUPT)
        process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=CONSUMER_EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            stderr = None
        if stderr is None:
            pytest.fail(
                f"{include.where} did not exit within {CONSUMER_EXIT_TIMEOUT}s of Ctrl+C",
                pytrace=False,
            )
        if process.returncode != 0:
            pytest.fail(
                f"{include.where} did not exit cleanly on Ctrl+C "
                f"(exit code {process.returncode}):\n{stderr}",
                pytrace=False,
            )
    finally:
        end_session(process)
    check_recorded_prints(include, example, record, request)


def read_lines(process: subprocess.Popen, count: int, until_quiet: bool) -> list[str]:
    """The consumer's lines, once it has printed `count` (or, updating, fell quiet)."""
    arrived: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [arrived.put(line) for line in process.stdout], daemon=True
    ).start()
    lines: list[str] = []
    stop = time.monotonic() + CONSUMER_TIMEOUT
    while (until_quiet or len(lines) < count) and time.monotonic() < stop:
        try:
            lines.append(arrived.get(timeout=2 if until_quiet and lines else 0.5))
        except queue.Empty:
            if (until_quiet and lines) or process.poll() is not None:
                break
    return lines


def check_recorded_prints(
    include: Include, example: CodeExample, record: Path, request: pytest.FixtureRequest
) -> None:
    eval_example: EvalExample = request.getfixturevalue("eval_example")
    prints = InsertPrintStatements(include.target, eval_example.config, True, None, None)
    prints.print_func.statements = [
        PrintStatement(statement["line"], statement["sep"], [Arg(arg) for arg in statement["args"]])
        for statement in json.loads(record.read_text())
    ]
    if request.getfixturevalue("update_examples"):
        updated = prints.updated_print_statements(example)
        if updated and first_inclusion(include, request):
            include.target.write_text(updated)
        return
    problem = None
    try:
        prints.check_print_statements(example)
    except pytest.fail.Exception as failure:
        problem = f"{include.where}: {failure.msg}"
    if problem:
        pytest.fail(problem, pytrace=False)


# -- shared ---------------------------------------------------------------------


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


def run_process(command, include: Include, *, timeout: float, **options) -> tuple[str, str, int]:
    process = spawn(command, **options)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stdout = None
    finally:
        end_session(process)
    if stdout is None:
        pytest.fail(
            f"{include.where} did not finish within {timeout}s and was stopped", pytrace=False
        )
    return stdout, stderr, process.returncode


def end_session(process: subprocess.Popen) -> None:
    """Stop what a snippet started, down to the last child."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
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


first_tests = pytest.StashKey[dict]()


def first_inclusion(include: Include, request: pytest.FixtureRequest) -> bool:
    """In update mode, a snippet that two pages include is rewritten by the first."""
    owners = request.config.stash.setdefault(first_tests, {})
    return owners.setdefault(include.target, request.node.nodeid) == request.node.nodeid


def unified_diff(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (captured)",
            tofile="printed now",
        )
    )
