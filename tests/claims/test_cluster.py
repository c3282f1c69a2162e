"""A cluster (docs/cluster.rst): confirmed messages outlive their leader's node; guest stays local;
on Khepri (4.3) a node alone makes no metadata change."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.claims.observe import shown
from verify.core.layout import DOCS
from verify.isolation.processes import eventually
from verify.run.failures import SnippetFailed
from verify.run.page_run import PageRun
from verify.suite.options import snippet_timeout
from verify.suite.verification import verification

NODES = ("node1", "node2", "node3")


class Cluster:
    """The page's three servers, as its run makes them, with node2 and node3 joined to node1 by its snippets."""

    def __init__(self, page_run: PageRun) -> None:
        self.page_run = page_run
        self.machines = page_run.machines

    def run(self, name: str) -> str:
        """Run a snippet of the page on the server the page runs it on; what it printed."""
        ran = self.page_run.run(shown(f"cluster/{name}"), check=False)
        return ran.program.stdout + ran.program.stderr


@pytest.fixture(scope="module")
def cluster(request: pytest.FixtureRequest) -> Iterator[Cluster]:
    where = verification(request.config)
    try:
        page_run = PageRun(
            DOCS / "cluster.rst",
            where.broker(),
            baseline=where.baseline,
            all_lanes=where.all_lanes,
            timeout=snippet_timeout(request.config),
        )
    except SnippetFailed as error:
        pytest.fail(f"Cannot start the cluster's nodes.\n{error.msg}", pytrace=False)
    with page_run:
        made = Cluster(page_run)
        for joins in ("join_node2.sh", "join_node3.sh"):
            made.run(joins)
        yield made


def running_nodes(cluster: Cluster, on: str) -> list[str]:
    return (
        cluster.machines[on]
        .broker.evaluate(
            'lists:join(" ", [atom_to_list(N) || N <- lists:sort(rabbit_nodes:all_running())])'
        )
        .split()
    )


def test_the_nodes_form_one_cluster(cluster):
    assert running_nodes(cluster, "node3") == [f"rabbit@{name}" for name in NODES]


def test_guest_is_refused_from_another_server_and_let_in_on_its_own(cluster):
    printed = cluster.run("guest_from_node2.py")
    assert re.search(r"^node1 refused guest: .*ACCESS_REFUSED", printed, re.M), printed
    assert "localhost let guest in\n" in printed


def test_every_confirmed_message_is_consumed_after_the_leaders_node_stops(cluster):
    published = cluster.run("publish_orders.py")
    confirmed = re.fullmatch(r"(\d+) orders confirmed\n", published)
    assert confirmed, published
    leader = cluster.machines["node1"].broker.evaluate(
        '{ok, Q} = rabbit_amqqueue:lookup(rabbit_misc:r(<<"/">>, queue, <<"orders">>)), '
        # A quorum queue's "pid" is its leader's Raft id, {Name, Node}; a classic one's, a pid.
        "atom_to_list(case amqqueue:get_pid(Q) of {_, Node} -> Node; Pid -> node(Pid) end)"
    )
    assert leader == "rabbit@node1", "the queue's leader is not on the node the page stops"

    cluster.run("stop_node1.sh")
    try:
        consumed = cluster.run("consume_orders.py")
        count = int(confirmed[1])
        assert consumed == f"Received {count} orders: order 1 to order {count}\n"

        def count() -> str:
            return cluster.machines["node2"].broker.evaluate(
                '{ok, Q} = rabbit_amqqueue:lookup(rabbit_misc:r(<<"/">>, queue, <<"orders">>)), '
                "[{messages, N}] = rabbit_amqqueue:info(Q, [messages]), integer_to_list(N)"
            )

        # The count comes from a member's state, which takes the acknowledgements
        # a moment after the consumer sent them.
        emptied = eventually(lambda: count() == "0", timeout=15)
        assert emptied, f"{count()} messages left after consuming every confirmed one"
    finally:
        cluster.run("start_node1.sh")


def test_a_node_alone_makes_no_metadata_change_on_khepri(cluster):
    """Khepri (4.3) changes metadata only with a majority of the nodes; Mnesia, on any node."""
    node1 = cluster.machines["node1"].broker
    khepri = node1.evaluate("atom_to_list(rabbit_feature_flags:is_enabled(khepri_db))") == "true"
    # Stopped and started as stop_app and start_app do, without a CLI call
    # each: the page's own steps for that are shown running above.
    others = [cluster.machines[name].broker for name in ("node2", "node3")]
    for node in others:
        node.evaluate('ok = rabbit:stop(), "ok"', timeout=60)
    try:
        printed = cluster.run("declare_alone.sh")
        # Read on node1 while it is still alone: a change it logged but could
        # not commit is not there yet.
        made = (
            node1.evaluate(
                'case rabbit_amqqueue:lookup(rabbit_misc:r(<<"/">>, queue, <<"invoices">>)) of '
                '{ok, _} -> "true"; _ -> "false" end'
            )
            == "true"
        )
    finally:
        for node in others:
            node.evaluate('ok = rabbit:start(), "ok"', timeout=120)
    if khepri:
        assert printed == "Queue invoices: no answer within 5 seconds\n", printed
        assert not made, "node1, alone, declared the queue"
    else:
        assert made, f"node1, alone, did not declare the queue on Mnesia:\n{printed}"
