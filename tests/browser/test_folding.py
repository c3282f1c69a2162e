"""Long outputs folded to their first lines, and command lines that are never cut off.

A long output (``rabbitmqctl status``) pushed the sections after it screens
down: it shows its first lines, with "Show all N lines" under it, which opens
and folds it again, from the mouse or the keyboard, in version tabs too, and
on paper it is whole (docs/_ext/snippet_blocks.py, docs/_static/site.css). A
shell command wraps rather than run off a phone's screen, and still copies as
the file has it.
"""

from __future__ import annotations

import pytest

from tests.browser.test_copy_buttons import TAKE_CLIPBOARD
from verify.core.layout import SNIPPETS

# Outputs of more lines than this are folded (FOLD_AFTER in snippet_blocks.py):
# no output may show more at load.
LONGEST_SHOWN = 15
WIDTHS = {"phone": 390, "desktop": 1366}

# Every tab's panel shown, as if the reader had picked each tab in turn.
SHOW_EVERY_TAB = """
() => document.querySelectorAll(".sphinx-tabs-panel[hidden]").forEach((panel) => {
  panel.hidden = false;
})
"""
# How many lines of its text a block shows in its box.
LINES_SHOWN = """
(pre) => {
  const style = getComputedStyle(pre);
  const inside = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return inside / parseFloat(style.lineHeight);
}
"""
# Each output block shown: its lines, the lines it shows, and its fold's control, if any.
OUTPUTS = f"""
() => [...document.querySelectorAll("article div.snippet-output pre")]
  .filter((pre) => pre.clientHeight > 0)
  .map((pre) => {{
    const control = pre.closest("div.output-fold")?.querySelector(":scope > details > summary");
    return {{
      first: pre.textContent.split("\\n")[0],
      lines: pre.textContent.replace(/\\n$/, "").split("\\n").length,
      shown: ({LINES_SHOWN})(pre),
      control: control ? control.innerText.trim() : null,
      allowed: control ? Number(control.parentElement.dataset.shown) : null,
    }};
  }})
"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_output_shows_more_than_its_first_lines_at_load(visit, page_with_code, width):
    page = visit(page_with_code).page
    page.set_viewport_size({"width": width, "height": 900})
    page.evaluate(SHOW_EVERY_TAB)
    problems = []
    for output in page.evaluate(OUTPUTS):
        where = f"the output starting {output['first']!r} ({output['lines']} lines)"
        if output["control"] is None:
            if output["lines"] > LONGEST_SHOWN:
                problems.append(f"{where} is shown whole, with no control to fold it")
            continue
        if output["shown"] > output["allowed"] + 0.5:
            problems.append(f"{where} shows {output['shown']:.1f} lines folded")
        if output["control"] != f"Show all {output['lines']} lines":
            problems.append(f"{where}: its control says {output['control']!r}")
    assert not problems, f"{page_with_code} at {width} px:\n  " + "\n  ".join(problems)


def fold_state(fold) -> dict:
    pre = fold.locator("pre")
    return {
        "shown": pre.evaluate(LINES_SHOWN),
        "hidden": pre.evaluate("(pre) => pre.scrollHeight > pre.clientHeight + 1"),
        "control": fold.locator("summary").inner_text().strip(),
        "expanded": fold.locator("details").get_attribute("open") is not None,
    }


def open_and_close(fold, lines: int, with_keyboard: bool) -> None:
    summary = fold.locator("summary")
    press = (lambda: summary.press("Enter")) if with_keyboard else summary.click
    folded = fold_state(fold)
    assert folded["hidden"] and not folded["expanded"], f"not folded at load: {folded}"
    assert folded["control"] == f"Show all {lines} lines", folded
    press()
    opened = fold_state(fold)
    assert not opened["hidden"] and opened["shown"] >= lines - 0.5, (
        f"the control did not show all {lines} lines: {opened}"
    )
    assert opened["control"].startswith("Show the first"), opened
    press()
    again = fold_state(fold)
    assert again["hidden"] and again["shown"] == pytest.approx(folded["shown"]), (
        f"the control did not fold the output again: {again}"
    )


def test_the_control_shows_a_long_output_whole_and_folds_it_again(visit):
    page = visit("status.html").page
    fold = page.locator("div.output-fold:visible").first
    lines = int(fold.locator("details").get_attribute("data-lines"))
    # From the keyboard: the summary is focusable, Enter toggles it.
    open_and_close(fold, lines, with_keyboard=True)
    open_and_close(fold, lines, with_keyboard=False)


def test_a_long_output_in_a_version_tab_folds_too(visit, site):
    tabbed = [page for page in site.pages_with_tabs if "output-fold" in site.read(page).classes]
    assert "status.html" in tabbed, "the status page shows no long output in version tabs"
    page = visit("status.html").page
    # A panel not shown at load, found by its id: "[hidden]" no longer holds once it is shown.
    panel = page.locator(".sphinx-tabs-panel[hidden]:has(div.output-fold)").first
    panel = page.locator(f'[id="{panel.get_attribute("id")}"]')
    fold = panel.locator("div.output-fold").first
    page.locator(f'[id="{panel.get_attribute("aria-labelledby")}"]').click()
    assert fold.is_visible(), "its tab did not show the output"
    lines = int(fold.locator("details").get_attribute("data-lines"))
    open_and_close(fold, lines, with_keyboard=True)


def test_a_long_output_is_whole_on_paper(visit):
    page = visit("status.html").page
    page.emulate_media(media="print")
    fold = page.locator("div.output-fold:visible").first
    state = fold_state(fold)
    assert not state["hidden"], f"a printed page cuts the long output: {state}"
    assert not fold.locator("summary").is_visible(), "a printed page shows the fold's control"


# Each shell block wider than its box: a command cut off at the right edge.
CUT_OFF_COMMANDS = """
() => [...document.querySelectorAll("article div.highlight-bash pre")]
  .filter((pre) => pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1)
  .map((pre) => pre.textContent.split("\\n").reduce((a, b) => (b.length > a.length ? b : a)))
"""


def test_no_command_line_is_cut_off_on_a_phone(visit, page_with_code):
    page = visit(page_with_code).page
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    page.evaluate(SHOW_EVERY_TAB)
    cut = page.evaluate(CUT_OFF_COMMANDS)
    assert not cut, f"{page_with_code} at 390 px cuts off the command lines: {cut}"


def test_a_wrapped_command_copies_as_one_line(visit):
    """The wrap is drawn, not copied: a reader pastes the command the file holds."""
    snippet = SNIPPETS / "users" / "add_user.sh"
    page = visit("users.html").page
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    block = page.locator(
        "article div.highlight-bash", has_text="| rabbitmqctl add_user alice"
    ).first
    pre = block.locator("pre")
    lines = snippet.read_text().count("\n")
    assert pre.evaluate(LINES_SHOWN) > lines + 0.5, "the add_user block does not wrap at 390 px"
    page.evaluate(TAKE_CLIPBOARD)
    block.locator("button.copybtn").click()
    copied = page.evaluate(TAKE_CLIPBOARD)
    assert copied == snippet.read_text().removesuffix("\n"), f"copied {copied!r}"
