"""On a phone, each section shows its command on the first screen, before its explanation.

A reader who opens a section (from the contents, a search result or a link)
lands with its heading at the top of the screen. tests/pages/test_command_first.py
counts the words before each section's first snippet; this measures what a
390 x 844 phone shows.
"""

from __future__ import annotations

import pytest

# An iPhone 12 to 15's screen, in CSS pixels.
PHONE = {"width": 390, "height": 844}
# Half the screen. A 390 x 844 phone shows some 660 to 750 px of the page under
# its browser's bars, and furo's header takes 48 of them: a command whose block
# starts within half a screen of its heading shows its first lines on the first
# screen. One short lead sentence and the section's links to RabbitMQ's
# documentation (up to five lines of them) come to 200 to 410 px; a paragraph
# of explanation more pushes the command past it.
MOST_PIXELS_BEFORE_CODE = 420
# Pages not held to it, and why.
NOT_CHECKED: dict[str, str] = {}

# Each section (and subsection) whose own text, outside its subsections, shows
# code: its title, and how far below the bottom of its heading the top of its
# first visible code block (with the caption over it) is. The badge under a
# page's title is left out: its length depends on the build, not on the page.
FIRST_CODE_BELOW_HEADING = """
() => [...document.querySelectorAll("article section")].map((section) => {
  const heading = section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
  const own = [...section.children].filter((child) => child.tagName !== "SECTION");
  const code = own
    .flatMap((child) => [child, ...child.querySelectorAll("div.highlight")])
    .filter((element) => element.matches("div.highlight") && element.getClientRects().length > 0);
  if (!heading || !code.length) return null;
  const block = code[0].closest("div.literal-block-wrapper, div[class*='highlight-']") || code[0];
  const badge = own.find((child) => child.matches("p.verification-badge"));
  const badgeHeight = badge ? badge.getBoundingClientRect().height : 0;
  return {
    title: heading.textContent.replace("\u00b6", "").trim(),
    pixels: Math.round(block.getBoundingClientRect().top - heading.getBoundingClientRect().bottom - badgeHeight),
  };
}).filter(Boolean)
"""


def test_each_section_shows_its_command_on_a_phones_first_screen(visit, page_with_code):
    if page_with_code in NOT_CHECKED:
        pytest.skip(NOT_CHECKED[page_with_code])
    page = visit(page_with_code).page
    page.set_viewport_size(PHONE)
    sections = page.evaluate(FIRST_CODE_BELOW_HEADING)
    assert sections, f"{page_with_code} shows code, but in no section that this check finds"
    far = [
        f"{section['title']}: its first code starts {section['pixels']} px below its heading"
        for section in sections
        if section["pixels"] > MOST_PIXELS_BEFORE_CODE
    ]
    assert not far, (
        f"{page_with_code} at {PHONE['width']} x {PHONE['height']} px: sections whose command "
        f"starts more than {MOST_PIXELS_BEFORE_CODE} px (half a screen) below their heading; "
        "lead with one short sentence, show the command, then explain:\n  " + "\n  ".join(far)
    )


def test_pages_left_unchecked_exist(site):
    """An exemption for a page that is gone would hide the next page of that name."""
    missing = [name for name in NOT_CHECKED if name not in site.pages_with_code]
    assert not missing, f"NOT_CHECKED names pages that show no code: {missing}"
