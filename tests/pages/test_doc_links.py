"""Each link to RabbitMQ's documentation names a page that its release series has."""

from __future__ import annotations

import pytest

from verify.discovery import pages
from verify.lanes import primary
from verify.layout import relative as rel
from verify.rabbitmq_docs import DOCS_PATHS, links, load, series


def test_the_primary_brokers_series_has_documentation():
    """Links name the primary broker's series unless they say otherwise."""
    docs = load(DOCS_PATHS)
    wanted = series(primary().rabbitmq)
    assert docs.versions.get(wanted), (
        f"{rel(DOCS_PATHS)} has no pages for RabbitMQ {wanted}, the primary broker's series: "
        "refresh it (`nox -s docs-paths -- https://github.com/rabbitmq/rabbitmq-website`)"
    )
    assert docs.latest in docs.versions


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_documentation_links_name_pages_that_exist(page):
    docs = load(DOCS_PATHS)
    problems = [
        f"{rel(page)}:{link.line}: {problem}"
        for link in links(page.read_text(), series(primary().rabbitmq))
        if (problem := docs.problem(link.version, link.path))
    ]
    assert not problems, "\n".join(problems)
