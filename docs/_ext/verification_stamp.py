"""Stamp each page with what its snippets were verified against.

`nox -s publish` runs every snippet on a live broker, then builds the site
with the record of that run (the ``verification_record`` setting): the
RabbitMQ, Erlang and pika versions, the date, and the snippets each page
showed. A page carries the stamp, at its top and in its footer, only when
every snippet it shows ran in that record's run; a page that shows a snippet
the run did not cover stops the (strict) build instead. A build without a
record says on every page that it was not verified.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from snippet_blocks import snippet_of
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from verify.layout import PROGRAM_SUFFIXES, ROOT
from verify.record import IncompleteRecord, VerificationRecord

logger = logging.getLogger(__name__)

NOT_VERIFIED = "Not verified: this build did not run the snippets (nox -s publish does)"


def load_record(app: Sphinx) -> None:
    app.verification = None
    if not app.config.verification_record:
        return
    try:
        app.verification = VerificationRecord.read(Path(app.config.verification_record))
    except IncompleteRecord as error:
        raise ConfigError(str(error)) from None


def shown_snippets(doctree: nodes.document) -> list[str]:
    """The runnable snippets a page shows, as paths from the repository's top."""
    shown = (snippet_of(block) for block in doctree.findall(nodes.literal_block))
    return [
        str(path.relative_to(ROOT))
        for path in shown
        if path is not None and path.suffix in PROGRAM_SUFFIXES
    ]


def stamp(app: Sphinx, pagename: str, doctree: nodes.document | None) -> str | None:
    record = app.verification
    if record is None:
        return NOT_VERIFIED
    shown = shown_snippets(doctree) if doctree is not None else []
    if not shown:
        return None  # Nothing on the page ran, so nothing on it was verified.
    page = str(Path(app.env.doc2path(pagename)).relative_to(ROOT))
    unverified = sorted(set(shown) - set(record.pages.get(page, [])))
    if unverified:
        logger.warning(
            "shows snippets that the verification run did not run: %s",
            ", ".join(unverified),
            location=pagename,
        )
        return None
    return (
        f"Verified on a live broker on {record.date}: RabbitMQ {record.rabbitmq}, "
        f"Erlang {record.erlang}, pika {record.pika} "
        f"({len(shown)} snippets on this page ran)"
    )


def add_stamp(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    text = stamp(app, pagename, doctree)
    # furo shows its "announcement" at the top of the page; page.html in
    # _templates puts the same text in the footer.
    context["theme_announcement"] = text or ""
    context["verification_stamp"] = text


def setup(app: Sphinx) -> dict:
    app.add_config_value("verification_record", None, "html", types=[str])
    app.connect("builder-inited", load_record)
    app.connect("html-page-context", add_stamp)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
