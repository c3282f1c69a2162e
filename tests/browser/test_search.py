"""Sphinx's search finds a setting by its name."""

from __future__ import annotations


def test_search_for_a_setting_lists_its_page(visit, origin):
    loaded = visit("index.html")
    page = loaded.page
    box = page.locator("input.sidebar-search")
    box.fill("disk_free_limit")
    box.press("Enter")
    page.wait_for_url(f"{origin}/search.html?q=disk_free_limit*")
    page.locator("#search-results .search-summary").wait_for()
    found = page.locator("#search-results ul.search li a")
    pages = {found.nth(index).get_attribute("href") for index in range(found.count())}
    assert "troubleshooting.html" in {href.split("?")[0].split("#")[0] for href in pages}, pages
    assert not loaded.problems(), "\n".join(loaded.problems())
