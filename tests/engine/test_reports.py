"""Whole runs of the plugin on sample pages: each failure is reported in the author's words."""

from __future__ import annotations

import datetime
import json
import re
import textwrap
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.engine.stand_in import FACTORY as STAND_IN
from tests.engine.stand_in import brokers_file
from verify.core.discovery import fingerprint
from verify.core.layout import ROOT
from verify.run.kinds import KINDS

CONSUMER = """\
import os
import sys
import time


def main():
    print(" [*] Waiting for messages. To exit press CTRL+C")
    #>  [*] Waiting for messages. To exit press CTRL+C
    while True:
        time.sleep(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("Interrupted")
        #> Interrupted
        try:
            sys.exit(0)
        except SystemExit:
            os._exit(0)
"""


# The stand-in broker's version, which names its part of the run.
LANE = "3.99.1"


class Sample:
    """A project of one page, docs/page.rst, whose snippets are in snippets/p/."""

    def __init__(
        self,
        pytester: pytest.Pytester,
        shown: list[str],
        files: dict[str, str],
        *,
        timeout: float = 10,
        lanes: tuple[str, ...] = (LANE,),
    ):
        self.pytester = pytester
        self.root = pytester.path
        self.page = self.root / "docs" / "page.rst"
        # The line of the page that includes each file.
        self.line: dict[str, int] = {}
        lines = ["Page", "===="]
        for spec in shown:
            name, _, classes = spec.partition(" ")
            lines.append("")
            self.line[name] = len(lines) + 1
            lines.append(f".. literalinclude:: ../snippets/p/{name}")
            if classes:
                lines.append(f"   :class: {classes}")
        self.page.parent.mkdir()
        self.page.write_text("\n".join(lines) + "\n")
        (self.root / "snippets" / "p").mkdir(parents=True)
        for name, text in files.items():
            self.file(name).write_text(textwrap.dedent(text))
        # Its brokers, stand-ins (tests/engine/stand_in.py), and how long a snippet may take.
        (self.root / "brokers.toml").write_text(brokers_file(lanes))
        self.timeout = timeout

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def snippets(self) -> Path:
        return self.root / "snippets"

    def file(self, name: str) -> Path:
        return self.root / "snippets" / "p" / name

    def where(self, name: str) -> str:
        return f"{self.file(name)} (shown on {self.page}:{self.line[name]})"

    def item(self, name: str, lane: str = LANE) -> str:
        return f"docs/page.rst::{lane}::page:{self.line[name]}:p/{name}"

    def run(self, *args: str) -> pytest.RunResult:
        # In this process: a run of its own costs a Python start-up and imports.
        return self.pytester.runpytest_inprocess(
            "-p",
            "no:examples",
            "-p",
            "verify.suite.plugin",
            f"--rootdir={self.root}",
            "-p",
            "no:cacheprovider",
            "--pages-dir=docs",
            "--snippets-dir=snippets",
            "--brokers-file=brokers.toml",
            f"--broker-factory={STAND_IN}",
            # Small, so that a sample that hangs is stopped quickly.
            f"--snippet-timeout={self.timeout}",
            "-rA",
            *args,
            "docs",
        )


@pytest.fixture(autouse=True)
def engine_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))


def outcomes(result: pytest.RunResult) -> dict[str, str]:
    """Each item's outcome, from the short summary (-rA)."""
    found = {}
    for line in result.stdout.lines:
        match = re.match(r"^(PASSED|FAILED|ERROR) (docs/\S+(?: \(Ctrl\+C\))?)", line)
        if match:
            found[match[2]] = match[1]
    return found


def shows(result: pytest.RunResult, *expected: str) -> None:
    """The output has these lines, one after the other."""
    lines = [line.rstrip() for line in result.stdout.lines]
    wanted = [line.rstrip() for line in expected]
    count = len(wanted)
    assert any(lines[i : i + count] == wanted for i in range(len(lines))), (
        "not found:\n" + "\n".join(wanted) + "\n\nin:\n" + result.stdout.str()
    )


def durations(result: pytest.RunResult) -> dict[tuple[str, str], float]:
    """(when, item) -> seconds, from --durations=0 -vv."""
    found = {}
    for line in result.stdout.lines:
        match = re.match(r"^(\d+(?:\.\d+)?)s (setup|call|teardown)\s+(docs/.+)$", line)
        if match:
            found[match[2], match[3]] = float(match[1])
    return found


