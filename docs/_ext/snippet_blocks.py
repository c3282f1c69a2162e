"""Tell a reader's commands apart from what they printed, and let a long output fold.

A shell snippet's captured output (``snippets/**/name.out``) is shown right
under the command. This marks the output's block with the ``snippet-output``
class, so that the stylesheet sets it apart and the copy button, whose
selector skips that class, copies only the command. An output longer than a
screen (``rabbitmqctl status``) is shown whole, in a ``<details>`` element
that is open, whose summary folds it away.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from verify.layout import OUTPUT_CLASS, OUTPUT_SUFFIX, SNIPPETS

# Outputs with more lines than this can be folded.
LONG_OUTPUT = 40


def snippet_of(block: nodes.literal_block) -> Path | None:
    """The file under snippets/ that a ``literalinclude`` block shows, if any."""
    # literalinclude records the included file as the block's "source" attribute.
    source = block.get("source")
    if not source:
        return None
    path = Path(source).resolve()
    return path if path.is_relative_to(SNIPPETS) else None


def mark_output_blocks(app: Sphinx, doctree: nodes.document) -> None:
    for block in list(doctree.findall(nodes.literal_block)):
        snippet = snippet_of(block)
        if snippet is not None and snippet.suffix == OUTPUT_SUFFIX:
            block["classes"].append(OUTPUT_CLASS)
            lines = len(block.astext().splitlines())
            if lines > LONG_OUTPUT:
                foldable(block, lines)


def foldable(block: nodes.literal_block, lines: int) -> None:
    opening = (
        '<details class="long-output" open>'
        f"<summary>The whole output, {lines} lines (fold it away)</summary>"
    )
    parent = block.parent
    at = parent.index(block)
    parent.insert(at + 1, nodes.raw("", "</details>", format="html"))
    parent.insert(at, nodes.raw("", opening, format="html"))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", mark_output_blocks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
