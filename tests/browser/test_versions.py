"""Version tabs: which versions differ, said before any tab is opened; a panel that stays open;
a choice kept after the browser closes; and the page that gathers every difference."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.browser.conftest import VIEWPORT
from tests.browser.reader import open_page
from tests.browser.site import Site, source_of
from tests.browser.test_tabs import PYTHON, problems_with_python_shown
from verify.core.captured import is_output, outputs_per_broker
from verify.core.discovery import includes, output_anchor
from verify.core.lanes import lanes
from verify.core.layout import relative as rel

DIFFERENCES = "differences.html"
PHONE = {"width": 390, "height": 844}
# "Compared with RabbitMQ 4.3.6: 4.0.5 prints something else; 3.10.8 fails."
NOTE = re.compile(r"Compared with RabbitMQ (?P<primary>\S+): (?P<clauses>.+)\.")
CLAUSE = re.compile(
    r"(?P<brokers>.+?) (?P<how>prints? something else|fails?|prints? the same)", re.ASCII
)
HOW = {"print something else": "differs", "fail": "fails", "print the same": "same"}


@dataclass(frozen=True)
class Shown:
    """An output a page shows in version tabs, as the captured files have it."""

    page: str  # queues.html
    output: Path
    how: dict[str, str]  # {"4.3.6": "same", "4.0.5": "differs", "3.10.8": "fails"}

    @property
    def anchor(self) -> str:
        return output_anchor(self.output)

    @property
    def href(self) -> str:
        return f"{self.page}#{self.anchor}"


def shown_in_tabs(page: str) -> list[Shown]:
    """Every captured output the page's source includes that another broker prints otherwise."""
    names = [lane.name for lane in lanes()]
    found = []
    for include in includes(source_of(page)):
        tabs = outputs_per_broker(include.target, names)
        if is_output(include.target) and tabs:
            found.append(Shown(page, include.target, {broker: how for broker, how, _ in tabs}))
    return found


def read_note(text: str) -> dict[str, str] | None:
    """{"4.3.6": "same", "4.0.5": "differs", ...} from a note's words, or None if they do not parse."""
    note = NOTE.fullmatch(text.strip())
    if note is None:
        return None
    said = {note["primary"]: "same"}
    for clause in note["clauses"].split("; "):
        match = CLAUSE.fullmatch(clause)
        if match is None:
            return None
        how = HOW[re.sub(r"^prints\b|^fails\b", lambda m: m[0][:-1], match["how"])]
        for broker in re.split(r", | and ", match["brokers"]):
            said[broker] = how
    return said


def problems_with_notes(page: Page, expected: list[Shown]) -> list[str]:
    problems = []
    notes = page.locator("p.broker-differences")
    if notes.count() != len(expected):
        problems.append(f"{notes.count()} notes above version tabs, for {len(expected)} outputs")
    for shown in {shown.anchor: shown for shown in expected}.values():
        note = page.locator(f'[id="{shown.anchor}"]')
        if note.count() != 1:
            problems.append(f"no note #{shown.anchor} above {rel(shown.output)}'s tabs")
            continue
        text = note.inner_text()
        said = read_note(text)
        if said != shown.how:
            problems.append(f"#{shown.anchor} says {text!r}; the captured files: {shown.how}")
        tabs = note.locator("xpath=following-sibling::div[1][contains(@class, 'sphinx-tabs')]")
        labels = tabs.locator(":scope > [role=tablist] > .sphinx-tabs-tab").all_inner_texts()
        wanted = [f"RabbitMQ {broker}" for broker in shown.how]
        if [label.strip() for label in labels] != wanted:
            problems.append(f"#{shown.anchor} is not right above tabs {wanted} (found {labels})")
    return problems


