"""What every kind of snippet answers: how the site shows it, and how the run runs it.

Standard library only at import time, like everything a kind imports before
it runs a snippet: the Sphinx extensions ask the kinds how to caption, index
and highlight a snippet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from verify.core.discovery import Include
from verify.isolation.processes import Program


@dataclass(frozen=True)
class Context:
    """Where and how a page's snippets run: its folder, environment and mode."""

    directory: Path
    env: dict[str, str]
    # Capture output anew instead of comparing with it.
    update: bool = False
    # Where a run keeps what is not the reader's (print records).
    scratch: Path | None = None
    # The programs the page shows, by file name, as saved in `directory`.
    programs: dict[str, Include] = field(default_factory=dict)
    # The broker the snippets run on when it is not the primary one, whose
    # output the pages show: what it prints is compared with what it printed
    # before where that differs (verify/core/captured.py).
    lane: str | None = None
    # How long a snippet run to its end may take, in seconds.
    timeout: float = 60


class Run(Protocol):
    """One snippet running, started by its kind."""

    include: Include
    program: Program

    def ready_to_interrupt(self) -> bool:
        """It has printed all that its page shows before Ctrl+C."""

    def failure(self) -> str:
        """Why it exited with an error, in the author's words."""

    def printed_in_failing(self) -> str:
        """What its reader saw it print when it failed, on both its outputs."""

    def shown(self) -> str | None:
        """What its page shows it printed, as printed in this run (None: shown in the program itself)."""

    def check(self) -> None:
        """Compare what it printed with what the page shows (or capture it); raise SnippetFailed."""


class Kind(Protocol):
    """A kind of snippet, by its file's suffix: all that depends on the suffix is asked of it."""

    # The suffix of its files: ".py".
    suffix: str
    # How the site highlights it (a Pygments lexer): "python".
    language: str
    # A reader saves it in the folder the page's commands run in, under its
    # name, and the commands run it from there (a program): the run keeps a
    # copy there.
    saved_in_folder: bool
    # What it prints is kept beside it in a .out file (verify/core/captured.py),
    # which its page shows under it; not so for a kind that shows its output
    # in its own lines (a program's #> comments) or prints nothing.
    output_beside: bool

    def caption(self, name: str) -> str | None:
        """What the title over its block says (the name a reader saves it as); None for none."""

    def programs_run_by(self, command: str) -> list[str]:
        """The names of the programs of this kind that a command runs (``python3 send.py``)."""

    def commands_in(self, text: str) -> list[str]:
        """The RabbitMQ commands it runs, for the command reference and the quick reference."""

    def keys_in(self, text: str) -> list[str]:
        """The rabbitmq.conf keys it sets or looks up, for the index."""

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        """The reader's terminal as this kind needs it, for every snippet of a page."""

    def lines_after_interrupt(self, source: str) -> int:
        """How many of the lines a program prints come once Ctrl+C stops it (its handler's)."""

    def refresh(self, include: Include, context: Context) -> None:
        """Save it anew in the reader's folder (checked first), before something runs it."""

    def start(self, include: Include, context: Context) -> Run:
        """Start the snippet as its reader would; raise SnippetFailed if it cannot be."""


class Plain:
    """The answers a kind gives unless it says otherwise: no caption, no programs,
    commands or keys for the references, the terminal as it is, nothing printed
    after Ctrl+C, nothing saved before it runs."""

    def caption(self, name: str) -> str | None:
        return None

    def programs_run_by(self, command: str) -> list[str]:
        return []

    def commands_in(self, text: str) -> list[str]:
        return []

    def keys_in(self, text: str) -> list[str]:
        return []

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        return env

    def lines_after_interrupt(self, source: str) -> int:
        return 0

    def refresh(self, include: Include, context: Context) -> None:
        """Nothing to save in the reader's folder."""
