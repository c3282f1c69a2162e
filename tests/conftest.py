"""The live broker every snippet runs against, and the record of the run."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from importlib.metadata import version
from itertools import pairwise
from pathlib import Path

import pytest

from tests.broker import BrokerError, PrivateBroker
from tests.pages import Include, rel, runnable_includes
from tests.runner import PageRun


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--verified-record",
        metavar="PATH",
        help="after a run in which every snippet passed, write what they were verified "
        "against (versions, date, count) to PATH as JSON, for the published site",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(VerificationRecord(config), "verification-record")


@pytest.fixture
def update_examples(pytestconfig: pytest.Config) -> bool:
    """Rewrite captured output from the live run instead of comparing with it."""
    return bool(pytestconfig.getoption("update_examples"))


@pytest.fixture(scope="session")
def private_broker(pytestconfig: pytest.Config) -> PrivateBroker:
    """The private node, started once for the whole run and stopped after it."""
    node = PrivateBroker()
    try:
        node.__enter__()
    except BrokerError as error:
        pytest.exit(f"Cannot start the private RabbitMQ broker.\n{error}", returncode=3)
    try:
        node.baseline = node.state()
        pytestconfig.pluginmanager.get_plugin("verification-record").versions = node.versions()
        yield node
    finally:
        node.__exit__()


@pytest.fixture
def page_run(pytestconfig: pytest.Config, tmp_path_factory) -> PageRun:
    """The working directory of the current page's snippets, and what runs in the background."""
    if current_page_run not in pytestconfig.stash:
        pytestconfig.stash[current_page_run] = PageRun(tmp_path_factory.mktemp("page"))
    return pytestconfig.stash[current_page_run]


@pytest.fixture
def broker(
    private_broker: PrivateBroker,
    page_run: PageRun,
    pytestconfig: pytest.Config,
    request: pytest.FixtureRequest,
) -> PrivateBroker:
    """The broker as the snippet's page has left it so far.

    The snippets of one page run in the order the page shows them and build on
    each other (add a user, then grant it permissions). After the page's last
    snippet, what still runs in the background is stopped and checked, and the
    broker is put back as the page found it, so pages pass in any order.
    """
    yield private_broker
    if not request.node.stash.get(ends_page, True):
        return
    del pytestconfig.stash[current_page_run]
    problems = page_run.finish_background()
    private_broker.reset(private_broker.baseline)
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


ends_page = pytest.StashKey[bool]()
current_page_run = pytest.StashKey[PageRun]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Mark each snippet's test that is the last of its page in this run."""
    if session.config.getoption("update_examples"):
        refuse_to_update_part_of_a_page(session.items)
    for item, following in pairwise([*session.items, None]):
        include, next_include = include_of(item), include_of(following)
        if include is not None:
            item.stash[ends_page] = next_include is None or next_include.page != include.page


def refuse_to_update_part_of_a_page(items: list[pytest.Item]) -> None:
    """A snippet run without the ones before it on its page prints something else."""
    selected = Counter(include.page for include in map(include_of, items) if include)
    shown = Counter(include.page for include in runnable_includes())
    partial = [
        f"{rel(page)} ({selected[page]} of {shown[page]})"
        for page in selected
        if selected[page] != shown[page]
    ]
    if partial:
        pytest.exit(
            "--update-examples rewrites captured output from whole pages only; these pages "
            "are only partly selected: " + ", ".join(partial),
            returncode=4,
        )


def include_of(item: pytest.Item | None) -> Include | None:
    """The snippet a test_snippet item runs; None for any other test."""
    if getattr(item, "originalname", None) != "test_snippet":
        return None
    return item.callspec.params["include"]


class VerificationRecord:
    """Writes --verified-record, only when every snippet on every page passed."""

    def __init__(self, config: pytest.Config) -> None:
        self.path = config.getoption("verified_record")
        self.passed: set[str] = set()
        self.versions: dict[str, str] | None = None
        if self.path:
            # A record left by an earlier run must not vouch for this one.
            Path(self.path).unlink(missing_ok=True)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed and "::test_snippet[" in report.nodeid:
            self.passed.add(report.nodeid)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        complete = len(self.passed) == len(runnable_includes())
        if not self.path or exitstatus != 0 or not complete or self.versions is None:
            return
        record = {
            **self.versions,
            "pika": version("pika"),
            "date": datetime.date.today().isoformat(),
            "snippets": len(self.passed),
            # Which snippets each page showed, so that the site stamps a page
            # only when what it shows is what ran.
            "pages": snippets_by_page(runnable_includes()),
        }
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        Path(self.path).write_text(json.dumps(record, indent=2) + "\n")


def snippets_by_page(shown: list[Include]) -> dict[str, list[str]]:
    pages: dict[str, set[str]] = {}
    for include in shown:
        pages.setdefault(rel(include.page), set()).add(rel(include.target))
    return {page: sorted(snippets) for page, snippets in sorted(pages.items())}
