"""Parallel workers (pytest-xdist): each in namespaces of its own, each page on one worker whole."""

from __future__ import annotations

import shlex
import sys

import pytest

from verify.isolation import namespaces
from verify.suite.scheduling import PagesOnStartedBrokers


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
        python = shlex.join(namespaces.own_namespaces([sys.executable], label="worker"))
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