def overflowing(page: Page, selector: str) -> list[str]:
    """The elements that run past the screen's right edge, by their text."""
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((e) => e.textContent.slice(0, 60))""",
        selector,
    )


def test_each_note_names_the_versions_that_differ(visit, page_with_tabs):
    expected = shown_in_tabs(page_with_tabs)
    page = visit(page_with_tabs).page
    problems = problems_with_notes(page, expected)
    page.set_viewport_size(PHONE)
    problems += [
        f"at 390 px, runs off the screen: {text!r}"
        for text in overflowing(page, "p.broker-differences")
    ]
    assert not problems, f"{page_with_tabs}:\n  " + "\n  ".join(problems)


def version_tabs_page(site: Site) -> str:
    oldest = lanes()[-1].name
    tabbed = site.pages_with_tab(f"RabbitMQ {oldest}")
    assert tabbed, "no page has version tabs to check this on"
    return tabbed[0]


def test_clicking_the_selected_tab_keeps_its_panel(visit, site: Site):
    name = version_tabs_page(site)
    page = visit(name).page
    group = page.locator("p.broker-differences + div.sphinx-tabs").filter(visible=True).first
    tabs = group.locator(":scope > [role=tablist] > .sphinx-tabs-tab")
    problems = []
    for index in (0, tabs.count() - 1):
        tab = tabs.nth(index)
        panel = page.locator(f'[id="{tab.get_attribute("aria-controls")}"]')
        for click in ("first", "second"):
            tab.click()
            if tab.get_attribute("aria-selected") != "true" or not panel.is_visible():
                problems.append(
                    f"{tab.inner_text()!r}: its panel is hidden after the {click} click"
                )
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


def test_tab_choices_hold_after_the_browser_is_closed(browser: Browser, origin: str, site: Site):
    """Python and the oldest version, chosen on one page, are still chosen in a new browser
    that has only what the first one stored (Playwright's storage_state: cookies and localStorage)."""
    oldest = f"RabbitMQ {lanes()[-1].name}"
    both = [page for page in site.pages_with_tab(PYTHON) if page in site.pages_with_tab(oldest)]
    assert both, f"no page has both a {PYTHON} and a {oldest} tab to check this on"
    first = browser.new_context(viewport=VIEWPORT)
    page = open_page(first, origin, both[0]).page
    # The oldest version first: its tabs may be under the command line's, which Python hides.
    page.locator(".sphinx-tabs-tab", has_text=oldest).filter(visible=True).first.click()
    page.locator(".sphinx-tabs-tab", has_text=PYTHON).filter(visible=True).first.click()
    stored = first.storage_state()
    first.close()
    later = browser.new_context(viewport=VIEWPORT, storage_state=stored)
    try:
        problems = []
        for name in dict.fromkeys([both[0], *site.pages_with_tab(oldest)[:2]]):
            page = open_page(later, origin, name).page
            if name in site.pages_with_tab(PYTHON):
                problems += [f"{name}: {p}" for p in problems_with_python_shown(page)]
            tabs = page.locator(".sphinx-tabs-tab", has_text=oldest)
            for index in range(tabs.count()):
                tab = tabs.nth(index)
                panel = page.locator(f'[id="{tab.get_attribute("aria-controls")}"]')
                # A group inside another tab's hidden panel is chosen all the same.
                if tab.get_attribute("aria-selected") != "true" or (
                    tab.is_visible() and not panel.is_visible()
                ):
                    problems.append(f"{name}: tab group {index + 1} does not show {oldest}")
    finally:
        later.close()
    assert not problems, "after the browser was closed and opened again:\n  " + "\n  ".join(
        problems
    )


ENTRIES = """
() => [...document.querySelectorAll("ul.broker-difference-list > li.broker-difference")]
  .map((entry) => ({
    href: entry.querySelector(":scope > p > a")?.getAttribute("href"),
    text: entry.innerText,
  }))
"""


def test_the_differences_page_lists_every_output_that_differs(visit, site: Site):
    expected = {
        shown.href: shown for page in site.pages_from_sources for shown in shown_in_tabs(page)
    }
    page = visit(DIFFERENCES).page
    entries = page.evaluate(ENTRIES)
    listed = [entry["href"] for entry in entries]
    problems = [
        f"missing: {href} ({rel(expected[href].output)})" for href in expected if href not in listed
    ]
    problems += [
        f"listed, but no broker prints it otherwise: {href}"
        for href in listed
        if href not in expected
    ]
    problems += [f"listed twice: {href}" for href in set(listed) if listed.count(href) > 1]
    for entry in entries:
        shown = expected.get(entry["href"])
        if shown is None:
            continue
        for broker, how in shown.how.items():
            for kind, words in {"differs": "prints something else", "fails": "fails"}.items():
                said = f"RabbitMQ {broker} {words}" in entry["text"]
                if said != (how == kind):
                    problems.append(
                        f"{entry['href']}: {'says' if said else 'does not say'} RabbitMQ {broker} {words}"
                    )
    # Page by page, in the order of the site's navigation.
    navigation = page.evaluate(
        "() => [...document.querySelectorAll('.sidebar-tree a.reference')].map((a) => a.getAttribute('href'))"
    )
    order = [href.partition("#")[0] for href in dict.fromkeys(listed)]
    pages = list(dict.fromkeys(order))
    if (
        sorted(pages, key=lambda name: navigation.index(name) if name in navigation else -1)
        != pages
    ):
        problems.append(f"pages not in the navigation's order: {pages}")
    if order != sorted(order, key=pages.index):
        problems.append("one page's entries are not together")
    page.set_viewport_size(PHONE)
    problems += [
        f"at 390 px, runs off the screen: {text!r}" for text in overflowing(page, "article *")
    ]
    assert not problems, f"{DIFFERENCES}:\n  " + "\n  ".join(problems)


def test_each_difference_links_to_its_output(visit, site: Site):
    links = visit(DIFFERENCES).page.evaluate(ENTRIES)
    assert links, f"{DIFFERENCES} lists no difference"
    problems = []
    opened: dict[str, Page] = {}
    for href in (entry["href"] for entry in links):
        name, _, anchor = href.partition("#")
        if name not in opened:
            opened[name] = visit(name).page
        target = opened[name].locator(f'[id="{anchor}"]')
        if not anchor or target.count() != 1:
            problems.append(f"{href}: no such element on {name}")
        elif not target.is_visible():
            problems.append(f"{href}: lands on a hidden element")
    assert not problems, "\n".join(problems)


def test_the_differences_page_lists_its_pages_in_its_contents(visit):
    """ "On this page" has a link to each page's group of differences, in order."""
    page = visit(DIFFERENCES).page
    groups = page.evaluate(
        "() => [...document.querySelectorAll('article section section[id]')].map((s) => '#' + s.id)"
    )
    contents = page.evaluate(
        "() => [...document.querySelectorAll('.toc-tree a')].map((a) => a.getAttribute('href'))"
    )
    assert groups, f"{DIFFERENCES} has no group of differences"
    assert [href for href in contents if href in groups] == groups, (
        f"{DIFFERENCES}: its contents link to {contents}, its groups are {groups}"
    )
