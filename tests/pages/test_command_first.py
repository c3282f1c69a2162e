"""Each section shows its command first: a short lead, then the code, then the explanation.

A reader on a phone who opens a section should see its command on the first
screen, not after paragraphs of prose. Counting words is cheap and runs with
the page checks; tests/browser/test_phone.py measures what a phone shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verify.core.discovery import includes, pages
from verify.core.layout import DOCS
from verify.core.layout import relative as rel

# One short sentence that says what the command does (about 40 words), with
# room for a few words of inline markup or a "Save this as x.py:".
MOST_WORDS_BEFORE_CODE = 50
# Pages whose sections are not held to it yet, and why.
NOT_CHECKED: dict[str, str] = {}

# A title's underline (or the page title's over- and underline).
UNDERLINE = re.compile(r"^([=#\-~^\"'*+])\1+\s*$")
# What the page does not show as prose: directives, their options, targets.
DIRECTIVE = re.compile(r"^\s*\.\.\s+[\w:-]+::")
TARGET = re.compile(r"^\s*\.\.\s+_[^:]+:")
OPTION = re.compile(r"^\s+:[\w-]+:")


def sections(lines: list[str]) -> list[tuple[str, int, int]]:
    """Each section and subsection: its title and the lines of its own text (1-based, after the
    underline, up to the next title of any level)."""
    titles = [
        number - 1
        for number, line in enumerate(lines, start=1)
        if number > 1
        and UNDERLINE.match(line)
        and lines[number - 2].strip()
        and not UNDERLINE.match(lines[number - 2])
        and len(line.rstrip()) >= len(lines[number - 2].rstrip())
    ]
    ends = [title - 1 for title in titles[1:]] + [len(lines)]
    return [
        (lines[title - 1].strip(), title + 2, end) for title, end in zip(titles, ends, strict=True)
    ]


def prose_words(lines: list[str]) -> int:
    """The words a reader reads in these lines: not directives, their options or targets."""
    return sum(
        len(line.split())
        for line in lines
        if line.strip()
        and not (
            DIRECTIVE.match(line)
            or TARGET.match(line)
            or OPTION.match(line)
            or UNDERLINE.match(line)
        )
    )


def words_before_code(page: Path) -> list[tuple[str, int, int]]:
    """Each section that shows a snippet: its title, its first line, and how many words of prose
    come before its first snippet."""
    lines = page.read_text().splitlines()
    shown = [include.line for include in includes(page) if include.is_snippet]
    found = []
    for title, first, last in sections(lines):
        code = next((line for line in shown if first <= line <= last), None)
        if code is not None:
            found.append((title, first, prose_words(lines[first - 1 : code - 1])))
    return found


@pytest.mark.parametrize(
    "page", [page for page in pages() if page.name not in NOT_CHECKED], ids=lambda page: page.stem
)
def test_each_section_shows_its_command_before_its_explanation(page):
    long = [
        f"{rel(page)}:{first}: {title}: {words} words before its first snippet"
        for title, first, words in words_before_code(page)
        if words > MOST_WORDS_BEFORE_CODE
    ]
    assert not long, (
        f"sections that make a reader on a phone read more than {MOST_WORDS_BEFORE_CODE} words "
        "before their command; lead with one short sentence that says what the command does, "
        "show it, then explain:\n  " + "\n  ".join(long)
    )


def test_pages_left_unchecked_exist():
    """An exemption for a page that is gone would hide the next page of that name."""
    missing = [name for name in NOT_CHECKED if not (DOCS / name).is_file()]
    assert not missing, f"NOT_CHECKED names pages that do not exist: {missing}"
