"""pytest's side of the run: a page is a collector, each snippet it shows an item.

Run with ``pytest -p verify.suite.plugin docs tests/...``. A page is collected
once for each broker (lane, conf/brokers.toml) the run verifies on. On each,
its setup makes its reader's folder; its items run in page order, sharing
that folder and that broker; a program started in the background is stopped
by an item of its own at the end of the page, so that what it did wrong is
reported on it; the page's teardown checks that the page used no deprecated
feature unawares (on the newest broker) and puts the broker back as the page
found it.
"""

from __future__ import annotations

import datetime
import functools
import shlex
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path
from typing import ParamSpec, TypeVar

import pytest

from verify.broker.node import BrokerError, PrivateBroker
from verify.core.captured import captured_output
from verify.core.discovery import (
    Include,
    fingerprint,
    includes,
    machines,
    snippet_includes,
)
from verify.core.lanes import Lane, by_name, lanes, newest
from verify.core.layout import DOCS, MACHINE_DIRECTIVE, SNIPPETS, relative
from verify.core.record import BrokerVersions, VerificationRecord, record_path
from verify.isolation import namespaces
from verify.isolation.hosts import Host
from verify.run.deprecations import check_deprecated_features
from verify.run.failures import SnippetFailed, UnknownKind
from verify.run.kinds import kind_of, saved_in_folder
from verify.run.machines import Machine, Network
from verify.run.processes import allow_interrupts
from verify.run.terminal import INTERRUPT, Terminal, page_steps
from verify.suite.bench import Bench
from verify.suite.ordering import LongestFirst
from verify.suite.scheduling import PagesOnStartedBrokers

P = ParamSpec("P")
R = TypeVar("R")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--verified-records",
        metavar="DIR",
        type=Path,
        help="for each broker on which every snippet of every page passed, write what they "
        "were verified against (versions, date, snippets) to DIR/<broker>.json, for the "
        "published site",
    )
    parser.addoption(
        "--broker",
        dest="brokers",
        action="append",
        metavar="VERSION",
        help="verify the pages on this broker of conf/brokers.toml only (its RabbitMQ "
        "version, e.g. 4.0.5); may be given more than once; all of them by default",
    )
    parser.addoption(
        "--bench-json",
        metavar="PATH",
        type=Path,
        help="write how long each page, claims module and broker start took to PATH",
    )


def pytest_cmdline_main(config: pytest.Config) -> None:
    """Give each parallel worker (pytest-xdist) namespaces, and so brokers, of its own.

    Each worker runs in network, PID and mount namespaces of its own: its
    brokers take the standard ports, their root file systems are mounted for
    it alone, a snippet's ``pkill`` sees only that worker's programs, and all
    it started ends with it. A page on one broker is handed out whole
    (``--dist loadscope``), its snippets in page order.
    """
    workers = getattr(config.option, "tx", None) or []
    if workers and namespaces.unavailable():
        raise pytest.UsageError(
            "Parallel workers each need namespaces of their own, to run their brokers on "
            "the standard ports from root file systems mounted for them, and none can be "
            "had here (`nox -s tests` says why)."
        )
    if workers:
        python = shlex.join(
            [
                *namespaces.unshare_command(),
                *["sh", "-c", f'{namespaces.ip()} link set lo up && exec "$@"', "worker"],
                sys.executable,
            ]
        )
        config.option.tx = [
            f"{spec}//python={python}" if spec == "popen" else spec for spec in workers
        ]
    # A page on one broker (docs/x.rst::4.0.5) is a scope of its own:
    # --dist loadscope hands it to one worker whole. (loadgroup's marks would
    # do the same, but pytest-xdist 3.8 renames the node ids they group by in
    # a way pytest 9 no longer reads.)
    if workers and config.option.dist != "loadscope":
        raise pytest.UsageError(
            "Each page must go to one worker whole on each broker, its snippets in page "
            "order: run with --dist loadscope."
        )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Pages on a worker's started brokers first (verify/suite/scheduling.py)."""
    return PagesOnStartedBrokers(config, log)


