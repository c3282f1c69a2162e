"""The copy button copies exactly what a reader should run, never its output."""

from __future__ import annotations

from dataclasses import replace

from playwright.sync_api import Locator

from tests.browser.site import shows_other_pages_snippets, source_of
from verify.core import captured
from verify.core.captured import outputs_per_broker
from verify.core.discovery import Include, includes
from verify.core.lanes import lanes
from verify.core.layout import OUTPUT_CLASS, SNIPPETS, SYNTAX_CLASS
from verify.core.layout import relative as rel

NOTHING_COPIED = "nothing copied yet"
# Each code block's classes, copy buttons and text, in the page's order.
DESCRIBE_BLOCKS = """
(blocks) => blocks.map((block) => ({
  classes: [...block.classList],
  buttons: block.querySelectorAll("button.copybtn").length,
  text: block.querySelector("pre").textContent,
}))
"""
# What the last copy put on the clipboard; then clear it for the next one.
TAKE_CLIPBOARD = f"""
async () => {{
  const copied = await navigator.clipboard.readText();
  await navigator.clipboard.writeText("{NOTHING_COPIED}");
  return copied;
}}
"""


def is_output(include: Include) -> bool:
    return include.target.is_relative_to(SNIPPETS) and captured.is_output(include.target)


def reveal(block: Locator) -> None:
    """Click the tab a block is under, if it is hidden there, as a reader would."""
    if block.is_visible():
        return
    panel = block.locator("xpath=ancestor::div[contains(@class, 'sphinx-tabs-panel')][1]")
    tab = block.page.locator(f'[id="{panel.get_attribute("aria-labelledby")}"]')
    tab.click()
    assert block.is_visible(), f"clicking the {tab.inner_text()!r} tab did not show its code"


def blocks_of(include: Include) -> list[Include]:
    """The code blocks an include shows: an output one per broker where they differ."""
    if not is_output(include):
        return [include]
    tabs = outputs_per_broker(include.target, [lane.name for lane in lanes()])
    return [replace(include, target=shown) for _, _, shown in tabs] or [include]


def test_copy_buttons_copy_exactly_the_command(visit, source_page):
    if shows_other_pages_snippets(source_page):
        copy_what_is_shown(visit, source_page)
        return
    shown = [block for include in includes(source_of(source_page)) for block in blocks_of(include)]
    page = visit(source_page).page
    # Each include is one block, in the page's order.
    blocks = page.locator("article div[class*='highlight-']")
    described = blocks.evaluate_all(DESCRIBE_BLOCKS)
    assert len(described) == len(shown), (
        f"{source_page} shows {len(described)} code blocks where "
        f"{rel(source_of(source_page))} includes {len(shown)} files (an output one per broker "
        "where they differ): is the site older?"
    )
    page.evaluate(TAKE_CLIPBOARD)
    for index, (include, block) in enumerate(zip(shown, described, strict=True)):
        where = f"{source_page}, block {index + 1} ({rel(include.target)})"
        if is_output(include):
            assert OUTPUT_CLASS in block["classes"], f"{where}: output not marked as such"
            assert block["buttons"] == 0, f"{where}: output has a copy button"
            continue
        assert block["buttons"] == 1, f"{where}: no copy button"
        if include.target.is_relative_to(SNIPPETS):
            expected = include.target.read_text()
        else:  # an excerpt of another file, such as the broker's configuration
            expected = block["text"]
        # The button leaves out the last line break, so a paste does not run the command.
        expected = expected.removesuffix("\n")
        reveal(blocks.nth(index))
        # Clicking moves the mouse over the block first, which shows the button.
        blocks.nth(index).locator("button.copybtn").click()
        copied = page.evaluate(TAKE_CLIPBOARD)
        assert copied == expected, f"{where}: copied {copied!r}, expected {expected!r}"


def copy_what_is_shown(visit, source_page: str) -> None:
    """A generated page: each command copies as shown; outputs and syntax lines have no button."""
    page = visit(source_page).page
    blocks = page.locator("article div[class*='highlight-']")
    described = blocks.evaluate_all(DESCRIBE_BLOCKS)
    commands = [i for i, block in enumerate(described) if "highlight-bash" in block["classes"]]
    assert commands, f"{source_page} shows no command"
    page.evaluate(TAKE_CLIPBOARD)
    for index, block in enumerate(described):
        where = f"{source_page}, block {index + 1}"
        if OUTPUT_CLASS in block["classes"] or SYNTAX_CLASS in block["classes"]:
            assert block["buttons"] == 0, f"{where}: an output or a syntax line has a copy button"
            continue
        assert block["buttons"] == 1, f"{where}: no copy button"
        blocks.nth(index).locator("button.copybtn").click()
        copied = page.evaluate(TAKE_CLIPBOARD)
        assert copied == block["text"].removesuffix("\n"), f"{where}: copied {copied!r}"