def test_a_comment_whose_print_did_not_run_fails(pytester):
    sample = Sample(
        pytester,
        ["loop.py"],
        {
            "loop.py": """\
            for word in []:
                print(word)
                #> never printed
            """
        },
    )
    result = sample.run()
    assert outcomes(result) == {sample.item("loop.py"): "FAILED"}
    shows(
        result,
        f"{sample.where('loop.py')}:",
        f"{sample.file('loop.py')}:3: the print on line 2 printed nothing in this run, "
        "but its #> lines show:",
        "  #> never printed",
    )


def test_a_printed_line_with_no_comment_fails(pytester):
    sample = Sample(pytester, ["send.py"], {"send.py": 'print("Sent")\n'})
    result = sample.run()
    assert outcomes(result) == {sample.item("send.py"): "FAILED"}
    shows(
        result,
        f"{sample.where('send.py')}:",
        f"{sample.file('send.py')}:1: this run printed lines that no #> comment shows:",
        "  #> Sent",
    )


def test_a_program_sees_the_command_line_its_page_gives_it(pytester):
    sample = Sample(
        pytester,
        ["hello.py", "emit.py saved", "emit.sh", "emit.out"],
        {
            "hello.py": """\
            import sys

            print(sys.argv)
            #> ['hello.py']
            """,
            "emit.py": """\
            import sys

            print(sys.argv)
            """,
            "emit.sh": 'python3 emit.py kern.critical "A critical kernel error"\n',
            "emit.out": "['emit.py', 'kern.critical', 'A critical kernel error']\n",
        },
    )
    result = sample.run()
    # The saved program runs only through the command that runs it.
    assert outcomes(result) == {sample.item("hello.py"): "PASSED", sample.item("emit.sh"): "PASSED"}


def test_the_command_line_shown_is_the_one_compared(pytester):
    sample = Sample(
        pytester,
        ["emit.py saved", "emit.sh", "emit.out"],
        {
            "emit.py": "import sys\n\nprint(sys.argv)\n",
            "emit.sh": "python3 emit.py kern.critical\n",
            "emit.out": "['emit.py', 'kern.critical', 'A critical kernel error']\n",
        },
    )
    result = sample.run()
    assert outcomes(result) == {sample.item("emit.sh"): "FAILED"}
    shows(
        result,
        "-['emit.py', 'kern.critical', 'A critical kernel error']",
        "+['emit.py', 'kern.critical']",
    )


def test_a_consumer_that_handles_ctrl_c_passes_quickly(pytester):
    sample = Sample(
        pytester,
        ["consumer.py background", "send.py"],
        {"consumer.py": CONSUMER, "send.py": 'print("Sent")\n#> Sent\n'},
    )
    result = sample.run("--durations=0", "-vv")
    interrupt = f"{sample.item('consumer.py')} (Ctrl+C)"
    assert outcomes(result) == {
        sample.item("consumer.py"): "PASSED",
        sample.item("send.py"): "PASSED",
        interrupt: "PASSED",
    }
    # The page goes on while it runs; Ctrl+C comes at the page's end.
    assert list(outcomes(result)) == [sample.item("consumer.py"), sample.item("send.py"), interrupt]
    took = durations(result)
    # Settling after it starts, and Ctrl+C once it is quiet: half a second at most each.
    assert took["call", interrupt] < 2
    assert took["call", sample.item("consumer.py")] + took["call", interrupt] < 2


# A consumer as readers often find them: no handler for Ctrl+C.
NO_HANDLER = """\
import time

print("Waiting")
#> Waiting
while True:
    time.sleep(1)
"""


def test_a_background_program_with_no_ctrl_c_handler_ends_normally(pytester):
    # Ctrl+C ends it with a KeyboardInterrupt traceback, as in a reader's terminal.
    sample = Sample(
        pytester,
        ["consumer.py background", "send.py"],
        {"consumer.py": NO_HANDLER, "send.py": 'print("Sent")\n#> Sent\n'},
    )
    result = sample.run()
    assert outcomes(result) == {
        sample.item("consumer.py"): "PASSED",
        sample.item("send.py"): "PASSED",
        f"{sample.item('consumer.py')} (Ctrl+C)": "PASSED",
    }


def test_a_command_whose_program_dies_of_ctrl_c_shows_the_traceback(pytester):
    sample = Sample(
        pytester,
        ["consumer.py saved", "consume.sh background", "consume.out", "send.py"],
        {
            "consumer.py": NO_HANDLER,
            "consume.sh": "python3 consumer.py\n",
            "send.py": 'print("Sent")\n#> Sent\n',
        },
    )
    sample.run("--update-examples").assert_outcomes(passed=3)
    captured = sample.file("consume.out").read_text()
    assert captured.startswith("Waiting\nTraceback (most recent call last):\n"), captured
    assert captured.endswith("\nKeyboardInterrupt\n"), captured
    # Compared with what it printed then; Ctrl+C comes once "Waiting" is
    # printed, without waiting for the traceback's lines.
    result = sample.run("--durations=0", "-vv")
    result.assert_outcomes(passed=3)
    assert durations(result)["call", f"{sample.item('consume.sh')} (Ctrl+C)"] < 5


