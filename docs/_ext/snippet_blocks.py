"""Tell a reader's commands apart from what they printed.

A shell snippet's captured output (``snippets/**/name.out``) is shown right
under the command. This marks the output's block with the ``snippet-output``
class, so that the stylesheet sets it apart and the copy button, whose
selector skips that class, copies only the command.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from verify.layout import OUTPUT_CLASS, OUTPUT_SUFFIX, SNIPPETS


def snippet_of(block: nodes.literal_block) -> Path | None:
    """The file under snippets/ that a ``literalinclude`` block shows, if any."""
    # literalinclude records the included file as the block's "source" attribute.
    source = block.get("source")
    if not source:
        return None
    path = Path(source).resolve()
    return path if path.is_relative_to(SNIPPETS) else None


def mark_output_blocks(app: Sphinx, doctree: nodes.document) -> None:
    for block in doctree.findall(nodes.literal_block):
        snippet = snippet_of(block)
        if snippet is not None and snippet.suffix == OUTPUT_SUFFIX:
            block["classes"].append(OUTPUT_CLASS)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", mark_output_blocks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
