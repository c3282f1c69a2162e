"""pytest's side of the run: a page is a collector, each snippet it shows an item.

Run with ``pytest -p verify.plugin docs tests/...``. A page's setup makes its
reader's folder; its items run in page order, sharing that folder and the
broker; a program started in the background is stopped by an item of its
own at the end of the page, so that what it did wrong is reported on it;
the page's teardown puts the broker back as the page found it.
"""

from __future__ import annotations

import datetime
import shlex
import sys
import time
from collections import Counter
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from verify import namespaces
from verify.bench import Bench
from verify.broker import BrokerError, PrivateBroker
from verify.discovery import Include, fingerprint, includes, snippet_includes
from verify.kinds import SnippetFailed, UnknownKind, kind_of
from verify.layout import DOCS, SNIPPETS, relative
from verify.ordering import LongestFirst
from verify.processes import allow_interrupts
from verify.record import VerificationRecord
from verify.terminal import INTERRUPT, Terminal, page_steps


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--verified-record",
        metavar="PATH",
        type=Path,
        help="after a run in which every snippet of every page passed, write what they "
        "were verified against (versions, date, snippets) to PATH, for the published site",
    )
    parser.addoption(
        "--bench-json",
        metavar="PATH",
        type=Path,
        help="write how long each page, claims module and broker start took to PATH",
    )


def pytest_cmdline_main(config: pytest.Config) -> None:
    """Give each parallel worker (pytest-xdist) namespaces, and so a broker, of its own.

    Each worker runs in network, PID and mount namespaces of its own: its
    broker takes the standard ports, a snippet's ``pkill`` sees only that
    worker's programs, and all it started ends with it. Pages are handed out
    whole (``--dist loadfile``), each page's snippets in page order.
    """
    workers = getattr(config.option, "tx", None) or []
    if len(workers) > 1 and namespaces.unavailable():
        raise pytest.UsageError(
            "Parallel workers each need namespaces of their own, to run a broker each on "
            "the standard ports, and none can be had here; run with -n 1."
        )
    if workers and not namespaces.unavailable():
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
    # A page is a file of its own: --dist loadfile hands it to one worker whole.
    # (loadgroup's marks would do the same, but pytest-xdist 3.8 renames the
    # node ids they group by in a way pytest 9 no longer reads.)
    if workers and config.option.dist != "loadfile":
        raise pytest.UsageError(
            "Each page must go to one worker whole, its snippets in page order: "
            "run with --dist loadfile."
        )


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


class Page(pytest.File):
    """A page of the site: its snippets, in the order it shows them."""

    def shown(self) -> list[Include]:
        """The snippets the page shows, in its order."""
        where = verification(self.config)
        return [i for i in includes(self.path, where.docs, where.snippets) if i.is_snippet]

    def collect(self) -> Iterator[pytest.Item]:
        shown = self.shown()
        for include in shown:
            try:
                kind_of(include.target)
            except UnknownKind as error:
                raise self.CollectError(f"{relative(self.path)}:{include.line}: {error}") from None
        for step, include in page_steps(shown):
            name = include.test_id if step != INTERRUPT else f"{include.test_id} ({INTERRUPT})"
            yield Snippet.from_parent(self, name=name, include=include, step=step)

    def setup(self) -> None:
        self.broker = verification(self.config).broker()
        programs = [include for include in self.shown() if include.target.suffix == ".py"]
        self.terminal = Terminal(programs, self.broker.env, update=update_examples(self.config))

    def teardown(self) -> None:
        # A setup that failed (two programs of one name) has no terminal to close.
        if hasattr(self, "terminal"):
            self.terminal.close()
        self.broker.reset(verification(self.config).baseline)


class Snippet(pytest.Item):
    """One step of a page's run, in the page's terminal: a snippet run or started, or Ctrl+C."""

    def __init__(self, *, include: Include, step: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.include = include
        self.step = step
        # Which snippet run this is, for the record, wherever it ran.
        self.user_properties.append((SNIPPET_RUN, self.name))

    def runtest(self) -> None:
        self.parent.terminal.take(self.step, self.include)

    def reportinfo(self):
        return self.include.page, self.include.line - 1, self.name

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, SnippetFailed):
            return str(excinfo.value.msg)
        return super().repr_failure(excinfo, style)


