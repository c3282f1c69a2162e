"""The start page answers first: the most used tasks, each a click from the command."""

from __future__ import annotations

import pytest

# What readers look up most, and the command the section it links to must show.
LOOKUPS = {
    "List queues with their message counts": ("rabbitmqctl list_queues", "messages"),
    "Add a user who can use a vhost": ("rabbitmqctl add_user", "rabbitmqctl set_permissions"),
    "Enable the management plugin": ("rabbitmq-plugins enable rabbitmq_management",),
}
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


@pytest.mark.parametrize("screen", SCREENS)
def test_the_tasks_come_first_on_the_first_screen(context, origin, screen):
    page = context.new_page()
    page.set_viewport_size(SCREENS[screen])
    page.goto(f"{origin}/index.html", wait_until="load")
    tasks = page.locator("article ul.answers > li")
    assert tasks.count() >= 8, f"{tasks.count()} tasks on the start page"
    first = tasks.first.bounding_box()
    assert first["y"] + first["height"] <= SCREENS[screen]["height"], (
        f"the first task ends at {first['y'] + first['height']} px, below the first screen"
    )
    # Before it, the title, the badge and one line on what the site is: no more.
    words = page.evaluate(
        """() => {
          const list = document.querySelector("article ul.answers");
          const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
          let text = "";
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (list.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) break;
            if (!node.parentElement.closest("h1, .verification-badge, .headerlink")) text += node.textContent;
          }
          return text.split(/\\s+/).filter(Boolean).length;
        }"""
    )
    assert words <= 40, f"{words} words before the tasks"


@pytest.mark.parametrize("task", LOOKUPS)
def test_a_lookup_is_one_click_from_the_start_page(visit, task):
    page = visit("index.html").page
    link = page.locator("article ul.answers a", has_text=task)
    assert link.count() == 1, f"no task {task!r} on the start page"
    link.click()
    page.wait_for_load_state("load")
    # furo scrolls smoothly to the section: measure once the page stands still.
    page.wait_for_function(
        """() => {
          const still = window.lastScrollY === window.scrollY && window.scrollY > 0;
          window.lastScrollY = window.scrollY;
          return still;
        }""",
        polling=100,
    )
    anchor = page.url.partition("#")[2]
    assert anchor, f"{task!r} opens {page.url}, not a section"
    section = page.locator(f'section[id="{anchor}"]')
    # The command, whole, in the first block of code the section shows, on
    # the screen the click opens: not a scroll or a tab away.
    block = section.locator("div.highlight pre").first
    code = block.inner_text()
    assert all(part in code for part in LOOKUPS[task]), f"{page.url} shows first: {code!r}"
    assert block.is_visible() and block.bounding_box()["y"] < page.viewport_size["height"], (
        f"{task!r}: the command is not on the screen the click opens"
    )