# A consumer that fails once the page's next program has run, and that
# program, which lets it fail before the page goes on: Ctrl+C finds it ended.
FAILS_ONCE_SENT = """\
import os
import time

print("Waiting")
#> Waiting
while not os.path.exists("sent"):
    time.sleep(0.05)
raise ValueError("no such queue")
"""
SEND_AND_WAIT = """\
import time
from pathlib import Path

Path("sent").touch()
print("Sent")
#> Sent
time.sleep(1)
"""


def test_a_background_program_that_fails_before_ctrl_c_fails_on_its_own_item(pytester):
    sample = Sample(
        pytester,
        ["consumer.py background", "send.py"],
        {
            "consumer.py": FAILS_ONCE_SENT,
            "send.py": SEND_AND_WAIT,
        },
    )
    result = sample.run()
    interrupt = f"{sample.item('consumer.py')} (Ctrl+C)"
    assert outcomes(result) == {
        sample.item("consumer.py"): "PASSED",
        sample.item("send.py"): "PASSED",
        interrupt: "FAILED",
    }
    shows(
        result,
        f"{sample.file('consumer.py')}:8 (shown on {sample.page}:{sample.line['consumer.py']}) "
        "raised ValueError: no such queue",
        '    8 | raise ValueError("no such queue")',
    )


def test_each_failure_is_headed_by_its_item(pytester):
    sample = Sample(
        pytester,
        ["consumer.py background", "loop.py"],
        {
            "consumer.py": FAILS_ONCE_SENT,
            "loop.py": SEND_AND_WAIT + "for word in []:\n    print(word)\n    #> never printed\n",
        },
    )
    result = sample.run()
    headings = [
        line.strip("_ ") for line in result.stdout.lines if re.fullmatch(r"_{3,} .+ _{3,}", line)
    ]
    assert headings == [
        f"page:{sample.line['loop.py']}:p/loop.py",
        f"page:{sample.line['consumer.py']}:p/consumer.py (Ctrl+C)",
    ]


def test_an_undefined_name_is_a_lint_error_at_its_line(pytester):
    sample = Sample(
        pytester, ["undefined.py"], {"undefined.py": 'print("Declared")\nprint(queue)\n'}
    )
    result = sample.run()
    assert outcomes(result) == {sample.item("undefined.py"): "FAILED"}
    shows(
        result,
        f"lint error in {sample.where('undefined.py')}:",
        f"  {sample.file('undefined.py')}:2:7: F821 Undefined name `queue`",
    )


def test_a_lint_error_ruff_can_fix_says_the_command_that_fixes_it(pytester):
    sample = Sample(pytester, ["greet.py"], {"greet.py": 'name = "x"\nprint("Hi %s" % name)\n'})
    result = sample.run()
    assert outcomes(result) == {sample.item("greet.py"): "FAILED"}
    shows(
        result,
        f"  {sample.file('greet.py')}:2:7: UP031 Use format specifiers instead of percent format",
        f"fix it with `ruff check --fix --unsafe-fixes {sample.file('greet.py')}`, then read the diff",
    )


def test_a_saved_program_is_linted_too(pytester):
    # Run only by the command under it, it is still a program the reader saves.
    sample = Sample(
        pytester,
        ["emit.py saved", "emit.sh", "emit.out"],
        {
            "emit.py": """\
            import sys

            if len(sys.argv) > 5:
                print(queue)
            print(sys.argv[1:])
            """,
            "emit.sh": "python3 emit.py info\n",
            "emit.out": "['info']\n",
        },
    )
    result = sample.run()
    assert "FAILED" in outcomes(result).values(), result.stdout.str()
    shows(result, f"lint error in {sample.where('emit.py')}:")
    assert "F821 Undefined name `queue`" in result.stdout.str()


def test_a_formatting_difference_is_named_as_one(pytester):
    sample = Sample(pytester, ["ugly.py"], {"ugly.py": "x = {\"a\":1}\nprint(x)\n#> {'a': 1}\n"})
    result = sample.run()
    assert outcomes(result) == {sample.item("ugly.py"): "FAILED"}
    shows(
        result,
        f"{sample.where('ugly.py')} is not formatted as black formats it "
        "(`nox -s tests -- --update-examples` formats it):",
    )
    shows(result, '  -x = {"a":1}', '  +x = {"a": 1}')


