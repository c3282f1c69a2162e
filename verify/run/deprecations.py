"""Deprecated features: a page may use one only on purpose, and then it says so.

After a page's last snippet on the newest broker, the run asks it what the
page left in use (``rabbitmq-diagnostics
check_if_any_deprecated_features_are_used``, as an operator would). Each
feature it names must be one the page declares with ``..
uses-deprecated-feature:: NAME``, which also tells the reader
(docs/_ext/broker_versions.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from verify.core.layout import DEPRECATED_FEATURE_DIRECTIVE as DIRECTIVE
from verify.core.layout import relative
from verify.run.failures import SnippetFailed

DECLARED = re.compile(rf"^\.\.\s+{DIRECTIVE}::\s*(?P<name>\S+)\s*$", re.MULTILINE)
CHECK = ["check_if_any_deprecated_features_are_used"]


def deprecated_features(page: Path) -> set[str]:
    """The deprecated features a page says it uses on purpose."""
    return set(DECLARED.findall(page.read_text()))


def check_deprecated_features(broker, page: Path) -> None:
    """Fail, naming them, if the page left deprecated features in use that it does not declare."""
    result = broker.ctl(*CHECK, tool="rabbitmq-diagnostics", check=False)
    if result.returncode == 0:
        return
    # "Checking if any deprecated features are used ...", then one name a line.
    used = {line.strip() for line in result.stdout.splitlines()[1:] if line.strip()}
    unexpected = sorted(used - deprecated_features(page))
    if unexpected or not used:
        raise SnippetFailed(
            f"{relative(page)} left deprecated features in use on RabbitMQ "
            f"{broker.lane.rabbitmq} (`rabbitmq-diagnostics {' '.join(CHECK)}` exited with "
            f"code {result.returncode}): {', '.join(unexpected) or result.stdout + result.stderr}.\n"
            "Show readers what works instead, or, to show the feature on purpose, say so "
            f"on the page with `.. {DIRECTIVE}:: NAME`."
        )
