"""Each page links to its source and to a way of reporting a mistake on it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from tests.browser.site import source_of
from verify.core.layout import ROOT

ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "mistake.yml"


def test_each_page_links_to_its_source_and_to_a_report(visit, source_page, origin):
    page = visit(source_page).page
    if source_page == "404.html":
        # Served for any missing address, at any depth: it links only to the start.
        assert page.locator("p.page-source").count() == 0
        return
    footer = page.locator("p.page-source")
    assert footer.count() == 1, f"{source_page}: no source and report links at its foot"
    source = footer.locator("a").first.get_attribute("href")
    report = footer.locator("a.report-mistake").get_attribute("href")
    path = source_of(source_page).relative_to(ROOT).as_posix()
    assert path in footer.inner_text(), f"{source_page}: the footer does not name {path}"
    if source.startswith("http"):
        # A build that knows the repository: the file there, and its issue form.
        assert source.endswith(f"/blob/main/{path}"), source
        query = parse_qs(urlparse(report).query)
        assert query["template"] == [ISSUE_FORM.name] and query["page"] == [path], report
        return
    # A build of one's own: the copy of the source in the site, and what to report.
    copy = page.request.get(f"{origin}/{source}")
    assert copy.ok and copy.text() == Path(ROOT / path).read_text(), f"{source_page}: {source}"
    target, _, anchor = report.partition("#")
    assert visit(target or source_page).page.locator(f'[id="{anchor}"]').count() == 1, report


def test_the_issue_form_asks_for_the_page_it_is_about():
    # The page link fills in the field whose id is "page" (GitHub's issue forms).
    ids = re.findall(r"^\s+id: (\S+)$", ISSUE_FORM.read_text(), re.MULTILINE)
    assert {"page", "says", "saw", "versions"} <= set(ids), ids
