"""What differs between the brokers the site is verified on, shown where it differs.

Every snippet runs on each broker of conf/brokers.toml; the pages show what
the primary one printed. Where another printed something else, or fails
(``name.on-4.0.5.out``, ``name.fails-on-3.10.8.out`` beside the snippet),
the output block becomes version tabs, newest first and synced across pages
by their labels, each showing what that broker printed. A page that uses a
deprecated feature on purpose says so with ``.. uses-deprecated-feature::
NAME`` (verify/deprecations.py checks the rest).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.util.docutils import SphinxDirective

from verify.discovery import lane_outputs
from verify.lanes import lanes
from verify.layout import DEPRECATED_FEATURE_DIRECTIVE, OUTPUT_SUFFIX, SNIPPETS


def tab_label(version: str) -> str:
    return f"RabbitMQ {version}"


class OutputOnEachBroker(LiteralInclude):
    """literalinclude, which shows a captured output in version tabs where the brokers differ."""

    option_spec = {**LiteralInclude.option_spec, "broker": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        if "broker" in self.options:
            return super().run()
        _, found = self.env.relfn2path(self.arguments[0])
        path = Path(found).resolve()
        if path.suffix != OUTPUT_SUFFIX or not path.is_relative_to(SNIPPETS):
            return super().run()
        brokers = lanes()
        others = lane_outputs(path, [lane.name for lane in brokers if not lane.primary])
        if not others:
            return super().run()
        for _, variant in others.values():
            self.env.note_dependency(str(variant))
        folder = self.arguments[0].rsplit("/", 1)[0]
        options = [
            f"   :{name}: {value if value is not None else ''}".rstrip()
            for name, value in self.options.items()
        ]
        lines = [".. tabs::", ""]
        for lane in brokers:
            how, variant = others.get(lane.name, ("same", path))
            shown = self.arguments[0] if how == "same" else f"{folder}/{variant.name}"
            lines += [f"   .. group-tab:: {tab_label(lane.name)}", ""]
            if how == "fails":
                lines += [
                    f"      Not on RabbitMQ {lane.name}, which lacks it: there it fails.",
                    "",
                ]
            lines += [f"      .. literalinclude:: {shown}"]
            lines += [f"      {option}" for option in options]
            lines += [f"         :broker: {lane.name}", ""]
        container = nodes.container()
        self.state.nested_parse(StringList(lines, self.get_source_info()[0]), 0, container)
        return container.children


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


def setup(app: Sphinx) -> dict:
    app.add_directive("literalinclude", OutputOnEachBroker, override=True)
    app.add_directive(DEPRECATED_FEATURE_DIRECTIVE, UsesDeprecatedFeature)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
