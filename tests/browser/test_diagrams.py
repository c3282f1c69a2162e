"""Diagrams legible on a phone and a laptop, and within their page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.site import Site, source_of
from tests.browser.test_blocks import WIDTHS

# Body text is 16 px; a label under 12 px is the fine print no one reads.
SMALLEST_LABEL_PX = 12
# The diagrams as the page shows them, whatever the element drawing them.
DIAGRAMS = "article :is(img, object).graphviz"
# The directive that draws a diagram in a page's source.
DIRECTIVE = ".. graphviz::"

# Each diagram's SVG, drawn again out of sight at the size the page shows it,
# and the size each of its labels comes out at: its font size times the scale
# from the drawing's units to the screen's.
LABEL_SIZES = """
async (selector) => {
  const found = [];
  for (const diagram of document.querySelectorAll(selector)) {
    const box = diagram.getBoundingClientRect();
    const source = diagram.currentSrc || diagram.data;
    const text = await (await fetch(source)).text();
    const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    svg.setAttribute("width", box.width);
    svg.setAttribute("height", box.height);
    Object.assign(svg.style, {position: "absolute", left: "0", top: "0", visibility: "hidden"});
    document.body.append(svg);
    const labels = [...svg.querySelectorAll("text")].map((label) => {
      const scale = label.getScreenCTM();
      return {
        text: label.textContent,
        px: parseFloat(getComputedStyle(label).fontSize) * Math.hypot(scale.a, scale.b),
      };
    });
    svg.remove();
    found.push({source: source.split("/").pop(), width: box.width, labels});
  }
  return found;
}
"""
# How far each diagram reaches, beside the article holding it and the page.
EXTENTS = """
(selector) => ({
  page: {viewport: document.documentElement.clientWidth, scrolls: document.documentElement.scrollWidth},
  diagrams: [...document.querySelectorAll(selector)].map((diagram) => {
    const box = diagram.getBoundingClientRect();
    const article = diagram.closest("article").getBoundingClientRect();
    return {
      source: (diagram.currentSrc || diagram.data).split("/").pop(),
      left: box.left, right: box.right, articleLeft: article.left, articleRight: article.right,
    };
  }),
})
"""


def diagrams_on(page: Page, page_name: str) -> int:
    count = page.locator(DIAGRAMS).count()
    assert count, f"{page_name} shows no diagram"
    return count


def test_every_page_that_draws_a_diagram_shows_one(site: Site):
    drawing = [page for page in site.pages_from_sources if DIRECTIVE in source_of(page).read_text()]
    assert drawing, f"no page's source has {DIRECTIVE}"
    assert drawing == site.pages_with_diagrams, (
        f"pages whose source draws a diagram: {drawing}; pages showing one: {site.pages_with_diagrams}"
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_smallest_label_is_legible(visit, page_with_diagram, width):
    page = visit(page_with_diagram).page
    page.set_viewport_size({"width": width, "height": 900})
    diagrams_on(page, page_with_diagram)
    small = []
    for diagram in page.evaluate(LABEL_SIZES, DIAGRAMS):
        assert diagram["labels"], f"{page_with_diagram}: {diagram['source']} has no text labels"
        smallest = min(diagram["labels"], key=lambda label: label["px"])
        if smallest["px"] < SMALLEST_LABEL_PX:
            small.append(
                f"{diagram['source']} ({diagram['width']:.0f} px wide): "
                f"{smallest['text']!r} at {smallest['px']:.1f} px"
            )
    assert not small, (
        f"{page_with_diagram} at {width} px, labels under {SMALLEST_LABEL_PX} px:\n  "
        + "\n  ".join(small)
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_diagrams_fit_the_page(visit, page_with_diagram, width):
    page = visit(page_with_diagram).page
    page.set_viewport_size({"width": width, "height": 900})
    diagrams_on(page, page_with_diagram)
    extents = page.evaluate(EXTENTS, DIAGRAMS)
    outside = [
        f"{d['source']}: {d['left']:.0f}-{d['right']:.0f} px, "
        f"article {d['articleLeft']:.0f}-{d['articleRight']:.0f} px"
        for d in extents["diagrams"]
        if d["left"] < d["articleLeft"] - 1 or d["right"] > d["articleRight"] + 1
    ]
    assert not outside, (
        f"{page_with_diagram} at {width} px, diagrams outside the article: {outside}"
    )
    assert extents["page"]["scrolls"] <= extents["page"]["viewport"], (
        f"{page_with_diagram} at {width} px scrolls sideways: "
        f"{extents['page']['scrolls']} px wide in {extents['page']['viewport']}"
    )
