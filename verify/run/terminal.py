"""A reader's terminal: the folder a page's snippets share, and what runs in it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from verify.core.discovery import Include
from verify.core.layout import relative
from verify.run.kinds import (
    TIMEOUT,
    Context,
    Run,
    SnippetFailed,
    finish_in_background,
    kind_of,
    run_to_end,
    snippet_environment,
    start_in_background,
)

# What a page's run does with a snippet: run it to its end, start it in a
# terminal of its own, or press Ctrl+C there.
RUN, START, INTERRUPT = "run", "start", "Ctrl+C"


def page_steps(shown: list[Include]) -> list[tuple[str, Include]]:
    """The steps of a page's run, in order: each snippet it runs, as the page shows
    them, then Ctrl+C for each one started in the background. A saved program
    runs only through the commands that run it."""
    ran = [include for include in shown if not include.saved]
    return [(START if include.background else RUN, include) for include in ran] + [
        (INTERRUPT, include) for include in ran if include.background
    ]


class Terminal:
    """Runs snippets in one folder, which holds a copy of each program the page shows.

    A reader saves the page's programs in one folder and runs them from
    there, by name (``python3 emit_log_topic.py kern.critical``); a snippet
    may use a file an earlier one wrote.
    """

    def __init__(
        self,
        programs: list[Include],
        env: dict[str, str],
        *,
        update: bool = False,
        lane: str | None = None,
        directory: Path | None = None,
        timeout: float = TIMEOUT,
    ):
        """`lane`: the broker it talks to, when not the primary one (see Context);
        `directory`: the folder of another terminal, to share (a file copied
        between two machines); `timeout`: how long a snippet run to its end may take."""
        self.root = Path(tempfile.mkdtemp(prefix="cheatsheet-terminal-"))
        scratch = self.root / "scratch"
        scratch.mkdir()
        if directory is None:
            directory = self.root / "reader"
            directory.mkdir()
        self.context = Context(
            directory, snippet_environment(env), update, scratch, lane=lane, timeout=timeout
        )
        self.background: list[Run] = []
        # The background runs a page's Ctrl+C steps stop, by the include that started them.
        self.started: dict[Include, Run] = {}
        self.save(programs)

    @property
    def directory(self) -> Path:
        return self.context.directory

    def save(self, programs: list[Include]) -> None:
        for include in programs:
            name = include.target.name
            other = self.context.programs.setdefault(name, include)
            if other.target != include.target:
                raise SnippetFailed(
                    f"{include.where} and {relative(other.target)} have the same name, but a "
                    "reader's folder can hold only one of them: rename one"
                )
            shutil.copyfile(include.target, self.directory / name)

    def run(self, include: Include, *, check: bool = True) -> Run:
        """Run a snippet to its end and check it (unless told not to)."""
        self.save_program(include)
        return run_to_end(include, self.context, check=check)

    def start(self, include: Include, *, settle: bool = True) -> Run:
        """Start a snippet in a terminal of its own, as a reader does for a consumer."""
        self.save_program(include)
        run = start_in_background(include, self.context, settle=settle)
        self.background.append(run)
        return run

    def save_program(self, include: Include) -> None:
        """Save a program run from here, as a reader would (or say its name is taken)."""
        if kind_of(include.target).saved_in_folder:
            self.save([include])

    def take(self, step: str, include: Include) -> Run | None:
        """Take one step of a page's run (see page_steps); return the run that ended in it."""
        if step == RUN:
            return self.run(include)
        if step == START:
            self.started[include] = self.start(include)
            return None
        if include in self.started:
            return self.finish(self.started.pop(include))
        raise SnippetFailed(
            f"{include.where} was not started in this run, so there is nothing to stop"
        )

    def finish(self, run: Run) -> Run:
        """Press Ctrl+C in that other terminal, and check what it printed."""
        self.background.remove(run)
        finish_in_background(run, self.context)
        return run

    def close(self) -> None:
        for run in self.background:
            run.program.stop()
        self.background.clear()
        shutil.rmtree(self.root, ignore_errors=True)
