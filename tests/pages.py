"""What the pages show: every file a page includes, found by reading the rst.

Nothing is registered by hand: a snippet is tested because a page includes
it, and in the order the page shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

INCLUDE = re.compile(r"^\s*\.\.\s+literalinclude::\s*(?P<target>\S+)\s*$")
OPTION = re.compile(r"^\s+:(?P<name>[\w-]+):\s*(?P<value>.*)$")
# A snippet the page runs in a terminal of its own, while the page goes on.
BACKGROUND = "background"
# A Python snippet that loops until Ctrl+C.
CONSUMES_UNTIL_INTERRUPTED = re.compile(r"\.start_consuming\(\)")
# What a Python snippet printed, as its #> comments show it.
PRINTED = re.compile(r"^\s*#> ?(.*)$", re.MULTILINE)
# Code written into the page itself, where it can be neither run nor checked:
# code directives, and "::" literal blocks (a paragraph ending in "::").
INLINE_DIRECTIVE = re.compile(r"^\s*\.\.\s+(code-block|code|sourcecode|highlight|parsed-literal)::")
LITERAL_BLOCK = re.compile(r"^(?!\s*\.\.\s).*\S::\s*$|^\s*::\s*$")

RUNNABLE_SUFFIXES = {".sh": "shell", ".py": "python"}


@dataclass(frozen=True)
class Include:
    """One ``literalinclude`` on one page."""

    page: Path
    line: int
    target: Path
    background: bool = False

    @property
    def kind(self) -> str | None:
        """``shell`` or ``python`` for a snippet the tests run, else None."""
        if self.target.is_relative_to(SNIPPETS):
            return RUNNABLE_SUFFIXES.get(self.target.suffix)
        return None

    @property
    def where(self) -> str:
        """The snippet and where the page shows it, for messages."""
        return f"{rel(self.target)} (shown on {rel(self.page)}:{self.line})"

    @property
    def test_id(self) -> str:
        shown = (
            self.target.relative_to(SNIPPETS)
            if self.target.is_relative_to(SNIPPETS)
            else rel(self.target)
        )
        return f"{self.page.stem}:{self.line}:{shown}"


def rel(path: Path) -> str:
    """A path as a contributor would type it, from the top of the repository."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.rst"))


def includes(page: Path) -> list[Include]:
    found = []
    lines = page.read_text().splitlines()
    for number, text in enumerate(lines, start=1):
        match = INCLUDE.match(text)
        if match:
            options = directive_options(lines[number:])
            background = BACKGROUND in options.get("class", "").split()
            found.append(Include(page, number, resolve(page, match["target"]), background))
    return found


def directive_options(following: list[str]) -> dict[str, str]:
    options = {}
    for text in following:
        match = OPTION.match(text)
        if not match:
            break
        options[match["name"]] = match["value"]
    return options


def all_includes() -> list[Include]:
    return [include for page in pages() for include in includes(page)]


def runnable_includes() -> list[Include]:
    return [include for include in all_includes() if include.kind]


def resolve(page: Path, target: str) -> Path:
    """Resolve an include as Sphinx does: ``/x`` from docs/, ``x`` from the page."""
    base = DOCS if target.startswith("/") else page.parent
    return (base / target.lstrip("/")).resolve()


def inline_code(page: Path) -> list[tuple[int, str]]:
    return [
        (number, text.strip())
        for number, text in enumerate(page.read_text().splitlines(), start=1)
        if INLINE_DIRECTIVE.match(text) or LITERAL_BLOCK.match(text)
    ]


def snippet_files() -> list[Path]:
    return sorted(
        path for path in SNIPPETS.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    )


def captured_output(snippet: Path) -> Path:
    """The file holding what a shell snippet printed on the live broker."""
    return snippet.with_suffix(".out")
