"""Diagrams legible on a phone and a laptop, light and dark, and each one a link to itself full size."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.pixels import image_colours
from tests.browser.site import Site, source_of
from tests.browser.test_blocks import WIDTHS
from tests.browser.test_colours import choose_mode

# Body text is 16 px; a label under 12 px is the fine print no one reads.
SMALLEST_LABEL_PX = 12
# WCAG's level AA for body text: the drawing against what is behind it.
MINIMUM_CONTRAST = 4.5
# How far apart two colours of a screenshot may be and still be the same
# colour (per channel, of 255).
SAME_COLOUR = 2
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
# What each diagram's link is: its address, its place in the tab order, and
# what the diagram's own address and alternative text are.
LINKS = """
(selector) => [...document.querySelectorAll(selector)].map((diagram) => {
  const link = diagram.closest("a[href]");
  return {
    source: diagram.currentSrc || diagram.data,
    alt: diagram.getAttribute("alt") || diagram.getAttribute("aria-label") || "",
    href: link && link.href,
    tabIndex: link ? link.tabIndex : null,
  };
})
"""
# The colour behind an element: its own background or its nearest ancestor's
# that is opaque.
BACKGROUND = """
(element) => {
  for (let e = element; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
    if (colour.length === 3 || colour[3] === 1) return colour.slice(0, 3);
  }
  return [255, 255, 255];
}
"""
# A furo colour choice and the system's: the toggle's dark mode, and "auto"
# (the first visit's) on a system in dark mode.
SCHEMES = {
    "light": ("light", "light"),
    "dark": ("dark", "light"),
    "auto-on-dark-system": ("auto", "dark"),
}


def luminance(colour: list[int]) -> float:
    channels = [value / 255 for value in colour]
    red, green, blue = [
        value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        for value in channels
    ]
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: list[int], second: list[int]) -> float:
    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


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


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_each_diagram_opens_full_size(visit, page_with_diagram, width):
    """A tap or a click on a diagram, or Enter on it, opens its SVG on its own, full size."""
    page = visit(page_with_diagram).page
    page.set_viewport_size({"width": width, "height": 900})
    diagrams_on(page, page_with_diagram)
    links = page.evaluate(LINKS, DIAGRAMS)
    unlinked = [link["source"].split("/").pop() for link in links if link["href"] != link["source"]]
    assert not unlinked, (
        f"{page_with_diagram}: diagrams with no link to their own image: {unlinked}"
    )
    for index, link in enumerate(links):
        name = link["source"].split("/").pop()
        assert link["alt"], f"{page_with_diagram}: {name} has no alternative text"
        assert link["tabIndex"] >= 0, f"{page_with_diagram}: {name}'s link is out of the tab order"
        # Found by what assistive technology calls it: its name is the diagram's text.
        named = page.get_by_role("link", name=link["alt"], exact=True)
        assert named.count() == 1 and named.evaluate("(a) => a.href") == link["href"], (
            f"{page_with_diagram}: no link to {name} named {link['alt']!r}"
        )
        diagram = page.locator(DIAGRAMS).nth(index)
        shown_width = diagram.bounding_box()["width"]
        for press in ("click", "Enter"):
            with page.expect_navigation() as navigation:
                if press == "click":
                    diagram.click()
                else:
                    named.focus()
                    page.keyboard.press("Enter")
            response = navigation.value
            assert response is not None and response.status == 200, (
                f"{page_with_diagram}: {press} on {name} got {response and response.status}"
            )
            assert page.url == link["source"], f"{press} on {name} opened {page.url}"
            assert response.header_value("content-type") == "image/svg+xml"
            full_width = page.evaluate("document.documentElement.getBoundingClientRect().width")
            assert full_width >= shown_width - 1, (
                f"{name} opens {full_width:.0f} px wide, smaller than on its page ({shown_width:.0f} px)"
            )
            page.go_back()


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_diagrams_sit_on_the_page_background(visit, page_with_diagram, scheme):
    """No box around a diagram (its background is the page's), and its drawing stands out."""
    theme, system = scheme
    page = visit(page_with_diagram).page
    page.emulate_media(color_scheme=system)
    choose_mode(page, theme)
    count = diagrams_on(page, page_with_diagram)
    wrong = []
    for index in range(count):
        diagram = page.locator(DIAGRAMS).nth(index)
        name = (diagram.get_attribute("src") or diagram.get_attribute("data")).split("/").pop()
        behind = diagram.evaluate(BACKGROUND)
        pixels = image_colours(page, diagram.screenshot())
        commonest = pixels["colours"][0]
        if max(abs(a - b) for a, b in zip(commonest, behind, strict=True)) > SAME_COLOUR:
            wrong.append(f"{name}: a box of rgb{tuple(commonest)} on the page's rgb{tuple(behind)}")
        strongest = max(contrast(colour, behind) for colour in pixels["colours"])
        if strongest < MINIMUM_CONTRAST:
            wrong.append(f"{name}: drawn at {strongest:.2f}:1 at most against rgb{tuple(behind)}")
    assert not wrong, f"{page_with_diagram} ({theme}, {system} system):\n  " + "\n  ".join(wrong)


def test_diagrams_print_dark_on_light(visit, page_with_diagram):
    """Paper is white whatever the screen's mode: a diagram prints as drawn, not inverted."""
    page = visit(page_with_diagram).page
    choose_mode(page, "dark")
    page.emulate_media(media="print")
    diagrams_on(page, page_with_diagram)
    filters = page.locator(DIAGRAMS).evaluate_all(
        "(diagrams) => diagrams.map((d) => getComputedStyle(d).filter)"
    )
    assert set(filters) == {"none"}, f"{page_with_diagram} on paper, in dark mode: {filters}"
