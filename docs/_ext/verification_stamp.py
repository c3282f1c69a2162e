"""Stamp each page with what its snippets were verified against.

`nox -s publish` runs every snippet on live brokers of each version in
conf/brokers.toml, then builds the site with the record of those runs (the
``verification_record`` setting): the RabbitMQ versions, the pika version,
the date, and the snippets each page showed. A page carries the stamp, at its top and in its footer, only when
every snippet it shows ran in that record's run; a page that shows a snippet
the run did not cover, or that changed since, stops the (strict) build
instead. A build without a record says on every page that it was not
verified. The preview's record is partial: a page not run yet, changed since
it ran, or whose snippets failed says so, with the failure.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from docutils import nodes
from snippet_catalogue import borrowed_snippets, everything_shown, made_from_catalogue
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from verify.core.discovery import fingerprint, includes
from verify.core.layout import relative
from verify.core.record import IncompleteRecord, VerificationRecord
from verify.run.kinds import runs

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


def shown_snippets(app: Sphinx, docname: str) -> list[str]:
    """The runnable snippets a page shows, as paths from the repository's top.

    The quick reference and the command reference show the other pages'
    command snippets, from the snippet catalogue.
    """
    if docname in borrowed_snippets(app.env):
        return sorted(borrowed_snippets(app.env)[docname])
    if docname in made_from_catalogue(app.env):
        return sorted(
            {
                entry.snippet
                for entry in everything_shown(app.env)
                if entry.commands or entry.calls_http_api
            }
        )
    return [
        relative(include.target)
        for include in includes(Path(app.env.doc2path(docname)))
        if runs(include)
    ]


def stamp(app: Sphinx, docname: str) -> str | None:
    """The page's stamp, from the record; None where nothing on the page runs."""
    record = app.verification
    if record is None:
        return NOT_VERIFIED
    source = Path(app.env.doc2path(docname))
    shown = shown_snippets(app, docname)
    if not shown:
        return None  # Nothing on the page ran, so nothing on it was verified.
    page = relative(source)
    if page in record.failures:
        return f"Not verified: {record.failures[page]}"
    if docname in made_from_catalogue(app.env):
        # Each snippet was checked where its own page shows it.
        verified = {snippet for snippets in record.pages.values() for snippet in snippets}
        changed = False
    else:
        verified = set(record.pages.get(page, []))
        changed = record.fingerprints.get(page, fingerprint(source)) != fingerprint(source)
    unverified = sorted(set(shown) - verified)
    if record.partial and (unverified or changed):
        return f"Not verified: {'changed since its snippets ran' if changed else 'not run yet'}"
    if unverified or changed:
        what = f"snippets that the verification run did not run: {', '.join(unverified)}"
        logger.warning(
            "shows %s", what if unverified else "files changed since the run", location=docname
        )
        return None
    count = f"{len(shown)} snippet{'s' if len(shown) != 1 else ''}"
    each = " on each" if len(record.brokers) > 1 else ""
    return (
        f"Verified on live brokers on {record.date}: {record.versions()}, with pika "
        f"{record.pika} ({count} on this page ran{each})"
    )


# The stamp above, read back for the badge.
VERIFIED = re.compile(
    r"Verified on live brokers on (?P<date>\S+): (?P<versions>.+), with pika \S+ "
    r"\((?P<count>\d+ snippets?) on this page ran(?: on each)?\)"
)
# The page that says what the stamp means.
EXPLAINED = "verified"


def remember_stamp(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the stamp each page was written with, to know when it changes."""
    stamps = app.env.__dict__.setdefault("verification_stamps", {})
    stamps[app.env.docname] = stamp(app, app.env.docname)


def pages_whose_stamp_changed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """A new record changes stamps without changing any source: write those pages again."""
    stamps = env.__dict__.get("verification_stamps", {})
    return [
        docname
        for docname, written in stamps.items()
        if docname in env.found_docs and docname not in changed and stamp(app, docname) != written
    ]


def add_badge(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The stamp as a small badge under the page's title, linking to how the site is verified."""
    text = stamp(app, docname)
    section = doctree.next_node(nodes.section)
    if text is None or section is None:
        return
    uri = app.builder.get_relative_uri(docname, EXPLAINED)
    verified = " verified" if VERIFIED.fullmatch(text) else ""
    html = f'<p class="verification-badge{verified}"><a href="{escape(uri)}">{escape(badge(text))}</a></p>'
    # "no-search": the badge's words are the same on every page, and would
    # make every page a result for "verified" or "snippets".
    section.insert(1, nodes.raw("", html, format="html", classes=["no-search"]))


def badge(text: str) -> str:
    """The stamp, short enough for a phone: "Verified 2026-11-28 on RabbitMQ 4.3.6, ... (3 snippets)"."""
    verified = VERIFIED.fullmatch(text)
    if verified is None:
        return text
    return f"Verified {verified['date']} on {verified['versions']} ({verified['count']})"


def add_stamp(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    text = stamp(app, pagename) if doctree is not None else None
    # page.html in _templates puts the whole stamp in the footer, with what
    # the page shows as a fingerprint, by which a reader of the preview knows
    # it is current; the badge under the title says it in short.
    context["verification_stamp"] = text
    if doctree is not None:
        context["verification_fingerprint"] = fingerprint(Path(app.env.doc2path(pagename)))


def setup(app: Sphinx) -> dict:
    app.add_config_value("verification_record", None, "html", types=[str])
    app.connect("builder-inited", load_record)
    app.connect("doctree-read", remember_stamp)
    app.connect("env-get-outdated", pages_whose_stamp_changed)
    app.connect("doctree-resolved", add_badge)
    app.connect("html-page-context", add_stamp)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
