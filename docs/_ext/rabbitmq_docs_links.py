"""Links from a section to the RabbitMQ documentation page it draws on.

``.. rabbitmq-docs:: quorum-queues`` (right under a section's title) becomes
"RabbitMQ documentation: Quorum Queues", linked to the page on rabbitmq.com
for the primary broker's release series (https://www.rabbitmq.com/docs/...
for the series the site serves at /docs/, /docs/4.0/... for an older one).
More than one page may follow; ``4.0/quorum-queues`` names another series,
and ``:versions: 4.0`` links the same pages for that series too, where what
the section says differs by version. Inline, :rabbitmq-docs:`install-debian`
or :rabbitmq-docs:`the upgrade guide <4.0/upgrade>`.

The build runs offline: the pages that exist, and their titles, are those
of conf/rabbitmq-docs.toml (verify/core/rabbitmq_docs.py, refreshed by `nox -s
docs-paths`). A link to a page not there is a warning, which the strict
build fails on.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.writers.html5 import HTML5Translator

from verify.core.lanes import primary
from verify.core.rabbitmq_docs import DIRECTIVE, DOCS_PATHS, load, series, target

logger = logging.getLogger(__name__)


class rabbitmq_docs(nodes.paragraph, nodes.Invisible):
    """The line of links: a paragraph, written as one, that is not the page's text.

    Invisible to what summarises a page (sphinxext-opengraph's description, the
    link preview, skips it), so that a page whose introduction starts with its
    links is still described by its first sentence.
    """


LEAD = "RabbitMQ documentation: "
CLASS = "rabbitmq-docs"


def default_version() -> str:
    """The primary broker's release series: the documentation its pages show."""
    return series(primary().rabbitmq)


def link(env, version: str, path: str, text: str | None, location) -> nodes.Node:
    """A reference to the page, or its text alone, with a warning, where there is no such page."""
    env.note_dependency(str(DOCS_PATHS))
    docs = load(DOCS_PATHS)
    problem = docs.problem(version, path)
    if problem:
        logger.warning(problem, location=location, type=DIRECTIVE)
        return nodes.Text(text or path)
    return nodes.reference(
        "", text or docs.title(version, path), refuri=docs.url(version, path), internal=False
    )


def suffix(version: str) -> str:
    return "" if version == default_version() else f" (RabbitMQ {version})"


class RabbitMQDocs(SphinxDirective):
    required_arguments = 1
    optional_arguments = 10
    option_spec = {"versions": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        also = self.options.get("versions", "").split()
        paragraph = rabbitmq_docs("", LEAD, classes=[CLASS])
        for number, argument in enumerate(self.arguments):
            version, path = target(argument, default_version())
            if number:
                paragraph += nodes.Text(", ")
            paragraph += link(self.env, version, path, None, location)
            others = [other for other in dict.fromkeys(also) if other != version]
            if not others:
                paragraph += nodes.Text(suffix(version))
                continue
            # "Upgrading RabbitMQ (RabbitMQ 4.3; for RabbitMQ 4.0)": which is which.
            paragraph += nodes.Text(f" (RabbitMQ {version}")
            for other in others:
                paragraph += nodes.Text("; ")
                paragraph += link(self.env, other, path, f"for RabbitMQ {other}", location)
            paragraph += nodes.Text(")")
        return [paragraph]


class RabbitMQDocsRole(SphinxRole):
    """:rabbitmq-docs:`quorum-queues`, or with text of its own: `the guide <4.0/upgrade>`."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        text, _, rest = self.text.rpartition("<")
        wanted = rest.rstrip(">") if text else self.text
        version, path = target(wanted, default_version())
        reference = link(self.env, version, path, text.strip() or None, self.get_location())
        return [reference], []


def setup(app: Sphinx) -> dict:
    app.add_node(
        rabbitmq_docs, html=(HTML5Translator.visit_paragraph, HTML5Translator.depart_paragraph)
    )
    app.add_directive(DIRECTIVE, RabbitMQDocs)
    app.add_role(DIRECTIVE, RabbitMQDocsRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
