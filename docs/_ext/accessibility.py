"""What an automated WCAG 2.1 A/AA scan (axe-core) asks of the HTML that Sphinx and its extensions write.

- A toctree's caption is a heading (``role="heading"``), which needs a level.
- A code block that scrolls sideways must be reachable from the keyboard.

A diagram is an image with its ``alt`` (diagrams.py) and needs nothing here.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

# The sidebar's and the start page's captions ("Tutorial", "How-to guides")
# head lists of pages, under the page's title.
CAPTION_LEVEL = "2"


class AccessibleTranslator(HTML5Translator):
    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            attributes = {"aria-level": CAPTION_LEVEL}
            self.body.append(
                self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **attributes)
            )
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        try:
            super().visit_literal_block(node)
        finally:
            # Focusable, so that a reader without a mouse can scroll it.
            self.body[-1] = self.body[-1].replace("<pre>", '<pre tabindex="0">', 1)


def setup(app: Sphinx) -> dict:
    app.set_translator("html", AccessibleTranslator, override=True)
    app.set_translator("dirhtml", AccessibleTranslator, override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
