"""A page's run on one broker: the reader's terminal, the page's machines, each step, and the teardown.

The published run (verify/suite/), the preview (verify/preview/live.py) and
the claims (tests/claims/) all run a page through this: its snippets in one
reader's folder, each on the machine it names (``on-NAME``, a page's ``..
machine::``) or on the page's broker; then the machines closed, the page
checked for deprecated features left in use (on the newest broker only),
and the page's broker put back as the page found it. Whatever goes wrong
is raised as SnippetFailed, in the author's words.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from verify.broker.node import BrokerError, PrivateBroker
from verify.core.discovery import Include, includes, machines
from verify.core.lanes import Lane, by_name, lanes, newest
from verify.core.layout import DOCS, MACHINE_DIRECTIVE, SNIPPETS, relative
from verify.run.deprecations import check_deprecated_features
from verify.run.failures import SnippetFailed, UnknownKind
from verify.run.kinds import TIMEOUT, Run, saved_in_folder
from verify.run.machines import Machine, Network
from verify.run.terminal import Terminal, page_steps


def shown_on(page: Path, docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[Include]:
    """The snippets a page shows, in its order."""
    return [include for include in includes(page, docs, snippets) if include.is_snippet]


class PageRun:
    """A page's run on one broker, as a reader follows the page: open it, take its steps, close it.

    ``with PageRun(page, broker, baseline=broker.state()) as run: run.take_every_step()``
    """

    def __init__(
        self,
        page: Path,
        broker: PrivateBroker,
        *,
        baseline: frozenset[str],
        all_lanes: list[Lane] | None = None,
        update: bool = False,
        timeout: float = TIMEOUT,
        start_broker=PrivateBroker,
        docs: Path = DOCS,
        snippets: Path = SNIPPETS,
    ) -> None:
        """Open the reader's terminal and start the page's machines.

        `baseline`: the broker's state to put back (PrivateBroker.state());
        `all_lanes`: the brokers a machine's ``:broker:`` may name
        (conf/brokers.toml); `update`: capture output anew; `timeout`: how
        long a snippet run to its end may take; `start_broker`: what makes a
        machine's broker (another only in the engine's own tests);
        `docs`, `snippets`: where the pages and snippets are.
        """
        self.page, self.broker, self.baseline = page, broker, baseline
        self.all_lanes = all_lanes or lanes()
        self.shown = shown_on(page, docs, snippets)
        self.steps = page_steps(self.shown)
        self.machines: dict[str, Machine] = {}
        self.network: Network | None = None
        self.closed = False
        programs = saved_in_folder(self.shown)
        lane = broker.lane
        self.terminal = Terminal(
            programs,
            broker.env,
            update=update,
            lane=None if lane.primary else lane.name,
            timeout=timeout,
        )
        try:
            self._start_machines(programs, start_broker)
        except BaseException:
            # Nothing ran on the page's broker yet: only what was opened goes.
            self._close_what_was_opened()
            raise

    def _start_machines(self, programs: list[Include], start_broker) -> None:
        declared = machines(self.page)
        if declared:
            self.network = Network(self.broker.host)
        for number, (name, version) in enumerate(declared.items()):
            try:
                # Without a version of its own, the machine runs the page's.
                lane = by_name(version, self.all_lanes) if version else self.broker.lane
                self.machines[name] = Machine(
                    name, lane, number, self.network, self.terminal, programs, start_broker
                )
            except (ValueError, BrokerError) as error:
                raise SnippetFailed(f"{relative(self.page)}: machine {name}: {error}") from None

    def on(self, include: Include) -> tuple[PrivateBroker, Terminal]:
        """The broker and terminal a snippet runs with: its machine's, or the page's."""
        if include.machine is None:
            return self.broker, self.terminal
        if include.machine not in self.machines:
            raise SnippetFailed(
                f"{include.where} runs on {include.machine}, which its page does not "
                f"declare (`.. {MACHINE_DIRECTIVE}:: {include.machine}`)"
            )
        machine = self.machines[include.machine]
        return machine.broker, machine.terminal

    def take(self, step: str, include: Include) -> Run | None:
        """Take one step of the page (run, start in the background, Ctrl+C: see page_steps)
        on the snippet's machine; the run that ended in it, if one did."""
        broker, terminal = self.on(include)
        try:
            with broker.inside():
                return terminal.take(step, include)
        except UnknownKind as error:
            raise SnippetFailed(str(error)) from None

    def take_every_step(self) -> None:
        """The whole page, in its order; stops at the first step that fails."""
        for step, include in self.steps:
            self.take(step, include)

    def run(self, include: Include, *, check: bool = True) -> Run:
        """Run one snippet of the page to its end on its machine, checked unless told not to."""
        broker, terminal = self.on(include)
        with broker.inside():
            return terminal.run(include, check=check)

    def close(self) -> None:
        """Close the machines, their network and the terminal; then, on the newest
        broker, check for deprecated features left in use; then put the broker back."""
        if self.closed:
            return
        self.closed = True
        try:
            self._close_what_was_opened()
        finally:
            try:
                if self.broker.lane == newest(self.all_lanes):
                    check_deprecated_features(self.broker, self.page)
            finally:
                self._put_back()

    def _close_what_was_opened(self) -> None:
        try:
            for machine in self.machines.values():
                machine.close()
            if self.network is not None:
                self.network.close()
        finally:
            self.terminal.close()

    def _put_back(self) -> None:
        try:
            self.broker.reset(self.baseline)
        except BrokerError as error:
            raise SnippetFailed(
                f"after {relative(self.page)}, its broker could not be put back as the page "
                f"found it: {error}"
            ) from None

    def __enter__(self) -> PageRun:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self.close()
        except SnippetFailed as closing:
            if not isinstance(error, SnippetFailed):
                raise
            # Both said, the page's own failure first.
            raise SnippetFailed(
                f"{error.msg}\n\nThen, closing the page's run: {closing.msg}"
            ) from None
