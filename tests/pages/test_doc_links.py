"""Each link to RabbitMQ's documentation names a page that its release series has, and each
section that shows snippets has one."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from verify.core.discovery import includes, pages
from verify.core.lanes import primary
from verify.core.layout import relative as rel
from verify.core.rabbitmq_docs import DOCS_PATHS, links, load, series


def test_the_primary_brokers_series_has_documentation():
    """Links name the primary broker's series unless they say otherwise."""
    docs = load(DOCS_PATHS)
    wanted = series(primary().rabbitmq)
    assert docs.versions.get(wanted), (
        f"{rel(DOCS_PATHS)} has no pages for RabbitMQ {wanted}, the primary broker's series: "
        "refresh it (`nox -s docs-paths -- https://github.com/rabbitmq/rabbitmq-website`)"
    )
    assert docs.latest in docs.versions


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_documentation_links_name_pages_that_exist(page):
    docs = load(DOCS_PATHS)
    problems = [
        f"{rel(page)}:{link.line}: {problem}"
        for link in links(page.read_text(), series(primary().rabbitmq))
        if (problem := docs.problem(link.version, link.path))
    ]
    assert not problems, "\n".join(problems)


# A section's title, underlined with "=" (the page's title is over- and
# underlined with "#"; subsections, underlined with "-", belong to theirs).
SECTION_UNDERLINE = re.compile(r"^=+$")


def sections(text: str) -> list[tuple[str, int, int]]:
    """Each section's title and its first and last line; the first is the page's introduction."""
    lines = text.splitlines()
    starts = [
        number - 1
        for number, line in enumerate(lines, start=1)
        if number > 1
        and SECTION_UNDERLINE.match(line)
        and lines[number - 2].strip()
        and len(line) >= len(lines[number - 2].rstrip())
    ]
    bounds = [1, *starts, len(lines) + 1]
    titles = ["(introduction)", *(lines[start - 1].strip() for start in starts)]
    return [
        (title, first, last - 1)
        for title, (first, last) in zip(titles, pairwise(bounds), strict=True)
    ]


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_every_section_with_snippets_links_to_the_documentation(page):
    """A reader of a section that shows snippets can go deeper, in RabbitMQ's own documentation.

    The page's introduction counts as a section; a subsection is part of its
    section, and a link anywhere in the section counts. A section with no
    snippet (prose, a definition list) needs none.
    """
    text = page.read_text()
    shown = [include.line for include in includes(page) if include.is_snippet]
    linked = [link.line for link in links(text, series(primary().rabbitmq))]
    unlinked = [
        f"{rel(page)}:{first}: {title}"
        for title, first, last in sections(text)
        if any(first <= line <= last for line in shown)
        and not any(first <= line <= last for line in linked)
    ]
    assert not unlinked, (
        "sections that show snippets but link to no RabbitMQ documentation page; add, under "
        "the title, `.. rabbitmq-docs:: PATH` (a path of conf/rabbitmq-docs.toml):\n  "
        + "\n  ".join(unlinked)
    )
