"""Where each command snippet is shown: its page, its section, the commands it runs, its output.

The quick reference and the command reference are built from this catalogue,
gathered from the pages as Sphinx reads them, so that neither can list a
command the pages do not run, or miss one they do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from verify.core.captured import captured_output
from verify.core.lanes import lanes, primary
from verify.core.layout import SNIPPETS, relative
from verify.run.kinds import known

# A shell snippet that calls the management plugin's HTTP API.
HTTP_API = "curl "
# The line a CLI command starts its output with, unless run with -q.
BANNER = "..."


@dataclass(frozen=True)
class Shown:
    """One command snippet, where a page shows it."""

    docname: str
    section_id: str
    section_title: str
    snippet: str  # from the repository's top: snippets/users/add_user.sh
    commands: tuple[str, ...]  # ("rabbitmqctl add_user",)
    output: str | None  # snippets/users/add_user.out, where it prints something
    language: str = "bash"  # how its kind is highlighted

    @property
    def path(self) -> Path:
        return SNIPPETS.parent / self.snippet

    @property
    def anchor(self) -> str:
        """The snippet's own id on the quick reference: users-add_user."""
        name = Path(self.snippet).relative_to("snippets").with_suffix("")
        return nodes.make_id("-".join(name.parts))

    @property
    def calls_http_api(self) -> bool:
        return HTTP_API in self.path.read_text()


def catalogue(env: BuildEnvironment) -> dict[str, list[Shown]]:
    return env.__dict__.setdefault("snippet_catalogue", {})


def made_from_catalogue(env: BuildEnvironment) -> set[str]:
    """The pages that show other pages' snippets (the quick reference, the command reference)."""
    return env.__dict__.setdefault("made_from_snippet_catalogue", set())


def borrowed_snippets(env: BuildEnvironment) -> dict[str, set[str]]:
    """The pages that show a chosen few of other pages' snippets (the cheat sheet), and which."""
    return env.__dict__.setdefault("borrowed_snippets", {})


def where_shown(env: BuildEnvironment, snippet: str) -> Shown | None:
    """Where the site explains a snippet (snippets/users/add_user.sh): the first page that shows
    it, in reading order, after the start page, which borrows its first steps from the others."""
    shown = [entry for entry in everything_shown(env) if entry.snippet == snippet]
    explained = [entry for entry in shown if entry.docname != env.config.root_doc]
    return next(iter(explained or shown), None)


def printed_by_primary(app: Sphinx, output: str) -> str | None:
    """What a snippet printed on the primary broker, without the CLI's banner ("Listing queues ...").

    The verified run's output where the build has its record, else the captured file.
    """
    record = getattr(app, "verification", None)
    text = None
    if record is not None:
        text = record.printed.get(primary(lanes()).name, {}).get(output)
    if text is None:
        path = SNIPPETS.parent / output
        if not path.is_file():
            return None
        text = path.read_text()
    lines = text.rstrip("\n").splitlines()
    # -q leaves the banner out; so does a reference that shows only the point.
    return "\n".join([line for line in lines if not line.endswith(BANNER)] or lines)


def gather(app: Sphinx, doctree: nodes.document) -> None:
    """Every snippet the page shows, in page order, with the section it is in."""
    shown = []
    for block in doctree.findall(nodes.literal_block):
        source = Path(block.get("source") or "/").resolve()
        kind = known(source)
        if kind is None or not source.is_relative_to(SNIPPETS):
            continue
        section = next(
            (parent for parent in ancestors(block) if isinstance(parent, nodes.section)), None
        )
        if section is None:
            continue
        output = captured_output(source)
        shown.append(
            Shown(
                docname=app.env.docname,
                section_id=section["ids"][0],
                section_title=section.next_node(nodes.title).astext(),
                snippet=relative(source),
                commands=tuple(dict.fromkeys(kind.commands_in(source.read_text()))),
                output=relative(output) if kind.output_beside and output.exists() else None,
                language=kind.language,
            )
        )
    catalogue(app.env)[app.env.docname] = shown


def ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def in_reading_order(env: BuildEnvironment) -> list[str]:
    """The pages in the order of the site's tables of contents, from the start page."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for included in env.toctree_includes.get(docname, []):
            visit(included)

    visit(env.config.root_doc)
    return order


def everything_shown(env: BuildEnvironment) -> list[Shown]:
    """Every command snippet of the site, page by page in reading order."""
    shown = catalogue(env)
    return [entry for docname in in_reading_order(env) for entry in shown.get(docname, [])]


def forget(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    catalogue(env).pop(docname, None)
    made_from_catalogue(env).discard(docname)
    borrowed_snippets(env).pop(docname, None)


def always_current(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """A page made from the catalogue shows every page's snippets: when any changes, it is written again."""
    if not (added or changed or removed):
        return []
    return sorted(made_from_catalogue(env) - set(changed))


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in catalogue(other):
            catalogue(env)[docname] = catalogue(other)[docname]
    made_from_catalogue(env).update(made_from_catalogue(other) & docnames)
    for docname in docnames & borrowed_snippets(other).keys():
        borrowed_snippets(env)[docname] = borrowed_snippets(other)[docname]


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", gather)
    app.connect("env-purge-doc", forget)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", always_current)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
