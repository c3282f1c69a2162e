"""What a Python program printed, print by print, against its ``#>`` comments.

Every ``#>`` line must have been printed in this run by the ``print`` it
follows, in order, and every line the program printed must have its ``#>``
line: a comment whose print did not run fails, and so does output that no
comment shows. Output is always written as ``#>`` lines, one per printed
line, never as a string literal, which a reader copying the program would
copy into it.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from verify.core.layout import PRINTED_PREFIX
from verify.core.normalise import normalise

COMMENT = re.compile(rf"^(?P<indent>\s*){re.escape(PRINTED_PREFIX)}(?: (?P<text>.*))?$")


@dataclass
class Print:
    """One ``print(...)`` call in a program, and the ``#>`` lines under it."""

    first_line: int
    last_line: int
    column: int
    # (line number, text) of each #> line right under the call.
    shown: list[tuple[int, str]] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)


@dataclass
class Program:
    """A program's source, its prints, and the ``#>`` lines under none of them."""

    path: Path
    source: str
    prints: dict[int, Print]
    stray: list[tuple[int, str]]

    @classmethod
    def read(cls, path: Path, source: str | None = None) -> Program:
        source = path.read_text() if source is None else source
        lines = source.splitlines()
        prints = {}
        for node in ast.walk(ast.parse(source, filename=str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                # Its output goes under its last line, at its indentation.
                prints[node.lineno] = Print(node.lineno, node.end_lineno, node.col_offset)
        under = {p.last_line: p for p in prints.values()}
        stray = []
        owner = None
        for number, text in enumerate(lines, start=1):
            comment = COMMENT.match(text)
            if comment is None:
                owner = under.get(number)
                continue
            shown = (number, comment["text"] or "")
            (owner.shown if owner else stray).append(shown)
        return cls(path, source, prints, stray)

    def print_at(self, line: int) -> Print | None:
        """The print call that a line of the program belongs to."""
        if line in self.prints:
            return self.prints[line]
        for candidate in self.prints.values():
            if candidate.first_line <= line <= candidate.last_line:
                return candidate
        return None

    def take(self, record: Path) -> str:
        """Assign what the run recorded to the prints; return it all, in the order printed."""
        texts = []
        for entry in map(json.loads, record.read_text().splitlines() if record.exists() else []):
            texts.append(entry["text"])
            owner = self.print_at(entry["line"])
            if owner is not None:
                owner.printed.extend(entry["text"].splitlines() or [""])
        return "".join(texts)

    def counted_before_interrupt(self) -> dict[int, int]:
        """How many lines each print shows, for the prints that run before Ctrl+C."""
        after = lines_run_after_interrupt(self.source)
        return {
            p.first_line: len(p.shown)
            for p in self.prints.values()
            if p.shown and p.first_line not in after
        }

    def printed_so_far(self, record: Path) -> dict[int, int]:
        counts: dict[int, int] = {}
        for entry in map(json.loads, record.read_text().splitlines() if record.exists() else []):
            owner = self.print_at(entry["line"])
            if owner is not None:
                counts[owner.first_line] = counts.get(owner.first_line, 0) + len(
                    entry["text"].splitlines() or [""]
                )
        return counts

    def mismatches(self, where: str, file: str) -> list[str]:
        """Each print whose output and #> lines differ, in words for the snippet's author."""
        problems = []
        for number, text in self.stray:
            problems.append(
                f"{file}:{number}: `{PRINTED_PREFIX} {text}` is under no print() call, "
                "so nothing it says was checked"
            )
        for p in sorted(self.prints.values(), key=lambda p: p.first_line):
            shown = [text for _, text in p.shown]
            if [normalise(t) for t in shown] == [normalise(t) for t in p.printed]:
                continue
            at = p.shown[0][0] if p.shown else p.last_line + 1
            if not p.printed:
                problems.append(
                    f"{file}:{at}: the print on line {p.first_line} printed nothing in this run, "
                    f"but its {PRINTED_PREFIX} lines show:\n" + quoted(shown)
                )
            elif not shown:
                problems.append(
                    f"{file}:{p.first_line}: this run printed lines that no {PRINTED_PREFIX} "
                    "comment shows:\n" + quoted(p.printed)
                )
            else:
                problems.append(
                    f"{file}:{at}: the print on line {p.first_line} printed other lines than its "
                    f"{PRINTED_PREFIX} comments show:\n  shown:\n"
                    + quoted(shown, "    ")
                    + "\n  printed:\n"
                    + quoted(p.printed, "    ")
                )
        return problems

    def with_printed(self) -> str:
        """The source with every print's #> lines rewritten from this run."""
        lines = self.source.splitlines()
        comments = {number for p in self.prints.values() for number, _ in p.shown}
        comments |= {number for number, _ in self.stray}
        after = {p.last_line: p for p in self.prints.values()}
        out = []
        for number, text in enumerate(lines, start=1):
            if number in comments:
                continue
            out.append(text)
            if number in after:
                indent = " " * after[number].column
                out.extend(
                    f"{indent}{PRINTED_PREFIX} {line}".rstrip() for line in after[number].printed
                )
        return "\n".join(out) + "\n"


def quoted(lines: list[str], indent: str = "  ") -> str:
    return "\n".join(f"{indent}{PRINTED_PREFIX} {line}".rstrip() for line in lines)


def lines_run_after_interrupt(source: str) -> set[int]:
    """The first lines of the prints that only run once Ctrl+C has been pressed.

    Those in a handler of KeyboardInterrupt (or of everything), and those
    after, in the same block, a ``try`` that has such a handler: a program
    blocks in that ``try`` until it is interrupted.
    """
    after: set[int] = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        for body in bodies(node):
            interrupted = False
            for statement in body:
                if interrupted:
                    after |= print_lines(statement)
                if isinstance(statement, ast.Try) and any(
                    map(catches_interrupt, statement.handlers)
                ):
                    interrupted = True
                    for handler in statement.handlers:
                        if catches_interrupt(handler):
                            after |= {line for s in handler.body for line in print_lines(s)}
                    after |= {line for s in statement.finalbody for line in print_lines(s)}
    return after


def bodies(node: ast.AST) -> list[list[ast.stmt]]:
    return [
        getattr(node, name)
        for name in ("body", "orelse", "finalbody")
        if isinstance(getattr(node, name, None), list)
    ]


def catches_interrupt(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        getattr(name, "id", None) in ("KeyboardInterrupt", "BaseException") for name in names
    )


def print_lines(node: ast.AST) -> set[int]:
    return {
        call.lineno
        for call in ast.walk(node)
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print"
    }


def lone_strings(tree: ast.Module) -> list[int]:
    """The lines of string literals that stand as statements, docstrings apart."""
    found = []
    for node in ast.walk(tree):
        documented = isinstance(
            node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        )
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if not isinstance(block, list):
                continue
            for position, statement in enumerate(block):
                if position == 0 and name == "body" and documented:
                    continue
                if (
                    isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)
                ):
                    found.append(statement.lineno)
    return sorted(found)
