"""pytest's side of the run, the entry point (``pytest -p verify.suite.plugin``): it registers the rest.

A page is collected once for each broker (lane, conf/brokers.toml) the run
verifies on (verify/suite/collect.py). On each, a PageRun
(verify/run/page_run.py) opens its reader's terminal and its machines; its
items run in page order, sharing that folder and that broker; a program
started in the background is stopped by an item of its own at the end of
the page, so that what it did wrong is reported on it; the page's teardown
checks that the page used no deprecated feature unawares (on the newest
broker) and puts the broker back as the page found it.

    options.py       the command-line options
    workers.py       parallel workers (pytest-xdist), each in namespaces of its own
    collect.py       Page, PageOnBroker and Snippet: a page's run as pytest items
    verification.py  the run's brokers, and the records written for the published site
    fixtures.py      the claims' `broker` and `terminal`
"""

from __future__ import annotations

import pytest

from verify.isolation.processes import allow_interrupts
from verify.suite.bench import Bench
from verify.suite.ordering import LongestFirst

# Registered by name, not imported here: pytest rewrites their asserts only
# if it imports them itself.
pytest_plugins = [
    "verify.suite.options",
    "verify.suite.workers",
    "verify.suite.verification",
    "verify.suite.collect",
    "verify.suite.fixtures",
]


def pytest_configure(config: pytest.Config) -> None:
    allow_interrupts()
    if config.getoption("bench_json") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Bench(config.getoption("bench_json")), "bench")
    if config.pluginmanager.hasplugin("cacheprovider"):
        config.pluginmanager.register(LongestFirst(config), "longest-first")
