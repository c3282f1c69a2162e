"""Light and dark: the toggle switches modes, and code and tabs stay legible in both.

Legible means a contrast ratio of at least 4.5 between each piece of text and
what is behind it (WCAG's level AA for body text), measured on the colours
the browser computed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.pixels import image_colours
from tests.browser.site import Site

MINIMUM_CONTRAST = 4.5
MODES = ["light", "dark"]
TEXT_TO_CHECK = ", ".join(
    [
        "article div.highlight pre",
        "article div.highlight pre *",
        ".sphinx-tabs-tab",
        ".sphinx-tabs-panel p",
        ".verification-stamp",
        ".verification-badge a",
    ]
)

# Colour arithmetic in the page, on computed styles: for each visible element
# with text of its own (and the label drawn before a command's output), its
# text colour and the colour behind it, layered up to the first opaque one.
MEASURE_CONTRAST = """
([selector, labelled]) => {
  const parse = (value) => {
    const match = value.match(/rgba?\\(([^)]*)\\)/);
    if (!match) throw new Error(`cannot read the colour ${value}`);
    const parts = match[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const behind = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const measure = (element, style, text) => {
    const background = behind(element);
    const colour = over(parse(style.color), background);
    return {
      text: text.slice(0, 40),
      ratio: Math.round(ratio(colour, background) * 100) / 100,
      colour: style.color,
      background: `rgb(${background.slice(0, 3).map(Math.round).join(", ")})`,
    };
  };
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.checkVisibility()) continue;
    const own = [...element.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent)
      .join("")
      .trim();
    if (own) found.push(measure(element, getComputedStyle(element), own));
  }
  for (const element of document.querySelectorAll(labelled)) {
    if (!element.checkVisibility()) continue;
    const label = getComputedStyle(element, "::before");
    if (label.content !== "none") found.push(measure(element, label, label.content));
  }
  return found;
}
"""


def choose_mode(page: Page, mode: str) -> None:
    """Click furo's toggle, as a reader does, until the page is in ``mode``."""
    toggle = page.locator(".theme-toggle-content .theme-toggle")
    for _ in range(3):  # it cycles through auto, dark and light
        if page.evaluate("document.body.dataset.theme") == mode:
            return
        toggle.click()
    assert page.evaluate("document.body.dataset.theme") == mode, f"the toggle never gave {mode}"


def background_luminance(page: Page) -> float:
    """How light the page's background is, from 0 (black) to 1 (white)."""
    red, green, blue = page.evaluate(
        """() => getComputedStyle(document.body).backgroundColor
                   .match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)"""
    )
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def tab_labels(page: Page) -> list[str]:
    tabs = page.locator(".sphinx-tabs-tab")
    return list(dict.fromkeys(tabs.nth(i).inner_text().strip() for i in range(tabs.count())))


def test_toggle_switches_between_light_and_dark(visit, origin):
    page = visit("index.html").page
    assert background_luminance(page) > 0.8, "a light system should get a light page"
    choose_mode(page, "dark")
    assert background_luminance(page) < 0.2, "dark mode left the page light"
    page.goto(f"{origin}/troubleshooting.html")
    assert page.evaluate("document.body.dataset.theme") == "dark", "the choice did not hold"
    choose_mode(page, "light")
    assert background_luminance(page) > 0.8, "light mode left the page dark"


def test_code_and_tabs_stay_legible(visit, page_with_code):
    page = visit(page_with_code).page
    faint = []
    for mode in MODES:
        choose_mode(page, mode)
        measured = []
        # Code under each tab, shown one tab at a time.
        for label in tab_labels(page) or [None]:
            if label is not None:
                page.locator(".sphinx-tabs-tab", has_text=label).first.click()
            measured += page.evaluate(MEASURE_CONTRAST, [TEXT_TO_CHECK, "div.snippet-output"])
        assert measured, f"{page_with_code}: found no code to measure in {mode} mode"
        faint += sorted(
            {
                f"{mode}: {item['ratio']}:1 {item['text']!r} ({item['colour']} on {item['background']})"
                for item in measured
                if item["ratio"] < MINIMUM_CONTRAST
            }
        )
    assert not faint, f"{page_with_code}, text under {MINIMUM_CONTRAST}:1:\n  " + "\n  ".join(faint)


@pytest.mark.parametrize("mode", MODES)
def test_output_looks_unlike_its_command(visit, site: Site, mode):
    # An output right under its command (not one in a broker's tab).
    under_command = "div[class*='highlight-']:not(.snippet-output) + div.snippet-output"
    for page_name in site.pages_with_code:
        page = visit(page_name).page
        if page.locator(under_command).count():
            break
    choose_mode(page, mode)
    shown = page.locator(under_command).first
    output = shown.locator("div.highlight")
    command = shown.locator(
        "xpath=preceding-sibling::div[contains(@class, 'highlight-')][1]/div[contains(@class, 'highlight')]"
    )
    style = "(e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftWidth]"
    output_background, output_rule = output.evaluate(style)
    command_background, _ = command.evaluate(style)
    assert output_background != command_background, f"{page_name}: same background in {mode} mode"
    assert float(output_rule.removesuffix("px")) >= 2, f"{page_name}: output has no rule"


# A phone and a laptop, as the pages were read to be checked.
SCREENSHOT_WIDTHS = [390, 1366]


def page_background(page: Page) -> list[int]:
    return page.evaluate(
        """() => getComputedStyle(document.body).backgroundColor
                   .match(/\\d+/g).slice(0, 3).map(Number)"""
    )


def test_screenshots(visit, site: Site, artefacts: Path, screenshot_paths: list[Path]):
    """The start page, the quick reference and a page with tabs, light and dark, on a phone and a laptop, for people to look at.

    Each is written whole, at the width it was taken at, and shows the mode it
    was taken in: its commonest colour is the page's background in that mode.
    """
    wrong = []
    for page_name in ["index.html", "cheatsheet.html", *site.pages_with_tabs[:1]]:
        page = visit(page_name).page
        for mode in MODES:
            # Chosen on the laptop's layout, where the toggle is in the header.
            page.set_viewport_size({"width": SCREENSHOT_WIDTHS[-1], "height": 900})
            choose_mode(page, mode)
            background = page_background(page)
            for width in SCREENSHOT_WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                path = artefacts / f"{Path(page_name).stem}-{width}-{mode}.png"
                page.screenshot(path=path, full_page=True)
                screenshot_paths.append(path)
                # Every 7th pixel: its commonest colour is the page's background.
                shot = image_colours(page, path.read_bytes(), step=7)
                commonest = shot["colours"][0]
                if shot["width"] != width or shot["height"] < 900:
                    wrong.append(f"{path.name}: {shot['width']}x{shot['height']} px")
                if commonest != background:
                    wrong.append(
                        f"{path.name}: mostly rgb{tuple(commonest)}, not the {mode} "
                        f"background rgb{tuple(background)}"
                    )
    assert not wrong, "screenshots that do not show the page as it was:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("mode", MODES)
def test_nothing_in_code_looks_like_a_link(visit, mode):
    page = visit("hello-world.html").page
    choose_mode(page, mode)
    underlined = page.locator("article div.highlight pre *").evaluate_all(
        "(spans) => spans.filter((s) => getComputedStyle(s).textDecorationLine.includes('underline'))"
        ".map((s) => s.textContent)"
    )
    assert not underlined, f"underlined in code ({mode}): {underlined}"
