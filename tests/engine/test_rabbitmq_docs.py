"""How a file of RabbitMQ's website becomes a documentation page, and how pages link to one."""

from __future__ import annotations

import pytest

from verify.core.rabbitmq_docs import DocsPaths, Link, links
from verify.core.rabbitmq_docs_source import front_matter, page_path, page_title


@pytest.mark.parametrize(
    "file, fields, path",
    [
        ("quorum-queues/index.md", {}, "quorum-queues"),
        ("index.md", {}, ""),
        ("man/README.md", {}, "man"),
        ("man/rabbitmqctl.8.md", {}, "man/rabbitmqctl.8"),
        ("compare/kafka.md", {}, "compare/kafka"),
        ("guides/guides.md", {}, "guides"),
        ("access-control.mdx", {}, "access-control"),
        ("old.md", {"slug": "/new/place"}, "new/place"),
        ("guides/old.md", {"slug": "renamed"}, "guides/renamed"),
        ("guides/old.md", {"id": "other"}, "guides/other"),
        ("_partial.md", {}, None),
        ("image.png", {}, None),
    ],
)
def test_page_path(file, fields, path):
    assert page_path(file, fields) == path


def test_titles():
    text = '---\ntitle: "A \\"quoted\\" title"\ndisplayed_sidebar: docsSidebar\n---\n# Heading\n'
    assert page_title(text, "x", front_matter(text)) == 'A "quoted" title'
    text = "```\n# not a heading\n```\n# Quorum Queues {#top}\n## Overview\n"
    assert page_title(text, "x", front_matter(text)) == "Quorum Queues"
    assert page_title("## NAME\n", "man/rabbitmqctl.8", {}) == "rabbitmqctl(8)"


def test_links_in_a_page():
    text = (
        "Title\n=====\n\n"
        ".. rabbitmq-docs:: feature-flags 3.13/ha\n"
        "   :versions: 4.0\n\n"
        "See :rabbitmq-docs:`install-debian` or :rabbitmq-docs:`the guide <4.0/upgrade>`.\n"
    )
    assert links(text, "4.3") == [
        Link(4, "4.3", "feature-flags"),
        Link(4, "4.0", "feature-flags"),
        Link(4, "3.13", "ha"),
        Link(4, "4.0", "ha"),
        Link(7, "4.3", "install-debian"),
        Link(7, "4.0", "upgrade"),
    ]


def test_addresses_and_problems():
    docs = DocsPaths(
        versions={"4.3": {"quorum-queues": "Quorum Queues", "": "Docs"}, "4.0": {"ha": "HA"}},
        latest="4.3",
        repository="https://github.com/rabbitmq/rabbitmq-website",
        commit="0" * 40,
        date="2026-01-01T00:00:00+00:00",
    )
    assert docs.url("4.3", "quorum-queues") == "https://www.rabbitmq.com/docs/quorum-queues"
    assert docs.url("4.0", "ha") == "https://www.rabbitmq.com/docs/4.0/ha"
    assert docs.url("4.3", "") == "https://www.rabbitmq.com/docs"
    assert docs.problem("4.3", "quorum-queues") is None
    assert "did you mean quorum-queues" in docs.problem("4.3", "quorum-queue")
    assert "no documentation for 3.10" in docs.problem("3.10", "quorum-queues")
