"""The command reference: each command the snippets run, with its syntax, an example and an anchor.

``.. command-reference::`` (docs/commands.rst) makes a section per command of
conf/commands.toml, tool by tool: what it does, its syntax (the broker's own
usage line, checked by tests/claims/test_command_reference.py), then, once
every page has been read, the first snippet that runs it with the first lines
of what it printed, and every section that shows it. Each section's anchor,
``#command-rabbitmqctl-list-queues``, is what the quick reference links to.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from quick_reference import command_anchor, example, printed
from snippet_catalogue import everything_shown, made_from_catalogue
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from verify.core.discovery import reference_commands
from verify.core.layout import COMMANDS, OUTPUT_CLASS, SYNTAX_CLASS, relative


class command_examples(nodes.General, nodes.Element):
    """Where a command's example and the places that show it go, once every page has been read."""


class CommandReference(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(COMMANDS))
        made_from_catalogue(self.env).add(self.env.docname)
        lines: list[str] = []
        tool = None
        for command in reference_commands():
            name = command["name"]
            if name.split()[0] != tool:
                tool = name.split()[0]
                lines += [f"``{tool}``", "=" * (len(tool) + 4), ""]
            lines += [
                f".. _{command_anchor(name)}:",
                "",
                f"``{name}``",
                "-" * (len(name) + 4),
                "",
                f"{command['does']}.",
                "",
                ".. code-block:: text",
                f"   :class: {SYNTAX_CLASS}",
                "",
                f"   {command['syntax']}",
                "",
                f".. command-examples:: {name}",
                "",
            ]
        container = nodes.container()
        nested_parse_with_titles(
            self.state, StringList(lines, relative(COMMANDS)), container, self.content_offset
        )
        return container.children


class CommandExamples(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        return [command_examples(command=self.arguments[0])]


def examples(app: Sphinx, docname: str, command: str) -> list[nodes.Node]:
    builder = app.builder
    shown = [entry for entry in everything_shown(app.env) if command in entry.commands]
    if not shown:
        return []
    first = shown[0]
    text = example(first)
    found = [nodes.rubric(text="Example")]
    found.append(nodes.literal_block(text, text, language="bash"))
    output = printed(app, first)
    if output:
        found.append(nodes.literal_block(output, output, language="text", classes=[OUTPUT_CLASS]))
    places = nodes.paragraph(text="Shown in: ")
    sections = list(dict.fromkeys((entry.docname, entry.section_id) for entry in shown))
    for index, (page, section_id) in enumerate(sections):
        entry = next(e for e in shown if (e.docname, e.section_id) == (page, section_id))
        if index:
            places += nodes.Text("; ")
        reference = nodes.reference(
            "", "", internal=True, refuri=f"{builder.get_relative_uri(docname, page)}#{section_id}"
        )
        reference += nodes.Text(f"{entry.section_title} ({app.env.titles[page].astext()})")
        places += reference
    found.append(places)
    return found


def fill_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(command_examples)):
        placeholder.replace_self(examples(app, docname, placeholder["command"]))


def setup(app: Sphinx) -> dict:
    app.setup_extension("snippet_catalogue")
    app.add_node(command_examples)
    app.add_directive("command-reference", CommandReference)
    app.add_directive("command-examples", CommandExamples)
    app.connect("doctree-resolved", fill_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
