"""The quick reference: every command task of the site in one table, grouped by page.

``.. quick-reference::`` (docs/cheatsheet.rst) becomes a table with a row
for each command snippet the pages show: the task (the section that explains
it, linked), the commands it runs (linked to the command reference), the
snippet as the page shows it, and the first lines of what it printed, real
output where the build has the verification record. Generated from the
snippet catalogue at every build, it cannot disagree with the pages.
"""

from __future__ import annotations

from docutils import nodes
from snippet_catalogue import Shown, everything_shown, made_from_catalogue, printed_by_primary
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from verify.core.layout import OUTPUT_CLASS

# The lines of output a row shows; the rest is on the page it links to.
OUTPUT_LINES = 4
MORE = "\u2026"
# The page the commands link to, and how a command's anchor there is made.
COMMAND_REFERENCE = "commands"


def command_anchor(command: str) -> str:
    """rabbitmqctl list_queues -> command-rabbitmqctl-list-queues."""
    return nodes.make_id(f"command {command}")


class quick_reference(nodes.General, nodes.Element):
    """Where the table goes, filled in once every page has been read."""


class QuickReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        made_from_catalogue(self.env).add(self.env.docname)
        return [quick_reference()]


def example(entry: Shown) -> str:
    """The snippet as a reader copies it, without its comment lines."""
    lines = entry.path.read_text().splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#")).strip()


def printed(app: Sphinx, entry: Shown) -> str | None:
    """The first lines of what the snippet printed on the primary broker."""
    if entry.output is None:
        return None
    lines = (printed_by_primary(app, entry.output) or "").splitlines()
    if len(lines) > OUTPUT_LINES:
        lines = lines[:OUTPUT_LINES] + [MORE]
    return "\n".join(lines)


def rows(env: BuildEnvironment) -> list[Shown]:
    """The snippets that run a RabbitMQ tool or call its HTTP API: each where it is first shown,
    and an example a page repeats only once."""
    seen = set()
    chosen = []
    for entry in everything_shown(env):
        if not (entry.commands or entry.calls_http_api):
            continue
        keys = {entry.snippet, (entry.docname, example(entry))}
        if keys & seen:
            continue
        seen |= keys
        chosen.append(entry)
    return chosen


def cell(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry.extend(children)
    return entry


def link(text: str, uri: str, *, literal: bool = False) -> nodes.reference:
    reference = nodes.reference("", "", internal=True, refuri=uri)
    reference += nodes.literal(text=text) if literal else nodes.Text(text)
    return reference


def table(app: Sphinx, docname: str) -> nodes.table:
    builder = app.builder
    table = nodes.table(classes=["quick-reference"])
    group = nodes.tgroup(cols=3)
    table += group
    for width in (28, 40, 32):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row(
        "", *(cell(nodes.paragraph(text=title)) for title in ("Task", "Example", "Output"))
    )
    group += head
    body = nodes.tbody()
    group += body
    page = None
    for entry in rows(app.env):
        if entry.docname != page:
            page = entry.docname
            title = app.env.titles[page].astext()
            topic = nodes.paragraph(classes=["quick-reference-page"])
            topic += link(title, builder.get_relative_uri(docname, page))
            heading = cell(topic)
            heading["morecols"] = 2
            body += nodes.row(
                "", heading, ids=[nodes.make_id(f"topic {page}")], classes=["quick-reference-topic"]
            )
        task = nodes.paragraph()
        task += link(
            entry.section_title,
            f"{builder.get_relative_uri(docname, entry.docname)}#{entry.section_id}",
        )
        task += nodes.reference(
            "", "\u00b6", refid=entry.anchor, reftitle="Link to this row", classes=["headerlink"]
        )
        commands = nodes.paragraph(classes=["commands"])
        for command in entry.commands:
            uri = (
                f"{builder.get_relative_uri(docname, COMMAND_REFERENCE)}#{command_anchor(command)}"
            )
            commands += link(command, uri, literal=True)
            commands += nodes.Text(" ")
        if entry.calls_http_api and not entry.commands:
            commands += nodes.Text("HTTP API (curl)")
        text = example(entry)
        # The same text as the source is what makes Sphinx highlight a block.
        code = nodes.literal_block(text, text, language=entry.language)
        output = printed(app, entry)
        shown = (
            nodes.literal_block(output, output, language="text", classes=[OUTPUT_CLASS])
            if output
            else nodes.paragraph(text="(prints nothing)", classes=["no-output"])
        )
        body += nodes.row("", cell(task, commands), cell(code), cell(shown), ids=[entry.anchor])
    return table


def fill_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(quick_reference)):
        placeholder.replace_self(table(app, docname))


def setup(app: Sphinx) -> dict:
    app.setup_extension("snippet_catalogue")
    app.add_node(quick_reference)
    app.add_directive("quick-reference", QuickReference)
    app.connect("doctree-resolved", fill_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