def test_an_exception_names_file_line_page_and_source(pytester):
    sample = Sample(
        pytester,
        ["raises.py"],
        {
            "raises.py": """\
            def declare(queue, durable=False):
                return queue


            declare("hello", duarable=True)
            """
        },
    )
    result = sample.run()
    assert outcomes(result) == {sample.item("raises.py"): "FAILED"}
    shows(
        result,
        f"{sample.file('raises.py')}:5 (shown on {sample.page}:{sample.line['raises.py']}) "
        "raised TypeError: declare() got an unexpected keyword argument 'duarable'",
        '    5 | declare("hello", duarable=True)',
    )


def test_hanging_snippets_are_stopped_and_named(pytester):
    sample = Sample(
        pytester,
        ["hangs.py", "hangs.sh"],
        {"hangs.py": "import time\n\ntime.sleep(10)\n", "hangs.sh": "sleep 10\n"},
        timeout=1,
    )
    started = time.monotonic()
    result = sample.run()
    took = time.monotonic() - started
    assert outcomes(result) == {
        sample.item("hangs.py"): "FAILED",
        sample.item("hangs.sh"): "FAILED",
    }
    # --snippet-timeout, as the sample's run was given it.
    shows(result, f"{sample.where('hangs.py')} did not finish within 1s and was stopped")
    shows(result, f"{sample.where('hangs.sh')} did not finish within 1s and was stopped")
    assert took < 10


def test_a_failing_shell_line_is_named(pytester):
    sample = Sample(pytester, ["fails.sh"], {"fails.sh": "true\nfalse\ntrue\n"})
    result = sample.run()
    assert outcomes(result) == {sample.item("fails.sh"): "FAILED"}
    shows(result, f"{sample.where('fails.sh')} failed with exit code 1:", "line 2: false")


def test_wrong_captured_output_shows_a_diff(pytester):
    sample = Sample(
        pytester,
        ["list.sh", "list.out"],
        {
            "list.sh": "printf 'hello\\t1\\ntask_queue\\t0\\n'\n",
            "list.out": "hello\t2\ntask_queue\t0\n",
        },
    )
    result = sample.run()
    assert outcomes(result) == {sample.item("list.sh"): "FAILED"}
    out = sample.file("list.out")
    shows(
        result,
        f"{sample.where('list.sh')} printed something other than {out} (after normalising):",
        f"--- {out} (captured)",
        "+++ printed now",
        "@@ -1,2 +1,2 @@",
        "-hello\t2",
        "+hello\t1",
        " task_queue\t0",
    )


def test_update_examples_captures_output_and_rewrites_comments(pytester):
    sample = Sample(
        pytester,
        ["list.sh", "list.out", "send.py"],
        {
            "list.sh": "echo 'hello 1'\n",
            "send.py": """\
            for word in ("Hello", "World"):
                print(f"Sent {word!r}")
                #> Sent 'Old'
            """,
        },
    )
    assert not sample.file("list.out").exists()
    result = sample.run("--update-examples")
    result.assert_outcomes(passed=2)
    assert sample.file("list.out").read_text() == "hello 1\n"
    assert sample.file("send.py").read_text() == (
        'for word in ("Hello", "World"):\n'
        '    print(f"Sent {word!r}")\n'
        "    #> Sent 'Hello'\n"
        "    #> Sent 'World'\n"
    )
    # What was captured is what the next run compares with.
    sample.run().assert_outcomes(passed=2)


def test_update_examples_keeps_the_lines_of_a_program_it_reformats(pytester):
    # Formatting joins the list onto one line: the print moves from line 5 to 2.
    sample = Sample(pytester, ["shift.py"], {"shift.py": "x = [\n    1,\n    2\n]\nprint(x)\n"})
    sample.run("--update-examples").assert_outcomes(passed=1)
    assert sample.file("shift.py").read_text() == "x = [1, 2]\nprint(x)\n#> [1, 2]\n"
    sample.run().assert_outcomes(passed=1)


def test_update_examples_refuses_part_of_a_page(pytester):
    sample = Sample(
        pytester, ["list.sh", "send.py"], {"list.sh": "echo 1\n", "send.py": 'print("Sent")\n'}
    )
    result = sample.run("--update-examples", "-k", "send")
    assert result.ret == 4
    assert (
        "_pytest.outcomes.Exit: --update-examples rewrites captured output from whole pages "
        f"only; these pages are only partly selected: {sample.page} on {LANE} (1 of 2) !"
    ) in result.stdout.str()
    assert sample.file("send.py").read_text() == 'print("Sent")\n'


