"""Upgrading (docs/upgrade.rst): Debian 13's broker refuses the data Debian 12's left."""

from __future__ import annotations

import pytest

from verify.broker import BrokerError, PrivateBroker
from verify.hosts import Host
from verify.lanes import Lane
from verify.layout import SNIPPETS, relative
from verify.output import comparable, normalise
from verify.plugin import update_examples, verification

# What the page shows of the refusal, from the log.
SHOWN = SNIPPETS / "upgrade" / "in_place_upgrade.out"
REFUSED = "required feature flag not enabled"


def packaged_by(distribution: str, request: pytest.FixtureRequest) -> Lane:
    lanes = verification(request.config).all_lanes
    return next(lane for lane in lanes if lane.distribution == distribution)


def refusal(log: str) -> str:
    """The log's errors, from the first to the one that says why the boot failed."""
    errors = [line for line in log.splitlines() if " [error] " in line]
    first = next(i for i, line in enumerate(errors) if REFUSED in line)
    last = next(i for i, line in enumerate(errors) if "Error during startup" in line)
    return "\n".join(errors[first : last + 1]) + "\n"


def test_debian_13s_broker_refuses_debian_12s_data_which_stays_usable(request):
    host = Host()
    old = PrivateBroker(packaged_by("Debian 12", request), host)
    new = PrivateBroker(packaged_by("Debian 13", request), host)
    try:
        old.start()
        old.ctl("enable_feature_flag", "all")
        old.stop()
        # apt full-upgrade: the new package, the old data.
        new.env["RABBITMQ_MNESIA_BASE"] = old.env["RABBITMQ_MNESIA_BASE"]
        with pytest.raises(BrokerError, match="exited while starting"):
            new.start()
        new.stop(graceful=False)
        seen = refusal((new.root / "log" / "server.out").read_text())
        assert "Feature flags: `stream_single_active_consumer`: " + REFUSED in seen
        if update_examples(request.config):
            SHOWN.write_text(normalise(seen))
        assert comparable(seen) == comparable(SHOWN.read_text()), (
            f"the refusal differs from what {relative(SHOWN)} shows"
        )
        # The old broker still starts on its data.
        old.start()
        assert old.evaluate("atom_to_list(rabbit:is_booted())") == "true"
    finally:
        for node in (new, old):
            node.stop(graceful=False)
            node.remove()
        host.close()
