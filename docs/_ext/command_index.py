"""An index entry for every RabbitMQ command and configuration key the pages show, at its block.

The general index then lists ``rabbitmqctl list_queues`` and the others, each
linking to every place a page runs it, and ``disk_free_limit.relative
(rabbitmq.conf)`` where a block sets or looks one up; both are found in the
blocks themselves, as each snippet's kind finds them (verify/run/kinds/), so the
index never misses one. The search finds these entries too, and takes the
reader to the block.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from verify.core.layout import CONF, SNIPPETS
from verify.run.kinds import known


def index_entries(block: nodes.literal_block) -> list[str]:
    """What the block runs or configures, as index entries."""
    source = Path(block.get("source") or "/").resolve()
    shown = source.is_relative_to(SNIPPETS) or source.is_relative_to(CONF)
    # Its kind says what it runs and sets (a program's commands are the ones
    # its page runs it with); an output block, of no kind, shows what the
    # command above it did, which carries the entries.
    kind = known(source)
    if not shown or kind is None:
        return []
    commands = sorted(set(kind.commands_in(source.read_text())))
    keys = sorted(set(kind.keys_in(block.astext())))
    return [
        *commands,
        *(f"{key} (rabbitmq.conf)" for key in keys),
        *(f"rabbitmq.conf; {key}" for key in keys),
    ]


class IndexCommands(SphinxTransform):
    """Adds the entries and their targets before each block that runs a command or sets a key."""

    # Before Sphinx's domains (850) read the index entries off the page.
    default_priority = 840

    def apply(self, **kwargs) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            entries = index_entries(block)
            if not entries:
                continue
            target_id = f"command-{self.env.new_serialno('command')}"
            index = addnodes.index(
                entries=[("single", entry, target_id, "", None) for entry in entries],
                inline=False,
            )
            # The block itself, or the caption's wrapper that holds it, is
            # the target: the search shows the text at an entry's anchor.
            shown = block.parent if isinstance(block.parent, nodes.container) else block
            shown["ids"].append(target_id)
            shown.parent.insert(shown.parent.index(shown), index)


def setup(app: Sphinx) -> dict:
    app.add_transform(IndexCommands)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
