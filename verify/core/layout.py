"""Where things are, and the names that the run, the site and the sessions share.

Standard library only: the Sphinx extensions and the noxfile import it too.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
CONF = ROOT / "conf"
BUILD = ROOT / "build"

# What `nox -s tests` runs, folder by folder, and what each folder holds:
# every page's snippets (pages are collected from docs/ by verify/suite/plugin.py),
# the claims, the engine's own tests and the page checks. The browser's
# checks are the `browser` session's. Longer parts first.
TEST_PARTS = {
    "tests/claims": "claims",
    "docs": "page",
    "tests/engine": "engine",
    "tests/pages": "page checks",
}

# The records of the last run on each broker in which every snippet passed,
# one file per broker (see record.py), and the one the site is stamped with,
# merged from them by `nox -s publish`.
VERIFIED_RECORDS = BUILD / "verified"
VERIFIED_RECORD = BUILD / "verified.json"
# Handed to the Sphinx build: the record to stamp the pages with.
RECORD_ENVIRONMENT_VARIABLE = "CHEATSHEET_VERIFIED_RECORD"
# Handed to the Sphinx build: the address the site is published at, where it
# is not a host's root (https://example.org/rabbitmq/): the 404 page needs it.
BASE_URL_ENVIRONMENT_VARIABLE = "CHEATSHEET_BASE_URL"
# The sub-path `nox -s browser` serves a second build under, to check that
# the 404 page keeps its styles there.
SUBPATH = "/rabbitmq-cheatsheet/"

# Each RabbitMQ command the snippets run: what it does and its syntax, which
# the command reference (docs/commands.rst) shows.
COMMANDS = CONF / "commands.toml"

# The class the site gives an output block, so that it is set apart and its
# text is never copied with the command.
OUTPUT_CLASS = "snippet-output"
# The class of a command's syntax line in the command reference: not a command
# to run, so, like an output, it has no copy button.
SYNTAX_CLASS = "command-syntax"

# `.. literalinclude::` classes that say how a page runs a snippet.
# In a terminal of its own, while the page goes on (a consumer, a server).
BACKGROUND = "background"
# A program shown for the reader to save, run only by the commands below it
# on the page (`python3 emit_log_topic.py kern.critical "..."`).
SAVED = "saved"

# How a page says it shows a deprecated feature on purpose (verify/run/deprecations.py).
DEPRECATED_FEATURE_DIRECTIVE = "uses-deprecated-feature"

# Another machine a page's snippets run on: ``.. machine:: old-server`` with
# ``:broker: 3.10.8``, and the class of a snippet run there: ``on-old-server``.
MACHINE_DIRECTIVE = "machine"
ON_MACHINE = "on-"

# A Python program's printed output, as its comments show it: `#> Sent 'Hello'`.
PRINTED_PREFIX = "#>"


def relative(path: Path) -> str:
    """A path as a contributor types it, from the top of the repository."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
