"""The brokers the site is verified on: what differs between them, and other machines.

Every snippet runs on each broker of conf/brokers.toml; the pages show what
the primary one printed. Where another printed something else, or fails
(``name.on-4.0.5.out``, ``name.fails-on-3.10.8.out`` beside the snippet),
the output block becomes version tabs, newest first and synced across pages
by their labels, each showing what that broker printed, under a line that
says which brokers print something else, fail or print the same (with an
anchor, which docs/differences.rst links to). A page that uses a
deprecated feature on purpose says so with ``.. uses-deprecated-feature::
NAME`` (verify/run/deprecations.py checks the rest). A page whose snippets run
on another machine too declares it (``.. machine:: old-server`` with
``:broker: 3.10.8``, verify/run/machines.py), and each snippet run there says so
in its caption, as each snippet's kind captions it (a program with the file
name a reader saves it as). On a verified build, each output block shows what its broker
printed in the run the record comes from; the captured files were
normalised, to be compared with.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.util.docutils import SphinxDirective

from verify.core.captured import base_name, captured_output, is_output, outputs_per_broker
from verify.core.discovery import output_anchor
from verify.core.lanes import lanes, primary
from verify.core.layout import (
    DEPRECATED_FEATURE_DIRECTIVE,
    MACHINE_DIRECTIVE,
    ON_MACHINE,
    SNIPPETS,
    relative,
)
from verify.core.record import in_words
from verify.run.kinds import known


def tab_label(version: str) -> str:
    return f"RabbitMQ {version}"


# The class of the line above a block's version tabs.
DIFFERENCES_NOTE_CLASS = "broker-differences"


def differences_note(primary_broker: str, tabs: list[tuple[str, str, Path]]) -> str:
    """What a reader learns without opening the tabs, in one line:
    "Compared with RabbitMQ 4.3.6: 4.0.5 prints something else; 3.10.8 fails."."""
    what = {
        "differs": ("prints something else", "print something else"),
        "fails": ("fails", "fail"),
        "same": ("prints the same", "print the same"),
    }
    clauses = []
    for how, (one, several) in what.items():
        brokers = [broker for broker, shown, _ in tabs if shown == how and broker != primary_broker]
        if brokers:
            clauses.append(f"{in_words(brokers)} {one if len(brokers) == 1 else several}")
    return f"Compared with RabbitMQ {primary_broker}: {'; '.join(clauses)}."


class OutputOnEachBroker(LiteralInclude):
    """literalinclude, which shows a captured output in version tabs where the brokers differ."""

    option_spec = {**LiteralInclude.option_spec, "broker": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        _, found = self.env.relfn2path(self.arguments[0])
        path = Path(found).resolve()
        if "caption" not in self.options:
            self.options.update(caption_of(path, self.options.get("class", [])))
        if not is_output(path) or not path.is_relative_to(SNIPPETS):
            return super().run()
        brokers = lanes()
        if "broker" in self.options:
            return self.as_printed(super().run(), self.options["broker"])
        tabs = outputs_per_broker(path, [lane.name for lane in brokers])
        if not tabs:
            return self.as_printed(super().run(), primary(brokers).name)
        folder = self.arguments[0].rsplit("/", 1)[0]
        options = [
            f"   :{name}: {value if value is not None else ''}".rstrip()
            for name, value in self.options.items()
        ]
        lines = [".. tabs::", ""]
        for broker, how, variant in tabs:
            self.env.note_dependency(str(variant))
            shown = self.arguments[0] if how == "same" else f"{folder}/{variant.name}"
            lines += [f"   .. group-tab:: {tab_label(broker)}", ""]
            if how == "fails":
                lines += [
                    f"      Not on RabbitMQ {broker}, which lacks it: there it fails.",
                    "",
                ]
            lines += [f"      .. literalinclude:: {shown}"]
            lines += [f"      {option}" for option in options]
            lines += [f"         :broker: {broker}", ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, self.get_source_info()[0]), 0, container)
        note = self.note_above(path, differences_note(primary(brokers).name, tabs))
        # Screen readers read the line with the tabs it describes.
        for tablist in container.findall(
            lambda node: isinstance(node, nodes.Element) and node.get("role") == "tablist"
        ):
            tablist["aria-describedby"] = note["ids"][0]
        return [note, *container.children]

    def note_above(self, output: Path, text: str) -> nodes.paragraph:
        """The line above the tabs, with the output's anchor (made unique should a page show it twice)."""
        document = self.state.document
        anchor = candidate = output_anchor(output)
        number = 1
        while candidate in document.ids:
            number += 1
            candidate = f"{anchor}-{number}"
        note = nodes.paragraph(text=text, classes=[DIFFERENCES_NOTE_CLASS], ids=[candidate])
        document.ids[candidate] = note
        return note

    def as_printed(self, shown: list[nodes.Node], broker: str) -> list[nodes.Node]:
        """The output as the broker printed it in the verification run, where the build has it.

        The captured file was normalised to be compared with; the run's own
        output has the real versions, pids and figures.
        """
        record = getattr(self.env.app, "verification", None)
        if record is None or not shown or not isinstance(shown[0], nodes.literal_block):
            return shown
        _, found = self.env.relfn2path(self.arguments[0])
        # The tab of a broker shows its own file; the run keeps what each broker
        # printed by the primary broker's file.
        output = captured_output(Path(found).resolve().with_name(base_name(Path(found).name)))
        printed = record.printed.get(broker, {}).get(relative(output))
        if printed is None:
            return shown
        block = shown[0]
        block.children = [nodes.Text(printed)]
        block.rawsource = printed
        return shown