SNIPPET_RUN = "snippet run"


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
    """The broker of the run, and the record of it, written only when every snippet passed."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        # Where the pages and snippets are, and how the broker starts: other
        # ones only for the engine's own tests.
        self.docs, self.snippets = DOCS, SNIPPETS
        self.start_broker = PrivateBroker
        self.path: Path | None = config.getoption("verified_record")
        self.passed: set[str] = set()
        self._broker: PrivateBroker | None = None
        self.versions: dict[str, str] = {}
        if self.path and not hasattr(config, "workerinput"):
            # A record left by an earlier run must not vouch for this one.
            self.path.unlink(missing_ok=True)

    def broker(self) -> PrivateBroker:
        """The private node, started on first use and stopped when the run ends."""
        if self._broker is None:
            node = self.start_broker()
            started = time.monotonic()
            try:
                node.__enter__()
            except BrokerError as error:
                pytest.exit(f"Cannot start the private RabbitMQ broker.\n{error}", returncode=3)
            self._broker = node
            self.broker_start_seconds = time.monotonic() - started
            self.broker_started("main", self.broker_start_seconds)
            self.baseline = node.state()
            self.versions = node.versions()
        return self._broker

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if update_examples(self.config):
            refuse_to_update_part_of_a_page(
                session.items, snippet_includes(self.docs, self.snippets)
            )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed:
            self.passed.update(value for key, value in report.user_properties if key == SNIPPET_RUN)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        """A parallel worker ended: take what its broker ran (pytest-xdist)."""
        self.versions = self.versions or node.workeroutput.get("versions", {})
        if "broker_start_seconds" in node.workeroutput:
            self.broker_started(node.gateway.id, node.workeroutput["broker_start_seconds"])

    def broker_started(self, worker: str, seconds: float) -> None:
        bench = self.config.pluginmanager.get_plugin("bench")
        if bench is not None:
            bench.broker_started(worker, seconds)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        worker = getattr(self.config, "workeroutput", None)
        try:
            if worker is not None:
                worker["versions"] = self.versions
                if self._broker is not None:
                    worker["broker_start_seconds"] = self.broker_start_seconds
            else:
                self.write_record(exitstatus)
        finally:
            if self._broker is not None:
                self._broker.__exit__()

    def write_record(self, exitstatus: int) -> None:
        shown = snippet_includes(self.docs, self.snippets)
        wanted = {include.test_id for include in shown if not include.saved}
        # Output captured anew was compared with nothing: that run verified nothing.
        if update_examples(self.config):
            return
        if not self.path or exitstatus != 0 or not wanted <= self.passed or not self.versions:
            return
        pages: dict[str, set[str]] = {}
        for include in shown:
            pages.setdefault(relative(include.page), set()).add(relative(include.target))
        VerificationRecord(
            rabbitmq=self.versions["rabbitmq"],
            erlang=self.versions["erlang"],
            pika=version("pika"),
            date=datetime.date.today().isoformat(),
            runs=len(wanted),
            pages={page: sorted(snippets) for page, snippets in sorted(pages.items())},
            fingerprints={
                relative(page): fingerprint(page, self.docs, self.snippets)
                for page in sorted({include.page for include in shown})
            },
        ).write(self.path)


def refuse_to_update_part_of_a_page(items: list[pytest.Item], shown: list[Include]) -> None:
    """A snippet run without the ones before it on its page prints something else."""
    selected = Counter(item.include.page for item in items if isinstance(item, Snippet))
    shown = Counter(include.page for include in shown if not include.saved) + Counter(
        include.page for include in shown if include.background
    )
    partial = [
        f"{relative(page)} ({selected[page]} of {shown[page]})"
        for page in selected
        if selected[page] != shown[page]
    ]
    if partial:
        pytest.exit(
            "--update-examples rewrites captured output from whole pages only; these pages "
            "are only partly selected: " + ", ".join(partial),
            returncode=4,
        )
