"""Upgrading (docs/upgrade.rst): Debian 13's broker refuses the data Debian 12's left;
a shovel that moves a queue's length leaves later messages behind, and a second
one, once the producers stopped, empties it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.claims.observe import shown
from tests.claims.servers import Servers
from verify.broker.node import BrokerError, PrivateBroker, on_a_host_of_its_own
from verify.core.captured import keep
from verify.core.lanes import Lane
from verify.core.layout import SNIPPETS, relative
from verify.core.normalise import comparable
from verify.run.failures import SnippetFailed
from verify.suite.options import update_examples
from verify.suite.verification import verification

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
    old = on_a_host_of_its_own(packaged_by("Debian 12", request))
    # Its successor on the same host, as `apt full-upgrade` installs it there.
    new = PrivateBroker(packaged_by("Debian 13", request), old.host)
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
            keep(SHOWN, seen)
        assert comparable(seen) == comparable(SHOWN.read_text()), (
            f"the refusal differs from what {relative(SHOWN)} shows"
        )
        # The old broker still starts on its data.
        old.start()
        assert old.evaluate("atom_to_list(rabbit:is_booted())") == "true"
    finally:
        # The old one last: its host goes with it.
        for node in (new, old):
            node.stop(graceful=False)
            node.remove()


class Upgrade(Servers):
    """The page's old server (its broker's version) and a new one of the run's first broker."""

    def __init__(self, old_lane: Lane, new_lane: Lane) -> None:
        super().__init__(
            "upgrade", {"old-server": old_lane, "new-server": new_lane}, ["place_orders.py"]
        )

    def run(self, name: str) -> str:
        """Run a snippet of the page on the server the page runs it on; what it printed."""
        ran = super().run(name, on="new-server")
        assert ran.program.returncode == 0, ran.program.stdout + ran.program.stderr
        return ran.program.stdout

    def orders(self, server: str) -> int:
        """How many messages the server's queue orders holds."""
        return int(
            self.machines[server].broker.evaluate(
                '{ok, Q} = rabbit_amqqueue:lookup(rabbit_misc:r(<<"shop">>, queue, <<"orders">>)), '
                "[{messages, N}] = rabbit_amqqueue:info(Q, [messages]), integer_to_list(N)"
            )
        )


@pytest.fixture
def servers(request: pytest.FixtureRequest) -> Iterator[Upgrade]:
    lanes = verification(request.config)
    try:
        made = Upgrade(packaged_by("Debian 12", request), lanes.lanes[0])
    except BrokerError as error:
        pytest.fail(f"Cannot start the page's two servers.\n{error}", pytrace=False)
    try:
        yield made
    finally:
        made.close()


def test_a_shovel_leaves_later_messages_behind_until_the_producers_stop(servers):
    for snippet in ("old_setup.sh", "place_orders.py", "export_definitions.sh"):
        servers.run(snippet)
    for snippet in ("import_definitions.sh", "enable_shovel.sh"):
        servers.run(snippet)
    servers.run("shovel_user.sh")
    servers.run("shovel.sh")
    servers.run("moved.sh")
    assert (servers.orders("old-server"), servers.orders("new-server")) == (0, 3)

    # Published after the shovel counted the queue: left on the old server.
    servers.run("late_orders.sh")
    servers.run("list_orders_old_after.sh")
    assert servers.orders("old-server") == 3, "the first shovel moved the later orders too"

    # The producers stopped, a second shovel moves the rest.
    servers.run("drain.sh")
    assert (servers.orders("old-server"), servers.orders("new-server")) == (0, 6)
    printed = servers.run("drained.sh")
    assert printed.splitlines()[-2] == "orders\t0", printed


# A 3.x export with a classic mirrored queue's policy, as the page warns of.
MIRRORED = {
    "vhosts": [{"name": "shop"}],
    "policies": [
        {
            "vhost": "shop",
            "name": "ha-orders",
            "pattern": "^orders$",
            "apply-to": "queues",
            "definition": {"ha-mode": "all"},
            "priority": 0,
        }
    ],
    "queues": [
        {"name": "orders", "vhost": "shop", "durable": True, "auto_delete": False, "arguments": {}}
    ],
}


def test_rabbitmq_4_refuses_definitions_with_a_classic_mirrored_queue_policy(
    request, broker, terminal
):
    lane = verification(request.config).lanes[0]
    if lane.rabbitmq.startswith("3."):
        pytest.skip(f"{lane} still has classic queue mirroring")
    (terminal.directory / "definitions.json").write_text(json.dumps(MIRRORED))
    with pytest.raises(SnippetFailed) as failed:
        terminal.run(shown("upgrade/import_definitions.sh"), check=False)
    assert "not recognised policy settings" in str(failed.value), str(failed.value)
    # Nothing from the policy on: neither it nor the queue after it.
    left = broker.state()
    assert not any("ha-orders" in line or "\torders" in line for line in left), sorted(left)
