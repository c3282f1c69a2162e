"""The verification record: what a complete run verified, and against what.

Written by the test run only when every snippet of every page passed; read by
`nox -s publish` for its summary and by the Sphinx extension that stamps the
pages. Standard library only.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path


class IncompleteRecord(ValueError):
    """A record file that lacks what a stamp needs; the message says what to do."""


@dataclass(frozen=True)
class VerificationRecord:
    rabbitmq: str
    erlang: str
    pika: str
    # The day of the run, ISO 8601.
    date: str
    # How many snippet runs passed (a snippet a page shows twice runs twice).
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
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})

    def summary(self) -> str:
        return (
            f"RabbitMQ {self.rabbitmq} (Erlang {self.erlang}) with pika {self.pika} on {self.date}"
        )
