"""Records of runs on each broker, merged for publishing: complete and of the same pages, or refused."""

from __future__ import annotations

import pytest

from verify.core.record import (
    BrokerVersions,
    IncompleteRecord,
    VerificationRecord,
    merge,
    record_path,
)


def record(version: str, fingerprint: str = "abc", date: str = "2026-11-28") -> VerificationRecord:
    return VerificationRecord(
        brokers=[BrokerVersions(rabbitmq=version, erlang="27", distribution="Debian")],
        pika="1.4.4",
        date=date,
        runs=3,
        pages={"docs/a.rst": ["snippets/a/x.sh"]},
        fingerprints={"docs/a.rst": fingerprint},
        printed={version: {"snippets/a/x.out": f"on {version}\n"}},
    )


def test_records_merge_in_the_brokers_order_with_the_earliest_date(tmp_path):
    record("4.3.6", date="2026-11-29").write(record_path(tmp_path, "4.3.6"))
    record("3.10.8").write(record_path(tmp_path, "3.10.8"))
    merged = merge(tmp_path, ["4.3.6", "3.10.8"])
    assert merged.versions() == "RabbitMQ 4.3.6 and 3.10.8"
    assert merged.date == "2026-11-28"
    assert merged.printed == {
        "4.3.6": {"snippets/a/x.out": "on 4.3.6\n"},
        "3.10.8": {"snippets/a/x.out": "on 3.10.8\n"},
    }


def test_a_missing_broker_is_named(tmp_path):
    record("4.3.6").write(record_path(tmp_path, "4.3.6"))
    with pytest.raises(IncompleteRecord, match=r"No record of a complete run on RabbitMQ 3\.10\.8"):
        merge(tmp_path, ["4.3.6", "3.10.8"])


def test_runs_of_other_pages_are_refused(tmp_path):
    record("4.3.6").write(record_path(tmp_path, "4.3.6"))
    record("3.10.8", fingerprint="changed").write(record_path(tmp_path, "3.10.8"))
    with pytest.raises(IncompleteRecord, match="verified other fingerprints"):
        merge(tmp_path, ["4.3.6", "3.10.8"])
