"""The brokers the site is verified on (conf/brokers.toml), each a lane of the run.

Standard library only: the noxfile and the Sphinx extensions read it too.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from verify.core.layout import CONF

BROKERS_FILE = CONF / "brokers.toml"


def cache_home() -> Path:
    """Where the brokers' root file systems are kept, outside any work tree."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rabbitmq-cheatsheet" / "brokers"


@dataclass(frozen=True)
class Lane:
    """One broker: a RabbitMQ version, as one Debian suite packages it."""

    # The RabbitMQ version, which names the lane: "4.3.6".
    rabbitmq: str
    # The exact version of Debian's rabbitmq-server package: "4.3.6-1".
    package: str
    suite: str
    # Who packages it, in the words of the quick start: "Debian 13".
    distribution: str
    primary: bool = False

    @property
    def name(self) -> str:
        return self.rabbitmq

    @property
    def root(self) -> Path:
        """Its root file system, keyed by the pin: a new pin builds a new one."""
        return cache_home() / f"{self.suite}_rabbitmq-server_{self.package}"

    def __str__(self) -> str:
        return f"RabbitMQ {self.rabbitmq} ({self.distribution})"


def lanes(path: Path = BROKERS_FILE) -> list[Lane]:
    """Every lane, newest first, as the file lists them."""
    with path.open("rb") as file:
        brokers = tomllib.load(file)["broker"]
    found = [Lane(**broker) for broker in brokers]
    if sum(lane.primary for lane in found) != 1:
        raise ValueError(f"{path}: mark exactly one broker `primary = true`")
    return found


def primary(all_lanes: list[Lane] | None = None) -> Lane:
    return next(lane for lane in all_lanes or lanes() if lane.primary)


def newest(all_lanes: list[Lane]) -> Lane:
    """The lane of the newest RabbitMQ, on which no page may use a deprecated feature unawares."""
    return max(all_lanes, key=lambda lane: tuple(int(part) for part in lane.rabbitmq.split(".")))


def by_name(name: str, all_lanes: list[Lane] | None = None) -> Lane:
    """The lane of a RabbitMQ version, or a ValueError that lists the ones there are."""
    all_lanes = all_lanes or lanes()
    for lane in all_lanes:
        if lane.name == name:
            return lane
    known = ", ".join(lane.name for lane in all_lanes)
    raise ValueError(f"no broker {name!r} in {BROKERS_FILE.name}; there are: {known}")
