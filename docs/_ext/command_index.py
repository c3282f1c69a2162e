"""An index entry for every RabbitMQ command the snippets run, at the block that runs it.

The general index then lists ``rabbitmqctl list_queues`` and the others, each
linking to every place a page runs it; the commands are found in the
snippets themselves (verify/discovery.py), so the index never misses one.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from verify.discovery import commands_run_by
from verify.layout import SNIPPETS


class IndexCommands(SphinxTransform):
    """Adds the entries and their targets before each shell snippet's block."""

    # Before Sphinx's domains (850) read the index entries off the page.
    default_priority = 840

    def apply(self, **kwargs) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            source = Path(block.get("source") or "/").resolve()
            if source.suffix != ".sh" or not source.is_relative_to(SNIPPETS):
                continue
            commands = sorted(set(commands_run_by(source)))
            if not commands:
                continue
            target_id = f"command-{self.env.new_serialno('command')}"
            target = nodes.target("", "", ids=[target_id])
            index = addnodes.index(
                entries=[("single", command, target_id, "", None) for command in commands],
                inline=False,
            )
            # Before the block, or before the caption that goes with it.
            shown = block.parent if isinstance(block.parent, nodes.container) else block
            shown.parent.insert(shown.parent.index(shown), [index, target])


def setup(app: Sphinx) -> dict:
    app.add_transform(IndexCommands)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
