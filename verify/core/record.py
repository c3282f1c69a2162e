"""The verification record: what a complete run verified, and against which brokers.

A run writes one record per broker on which every snippet of every page
passed (build/verified/<version>.json); `nox -s publish` merges them, from
one machine or several, into the record the site is stamped with. Read by
`nox -s publish` for its summary and by the Sphinx extension that stamps the
pages. Standard library only.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path


class IncompleteRecord(ValueError):
    """A record, or a set of them, that lacks what a stamp needs; the message says what to do."""


@dataclass(frozen=True)
class BrokerVersions:
    """One broker the snippets ran on."""

    rabbitmq: str
    erlang: str
    # Whose package it is: "Debian 13".
    distribution: str


@dataclass(frozen=True)
class VerificationRecord:
    # Newest first, as conf/brokers.toml lists them; the first is the primary
    # one, whose output the pages show.
    brokers: list[BrokerVersions]
    pika: str
    # The day of the run, ISO 8601 (of the earliest run, once merged).
    date: str
    # How many snippet runs passed on each broker (a snippet a page shows
    # twice runs twice).
    runs: int
    # Each page's runnable snippets, as paths from the repository's top, so
    # that a page is stamped only when what it shows is what ran.
    pages: dict[str, list[str]]
    # Each page's fingerprint (discovery.fingerprint) when its snippets ran:
    # a page changed since then is not what ran.
    fingerprints: dict[str, str] = field(default_factory=dict)
    # The preview's record covers the pages run so far; a page whose
    # snippets failed there is listed with the failure, in the author's words.
    partial: bool = False
    failures: dict[str, str] = field(default_factory=dict)
    # What each broker printed in this run, by the captured output a page
    # shows (snippets/status/status.out): the real output the pages show,
    # where the captured one was normalised to compare with.
    printed: dict[str, dict[str, str]] = field(default_factory=dict)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")

    @classmethod
    def read(cls, path: Path) -> VerificationRecord:
        data = json.loads(path.read_text())
        required = {
            f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING
        }
        missing = sorted(required - data.keys())
        if missing:
            raise IncompleteRecord(
                f"The verification record {path} lacks {', '.join(missing)}; "
                "run the tests again (`nox -s tests`) to write a complete one."
            )
        data["brokers"] = [BrokerVersions(**broker) for broker in data["brokers"]]
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})

    def versions(self) -> str:
        """The RabbitMQ versions, as a reader reads them: "RabbitMQ 4.3.6, 4.0.5 and 3.10.8"."""
        return "RabbitMQ " + in_words([broker.rabbitmq for broker in self.brokers])

    def summary(self) -> str:
        brokers = in_words([f"{b.rabbitmq} (Erlang {b.erlang})" for b in self.brokers])
        return f"RabbitMQ {brokers} with pika {self.pika} on {self.date}"


def in_words(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def record_path(directory: Path, broker: str) -> Path:
    """Where a run keeps its record of one broker, named by its RabbitMQ version."""
    return directory / f"{broker}.json"


def merge(directory: Path, brokers: list[str]) -> VerificationRecord:
    """One record of the runs on every broker, from each one's record in `directory`.

    The runs may have been on different machines; they must have run the
    same pages, as they are now, with the same client.
    """
    missing = [name for name in brokers if not record_path(directory, name).exists()]
    if missing:
        raise IncompleteRecord(
            f"No record of a complete run on RabbitMQ {in_words(missing)} in {directory}: "
            "run `nox -s tests` (every broker), or `nox -s tests -- --broker VERSION` "
            "for each one missing and put its record there."
        )
    records = [VerificationRecord.read(record_path(directory, name)) for name in brokers]
    first = records[0]
    for name, record in zip(brokers, records, strict=True):
        for what in ("pika", "pages", "fingerprints"):
            if getattr(record, what) != getattr(first, what):
                raise IncompleteRecord(
                    f"The run on RabbitMQ {name} verified other {what} than the run on "
                    f"RabbitMQ {brokers[0]}: run both on the same commit "
                    "(and the same requirements)."
                )
    return VerificationRecord(
        brokers=[broker for record in records for broker in record.brokers],
        pika=first.pika,
        date=min(record.date for record in records),
        runs=first.runs,
        pages=first.pages,
        fingerprints=first.fingerprints,
        printed={name: text for record in records for name, text in record.printed.items()},
    )
