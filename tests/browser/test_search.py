"""Finding things: the search finds a setting by its name, the index every command."""

from __future__ import annotations

from verify.discovery import commands_run_by, configuration_keys_in, snippet_includes


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


def search(visit, words: str):
    """The search page's results for `words`, as links."""
    page = visit(f"search.html?q={words}").page
    page.locator("#search-results .search-summary").wait_for()
    found = page.locator("#search-results ul.search li a")
    return page, [found.nth(index).get_attribute("href") for index in range(found.count())]


def test_a_search_result_opens_its_page_at_the_section_that_matched(visit):
    # The word is in the prose of a section near the end of a long page.
    page, links = search(visit, "duarable")
    result = next((link for link in links if link.startswith("troubleshooting.html")), None)
    assert result, f"no result on the troubleshooting page: {links}"
    page.locator(f'#search-results a[href="{result}"]').first.click()
    page.wait_for_load_state("load")
    # The page opens at its top; the word must come into view by itself.
    page.wait_for_function(
        """() => {
          const found = document.querySelector("article span.highlighted");
          if (!found) return false;
          const top = found.getBoundingClientRect().top;
          return window.scrollY > 0 && top >= 0 && top < window.innerHeight;
        }"""
    )


def test_a_search_for_a_configuration_key_lands_on_its_block(visit):
    _, links = search(visit, "disk_free_limit.relative")
    anchored = [link for link in links if "#" in link]
    assert anchored, f"no result that lands on a block: {links}"
    target, anchor = anchored[0].split("?")[0].split("#")
    landed = visit(f"{target}").page
    assert landed.locator(f'[id="{anchor}"]').count() == 1, anchored[0]


def test_the_index_has_every_configuration_key_a_page_shows(visit, site):
    shown = set()
    for page_name in site.pages_from_sources:
        blocks = visit(page_name).page.locator("article div.highlight pre").all_text_contents()
        shown.update(key for block in blocks for key in configuration_keys_in(block))
    assert shown, "no page shows a configuration key"
    entries = set(visit("genindex.html").page.locator("article a").all_text_contents())
    assert (
        sorted(f"{key} (rabbitmq.conf)" for key in shown if f"{key} (rabbitmq.conf)" not in entries)
        == []
    )


def test_every_page_has_a_description_and_a_link_preview(visit, source_page):
    page = visit(source_page).page
    description = page.locator('meta[name="description"]').get_attribute("content") or ""
    title = page.locator('meta[property="og:title"]').get_attribute("content") or ""
    assert len(description) > 40, f"{source_page}: description {description!r}"
    assert title == page.locator("article h1").first.inner_text().rstrip("¶").strip()
    assert page.locator('meta[property="og:description"]').get_attribute("content") == description
