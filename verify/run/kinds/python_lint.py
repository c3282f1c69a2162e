"""The Python kind's lint: ruff and black, through pytest-examples, as the project formats programs.

Apart from python.py, which the Sphinx extensions import: pytest-examples is
imported only once a program is to run.
"""

from __future__ import annotations

import re
from pathlib import Path

from pytest_examples import CodeExample
from pytest_examples.config import ExamplesConfig
from pytest_examples.lint import FormatError, black_check, black_format, ruff_check, ruff_format

from verify.core.discovery import Include
from verify.core.layout import relative
from verify.run.failures import SnippetFailed

CONFIG = ExamplesConfig()
# Programs already found clean in this process, with the text they had then:
# a page may run one program several times.
LINTED: set[tuple[Path, str]] = set()
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
