"""The RabbitMQ documentation pages the site links to, per version, and their addresses.

The build runs offline, so the pages that exist are data: conf/rabbitmq-docs.toml,
made from the file list of the rabbitmq-website repository (`nox -s docs-paths`:
rabbitmq_docs_source.py reads it, `write` here keeps it), never kept by hand.
The series first in versions.json is served at /docs/PATH, the others at
/docs/SERIES/PATH (docs/, the next series, at /docs/next/PATH).

Standard library only: the Sphinx extension, the page checks and the noxfile
read it.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from verify.core.layout import CONF, relative

DOCS_PATHS = CONF / "rabbitmq-docs.toml"
# Where the site serves the docs, and the repository it is made from.
SITE = "https://www.rabbitmq.com/docs"
REPOSITORY = "https://github.com/rabbitmq/rabbitmq-website"
# How a page links to a documentation page: `.. rabbitmq-docs:: quorum-queues`
# below a section's title, or inline, :rabbitmq-docs:`quorum-queues`.
DIRECTIVE = "rabbitmq-docs"
# Markdown files that are pages; a name starting with "_" is a partial.
# A release series as the website names its folders: 4.3, 3.13.
SERIES = re.compile(r"\d+\.\d+")
DIRECTIVE_LINE = re.compile(rf"^(\s*)\.\. {DIRECTIVE}::(.*)$")
ROLE = re.compile(rf":{DIRECTIVE}:`(?:[^`<]*<)?([^`<>]+)>?`")


@dataclass(frozen=True)
class DocsPaths:
    """The documentation pages of each release series, and where they came from."""

    # "4.3" -> {"quorum-queues": "Quorum Queues", ...}, newest series first.
    versions: dict[str, dict[str, str]]
    # The series served at /docs/ itself: the first in versions.json.
    latest: str
    repository: str
    commit: str
    date: str

    def title(self, version: str, path: str) -> str | None:
        """The page's title, or None where that series has no such page."""
        return self.versions.get(version, {}).get(path)

    def url(self, version: str, path: str) -> str:
        prefix = SITE if version == self.latest else f"{SITE}/{version}"
        return f"{prefix}/{path}".rstrip("/")

    def problem(self, version: str, path: str) -> str | None:
        """Why a link to this page of this series cannot be made, or None."""
        if version not in self.versions:
            known = ", ".join(self.versions)
            return (
                f"RabbitMQ's website has no documentation for {version} "
                f"(it has {known}, in {relative(DOCS_PATHS)}, from {self.commit[:12]})"
            )
        if path not in self.versions[version]:
            near = difflib.get_close_matches(path, self.versions[version], n=3)
            hint = f" (did you mean {', '.join(near[:3])}?)" if near else ""
            return (
                f"no RabbitMQ documentation page {path!r} for {version}{hint}: "
                f"{relative(DOCS_PATHS)} lists the pages of {self.repository} at "
                f"{self.commit[:12]} (`nox -s docs-paths` refreshes it)"
            )
        return None


@dataclass(frozen=True)
class Link:
    """A page's link to a documentation page of one release series."""

    line: int
    version: str
    path: str


def target(text: str, default: str) -> tuple[str, str]:
    """`quorum-queues` is the default series' page; `4.0/quorum-queues` names the series."""
    version, slash, path = text.strip().partition("/")
    if slash and SERIES.fullmatch(version):
        return version, path
    return default, text.strip()


def links(text: str, default: str) -> list[Link]:
    """Every documentation link in a page's source, each series it names a link of its own."""
    found = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        directive = DIRECTIVE_LINE.match(line)
        if directive:
            also = []
            for option in lines[number:]:
                if not option.strip() or len(option) - len(option.lstrip()) <= len(directive[1]):
                    break
                name, _, value = option.strip().partition(" ")
                if name == ":versions:":
                    also = value.split()
            for each in directive[2].split():
                version, path = target(each, default)
                found += [Link(number, v, path) for v in dict.fromkeys([version, *also])]
        found += [Link(number, *target(role[1], default)) for role in ROLE.finditer(line)]
    return found


def load(path: Path = DOCS_PATHS) -> DocsPaths:
    """The data as the file has it now (a long-running preview sees a refresh)."""
    return read(path, path.stat().st_mtime_ns)


@cache
def read(path: Path, modified: int) -> DocsPaths:
    with path.open("rb") as file:
        data = tomllib.load(file)
    source = data["source"]
    return DocsPaths(
        versions=data["versions"],
        latest=source["latest"],
        repository=source["repository"],
        commit=source["commit"],
        date=source["date"],
    )


def series(rabbitmq: str) -> str:
    """The release series of a RabbitMQ version, as the website names it: 4.3.6 -> 4.3."""
    return ".".join(rabbitmq.split(".")[:2])


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def write(docs: DocsPaths, path: Path = DOCS_PATHS) -> None:
    lines = [
        "# The RabbitMQ documentation pages on www.rabbitmq.com, per release series:",
        "# each page's path and title. Made by `nox -s docs-paths` from the file list",
        f"# of {docs.repository} (versioned_docs/), at the commit",
        "# below; do not edit it by hand, refresh it. A `.. rabbitmq-docs::` link to a",
        "# path not listed here fails the build (verify/core/rabbitmq_docs_source.py says how a",
        "# file becomes a path).",
        "",
        "[source]",
        f"repository = {toml_string(docs.repository)}",
        f"commit = {toml_string(docs.commit)}",
        f"date = {toml_string(docs.date)}",
        "# Served at https://www.rabbitmq.com/docs/PATH; the others at /docs/SERIES/PATH.",
        f"latest = {toml_string(docs.latest)}",
    ]
    for version, pages in docs.versions.items():
        lines += ["", f"[versions.{toml_string(version)}]"]
        lines += [f"{toml_string(page)} = {toml_string(title)}" for page, title in pages.items()]
    path.write_text("\n".join(lines) + "\n")
