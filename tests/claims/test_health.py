"""Health checks and metrics (docs/health.rst): what ping and check_running say of a stopped node, and what a scrape counts."""

from __future__ import annotations

import re

import pytest

from tests.claims.observe import connections, printed_line, queue_depths
from verify.broker.node import PrivateBroker
from verify.run.failures import SnippetFailed

# A line of Prometheus's text format: a metric, its labels if any, its value.
SAMPLE = re.compile(r"^(?P<metric>\w+)(?:\{(?P<labels>[^}]*)\})? (?P<value>\S+)$", re.MULTILINE)


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    """These claims stop the broker's application: one of their own, not the pages'."""
    return own_broker


def samples(scraped: str) -> dict[str, float]:
    """Each sample of a scrape by its metric and labels: {'name{labels}': value}."""
    return {
        f"{m['metric']}{{{m['labels']}}}" if m["labels"] else m["metric"]: float(m["value"])
        for m in SAMPLE.finditer(scraped)
    }


def test_ping_succeeds_on_a_stopped_application_where_check_running_fails(broker, run):
    run("health/stop_app.sh")
    try:
        assert broker.evaluate("atom_to_list(rabbit:is_running())") == "false"
        # Runs to its end with exit code 0, or the run raises.
        assert "Ping succeeded" in run("start/ping.sh")
        with pytest.raises(SnippetFailed, match="failed with exit code 69"):
            run("health/check_running.sh")
        assert "exit code: 69" in run("health/check_running_stopped.sh")
    finally:
        run("health/start_app.sh")
    assert "fully booted and running" in run("health/check_running.sh")


def test_the_scrape_counts_what_the_queue_holds(broker, run, start):
    run("health/publish_tasks.py")
    worker = start("health/busy_worker.py")
    printed_line(worker, "Working on task 2")
    run("health/enable_prometheus.sh")

    scraped = samples(run("health/scrape.sh"))
    per_queue = samples(run("health/scrape_per_queue.sh"))

    ready, unacked = queue_depths(broker)["tasks"]
    # Five published, two of them delivered and not acknowledged.
    assert (ready, unacked) == (3, 2)
    assert scraped["rabbitmq_queue_messages_ready"] == ready, scraped
    assert scraped["rabbitmq_queue_messages_unacked"] == unacked, scraped
    assert scraped["rabbitmq_connections"] == connections(broker) == 1, scraped
    assert [value for metric, value in scraped.items() if metric.startswith("rabbitmq_alarms_")]
    assert all(v == 0 for m, v in scraped.items() if m.startswith("rabbitmq_alarms_")), scraped
    # One line per alarm the version has: no file descriptor alarm from 4.3 on.
    alarm_lines = {m for m in scraped if m.startswith("rabbitmq_alarms_")}
    expected = {
        "rabbitmq_alarms_free_disk_space_watermark",
        "rabbitmq_alarms_memory_used_watermark",
    }
    if tuple(int(part) for part in broker.lane.rabbitmq.split(".")[:2]) < (4, 3):
        expected.add("rabbitmq_alarms_file_descriptor_limit")
    assert alarm_lines == expected, scraped
    tasks = '{vhost="/",queue="tasks"}'
    assert per_queue[f"rabbitmq_detailed_queue_messages_ready{tasks}"] == ready, per_queue
    assert per_queue[f"rabbitmq_detailed_queue_messages_unacked{tasks}"] == unacked, per_queue
