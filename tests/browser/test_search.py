"""Finding things: the search finds a setting by its name, the index every command."""

from __future__ import annotations

from verify.discovery import commands_run_by, snippet_includes


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


def test_the_index_has_every_command_each_linking_to_where_it_runs(visit):
    page = visit("genindex.html").page
    links = page.locator("article a").evaluate_all(
        "(links) => links.map((link) => [link.textContent, link.getAttribute('href')])"
    )
    entries = {text: href for text, href in links if text.startswith("rabbitmq")}
    run = {command for include in snippet_includes() for command in commands_run_by(include.target)}
    assert sorted(run - entries.keys()) == [], "commands the snippets run that the index lacks"
    # Each entry's first link lands on its block.
    for command in sorted(run):
        target, anchor = entries[command].split("#")
        landed = visit(target).page
        assert landed.locator(f'[id="{anchor}"]').count() == 1, (
            f"{command}: no #{anchor} on {target}"
        )
