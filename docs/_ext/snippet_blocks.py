"""Tell a reader's commands apart from what they printed, and fold a long output to its first lines.

A shell snippet's captured output (``snippets/**/name.out``) is shown right
under the command. This marks the output's block with the ``snippet-output``
class, so that the stylesheet sets it apart and the copy button, whose
selector skips that class, copies only the command. An output longer than
FOLD_AFTER lines (``rabbitmqctl status``) shows its first SHOWN_FOLDED lines,
with "Show all N lines" under them: a ``<details>`` element whose summary is
the control, the stylesheet folding the block above it while it is closed.
No script: the control works without JavaScript, from the keyboard, and on
paper the output is whole.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from verify.core.captured import is_output
from verify.core.layout import OUTPUT_CLASS, SNIPPETS

# An output of more lines than this is folded, to this many (site.css clips the
# block to SHOWN_FOLDED lines; the browser check reads both from the HTML).
FOLD_AFTER = 15
SHOWN_FOLDED = 8
FOLD_CLASS = "output-fold"


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
        if snippet is not None and is_output(snippet):
            block["classes"].append(OUTPUT_CLASS)


def fold_long_outputs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fold every long output a page shows, in version tabs or not.

    Done once the page is resolved, so that the outputs the command
    reference copies from other pages, and the real output a verified build
    puts in place of the captured one, are counted and folded too.
    """
    for block in list(doctree.findall(nodes.literal_block)):
        if OUTPUT_CLASS not in block["classes"]:
            continue
        # As shown: the highlighter drops leading and trailing blank lines.
        lines = len(block.astext().strip("\n").splitlines())
        if lines > FOLD_AFTER:
            fold(block, lines)


def fold(block: nodes.literal_block, lines: int) -> None:
    """The block and its control, in one container that the stylesheet folds while it is closed."""
    control = (
        f'<details class="output-fold-control" data-lines="{lines}" data-shown="{SHOWN_FOLDED}">'
        f'<summary><span class="when-folded">Show all {lines} lines</span>'
        f'<span class="when-unfolded">Show the first {SHOWN_FOLDED} lines only</span>'
        "</summary></details>"
    )
    container = nodes.container(classes=[FOLD_CLASS])
    # Not replace_self(), which would give the container the block's classes.
    parent = block.parent
    parent.insert(parent.index(block), container)
    parent.remove(block)
    container += block
    container += nodes.raw("", control, format="html")


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", mark_output_blocks)
    # After the command reference fills in its examples (at the default priority, 500).
    app.connect("doctree-resolved", fold_long_outputs, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
