"""A reader's terminal: the folder a page's snippets share, and what runs in it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from verify.discovery import Include
from verify.kinds import (
    Context,
    Run,
    SnippetFailed,
    finish_in_background,
    run_to_end,
    snippet_environment,
    start_in_background,
)
from verify.layout import relative


class Terminal:
    """Runs snippets in one folder, which holds a copy of each program the page shows.

    A reader saves the page's programs in one folder and runs them from
    there, by name (``python3 emit_log_topic.py kern.critical``); a snippet
    may use a file an earlier one wrote.
    """

    def __init__(self, programs: list[Include], env: dict[str, str], *, update: bool = False):
        self.root = Path(tempfile.mkdtemp(prefix="cheatsheet-terminal-"))
        directory, scratch = self.root / "reader", self.root / "scratch"
        directory.mkdir()
        scratch.mkdir()
        self.context = Context(directory, snippet_environment(env), update, scratch)
        self.background: list[Run] = []
        self.save(programs)

    @property
    def directory(self) -> Path:
        return self.context.directory

    def save(self, programs: list[Include]) -> None:
        saved: dict[str, Include] = {}
        for include in programs:
            name = include.target.name
            other = saved.setdefault(name, include)
            if other.target != include.target:
                raise SnippetFailed(
                    f"{include.where} and {relative(other.target)} have the same name, but a "
                    "reader's folder can hold only one of them: rename one"
                )
            shutil.copyfile(include.target, self.directory / name)
            self.context.programs[name] = include

    def run(self, include: Include, *, check: bool = True) -> Run:
        """Run a snippet to its end and check it (unless told not to)."""
        self.save_if_missing(include)
        return run_to_end(include, self.context, check=check)

    def start(self, include: Include, *, settle: bool = True) -> Run:
        """Start a snippet in a terminal of its own, as a reader does for a consumer."""
        self.save_if_missing(include)
        run = start_in_background(include, self.context, settle=settle)
        self.background.append(run)
        return run

    def save_if_missing(self, include: Include) -> None:
        if include.target.suffix == ".py" and not (self.directory / include.target.name).exists():
            self.save([include])

    def finish(self, run: Run) -> None:
        """Press Ctrl+C in that other terminal, and check what it printed."""
        self.background.remove(run)
        finish_in_background(run, self.context)

    def close(self) -> None:
        for run in self.background:
            run.program.stop()
        self.background.clear()
        shutil.rmtree(self.root, ignore_errors=True)
