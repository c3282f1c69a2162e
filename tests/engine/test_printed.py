"""What a Python program printed, print by print, is checked against its ``#>`` lines."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from verify.run.kinds.printed import Program, lines_run_after_interrupt
from verify.run.kinds.python import HOOK, RECORD, SOURCE


def run(tmp_path: Path, source: str) -> Program:
    """Run the program as a snippet runs (``python3 prog.py``, print hook on); read what it printed."""
    source = textwrap.dedent(source)
    path = tmp_path / "prog.py"
    path.write_text(source)
    record = tmp_path / "prog.jsonl"
    record.unlink(missing_ok=True)
    env = dict(os.environ, PYTHONPATH=str(HOOK), PYTHONUNBUFFERED="1")
    env[RECORD], env[SOURCE] = str(record), str(path)
    done = subprocess.run(
        [sys.executable, path.name], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    program = Program.read(path)
    assert program.take(record) == done.stdout
    return program


def shown_and_printed(program: Program) -> dict[int, tuple[list[str], list[str]]]:
    return {
        line: ([text for _, text in p.shown], p.printed)
        for line, p in sorted(program.prints.items())
    }


# (case, program, {first line of each print: (its #> lines, what it printed)})
ASSIGNED = [
    (
        "one line",
        """\
        print("Sent 'Hello World!'")
        #> Sent 'Hello World!'
        """,
        {1: (["Sent 'Hello World!'"], ["Sent 'Hello World!'"])},
    ),
    (
        "multi-line call",
        """\
        print(
            "Declared",
            "hello",
        )
        #> Declared hello
        """,
        {1: (["Declared hello"], ["Declared hello"])},
    ),
    (
        "in a loop",
        """\
        for n in range(3):
            print(n)
            #> 0
            #> 1
            #> 2
        print("done")
        #> done
        """,
        {2: (["0", "1", "2"], ["0", "1", "2"]), 6: (["done"], ["done"])},
    ),
    (
        "in a callback",
        """\
        def callback(body):
            print(f"Received {body!r}")
            #> Received b'one'
            #> Received b'two'


        for body in (b"one", b"two"):
            callback(body)
        """,
        {2: (["Received b'one'", "Received b'two'"], ["Received b'one'", "Received b'two'"])},
    ),
    (
        "in except KeyboardInterrupt",
        """\
        try:
            print("Waiting")
            #> Waiting
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            print("Interrupted")
            #> Interrupted
        """,
        {2: (["Waiting"], ["Waiting"]), 6: (["Interrupted"], ["Interrupted"])},
    ),
    (
        "several lines at once",
        """\
        print("a\\nb")
        #> a
        #> b
        print()
        #>
        """,
        {1: (["a", "b"], ["a", "b"]), 4: ([""], [""])},
    ),
]


@pytest.mark.parametrize(
    ("source", "expected"), [c[1:] for c in ASSIGNED], ids=[c[0] for c in ASSIGNED]
)
def test_each_print_gets_its_own_lines(tmp_path, source, expected):
    program = run(tmp_path, source)
    assert shown_and_printed(program) == expected
    assert program.stray == []


def test_a_leading_space_is_part_of_the_printed_line(tmp_path):
    # The tutorials print " [x] ...": `#> [x] ...` is read without the one
    # space after `#>`, so it shows another line than the one printed.
    program = run(
        tmp_path,
        """\
        def callback(body):
            print(f" [x] Received {body!r}")
            #> [x] Received b'one'
            #> [x] Received b'two'


        for body in (b"one", b"two"):
            callback(body)
        """,
    )
    assert program.mismatches("prog.py (shown on page.rst:1)", "prog.py") == [
        "prog.py:3: the print on line 2 printed other lines than its #> comments show:\n"
        "  shown:\n"
        "    #> [x] Received b'one'\n"
        "    #> [x] Received b'two'\n"
        "  printed:\n"
        "    #>  [x] Received b'one'\n"
        "    #>  [x] Received b'two'"
    ]


# (case, program, the problems found, as the snippet's author reads them)
MISMATCHES = [
    (
        "matches",
        """\
        print("Sent")
        #> Sent
        """,
        [],
    ),
    (
        "matches once normalised",
        """\
        print("OS PID: 4242")
        #> OS PID: 1
        """,
        [],
    ),
    (
        "not printed",
        """\
        for word in []:
            print(word)
            #> never printed
        """,
        [
            "prog.py:3: the print on line 2 printed nothing in this run, but its #> lines show:\n"
            "  #> never printed"
        ],
    ),
    (
        "printed but not shown",
        """\
        print("Sent")
        """,
        ["prog.py:1: this run printed lines that no #> comment shows:\n  #> Sent"],
    ),
    (
        "differs",
        """\
        x = 1
        print("Received", x)
        #> Received 2
        """,
        [
            "prog.py:3: the print on line 2 printed other lines than its #> comments show:\n"
            "  shown:\n    #> Received 2\n  printed:\n    #> Received 1"
        ],
    ),
    (
        "one line too few",
        """\
        for n in range(2):
            print(n)
            #> 0
        """,
        [
            "prog.py:3: the print on line 2 printed other lines than its #> comments show:\n"
            "  shown:\n    #> 0\n  printed:\n    #> 0\n    #> 1"
        ],
    ),
    (
        "stray",
        """\
        print("a")
        #> a

        #> b
        """,
        ["prog.py:4: `#> b` is under no print() call, so nothing it says was checked"],
    ),
    (
        "stray under another statement",
        """\
        x = 1
        #> 1
        print(x)
        #> 1
        """,
        ["prog.py:2: `#> 1` is under no print() call, so nothing it says was checked"],
    ),
]


@pytest.mark.parametrize(
    ("source", "problems"), [c[1:] for c in MISMATCHES], ids=[c[0] for c in MISMATCHES]
)
def test_mismatches_are_worded_for_the_author(tmp_path, source, problems):
    program = run(tmp_path, source)
    assert program.mismatches("prog.py (shown on page.rst:1)", "prog.py") == problems


# (case, program, the same program with its #> lines rewritten from the run)
REWRITTEN = [
    (
        "stale lines replaced, stray ones dropped",
        """\
        print("new")
        #> old
        #> older

        #> stray
        """,
        """\
        print("new")
        #> new

        """,
    ),
    (
        "one #> line per printed line, never a string literal",
        """\
        print("first\\nsecond\\n\\nfourth")
        """,
        """\
        print("first\\nsecond\\n\\nfourth")
        #> first
        #> second
        #>
        #> fourth
        """,
    ),
    (
        "a leading space kept",
        """\
        print(" [x] Sent 'Hello World!'")
        """,
        """\
        print(" [x] Sent 'Hello World!'")
        #>  [x] Sent 'Hello World!'
        """,
    ),
    (
        "long lines kept on one line",
        """\
        print("x" * 150)
        """,
        f"""\
        print("x" * 150)
        #> {"x" * 150}
        """,
    ),
    (
        "under the closing parenthesis of a multi-line call",
        """\
        print(
            "Declared",
            "hello",
        )
        """,
        """\
        print(
            "Declared",
            "hello",
        )
        #> Declared hello
        """,
    ),
    (
        "indented as the print in a loop, a callback, a handler",
        """\
        def callback(body):
            print(body)


        for body in ("a", "b"):
            callback(body)
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            print("Interrupted")
        """,
        """\
        def callback(body):
            print(body)
            #> a
            #> b


        for body in ("a", "b"):
            callback(body)
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            print("Interrupted")
            #> Interrupted
        """,
    ),
    (
        "in a finally block",
        """\
        try:
            pass
        finally:
            print("closed")
        """,
        """\
        try:
            pass
        finally:
            print("closed")
            #> closed
        """,
    ),
    (
        "after a call whose last argument spans lines",
        """\
        print(
            "Sent a message "
            "in two parts"
        )
        """,
        """\
        print(
            "Sent a message "
            "in two parts"
        )
        #> Sent a message in two parts
        """,
    ),
]


@pytest.mark.parametrize(
    ("source", "expected"), [c[1:] for c in REWRITTEN], ids=[c[0] for c in REWRITTEN]
)
def test_with_printed_rewrites_the_lines_from_the_run(tmp_path, source, expected):
    program = run(tmp_path, source)
    rewritten = program.with_printed()
    assert rewritten == textwrap.dedent(expected)
    assert '"""' not in rewritten and "'''" not in rewritten


