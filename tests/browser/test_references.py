"""The complete command table (all-commands.html) and the command reference: every command, an anchor for each, links that land."""

from __future__ import annotations

import pytest

from verify.core.discovery import commands_run_by, reference_commands, snippet_includes

QUICK_REFERENCE = "all-commands.html"
COMMAND_REFERENCE = "commands.html"
WIDTHS = {"phone": 390, "desktop": 1366}

# Each task row of the complete command table: its id, the link to its section, its
# own link, and the commands it names with their links.
ROWS = """
() => [...document.querySelectorAll("table.quick-reference tbody tr:not(.quick-reference-topic)")]
  .map((row) => ({
    id: row.id,
    section: row.querySelector("td a.reference")?.getAttribute("href"),
    self: row.querySelector("a.headerlink")?.getAttribute("href"),
    commands: [...row.querySelectorAll("p.commands a")].map((a) => [a.textContent, a.getAttribute("href")]),
    example: row.querySelector("div.highlight-bash pre")?.textContent ?? "",
  }))
"""


def run_commands() -> set[str]:
    return {
        command for include in snippet_includes() for command in commands_run_by(include.target)
    }


@pytest.fixture
def rows(visit) -> list[dict]:
    return visit(QUICK_REFERENCE).page.evaluate(ROWS)


def has_anchor(visit, href: str, pages: dict) -> bool:
    target, _, anchor = href.partition("#")
    if target not in pages:
        pages[target] = visit(target).page
    return bool(anchor) and pages[target].locator(f'[id="{anchor}"]').count() == 1


def test_the_quick_reference_has_every_command_the_snippets_run(rows):
    named = {text for row in rows for text, _ in row["commands"]}
    assert sorted(run_commands() - named) == [], "commands the snippets run that it lacks"
    assert all(row["example"].strip() for row in rows), "a row without its example"


def test_every_row_has_an_anchor_and_a_link_to_the_section_that_explains_it(rows, visit):
    assert rows, "the complete command table has no rows"
    ids = [row["id"] for row in rows]
    assert all(ids) and len(ids) == len(set(ids)), f"rows without an id of their own: {ids}"
    assert [row["self"] for row in rows] == [f"#{id}" for id in ids], "a row's own link"
    pages: dict = {}
    missing = [row["section"] for row in rows if not has_anchor(visit, row["section"], pages)]
    assert not missing, f"rows linking to sections that do not exist: {missing}"


def test_every_command_in_a_row_links_to_its_entry_in_the_command_reference(rows, visit):
    pages: dict = {}
    links = {href for row in rows for _, href in row["commands"]}
    assert links, "no command links"
    missing = sorted(href for href in links if not has_anchor(visit, href, pages))
    assert not missing, f"links to command entries that do not exist: {missing}"


@pytest.mark.parametrize("command", reference_commands(), ids=lambda command: command["name"])
def test_the_command_reference_gives_syntax_and_an_example(visit, command):
    page = visit(COMMAND_REFERENCE).page
    name = command["name"]
    anchor = "command-" + name.replace(" ", "-").replace("_", "-")
    section = page.locator(f'section:has(> span[id="{anchor}"])')
    assert section.count() == 1, f"no entry anchored #{anchor}"
    assert section.locator("h3").inner_text().strip().rstrip("¶").strip() == name
    syntax = section.locator("div.command-syntax pre").inner_text().strip()
    assert syntax == command["syntax"]
    example = section.locator("div.highlight-bash pre").first.inner_text()
    assert name.split()[1] in example, f"{name}: its example does not run it: {example!r}"
    places = section.locator("p", has_text="Shown in:").locator("a")
    assert places.count() >= 1, f"{name}: no section that shows it"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_quick_reference_fits_the_screen(visit, width):
    page = visit(QUICK_REFERENCE).page
    page.set_viewport_size({"width": width, "height": 900})
    wide = page.evaluate(
        """() => [...document.querySelectorAll("table.quick-reference td")]
          .filter((cell) => cell.getBoundingClientRect().right > window.innerWidth + 1).length"""
    )
    assert wide == 0, f"{wide} cells of the complete command table reach past a {width} px screen"
