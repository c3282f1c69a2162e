"""Absolute links in the text of the 404 page.

The 404 page is served for a missing address at any depth (/a/b/missing.html),
so a link relative to it leads nowhere. sphinx-notfound-page makes the
theme's links and assets absolute, under ``notfound_urls_prefix``; this does
the same for the links in the page's own text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def make_links_absolute(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != app.config.notfound_pagename:
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for reference in doctree.findall(nodes.reference):
        uri = reference.get("refuri")
        if reference.get("internal") and uri and not uri.startswith(("/", "#")):
            reference["refuri"] = prefix + uri


def setup(app: Sphinx) -> dict:
    app.setup_extension("notfound.extension")
    app.connect("doctree-resolved", make_links_absolute)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
