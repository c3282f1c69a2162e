"""Finding things: the search finds a setting by its name, the index every command."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from verify.core.discovery import commands_run_by, configuration_keys_in, snippet_includes


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


# -- The search page, its order and its summaries --------------------------------

WIDTHS = {"phone": 390, "desktop": 1366}

# Every result listed (each then fetches its page for its summary).
RESULTS_SHOWN = """
() => {
  const summary = document.querySelector("#search-results .search-summary");
  return summary && summary.textContent.startsWith("Search finished");
}
"""


def results(visit, words: str, width: int = 1366):
    """The search page for `words`, `width` px wide, once every result and its summary are shown, and its links."""
    # The search page with no query, then the query at that width, as a
    # reader's screen shows it from the start.
    loaded = visit("search.html")
    page = loaded.page
    loaded.settle()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{loaded.url}?q={quote(words)}", wait_until="load")
    page.wait_for_function(RESULTS_SHOWN)
    # The summaries, fetched one per result, are all in.
    loaded.settle()
    assert not loaded.problems(), "\n".join(loaded.problems())
    found = page.locator("#search-results ul.search li > a")
    return page, [found.nth(index).get_attribute("href") for index in range(found.count())]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_search_page_stays_at_its_top(visit, width):
    # Words that the summaries hold, which sphinx_highlight.js marks there.
    page, links = results(visit, "list queues", width)
    assert links, "no results"
    # search_lands.js acts 100 ms after the page's load; give it time to.
    page.wait_for_timeout(500)
    assert page.evaluate("window.scrollY") == 0, (
        f"at {width} px the search page scrolled {page.evaluate('window.scrollY')} px down"
    )
    assert page.locator("#search-results .search-summary").is_visible()


def test_no_summary_holds_the_badge(visit):
    badge = visit("users.html").page.locator("article p.verification-badge").inner_text().strip()
    assert len(badge) > 20, badge
    # A summary is 240 characters of text, longer than the badge: one that holds
    # any of it holds its start or its end. (Its middle, "4.0.5 and 3.10.8",
    # is also what the notes above version tabs say.)
    pieces = {badge[:12], badge[-12:]}
    # Words near the top of pages, whose summaries start before them.
    for words in ("commands", "management plugin", "queues"):
        page, links = results(visit, words)
        assert links, f"no results for {words!r}"
        summaries = page.locator("#search-results li p.context").all_inner_texts()
        holding = [text for text in summaries if any(piece in text for piece in pieces)]
        assert not holding, f"{words!r}: summaries with the badge's text ({badge!r}): {holding}"


# What readers looked for, typed as they would, the section that answers it,
# and what its code shows.
LIST_QUEUES = ("queues.html#list-queues", ["rabbitmqctl list_queues name", "messages_ready"])
ADD_USER = (
    "users.html#add-a-user-who-can-use-a-vhost",
    ["rabbitmqctl add_user", "rabbitmqctl set_permissions"],
)
ENABLE_MANAGEMENT = (
    "management.html#enable-the-management-plugin",
    ["rabbitmq-plugins enable rabbitmq_management"],
)
LOOKUPS = {
    "list queues with their message counts": LIST_QUEUES,
    "list queues": LIST_QUEUES,
    "add a user who can use a vhost": ADD_USER,
    "add user": ADD_USER,
    "enable the management plugin": ENABLE_MANAGEMENT,
    "enable management plugin": ENABLE_MANAGEMENT,
}


@pytest.mark.parametrize("words", LOOKUPS)
def test_a_lookup_ranks_the_section_that_answers_it_first(visit, words):
    answer, commands = LOOKUPS[words]
    _, links = results(visit, words)
    assert links[:1] == [answer], f"{words!r}: results in this order: {links[:5]}"
    # The section is there, and shows the commands, with what they printed.
    target, anchor = answer.split("#")
    section = visit(target).page.locator(f'section[id="{anchor}"]')
    shown = "\n".join(section.locator("div.highlight pre").all_text_contents())
    assert all(command in shown for command in commands), f"{answer} does not show {commands}"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_navigation_links_to_the_index(visit, origin, width):
    page = visit("queues.html").page
    page.set_viewport_size({"width": width, "height": 900})
    if width < 1000:
        # On a phone the navigation is behind the menu button.
        page.locator("label.nav-overlay-icon").click()
    link = page.locator('.sidebar-drawer a[href="genindex.html"]')
    assert link.count() == 1, "the navigation has no link to genindex.html"
    link.click()
    page.wait_for_url(f"{origin}/genindex.html")
    assert page.locator("article h1").inner_text().startswith("Index")
    assert page.locator("article a").count() > 50, "the index lists nothing"
