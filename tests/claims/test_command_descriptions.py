"""The command reference's descriptions (conf/commands.toml) where a page does not show them."""

from __future__ import annotations

import time

import pika
import pytest

from tests.claims.observe import connections
from tests.claims.test_users import password_in


def test_delete_user_closes_the_user_s_open_connections(broker, run):
    password = password_in("users/add_user.sh")
    run("users/add_user.sh")
    run("users/set_permissions.sh")
    credentials = pika.PlainCredentials("alice", password)
    connection = pika.BlockingConnection(
        pika.ConnectionParameters("localhost", credentials=credentials)
    )
    assert connections(broker) == 1

    run("users/delete_user.sh")

    # The open connection is closed by the broker, not left running.
    with pytest.raises(pika.exceptions.ConnectionClosedByBroker, match="is deleted"):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            connection.process_data_events(time_limit=0.2)
    assert connections(broker) == 0
