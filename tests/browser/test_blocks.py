"""Blocks that hide nothing: captions, unclipped output, no output as a string, a badge that fits."""

from __future__ import annotations

import ast

import pytest

from verify.run.kinds.printed import lone_strings

# Each program's block (not a line of one on the cheat sheet), and the caption over it, if any.
PROGRAM_CAPTIONS = """
() => [...document.querySelectorAll("article div.highlight-python:not(div.cheat > *)")].map((block) => {
  const wrapper = block.closest("div.literal-block-wrapper");
  const caption = wrapper && wrapper.querySelector(".caption-text");
  return caption ? caption.textContent : null;
})
"""
# Each shown output block whose text is wider than its box.
CLIPPED_OUTPUT = """
() => [...document.querySelectorAll("article div.snippet-output pre")]
  .filter((pre) => pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1)
  .map((pre) => pre.textContent.split("\\n")[0])
"""
WIDTHS = {"phone": 390, "desktop": 1366}


def test_every_program_is_captioned_with_its_file_name(visit, page_with_code):
    page = visit(page_with_code).page
    captions = page.evaluate(PROGRAM_CAPTIONS)
    unnamed = [index + 1 for index, caption in enumerate(captions) if not caption]
    assert not unnamed, f"{page_with_code}: Python blocks {unnamed} have no caption"
    wrong = [caption for caption in captions if ".py" not in caption.split(",")[0]]
    assert not wrong, f"{page_with_code}: captions that name no program: {wrong}"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_output_is_clipped(visit, page_with_code, width):
    page = visit(page_with_code).page
    page.set_viewport_size({"width": width, "height": 900})
    clipped = page.evaluate(CLIPPED_OUTPUT)
    assert not clipped, f"{page_with_code} at {width} px clips the output starting: {clipped}"


# Each code block whose text is wider than its box, and how the reader would know:
# it must scroll, with a shadow at the edge (a background gradient) saying so.
CLIPPED_WITHOUT_A_CUE = """
() => [...document.querySelectorAll("article div.highlight pre")]
  .filter((pre) => pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1)
  .filter((pre) => {
    const style = getComputedStyle(pre);
    const scrolls = ["auto", "scroll"].includes(style.overflowX);
    return !(scrolls && style.backgroundImage.includes("gradient"));
  })
  .map((pre) => pre.textContent.split("\\n")[0])
"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_code_is_cut_off_without_a_cue(visit, page_with_code, width):
    page = visit(page_with_code).page
    page.set_viewport_size({"width": width, "height": 900})
    hidden = page.evaluate(CLIPPED_WITHOUT_A_CUE)
    assert not hidden, f"{page_with_code} at {width} px hides code with no cue, starting: {hidden}"


# How far the badge under the title reaches, and whether its text overflows it.
BADGE_EXTENT = """
() => {
  const badge = document.querySelector("article p.verification-badge");
  if (!badge) return null;
  return {right: badge.getBoundingClientRect().right, overflows: badge.scrollWidth > badge.clientWidth + 1};
}
"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_badge_fits_the_screen(visit, page_with_code, width):
    page = visit(page_with_code).page
    page.set_viewport_size({"width": width, "height": 900})
    extent = page.evaluate(BADGE_EXTENT)
    assert extent is not None, f"{page_with_code} has no badge under its title"
    assert extent["right"] <= width and not extent["overflows"], (
        f"{page_with_code} at {width} px: the badge reaches {extent['right']:.0f} px"
    )


def test_no_program_shows_its_output_as_a_string_literal(visit, page_with_code):
    """Output shown as a string in a program would be copied into the reader's program."""
    page = visit(page_with_code).page
    programs = page.locator("article div.highlight-python pre").all_text_contents()
    for number, program in enumerate(programs, start=1):
        literals = lone_strings(ast.parse(program))
        assert not literals, (
            f"{page_with_code}: Python block {number} has string literals standing on their own "
            f"on lines {literals}"
        )


# On paper: what of the sidebars shows, and which code blocks run off their box.
ON_PAPER = """
() => ({
  sidebars: [...document.querySelectorAll(".sidebar-drawer, .toc-drawer")]
    .filter((e) => getComputedStyle(e).display !== "none").length,
  clipped: [...document.querySelectorAll("article div.highlight pre")]
    .filter((pre) => pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1).length,
})
"""


def test_a_printed_page_has_no_sidebars_and_no_cut_lines(visit, page_with_code):
    page = visit(page_with_code).page
    page.emulate_media(media="print")
    printed = page.evaluate(ON_PAPER)
    assert printed == {"sidebars": 0, "clipped": 0}, f"{page_with_code} on paper: {printed}"
