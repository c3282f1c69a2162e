"""The documentation pages a clone of rabbitmq-website serves, read from its files (`nox -s docs-paths`).

Docusaurus serves each Markdown file of a series folder
(versioned_docs/version-4.3/) at its path without the suffix
(quorum-queues/index.md is quorum-queues, as README.md would be), unless its
front matter sets a `slug` or an `id`; its title is the front matter's, its
first heading, or its name. Standard library only: the noxfile calls it.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path, PurePosixPath

from verify.core.rabbitmq_docs import REPOSITORY, DocsPaths

PAGE_SUFFIXES = (".md", ".mdx")
INDEX_NAMES = {"index", "readme"}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
HEADING = re.compile(r"^#\s+(.+?)\s*(?:\{#[^}]*\})?\s*$", re.MULTILINE)
MANUAL_PAGE = re.compile(r"(.+)\.(\d)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def page_path(relative: str, front_matter: dict[str, str]) -> str | None:
    """The path a Markdown file of a series folder is served at, or None for a partial."""
    file = PurePosixPath(relative)
    if file.suffix not in PAGE_SUFFIXES or any(part.startswith("_") for part in file.parts):
        return None
    folder = file.parent.as_posix().strip(".")
    slug = front_matter.get("slug")
    if slug:
        return slug.strip("/") if slug.startswith("/") else f"{folder}/{slug}".strip("/")
    name = front_matter.get("id") or file.stem
    # A folder's index page (index.md, README.md, or one named as its folder).
    if name.lower() in INDEX_NAMES or name == file.parent.name:
        return folder
    return f"{folder}/{name}".strip("/")


def front_matter(text: str) -> dict[str, str]:
    """The front matter's plain `key: value` lines (the keys a page's address and title take)."""
    found = FRONT_MATTER.match(text)
    fields = {}
    for line in found.group(1).splitlines() if found else []:
        key, colon, value = line.partition(":")
        if colon and key and not key.startswith((" ", "\t")):
            fields[key.strip()] = unquote(value.strip())
    return fields


def unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        inner = value[1:-1]
        return inner.replace("''", "'") if value[0] == "'" else json.loads(value)
    return value


def page_title(text: str, path: str, fields: dict[str, str]) -> str:
    """The title Docusaurus gives a page: its front matter's, its first heading, or its name."""
    if fields.get("title"):
        return fields["title"]
    body = FENCE.sub("", FRONT_MATTER.sub("", text))
    heading = HEADING.search(body)
    if heading:
        return re.sub(r"`([^`]*)`", r"\1", heading.group(1))
    # A manual page has neither: rabbitmqctl.8 is rabbitmqctl(8), as manuals name it.
    name = PurePosixPath(path).name
    manual = MANUAL_PAGE.fullmatch(name)
    return f"{manual[1]}({manual[2]})" if manual else name


def git(source: str, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", source, *args], input=data, capture_output=True, check=True
    ).stdout


def git_dir(source: Path) -> str:
    """The git directory of a clone (bare or not)."""
    found = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "--absolute-git-dir"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        raise ValueError(f"{source} is not a clone of {REPOSITORY}: {found.stderr.strip()}")
    return found.stdout.strip()


def read_files(source: str, commit: str, names: list[str]) -> dict[str, str]:
    """Each file's text at the commit, read in one `git cat-file --batch`."""
    output = git(
        source, "cat-file", "--batch", data="".join(f"{commit}:{n}\n" for n in names).encode()
    )
    texts, position = {}, 0
    for name in names:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        texts[name] = output[header_end + 1 : header_end + 1 + size].decode()
        position = header_end + 1 + size + 1
    return texts


def from_repository(
    source: Path, revision: str = "HEAD", repository: str = REPOSITORY
) -> DocsPaths:
    """The documentation pages of every series a clone of rabbitmq-website has at a revision."""
    where = git_dir(source)
    commit = git(where, "rev-parse", f"{revision}^{{commit}}").decode().strip()
    date = git(where, "show", "-s", "--format=%cI", commit).decode().strip()
    versions_file = json.loads(git(where, "show", f"{commit}:versions.json"))
    files = (
        git(where, "ls-tree", "-r", "--name-only", commit, "versioned_docs").decode().split("\n")
    )
    versions = {}
    for version in versions_file:
        folder = f"versioned_docs/version-{version}/"
        names = [name for name in files if name.startswith(folder) and name.endswith(PAGE_SUFFIXES)]
        pages = {}
        for name, text in read_files(where, commit, names).items():
            fields = front_matter(text)
            path = page_path(name.removeprefix(folder), fields)
            if path is not None:
                pages[path] = page_title(text, path, fields)
        versions[version] = dict(sorted(pages.items()))
    return DocsPaths(
        versions=versions, latest=versions_file[0], repository=repository, commit=commit, date=date
    )
