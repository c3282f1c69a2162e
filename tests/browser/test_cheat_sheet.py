"""The cheat sheet: the everyday tasks, on two printed pages, every command whole on the screen."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

CHEAT_SHEET = "cheatsheet.html"
# "About 40 to 60 rows": fewer is not the everyday set, more does not fit two pages.
ROWS = range(40, 61)
PRINTED_PAGES = 2
PRINT_MARGINS = {side: "1cm" for side in ("top", "right", "bottom", "left")}
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Each row: its task, where the task links, its code as lines, and the
# code's box: wider than it shows (cut off), or taller than its lines
# (wrapped).
READ_ROWS = """
() => [...document.querySelectorAll("article div.cheat")].map((row) => {
  const pre = row.querySelector("div:not(.snippet-output) > div.highlight pre");
  const style = getComputedStyle(pre);
  const lines = pre.textContent.replace(/\\n$/, "").split("\\n").length;
  const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  return {
    task: row.querySelector("p.cheat-task").textContent,
    href: row.querySelector("p.cheat-task a")?.getAttribute("href") ?? null,
    code: pre.textContent,
    cutOff: pre.scrollWidth > pre.clientWidth,
    wrapped: pre.clientHeight - padding > lines * parseFloat(style.lineHeight) + 1,
    left: Math.round(row.getBoundingClientRect().left),
    output: row.querySelector("div.snippet-output pre")?.textContent ?? null,
  };
})
"""


@pytest.fixture
def rows_at(context, origin):
    """The cheat sheet's rows as a window of the given size shows them."""

    def read(viewport: dict) -> list[dict]:
        page = context.new_page()
        page.set_viewport_size(viewport)
        page.goto(f"{origin}/{CHEAT_SHEET}", wait_until="load")
        return page.evaluate(READ_ROWS)

    return read


def test_it_has_the_everyday_tasks_each_once(rows_at):
    rows = rows_at(DESKTOP)
    assert len(rows) in ROWS, f"{len(rows)} rows; a cheat sheet has {ROWS.start}-{ROWS.stop - 1}"
    tasks = [row["task"] for row in rows]
    assert sorted({task for task in tasks if tasks.count(task) > 1}) == [], "tasks named twice"
    assert all(row["code"].strip() for row in rows), "a row without its command"
    outputs = [row["output"] for row in rows if row["output"] is not None]
    assert all(output.strip() and output.count("\n") < 3 for output in outputs), (
        f"an output of no lines or of more than two: {outputs}"
    )


def test_on_a_desktop_two_columns_and_no_command_wrapped_or_cut_off(rows_at):
    rows = rows_at(DESKTOP)
    columns = sorted({row["left"] for row in rows})
    assert len(columns) == 2, f"rows start at {columns}: not two columns"
    bad = [row["code"] for row in rows if row["wrapped"] or row["cutOff"]]
    assert bad == [], "commands wrapped or cut off at 1366 px"


def test_on_a_phone_no_command_is_cut_off(rows_at):
    rows = rows_at(PHONE)
    assert rows, "no rows at 390 px"
    assert [row["code"] for row in rows if row["cutOff"]] == [], "commands cut off at 390 px"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_it_prints_on_two_pages(context, origin, paper):
    page = context.new_page()
    page.goto(f"{origin}/{CHEAT_SHEET}", wait_until="load")
    # The margins a browser's print dialog gives by default.
    printed = PdfReader(io.BytesIO(page.pdf(format=paper, margin=PRINT_MARGINS))).pages
    assert len(printed) <= PRINTED_PAGES, f"{len(printed)} {paper} pages"
    # Every row is on paper, whole: fitting by hiding rows does not count.
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll("article div.cheat")]
          .filter((row) => !row.checkVisibility() || row.getBoundingClientRect().height < 10
            || [...row.querySelectorAll("pre")].some((pre) => pre.scrollWidth > pre.clientWidth))
          .map((row) => row.querySelector("p.cheat-task").textContent)"""
    )
    assert hidden == [], "rows hidden or cut off on paper"
    assert len(page.evaluate(READ_ROWS)) in ROWS


def test_each_task_links_to_the_section_that_runs_its_command(rows_at, visit):
    rows = rows_at(DESKTOP)
    pages: dict = {}
    problems = []
    for row in rows:
        if not row["href"] or "#" not in row["href"]:
            problems.append(f"{row['task']}: no link to a section ({row['href']})")
            continue
        target, anchor = row["href"].split("#")
        if target not in pages:
            pages[target] = visit(target).page
        section = pages[target].locator(f'section[id="{anchor}"]')
        if section.count() != 1:
            problems.append(f"{row['task']}: no section #{anchor} on {target}")
        elif not section.locator("div.highlight pre").count():
            problems.append(f"{row['task']}: #{anchor} on {target} shows no code")
    assert problems == []