def caption_of(path: Path, classes: list[str]) -> dict[str, str]:
    """What its kind captions a snippet with (a program's file name, which the reader saves it
    as), and the machine a snippet runs on."""
    kind = known(path) if path.is_relative_to(SNIPPETS) else None
    caption = kind.caption(path.name) if kind else None
    parts = [caption] if caption else []
    machine = next((c for c in classes if c.startswith(ON_MACHINE)), None)
    if machine:
        parts.append(f"on {machine.removeprefix(ON_MACHINE)}")
    return {"caption": ", ".join(parts)} if parts else {}


class UsesDeprecatedFeature(SphinxDirective):
    """A page that shows a deprecated feature on purpose tells its reader so."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        feature = self.arguments[0]
        note = nodes.admonition(classes=["warning", "deprecated-feature"])
        note += nodes.title(text="Deprecated on purpose")
        paragraph = nodes.paragraph()
        paragraph += nodes.Text("This page shows ")
        paragraph += nodes.literal(text=feature)
        paragraph += nodes.Text(
            ", which RabbitMQ 4 deprecates: it still works by default, "
            "rabbitmq-diagnostics check_if_any_deprecated_features_are_used names it, "
            "and a later version will refuse it."
        )
        note += paragraph
        self.state.nested_parse(self.content, self.content_offset, note)
        return [note]


class Machine(SphinxDirective):
    """Another server a page's snippets run on, introduced to the reader."""

    required_arguments = 1
    option_spec = {"broker": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        name, version = self.arguments[0], self.options.get("broker")
        if version is None:
            # One of several servers of the page's own version (a cluster's
            # nodes): the page introduces them, the captions say where each
            # snippet runs.
            return []
        lane = next((lane for lane in lanes() if lane.name == version), None)
        packaged = f" ({lane.distribution})" if lane else ""
        note = nodes.note()
        paragraph = nodes.paragraph()
        paragraph += nodes.literal(text=name)
        paragraph += nodes.Text(
            f" is a second server, with RabbitMQ {version}{packaged}. The snippets "
            f"captioned \u201con {name}\u201d run there, the others on the server this "
            "page is about."
        )
        note += paragraph
        return [note]


def setup(app: Sphinx) -> dict:
    app.add_directive("literalinclude", OutputOnEachBroker, override=True)
    app.add_directive(DEPRECATED_FEATURE_DIRECTIVE, UsesDeprecatedFeature)
    app.add_directive(MACHINE_DIRECTIVE, Machine)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
