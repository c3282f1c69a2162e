"""Python snippets: linted, then run as ``python3 name.py`` and checked against their ``#>`` lines.

pytest-examples, which lints them, is imported only when one is linted: the
Sphinx extensions ask this kind how to show a program.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from verify.core.captured import rewrite
from verify.core.discovery import Include
from verify.core.layout import PRINTED_PREFIX, relative
from verify.isolation.processes import Program
from verify.run.failures import SnippetFailed
from verify.run.kinds.printed import Program as Printed
from verify.run.kinds.printed import lines_run_after_interrupt
from verify.run.kinds.protocol import Context, Plain

HOOK = Path(__file__).resolve().parent / "print_hook"
RECORD, SOURCE = "CHEATSHEET_PRINT_RECORD", "CHEATSHEET_PRINT_SOURCE"
# A command that runs a program the page shows: python3 emit_log_topic.py ...
RUNS_PROGRAM = re.compile(r"\bpython3?\s+(?P<name>[\w.-]+\.py)\b")
# A traceback's frame in the snippet: File "/.../send.py", line 7, in <module>
FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+)', re.MULTILINE)


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
            rewrite(self.include.target, printed.with_printed())
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


class PythonKind(Plain):
    """A program a reader saves and runs with ``python3 name.py``; its ``#>`` lines show what it prints."""

    suffix = ".py"
    language = "python"
    saved_in_folder = True
    output_beside = False

    def caption(self, name: str) -> str | None:
        return name

    def programs_run_by(self, command: str) -> list[str]:
        return RUNS_PROGRAM.findall(command)

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        env = dict(env)
        # `python3` is the interpreter of this run, which has the client installed.
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        # A terminal shows each line as it is printed; a pipe would hold it back
        # until the program ends, and nobody could tell what it printed so far.
        env["PYTHONUNBUFFERED"] = "1"
        # A reader's shell has no PYTHONPATH pointing into this project.
        env.pop("PYTHONPATH", None)
        return env

    def lines_after_interrupt(self, source: str) -> int:
        # The prints in its handler of KeyboardInterrupt, and after the try that has one.
        return len(lines_run_after_interrupt(source))

    def refresh(self, include: Include, context: Context) -> None:
        """Lint the program (formatting it first when capturing); save it anew in the reader's folder."""
        # pytest-examples, only once a program is to run.
        from verify.run.kinds.python_lint import lint

        lint(include, context.update)
        shutil.copyfile(include.target, context.directory / include.target.name)

    def start(self, include: Include, context: Context) -> PythonRun:
        self.refresh(include, context)
        copy = context.directory / include.target.name
        # Out of the reader's folder, where a snippet's `ls` would see it.
        record = str(Path(tempfile.mkdtemp(dir=context.scratch)) / f"{include.target.stem}.jsonl")
        env = dict(context.env)
        env["PYTHONPATH"] = ":".join(filter(None, [str(HOOK), env.get("PYTHONPATH")]))
        env[RECORD], env[SOURCE] = record, str(copy)
        program = Program(["python3", copy.name], cwd=context.directory, env=env)
        return PythonRun(include, program, copy, Path(record), context)


KIND = PythonKind()
