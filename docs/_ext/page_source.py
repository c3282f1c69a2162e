"""Each page's footer: a link to its source file and a way to report a mistake on it.

With the repository's address (``CHEATSHEET_REPOSITORY``, or GitHub
Actions' own variables when the site is built there), the source link opens
the file in the repository and the report opens an issue from
.github/ISSUE_TEMPLATE/mistake.yml with the page filled in. Without it (a
build on a machine of one's own), the source is the copy in the site
(``_sources/``) and the report link says what a report should hold.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from sphinx.application import Sphinx

from verify.core.layout import ROOT

# The issue form that reports a mistake, and where the site says what to report without one.
ISSUE_FORM = "mistake.yml"
HOW_TO_REPORT = ("verified", "report-a-mistake")
BRANCH = "main"


def repository() -> str | None:
    """The repository's web address, where the build knows it."""
    if os.environ.get("CHEATSHEET_REPOSITORY"):
        return os.environ["CHEATSHEET_REPOSITORY"].rstrip("/")
    server, name = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    return f"{server}/{name}" if server and name else None


def add_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Generated pages (the index, the search) have no source; the 404 page is
    # served at any depth, where a relative link would not land.
    if doctree is None or not context.get("sourcename") or pagename == "404":
        return
    source = app.env.doc2path(pagename)
    path = source.relative_to(ROOT).as_posix()
    site = app.config.page_source_repository
    context["page_source_path"] = path
    if not site:
        page, section = HOW_TO_REPORT
        context["page_source_url"] = context["pathto"](f"_sources/{context['sourcename']}", 1)
        here = "" if pagename == page else context["pathto"](page)
        context["report_mistake_url"] = f"{here}#{section}"
        return
    context["page_source_url"] = f"{site}/blob/{BRANCH}/{path}"
    query = urlencode(
        {
            "template": ISSUE_FORM,
            "title": f"A mistake on {app.env.titles[pagename].astext()}",
            "page": path,
        }
    )
    context["report_mistake_url"] = f"{site}/issues/new?{query}"


def setup(app: Sphinx) -> dict:
    # A setting, so that a build for another repository writes every page again.
    app.add_config_value(
        "page_source_repository", repository(), "html", types=frozenset({str, type(None)})
    )
    app.connect("html-page-context", add_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
