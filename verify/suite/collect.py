"""A page as pytest sees it: a Page per .rst, a PageOnBroker per broker, a Snippet item per step of its PageRun.

This is the one place where the engine's SnippetFailed becomes a pytest
failure (failing_as_pytest): the author's message alone, with no traceback.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ParamSpec, TypeVar

import pytest

from verify.core.captured import captured_output
from verify.core.discovery import Include, snippet_includes
from verify.core.lanes import Lane
from verify.core.layout import relative
from verify.run.failures import SnippetFailed, UnknownKind
from verify.run.kinds import kind_of
from verify.run.page_run import PageRun, shown_on
from verify.run.terminal import INTERRUPT, page_steps
from verify.suite.options import snippet_timeout, update_examples
from verify.suite.verification import PRINTED, SNIPPET_RUN, verification

P = ParamSpec("P")
R = TypeVar("R")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".rst" and file_path.is_relative_to(verification(parent.config).docs):
        return Page.from_parent(parent, path=file_path)
    return None


def pytest_collection_finish(session: pytest.Session) -> None:
    if update_examples(session.config):
        where = verification(session.config)
        refuse_to_update_part_of_a_page(session.items, snippet_includes(where.docs, where.snippets))


def failing_as_pytest(step: Callable[P, R]) -> Callable[P, R]:
    """The engine's failures, reported by pytest as the author's message alone, with no traceback."""

    @functools.wraps(step)
    def reported(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return step(*args, **kwargs)
        except SnippetFailed as failure:
            raise pytest.fail.Exception(failure.msg, pytrace=False) from None

    return reported


class Page(pytest.File):
    """A page of the site: its snippets, in the order it shows them, on each broker."""

    def shown(self) -> list[Include]:
        """The snippets the page shows, in its order."""
        where = verification(self.config)
        return shown_on(self.path, where.docs, where.snippets)

    def collect(self) -> Iterator[pytest.Collector]:
        for include in self.shown():
            try:
                kind_of(include.target)
            except UnknownKind as error:
                raise self.CollectError(f"{relative(self.path)}:{include.line}: {error}") from None
        # The primary broker first: capturing output anew, the others are
        # compared with what it printed.
        for lane in sorted(verification(self.config).lanes, key=lambda lane: not lane.primary):
            yield PageOnBroker.from_parent(self, name=lane.name, lane=lane)


class PageOnBroker(pytest.Collector):
    """A page's run on one broker (verify/run/page_run.py): set up, a Snippet item per step, torn down."""

    def __init__(self, *, lane: Lane, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lane = lane
        self.page_run: PageRun | None = None

    def collect(self) -> Iterator[pytest.Item]:
        for step, include in page_steps(self.parent.shown()):
            name = include.test_id if step != INTERRUPT else f"{include.test_id} ({INTERRUPT})"
            yield Snippet.from_parent(self, name=name, include=include, step=step)

    @failing_as_pytest
    def setup(self) -> None:
        where = verification(self.config)
        broker = where.broker(self.lane)
        self.page_run = PageRun(
            self.path,
            broker,
            baseline=where.baselines[self.lane.name],
            all_lanes=where.all_lanes,
            update=update_examples(self.config),
            timeout=snippet_timeout(self.config),
            start_broker=where.start_broker,
            docs=where.docs,
            snippets=where.snippets,
        )

    @failing_as_pytest
    def teardown(self) -> None:
        # A setup that failed (two programs of one name) left nothing open.
        if self.page_run is not None:
            self.page_run.close()


class Snippet(pytest.Item):
    """One step of a page's run, in the page's terminal: a snippet run or started, or Ctrl+C."""

    def __init__(self, *, include: Include, step: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.include = include
        self.step = step
        # Which snippet run this is, on which broker, for the record, wherever it ran.
        self.user_properties.append((SNIPPET_RUN, [self.parent.name, self.name]))

    @failing_as_pytest
    def runtest(self) -> None:
        ended = self.parent.page_run.take(self.step, self.include)
        # What the page will show it printed: this run's output, not the
        # normalised one it was compared with.
        shown = ended.shown() if ended is not None else None
        if shown is not None:
            output = relative(captured_output(self.include.target))
            self.user_properties.append((PRINTED, [self.lane.name, output, shown]))

    @property
    def lane(self) -> Lane:
        return self.parent.lane

    def reportinfo(self):
        return self.include.page, self.include.line - 1, self.name


def refuse_to_update_part_of_a_page(items: list[pytest.Item], shown: list[Include]) -> None:
    """A snippet run without the ones before it on its page prints something else."""
    selected = Counter(
        (item.include.page, item.lane.name) for item in items if isinstance(item, Snippet)
    )
    shown = Counter(include.page for include in shown if not include.saved) + Counter(
        include.page for include in shown if include.background
    )
    partial = [
        f"{relative(page)} on {lane} ({selected[page, lane]} of {shown[page]})"
        for page, lane in selected
        if selected[page, lane] != shown[page]
    ]
    if partial:
        pytest.exit(
            "--update-examples rewrites captured output from whole pages only; these pages "
            "are only partly selected: " + ", ".join(partial),
            returncode=4,
        )