def test_an_unknown_kind_is_a_collection_error_and_never_runs(pytester):
    marker = pytester.path / "ran"
    sample = Sample(
        pytester,
        ["first.sh", "app.js"],
        {
            "first.sh": f"touch {marker}\n",
            "app.js": f"require('fs').writeFileSync('{marker}', '')\n",
        },
    )
    result = sample.run()
    result.assert_outcomes(errors=1)
    shows(
        result,
        f"{sample.page}:{sample.line['app.js']}: {sample.file('app.js')} is not a kind of snippet "
        f"that can be run: the known kinds are {', '.join(sorted(KINDS))} (captured output is .out)",
    )
    assert any(line.startswith("ERROR docs/page.rst") for line in result.stdout.lines)
    assert not marker.exists()


PASSING = {
    "hello.py": 'print("Hello")\n#> Hello\n',
    "emit.py": "import sys\n\nprint(sys.argv[1:])\n",
    "emit.sh": "python3 emit.py info\n",
    "emit.out": "['info']\n",
}


def test_a_run_in_which_all_pass_writes_the_record(pytester):
    sample = Sample(pytester, ["hello.py", "emit.py saved", "emit.sh", "emit.out"], PASSING)
    records = pytester.path / "build" / "verified"
    result = sample.run(f"--verified-records={records}")
    result.assert_outcomes(passed=2)
    assert json.loads((records / f"{LANE}.json").read_text()) == {
        "brokers": [{"rabbitmq": "3.99.1", "erlang": "26.9", "distribution": "a stand-in"}],
        "pika": version("pika"),
        "date": datetime.date.today().isoformat(),
        "runs": 2,
        "pages": {
            str(sample.page): sorted(
                str(sample.file(name)) for name in ("hello.py", "emit.py", "emit.sh")
            )
        },
        "fingerprints": {str(sample.page): fingerprint(sample.page, sample.docs, sample.snippets)},
        "partial": False,
        "failures": {},
        # What the page shows it printed, from this run.
        "printed": {LANE: {str(sample.file("emit.out")): "['info']\n"}},
    }


def test_a_run_with_a_failure_writes_no_record(pytester):
    sample = Sample(
        pytester,
        ["hello.py", "fails.sh"],
        {"hello.py": PASSING["hello.py"], "fails.sh": "false\n"},
    )
    result = sample.run(f"--verified-records={pytester.path}")
    result.assert_outcomes(passed=1, failed=1)
    assert not (pytester.path / f"{LANE}.json").exists()


def test_a_run_of_part_of_the_snippets_writes_no_record(pytester):
    sample = Sample(pytester, ["hello.py", "emit.py saved", "emit.sh", "emit.out"], PASSING)
    result = sample.run(f"--verified-records={pytester.path}", "-k", "hello")
    result.assert_outcomes(passed=1, deselected=1)
    assert result.ret == 0
    assert not (pytester.path / f"{LANE}.json").exists()


def test_a_stale_record_is_removed_when_the_run_starts(pytester):
    record = pytester.path / f"{LANE}.json"
    record.write_text('{"runs": 99}\n')
    sample = Sample(
        pytester,
        ["gone.sh", "gone.out", "hello.py"],
        {"gone.sh": f"test ! -e {record} && echo gone\n", "gone.out": "gone\n", **PASSING},
    )
    # Only part of the page, so that this run writes no record of its own.
    result = sample.run(f"--verified-records={pytester.path}", "-k", "gone")
    assert outcomes(result) == {sample.item("gone.sh"): "PASSED"}
    assert not record.exists()


def test_two_programs_of_one_name_on_a_page_are_refused(pytester):
    sample = Sample(pytester, ["send.py"], {"send.py": 'print("one")\n#> one\n'})
    other = sample.root / "snippets" / "q" / "send.py"
    other.parent.mkdir()
    other.write_text('print("two")\n#> two\n')
    with sample.page.open("a") as page:
        page.write("\n.. literalinclude:: ../snippets/q/send.py\n")
    result = sample.run()
    assert outcomes(result) == {
        sample.item("send.py"): "ERROR",
        f"docs/page.rst::{LANE}::page:6:q/send.py": "ERROR",
    }
    shows(
        result,
        f"{other} (shown on {sample.page}:6) and {sample.file('send.py')} have the same name, "
        "but a reader's folder can hold only one of them: rename one",
    )