@pytest.mark.parametrize(
    ("source", "expected"), [c[1:] for c in REWRITTEN], ids=[c[0] for c in REWRITTEN]
)
def test_a_rewritten_program_matches_its_next_run(tmp_path, source, expected):
    rewritten = run(tmp_path, source).with_printed()
    again = run(tmp_path, rewritten)
    assert again.mismatches("prog.py (shown on page.rst:1)", "prog.py") == []
    assert again.with_printed() == rewritten


# (case, program, the lines of the prints that run only after Ctrl+C)
TUTORIAL = """\
import os
import sys


def main():
    print(" [*] Waiting for messages. To exit press CTRL+C")
    consume()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Interrupted")
        try:
            sys.exit(0)
        except SystemExit:
            os._exit(0)
"""

AFTER_INTERRUPT = [
    ("the tutorials' pattern", TUTORIAL, {14}),
    (
        "prints after the try, in the same block",
        """\
        print("before")
        try:
            consume()
        except KeyboardInterrupt:
            pass
        print("after")
        if True:
            print("later still")
        """,
        {6, 8},
    ),
    (
        "bare except",
        """\
        try:
            print("in the try")
            consume()
        except:
            print("stopped")
        """,
        {5},
    ),
    (
        "a tuple, and BaseException",
        """\
        try:
            consume()
        except (ValueError, KeyboardInterrupt):
            print("one")
        try:
            consume()
        except BaseException:
            print("two")
        """,
        {4, 8},
    ),
    (
        "finally of such a try",
        """\
        try:
            consume()
        except KeyboardInterrupt:
            print("one")
        finally:
            print("two")
        """,
        {4, 6},
    ),
    (
        "in a function, after its try",
        """\
        def main():
            try:
                channel.start_consuming()
            except KeyboardInterrupt:
                channel.stop_consuming()
            print("closing")
            connection.close()
        """,
        {6},
    ),
    (
        "Exception does not catch Ctrl+C",
        """\
        try:
            consume()
        except Exception:
            print("failed")
        print("after")
        """,
        set(),
    ),
    (
        "a callback inside the try runs before",
        """\
        def callback(body):
            print(body)


        try:
            consume(callback)
        except KeyboardInterrupt:
            print("Interrupted")
        """,
        {8},
    ),
]


@pytest.mark.parametrize(
    ("source", "expected"), [c[1:] for c in AFTER_INTERRUPT], ids=[c[0] for c in AFTER_INTERRUPT]
)
def test_lines_run_after_interrupt(source, expected):
    assert lines_run_after_interrupt(textwrap.dedent(source)) == expected


def test_only_the_lines_before_ctrl_c_are_awaited(tmp_path):
    path = tmp_path / "consumer.py"
    path.write_text(
        TUTORIAL.replace(
            'CTRL+C")\n', 'CTRL+C")\n    #> [*] Waiting for messages. To exit press CTRL+C\n'
        ).replace('"Interrupted")\n', '"Interrupted")\n        #> Interrupted\n')
    )
    program = Program.read(path)
    assert program.counted_before_interrupt() == {6: 1}
    record = tmp_path / "record.jsonl"
    record.write_text('{"line": 6, "text": " [*] Waiting for messages. To exit press CTRL+C\\n"}\n')
    assert program.printed_so_far(record) == {6: 1}