def pytest_configure(config: pytest.Config) -> None:
    allow_interrupts()
    config.pluginmanager.register(Verification(config), "verification")
    if config.getoption("bench_json") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Bench(config.getoption("bench_json")), "bench")
    if config.pluginmanager.hasplugin("cacheprovider"):
        config.pluginmanager.register(LongestFirst(config), "longest-first")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".rst" and file_path.is_relative_to(verification(parent.config).docs):
        return Page.from_parent(parent, path=file_path)
    return None


def verification(config: pytest.Config) -> Verification:
    return config.pluginmanager.get_plugin("verification")


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
        return [i for i in includes(self.path, where.docs, where.snippets) if i.is_snippet]

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
    """A page's run on one broker: a reader's terminal, the page's steps, the broker put back."""

    def __init__(self, *, lane: Lane, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lane = lane

    def collect(self) -> Iterator[pytest.Item]:
        for step, include in page_steps(self.parent.shown()):
            name = include.test_id if step != INTERRUPT else f"{include.test_id} ({INTERRUPT})"
            yield Snippet.from_parent(self, name=name, include=include, step=step)

    @failing_as_pytest
    def setup(self) -> None:
        where = verification(self.config)
        self.broker = where.broker(self.lane)
        programs = saved_in_folder(self.parent.shown())
        self.terminal = Terminal(
            programs,
            self.broker.env,
            update=update_examples(self.config),
            lane=None if self.lane.primary else self.lane.name,
        )
        self.machines: dict[str, Machine] = {}
        declared = machines(self.path)
        self.network = Network(self.broker.host) if declared else None
        for number, (name, broker) in enumerate(declared.items()):
            try:
                # Without a version of its own, the machine runs the page's.
                lane = by_name(broker, where.all_lanes) if broker else self.lane
                self.machines[name] = Machine(
                    name, lane, number, self.network, self.terminal, programs, where.start_broker
                )
            except (ValueError, BrokerError) as error:
                raise SnippetFailed(f"{relative(self.path)}: machine {name}: {error}") from None

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

    @failing_as_pytest
    def teardown(self) -> None:
        for machine in getattr(self, "machines", {}).values():
            machine.close()
        if getattr(self, "network", None) is not None:
            self.network.close()
        # A setup that failed (two programs of one name) has no terminal to close.
        if hasattr(self, "terminal"):
            self.terminal.close()
        where = verification(self.config)
        try:
            if self.lane == newest(where.all_lanes):
                check_deprecated_features(self.broker, self.path)
        finally:
            self.broker.reset(where.baselines[self.lane.name])


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
        broker, terminal = self.parent.on(self.include)
        with broker.inside():
            ended = terminal.take(self.step, self.include)
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


SNIPPET_RUN = "snippet run"
PRINTED = "printed"


def update_examples(config: pytest.Config) -> bool:
    return bool(config.getoption("update_examples", False))


@pytest.fixture
def broker(request: pytest.FixtureRequest) -> Iterator[PrivateBroker]:
    """The private broker; put back as the test found it afterwards."""
    state = verification(request.config)
    node = state.broker()
    yield node
    node.reset(state.baseline)


@pytest.fixture
def terminal(broker: PrivateBroker) -> Iterator[Terminal]:
    """A reader's terminal of its own, with no program saved in it yet."""
    opened = Terminal([], broker.env)
    yield opened
    opened.close()


class Verification:
    """The brokers of the run, and the record of it, written for each broker on which every snippet passed."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        # Where the pages and snippets are, and how a broker starts: other
        # ones only for the engine's own tests.
        self.docs, self.snippets = DOCS, SNIPPETS
        self.start_broker = PrivateBroker
        # Every broker of conf/brokers.toml, and those this run verifies on
        # (--broker), chosen once the session starts.
        self.all_lanes = lanes()
        self.lanes: list[Lane] = []
        self.directory: Path | None = config.getoption("verified_records")
        # The snippet runs that passed, by broker, and what each printed there
        # that its page shows, by the captured output it was compared with.
        self.passed: dict[str, set[str]] = defaultdict(set)
        self.printed: dict[str, dict[str, str]] = defaultdict(dict)
        self._brokers: dict[str, PrivateBroker] = {}
        self.baselines: dict[str, frozenset[str]] = {}
        self.versions: dict[str, dict[str, str]] = {}
        self.broker_start_seconds: dict[str, float] = {}

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        try:
            chosen = self.config.getoption("brokers") or []
            self.lanes = [by_name(name, self.all_lanes) for name in chosen] or self.all_lanes
        except ValueError as error:
            raise pytest.UsageError(f"--broker: {error}") from None
        if self.directory and not hasattr(self.config, "workerinput"):
            # Records left by an earlier run must not vouch for this one.
            for lane in self.lanes:
                record_path(self.directory, lane.name).unlink(missing_ok=True)

    def broker(self, lane: Lane | None = None) -> PrivateBroker:
        """A broker's private node (the run's first by default), started on first use
        and stopped when the run ends."""
        lane = lane or self.lanes[0]
        if lane.name not in self._brokers:
            # Each on the standard ports of a network of its own: the run's
            # first one on the worker's, where the claims talk to it, each
            # other one on a host of its own.
            host = None if lane == self.lanes[0] else Host()
            node = self.start_broker(lane, host=host)
            started = time.monotonic()
            try:
                node.__enter__()
                seconds = time.monotonic() - started
                self.baselines[lane.name] = node.state()
                self.versions[lane.name] = node.versions()
            except BrokerError as error:
                node.__exit__()
                message = f"Cannot start the private broker of {lane}.\n{error}"
                if hasattr(self.config, "workerinput"):
                    # pytest-xdist drops a worker's exit message: fail the test
                    # that needed the broker, with the message, instead.
                    pytest.fail(message, pytrace=False)
                pytest.exit(message, returncode=3)
            self._brokers[lane.name] = node
            self.broker_start_seconds[lane.name] = seconds
            self.broker_started(f"main, {lane.name}", seconds)
        return self._brokers[lane.name]

    @property
    def baseline(self) -> frozenset[str]:
        """How the run's first broker was before any test."""
        return self.baselines[self.lanes[0].name]

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if update_examples(self.config):
            refuse_to_update_part_of_a_page(
                session.items, snippet_includes(self.docs, self.snippets)
            )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed:
            for key, value in report.user_properties:
                if key == SNIPPET_RUN:
                    lane, run = value
                    self.passed[lane].add(run)
                elif key == PRINTED:
                    lane, output, text = value
                    self.printed[lane][output] = text

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """A parallel worker ended: take what its brokers ran (pytest-xdist)."""
        for lane, versions in node.workeroutput.get("versions", {}).items():
            self.versions.setdefault(lane, versions)
        for lane, seconds in node.workeroutput.get("broker_start_seconds", {}).items():
            self.broker_started(f"{node.gateway.id}, {lane}", seconds)

    def broker_started(self, worker: str, seconds: float) -> None:
        bench = self.config.pluginmanager.get_plugin("bench")
        if bench is not None:
            bench.broker_started(worker, seconds)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        worker = getattr(self.config, "workeroutput", None)
        try:
            if worker is not None:
                worker["versions"] = self.versions
                worker["broker_start_seconds"] = self.broker_start_seconds
            else:
                self.write_records(exitstatus)
        finally:
            for node in self._brokers.values():
                node.__exit__()
                if node.host is not None:
                    node.host.close()

    def write_records(self, exitstatus: int) -> None:
        """One record per broker on which every snippet of every page passed."""
        # Output captured anew was compared with nothing: that run verified nothing.
        if not self.directory or exitstatus != 0 or update_examples(self.config):
            return
        shown = snippet_includes(self.docs, self.snippets)
        wanted = {include.test_id for include in shown if not include.saved}
        pages: dict[str, set[str]] = {}
        for include in shown:
            pages.setdefault(relative(include.page), set()).add(relative(include.target))
        for lane in self.lanes:
            if not wanted <= self.passed[lane.name] or lane.name not in self.versions:
                continue
            VerificationRecord(
                brokers=[
                    BrokerVersions(distribution=lane.distribution, **self.versions[lane.name])
                ],
                pika=version("pika"),
                date=datetime.date.today().isoformat(),
                runs=len(wanted),
                pages={page: sorted(snippets) for page, snippets in sorted(pages.items())},
                fingerprints={
                    relative(page): fingerprint(page, self.docs, self.snippets)
                    for page in sorted({include.page for include in shown})
                },
                printed={lane.name: dict(sorted(self.printed[lane.name].items()))},
            ).write(record_path(self.directory, lane.name))


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
