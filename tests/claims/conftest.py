"""Running the pages' own snippets for the claims, as a reader would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.claims.observe import shown
from verify.broker.node import BrokerError, PrivateBroker, on_a_host_of_its_own
from verify.run.kinds import Run
from verify.run.terminal import Terminal
from verify.suite.verification import verification


@pytest.fixture(scope="module")
def broker_on_a_host_of_its_own(
    request: pytest.FixtureRequest,
) -> Iterator[tuple[PrivateBroker, frozenset[str]]]:
    """A broker for the claims that restart or alarm one, so that the pages' never is.

    It is of the version the run's claims are checked on (see the `broker`
    fixture) and runs on a host of its own (a network namespace), on the
    standard ports there, for the tests of one module.
    """
    node = on_a_host_of_its_own(verification(request.config).lanes[0])
    try:
        node.__enter__()
    except BrokerError as error:
        pytest.fail(f"Cannot start a broker of its own for these claims.\n{error}", pytrace=False)
    try:
        yield node, node.state()
    finally:
        node.__exit__()


@pytest.fixture
def own_broker(broker_on_a_host_of_its_own) -> Iterator[PrivateBroker]:
    """That broker, with the test on its host, put back as the test found it afterwards."""
    node, baseline = broker_on_a_host_of_its_own
    with node.host:
        yield node
        node.reset(baseline)


@pytest.fixture
def run(terminal: Terminal):
    """Run a snippet to its end as a reader would; return what it printed."""

    def run(name: str) -> str:
        return terminal.run(shown(name), check=False).program.stdout

    return run


@pytest.fixture
def start(terminal: Terminal):
    """Start a snippet in the background, as in a second terminal."""

    def start(name: str, settle: bool = True) -> Run:
        return terminal.start(shown(name), settle=settle)

    return start
