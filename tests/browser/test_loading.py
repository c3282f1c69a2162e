"""Every page loads cleanly, from the site alone, and says where it comes from."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from tests.browser.reader import open_page
from tests.browser.site import shows_other_pages_snippets, source_of
from verify.core.discovery import includes
from verify.core.layout import relative as rel
from verify.run.kinds import runs

VERIFIED = re.compile(
    r"Verified on live brokers on (?P<date>\d{4}-\d\d-\d\d): "
    r"(?P<versions>RabbitMQ [\d.]+(?:, [\d.]+)* and [\d.]+), "
    r"with pika \S+ \((?P<count>\d+) snippets? on this page ran on each\)"
)
NOT_VERIFIED = "Not verified: this build did not run the snippets (nox -s publish does)"


def test_page_loads_from_the_site_alone(visit, any_page, transfer_sizes):
    """No console errors, no failed requests, no request to another host."""
    loaded = visit(any_page)
    loaded.settle()
    transfer_sizes[any_page] = loaded.transferred_bytes
    assert not loaded.problems(), f"{any_page}:\n  " + "\n  ".join(loaded.problems())


def test_every_page_has_an_icon_that_loads(visit, any_page):
    loaded = visit(any_page)
    icon = loaded.page.locator('link[rel~="icon"]')
    assert icon.count() == 1, f"{any_page} names no icon"
    response = loaded.page.request.get(urljoin(loaded.page.url, icon.get_attribute("href")))
    assert response.ok and response.body().startswith(b"<svg"), (
        f"{any_page}: icon {response.status}"
    )


def test_missing_address_shows_the_not_found_page(visit, origin):
    """At any depth: the 404 page's styles and links are absolute."""
    loaded = visit("no/such/page.html", expected_status=404)
    loaded.settle()
    assert not loaded.problems(), "\n".join(loaded.problems())
    assert loaded.page.title().startswith("Page not found")
    loaded.page.get_by_role("link", name="start page").click()
    loaded.page.wait_for_url(f"{origin}/index.html")


def test_the_not_found_page_keeps_its_styles_under_a_sub_path(context, subpath_origin):
    """A site published under a sub-path, built with its address, as the README says."""
    loaded = open_page(context, subpath_origin, "no/such/page.html", expected_status=404)
    loaded.settle()
    assert not loaded.problems(), "\n".join(loaded.problems())
    sidebar = loaded.page.locator(".sidebar-drawer")
    assert sidebar.evaluate("(e) => getComputedStyle(e).display") != "inline", "no styles"
    loaded.page.get_by_role("link", name="start page").click()
    loaded.page.wait_for_url(f"{subpath_origin}/index.html")


def test_page_links_to_its_source_and_says_what_was_verified(visit, source_page, context):
    """The "view source" link, and the verification stamp at the top and in the footer."""
    page = visit(source_page).page
    problems = [
        *problems_with_source_link(page, source_page, context),
        *problems_with_stamp(page, source_page),
    ]
    assert not problems, f"{source_page}:\n  " + "\n  ".join(problems)


def problems_with_source_link(page, source_page: str, context) -> list[str]:
    link = page.locator(".view-this-page a")
    if link.count() != 1:
        return ["no link to the page's source"]
    response = context.request.get(urljoin(page.url, link.get_attribute("href")))
    if not response.ok:
        return [f"the source link answers {response.status}"]
    if response.text() != source_of(source_page).read_text():
        return [f"the source shown is not {rel(source_of(source_page))}: is the site older?"]
    return []


def problems_with_stamp(page, source_page: str) -> list[str]:
    """The record's versions and date, or "Not verified"; none where nothing ran."""
    ran = [include for include in includes(source_of(source_page)) if runs(include)]
    borrows = shows_other_pages_snippets(source_page)
    footer = page.locator("footer .verification-stamp")
    badge = page.locator("article p.verification-badge a")
    if not ran and not borrows:
        if footer.count() and footer.inner_text() != NOT_VERIFIED:
            return [f"no snippet ran, yet the page says {footer.inner_text()!r}"]
        return []
    if footer.count() != 1:
        return ["the page shows snippets but no verification stamp"]
    stamp = footer.inner_text()
    if badge.count() != 1:
        return ["the page shows snippets but no badge under its title"]
    if not badge.get_attribute("href").endswith("verified.html"):
        return [
            f"the badge links to {badge.get_attribute('href')!r}, not to how the site is verified"
        ]
    if stamp == NOT_VERIFIED:
        return (
            []
            if badge.inner_text().endswith(NOT_VERIFIED)
            else [f"the badge reads {badge.inner_text()!r}"]
        )
    match = VERIFIED.fullmatch(stamp)
    if not match:
        return [f"the stamp reads {stamp!r}"]
    short = f"Verified {match['date']} on {match['versions']} ({match['count']} snippet"
    if short not in badge.inner_text():
        return [f"the badge ({badge.inner_text()!r}) says other than the footer ({stamp!r})"]
    if (borrows and int(match["count"]) == 0) or (not borrows and int(match["count"]) != len(ran)):
        return [f"the page shows {len(ran)} snippets, its stamp says: {stamp}"]
    return []
