"""The run's brokers, started once each, and the record written for each broker on which every snippet passed."""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import pytest

from verify.broker.node import BrokerError, PrivateBroker, on_a_host_of_its_own
from verify.core.discovery import fingerprint, snippet_includes
from verify.core.lanes import Lane, by_name, lanes
from verify.core.layout import relative
from verify.core.record import BrokerVersions, VerificationRecord, record_path
from verify.suite.options import broker_factory, project_path, update_examples

# What a snippet's item tells the record, in its report's user properties:
# which snippet run it is, on which broker; what it printed that the page shows.
SNIPPET_RUN = "snippet run"
PRINTED = "printed"


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Verification(config), "verification")


def verification(config: pytest.Config) -> Verification:
    """The run's Verification (the claims ask it for the run's brokers)."""
    return config.pluginmanager.get_plugin("verification")


class Verification:
    """The brokers of the run, and the record of it, written for each broker on which every snippet passed."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        # Where the pages and snippets are, and how a broker starts
        # (--pages-dir, --snippets-dir, --broker-factory).
        self.docs = project_path(config, "pages_dir")
        self.snippets = project_path(config, "snippets_dir")
        self.start_broker = broker_factory(config)
        # Every broker of conf/brokers.toml (--brokers-file), and those this
        # run verifies on (--broker), chosen once the session starts.
        try:
            self.all_lanes = lanes(project_path(config, "brokers_file"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise pytest.UsageError(f"--brokers-file: {error}") from None
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
            node = (
                self.start_broker(lane)
                if lane == self.lanes[0]
                else on_a_host_of_its_own(lane, start_broker=self.start_broker)
            )
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
