"""A stand-in for the broker, for whole runs of the plugin on sample pages (``--broker-factory``).

The engine's own tests check reports, not RabbitMQ; nothing else may use it.
A sample's run happens in the sample's folder (pytester's), which the
stand-in tells its snippets as $SAMPLE.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

# What a run names to use it: --broker-factory=tests.engine.stand_in:StandInBroker
FACTORY = f"{__name__}:StandInBroker"


class StandInBroker:
    def __init__(self, lane, host=None, **options):
        self.lane, self.host = lane, host
        self.sample = Path.cwd()
        # A snippet tells the brokers apart by this, and finds the sample here.
        self.env = dict(os.environ, STAND_IN_BROKER=lane.name, SAMPLE=str(self.sample))

    def inside(self):
        return contextlib.nullcontext()

    def ctl(self, *args, **options):
        # Deprecated features in use: those a snippet named in the sample's `in-use` file.
        used = self.sample / "in-use"
        if args[0] == "check_if_any_deprecated_features_are_used" and used.exists():
            return subprocess.CompletedProcess(
                args,
                69,
                "Checking if any deprecated features are used ...\n" + used.read_text(),
                "",
            )
        return subprocess.CompletedProcess(args, 0, "", "")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass

    def state(self):
        return frozenset()

    def reset(self, baseline):
        pass

    def versions(self):
        return {"rabbitmq": self.lane.rabbitmq, "erlang": "26.9"}


def brokers_file(versions: tuple[str, ...]) -> str:
    """A conf/brokers.toml of stand-ins, the first one primary."""
    return "".join(
        f'[[broker]]\nrabbitmq = "{version}"\npackage = "{version}-1"\nsuite = "sid"\n'
        f'distribution = "a stand-in"\nprimary = {"true" if number == 0 else "false"}\n\n'
        for number, version in enumerate(versions)
    )
