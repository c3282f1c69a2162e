"""What the built site holds: its pages, and which of them show code, tabs or diagrams.

Read from the HTML files themselves, so that a new page, or a page that gets
tabs, is checked without being listed anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

from verify.core.layout import DOCS

TAB_CLASS = "sphinx-tabs-tab"
# The class sphinx.ext.graphviz gives a diagram and the block around it.
DIAGRAM_CLASS = "graphviz"


class PageReader(HTMLParser):
    """The CSS classes a page uses, and the labels of its tabs."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.tab_labels: set[str] = set()
        self.in_tab = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = next((value or "" for name, value in attrs if name == "class"), "").split()
        self.classes.update(classes)
        self.in_tab = TAB_CLASS in classes

    def handle_endtag(self, tag: str) -> None:
        self.in_tab = False

    def handle_data(self, data: str) -> None:
        if self.in_tab and data.strip():
            self.tab_labels.add(data.strip())


@dataclass(frozen=True)
class Site:
    root: Path

    @cached_property
    def pages(self) -> list[str]:
        """Every HTML page, as its path in the site (``queues.html``).

        _static/ and _sources/ hold the theme's files and the pages' sources.
        """
        return sorted(
            str(path.relative_to(self.root))
            for path in self.root.rglob("*.html")
            if not path.relative_to(self.root).parts[0].startswith("_")
        )

    def read(self, page: str) -> PageReader:
        reader = PageReader()
        reader.feed((self.root / page).read_text())
        return reader

    @cached_property
    def pages_with_code(self) -> list[str]:
        return [page for page in self.pages if "highlight" in self.read(page).classes]

    @cached_property
    def pages_with_tabs(self) -> list[str]:
        return [page for page in self.pages if TAB_CLASS in self.read(page).classes]

    @cached_property
    def pages_with_diagrams(self) -> list[str]:
        return [page for page in self.pages if DIAGRAM_CLASS in self.read(page).classes]

    def pages_with_tab(self, label: str) -> list[str]:
        return [page for page in self.pages_with_tabs if label in self.read(page).tab_labels]

    @cached_property
    def pages_from_sources(self) -> list[str]:
        """The pages written in docs/ (not the generated index and search pages)."""
        return [page for page in self.pages if source_of(page).is_file()]


# The directives that fill a page with other pages' snippets: the cheat sheet,
# the complete command table and the command reference.
SHOWS_OTHER_PAGES_SNIPPETS = re.compile(
    r"^\.\. (cheat|quick-reference|command-reference)::", re.MULTILINE
)


def shows_other_pages_snippets(page: str) -> bool:
    """Whether a page is made of snippets that ran where their own pages show them."""
    return SHOWS_OTHER_PAGES_SNIPPETS.search(source_of(page).read_text()) is not None


def source_of(page: str) -> Path:
    """The reStructuredText file a page was built from."""
    return DOCS / Path(page).with_suffix(".rst")
