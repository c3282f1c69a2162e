"""Every page, light and dark, passes an automated WCAG 2.1 A/AA scan (axe-core)."""

from __future__ import annotations

import pytest

from tests.browser.test_colours import MODES, choose_mode

# The rules of WCAG 2.0 and 2.1, levels A and AA.
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCAN = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}
"""


@pytest.mark.parametrize("mode", MODES)
def test_no_wcag_violation(visit, any_page, mode, axe_script):
    page = visit(any_page).page
    choose_mode(page, mode)
    page.add_script_tag(path=axe_script)
    violations = page.evaluate(SCAN, WCAG)
    assert not violations, f"{any_page} ({mode}):\n  " + "\n  ".join(violations)
