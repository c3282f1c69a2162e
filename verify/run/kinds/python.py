"""Python snippets: linted, then run as ``python3 name.py`` and checked against their ``#>`` lines."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pytest_examples import CodeExample
from pytest_examples.config import ExamplesConfig
from pytest_examples.lint import FormatError, black_check, black_format, ruff_check, ruff_format

from verify.core.discovery import Include
from verify.core.layout import PRINTED_PREFIX, relative
from verify.run.failures import SnippetFailed
from verify.run.kinds import Context
from verify.run.kinds.printed import Program as Printed
from verify.run.processes import Program

HOOK = Path(__file__).resolve().parent / "print_hook"
RECORD, SOURCE = "CHEATSHEET_PRINT_RECORD", "CHEATSHEET_PRINT_SOURCE"

CONFIG = ExamplesConfig()
# Programs already found clean in this process, with the text they had then:
# a page may run one program several times.
LINTED: set[tuple[Path, str]] = set()
# A traceback's frame in the snippet: File "/.../send.py", line 7, in <module>
FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+)', re.MULTILINE)
# ruff's report of one problem: -:7:1: F821 Undefined name `x`
RUFF_PROBLEM = re.compile(r"^\s*(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<text>.+)$", re.M)


class Script(CodeExample):
    """A whole program as a reader saves it, not an example in a docstring.

    pytest-examples formats examples found in a ``.py`` file without double
    blank lines, as docstrings want them; a program keeps them.
    """

    def in_py_file(self) -> bool:
        return False


def lint(include: Include, update: bool) -> None:
    """Lint and format-check the snippet (with ``update``, format it first)."""
    path = include.target
    if not update and (path, path.read_text()) in LINTED:
        return
    if update:
        source = ruff_format(Script.create(path.read_text(), path=path), CONFIG, ignore_errors=True)
        path.write_text(black_format(source, CONFIG))
    example = Script.create(path.read_text(), path=path)
    try:
        ruff_check(example, CONFIG, extra_ruff_args=("--output-format=concise",))
    except FormatError as error:
        problems = [
            f"{relative(path)}:{int(found['line'])}:{found['column']}: {found['text']}"
            for found in RUFF_PROBLEM.finditer(str(error))
        ]
        raise SnippetFailed(
            f"lint error in {include.where}:\n  "
            + "\n  ".join(problems or [str(error)])
            + fix_hint(str(error), path)
        ) from None
    try:
        black_check(example, CONFIG)
    except FormatError as error:
        raise SnippetFailed(
            f"{include.where} is not formatted as black formats it "
            f"(`nox -s tests -- --update-examples` formats it):\n{str(error).partition(':')[2]}"
        ) from None
    LINTED.add((path, example.source))


def fix_hint(report: str, path: Path) -> str:
    """The one command that fixes what ruff can fix, as its report offers it."""
    if "--unsafe-fixes" in report:
        # Such a fix may change what the program does: read its diff.
        return (
            f"\nfix it with `ruff check --fix --unsafe-fixes {relative(path)}`, then read the diff"
        )
    if "fixable with the `--fix` option" in report:
        return f"\nfix it with `ruff check --fix {relative(path)}`"
    return ""


@dataclass
class PythonRun:
    include: Include
    program: Program
    copy: Path
    record: Path
    context: Context
    printed: Printed = field(init=False)

    def __post_init__(self) -> None:
        self.printed = Printed.read(self.include.target)

    def ready_to_interrupt(self) -> bool:
        wanted = self.printed.counted_before_interrupt()
        so_far = self.printed.printed_so_far(self.record)
        return all(so_far.get(line, 0) >= count for line, count in wanted.items())

    def failure(self) -> str:
        stderr = self.program.stderr
        lines = [int(m["line"]) for m in FRAME.finditer(stderr) if Path(m["file"]) == self.copy]
        error = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        if not lines:
            return f"{self.include.where} exited with code {self.program.returncode}" + (
                f":\n{stderr}" if stderr else " and printed nothing on stderr"
            )
        line = lines[-1]
        source = self.include.target.read_text().splitlines()
        shown = f"\n    {line} | {source[line - 1].strip()}" if line <= len(source) else ""
        kind, _, message = error.partition(": ")
        if kind == "KeyboardInterrupt":
            message = "it does not handle Ctrl+C, which readers press to stop it"
        return (
            f"{relative(self.include.target)}:{line} (shown on {relative(self.include.page)}:"
            f"{self.include.line}) raised {kind}: {message}{shown}"
        )

    def shown(self) -> str | None:
        # Its #> lines show what it printed, on every broker.
        return None

    def printed_in_failing(self) -> str:
        return self.program.stdout + self.program.stderr

    def check(self) -> None:
        # The file as it is now: a run of the same program earlier on the
        # page may have rewritten its #> lines in the meantime.
        printed = Printed.read(self.include.target)
        everything = printed.take(self.record)
        if self.context.lane:
            self.check_on_other_broker(printed)
            return
        if self.context.update:
            updated = printed.with_printed()
            if updated != printed.source:
                self.include.target.write_text(updated)
            return
        problems = printed.mismatches(self.include.where, relative(self.include.target))
        stdout = self.program.stdout
        # What the program wrote to its output other than by its own print() calls.
        killed = self.program.returncode == -9
        if not problems and stdout != everything and not (killed and everything.startswith(stdout)):
            problems.append(
                "it wrote to standard output other than through its own print() calls, so no "
                f"{PRINTED_PREFIX} line can show it:\n  printed:  {stdout!r}\n  from print(): {everything!r}"
            )
        if problems:
            raise SnippetFailed(f"{self.include.where}:\n" + "\n".join(problems))

    def check_on_other_broker(self, printed: Printed) -> None:
        """On a broker other than the primary: as its #> lines show, which show one broker's output."""
        problems = printed.mismatches(self.include.where, relative(self.include.target))
        if problems:
            raise SnippetFailed(
                f"{self.include.where} prints something else on RabbitMQ {self.context.lane} "
                "than its #> lines show, and a program's #> lines show one broker's output. "
                "Show it per broker: include it with `:class: saved` and run it with a shell "
                "snippet (`python3 name.py`), whose captured output can differ per broker:\n"
                + "\n".join(problems)
            )


def refresh(include: Include, context: Context) -> Path:
    """Lint the program (formatting it first when capturing); save it anew in the reader's folder."""
    lint(include, context.update)
    copy = context.directory / include.target.name
    shutil.copyfile(include.target, copy)
    return copy


class PythonKind:
    suffix = ".py"

    def start(self, include: Include, context: Context) -> PythonRun:
        copy = refresh(include, context)
        # Out of the reader's folder, where a snippet's `ls` would see it.
        record = str(Path(tempfile.mkdtemp(dir=context.scratch)) / f"{include.target.stem}.jsonl")
        env = dict(context.env)
        env["PYTHONPATH"] = ":".join(filter(None, [str(HOOK), env.get("PYTHONPATH")]))
        env[RECORD], env[SOURCE] = record, str(copy)
        program = Program(["python3", copy.name], cwd=context.directory, env=env)
        return PythonRun(include, program, copy, Path(record), context)


KIND = PythonKind()
