"""Tabs show one way of doing a task at a time, and the reader's choice follows them."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from tests.browser.site import Site

PYTHON = "Python"


def python_tab(page: Page) -> Locator:
    return page.locator(".sphinx-tabs-tab", has_text=PYTHON).first


def problems_with_python_shown(page: Page) -> list[str]:
    """What is wrong with every tab group on the page that has a Python tab showing it."""
    problems = []
    groups = page.locator("div.sphinx-tabs")
    for number in range(groups.count()):
        group = groups.nth(number)
        tabs = group.locator(":scope > [role=tablist] > .sphinx-tabs-tab")
        labels = [tabs.nth(index).inner_text().strip() for index in range(tabs.count())]
        if PYTHON not in labels:
            continue
        for index, label in enumerate(labels):
            panel = group.locator(f'[id="{tabs.nth(index).get_attribute("aria-controls")}"]')
            selected = tabs.nth(index).get_attribute("aria-selected") == "true"
            if label == PYTHON:
                if not selected or not panel.is_visible():
                    problems.append(f"group {number + 1}: the Python tab's panel is not shown")
                elif not panel.locator("div.highlight-python").first.is_visible():
                    problems.append(f"group {number + 1}: the Python panel shows no Python code")
            elif selected or panel.is_visible():
                problems.append(f"group {number + 1}: the {label!r} panel is still shown")
    return problems


def test_python_tab_shows_python_and_hides_the_rest(visit, page_with_tabs, site: Site):
    if page_with_tabs not in site.pages_with_tab(PYTHON):
        return  # Tabs of another kind; nothing to choose Python in.
    page = visit(page_with_tabs).page
    python_tab(page).click()
    problems = problems_with_python_shown(page)
    assert not problems, f"{page_with_tabs}, after clicking Python:\n  " + "\n  ".join(problems)


def test_tab_choice_holds_on_the_next_page(visit, site: Site, origin):
    tabbed = site.pages_with_tab(PYTHON)
    assert len(tabbed) >= 2, f"need two pages with a Python tab to check this; found {tabbed}"
    first, then = tabbed[:2]
    page = visit(first).page
    python_tab(page).click()
    page.goto(f"{origin}/{then}")
    problems = problems_with_python_shown(page)
    assert not problems, f"{then}, after choosing Python on {first}:\n  " + "\n  ".join(problems)
