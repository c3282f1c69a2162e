"""The fixtures the claims (tests/claims/) use: the run's first broker, and a reader's terminal on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from verify.broker.node import PrivateBroker
from verify.run.terminal import Terminal
from verify.suite.options import snippet_timeout
from verify.suite.verification import verification


@pytest.fixture
def broker(request: pytest.FixtureRequest) -> Iterator[PrivateBroker]:
    """The private broker; put back as the test found it afterwards."""
    state = verification(request.config)
    node = state.broker()
    yield node
    node.reset(state.baseline)


@pytest.fixture
def terminal(request: pytest.FixtureRequest, broker: PrivateBroker) -> Iterator[Terminal]:
    """A reader's terminal of its own, with no program saved in it yet."""
    opened = Terminal([], broker.env, timeout=snippet_timeout(request.config))
    yield opened
    opened.close()
