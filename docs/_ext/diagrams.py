"""Each Graphviz diagram as an image with its alternative text, linked to its file full size.

sphinx.ext.graphviz draws the diagram (``graphviz_output_format``); only the
HTML around it is written here. Sphinx puts an SVG in an ``<object>``, which
has no alternative text of its own, takes every click for the drawing inside
it, and, on a system in dark mode, fills its box with the drawing's light
canvas. An ``<img>`` has ``alt``, passes a tap on to its link, and is
transparent wherever the drawing is; its text stays text in the SVG file.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext import graphviz
from sphinx.locale import __
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

# What the link does, for a pointer's tooltip and assistive technology's
# description of it; its name is the diagram's alternative text.
LINK_TITLE = "Open the diagram full size"
LINK_CLASS = "diagram-link"


def visit_graphviz(translator: HTML5Translator, node: graphviz.graphviz) -> None:
    output_format = translator.builder.config.graphviz_output_format
    try:
        relative, _ = graphviz.render_dot(
            translator, node["code"], node["options"], output_format, filename=node.get("filename")
        )
    except graphviz.GraphvizError as error:
        # As sphinx.ext.graphviz reports it: a warning, which the strict build fails on.
        logger.warning(__("dot code %r: %s"), node["code"], error)
        raise nodes.SkipNode from error
    if relative is None:
        # dot could not run; sphinx.ext.graphviz has warned once already.
        raise nodes.SkipNode
    source = escape(relative.as_posix(), quote=True)
    alt = escape(node.get("alt", node["code"].strip()), quote=True)
    classes = escape(" ".join(["graphviz", *node.get("classes", [])]), quote=True)
    translator.body.append(
        f'<div class="graphviz">'
        f'<a class="{LINK_CLASS}" href="{source}" title="{LINK_TITLE}">'
        f'<img src="{source}" alt="{alt}" class="{classes}">'
        f"</a></div>\n"
    )
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(graphviz.graphviz, override=True, html=(visit_graphviz, None))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
