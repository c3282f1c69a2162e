"""The verification run's command-line options, and what they say once parsed.

The project declares ``--update-examples`` itself: pytest-examples, whose
lint functions verify/run/kinds/python.py uses, registers an option of that
name in its pytest plugin (entry point ``examples``), which the run does not
load: `nox -s tests` says ``-p no:examples``, and a run started by hand
without it is kept from loading it here.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

from verify.core.lanes import BROKERS_FILE
from verify.core.layout import DOCS, SNIPPETS
from verify.run.kinds import TIMEOUT

# What starts a broker: a live RabbitMQ node on a root file system of its own.
PRIVATE_BROKER = "verify.broker.node:PrivateBroker"


# pytest-examples' pytest plugin, by its entry point's name.
PYTEST_EXAMPLES_PLUGIN = "examples"


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    """Keep pytest-examples' plugin out (as ``-p no:examples``): its --update-examples
    would clash with the project's. Called as this registers, which ``-p
    verify.suite.plugin`` does before pytest loads installed plugins."""
    pluginmanager.set_blocked(PYTEST_EXAMPLES_PLUGIN)


def pytest_addoption(parser: pytest.Parser) -> None:
    run = parser.getgroup("verify", "verifying the pages' snippets on live brokers")
    run.addoption(
        "--update-examples",
        action="store_true",
        help="capture what each snippet prints anew (its .out file, a program's `#>` "
        "comments, a .fails-on-VERSION.out) instead of comparing with it, and format the "
        "programs; rewrites files under snippets/, so only whole pages may be selected",
    )
    run.addoption(
        "--broker",
        dest="brokers",
        action="append",
        metavar="VERSION",
        help="verify the pages on this broker of conf/brokers.toml only (its RabbitMQ "
        "version, e.g. 4.0.5); may be given more than once; all of them by default",
    )
    run.addoption(
        "--verified-records",
        metavar="DIR",
        type=Path,
        help="for each broker on which every snippet of every page passed, write what they "
        "were verified against (versions, date, snippets) to DIR/<broker>.json, for the "
        "published site",
    )
    run.addoption(
        "--bench-json",
        metavar="PATH",
        type=Path,
        help="write how long each page, claims module and broker start took to PATH",
    )
    run.addoption(
        "--snippet-timeout",
        type=float,
        default=TIMEOUT,
        metavar="SECONDS",
        help="stop and fail a snippet run to its end that takes longer (default: %(default)s)",
    )
    project = parser.getgroup("verify-project", "where the verified project is")
    project.addoption(
        "--pages-dir",
        type=Path,
        default=DOCS,
        metavar="DIR",
        help="the pages to verify (each DIR/**/*.rst); default: the site's docs/",
    )
    project.addoption(
        "--snippets-dir",
        type=Path,
        default=SNIPPETS,
        metavar="DIR",
        help="the snippets the pages include; default: snippets/",
    )
    project.addoption(
        "--brokers-file",
        type=Path,
        default=BROKERS_FILE,
        metavar="PATH",
        help="the brokers a run may verify on, and their versions; default: conf/brokers.toml",
    )
    project.addoption(
        "--broker-factory",
        default=PRIVATE_BROKER,
        metavar="MODULE:NAME",
        help="what starts a broker, called as PrivateBroker is (the engine's own tests name "
        f"a stand-in); default: {PRIVATE_BROKER}",
    )


def update_examples(config: pytest.Config) -> bool:
    """Capture output anew instead of comparing with it."""
    return bool(config.getoption("update_examples", False))


def snippet_timeout(config: pytest.Config) -> float:
    return config.getoption("snippet_timeout")


def project_path(config: pytest.Config, option: str) -> Path:
    """A path option, relative to the run's root directory."""
    return (config.rootpath / config.getoption(option)).resolve()


def broker_factory(config: pytest.Config):
    """What --broker-factory names."""
    name = config.getoption("broker_factory")
    try:
        return pkgutil.resolve_name(name)
    except (ImportError, AttributeError, ValueError) as error:
        raise pytest.UsageError(f"--broker-factory={name}: {error}") from None
