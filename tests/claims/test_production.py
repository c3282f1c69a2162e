"""Production safety (docs/production.rst): anonymous login, and guest deleted.

These claims change logins and restart a node: they run on a broker of
their own, never the pages'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pika
import pytest
from rabbitmq_amqp_python_client import Environment

from tests.claims.observe import shown
from tests.claims.test_users import password_in
from verify.broker.node import PrivateBroker, binary

CONNECTED = "Connected with no credentials"
# Each client connection: its user, how it logged in, and its protocol.
LOGINS = """
[io_lib:format("~ts ~ts ~w~n", [proplists:get_value(user, I), proplists:get_value(auth_mechanism, I),
                                proplists:get_value(protocol, I)])
 || I <- rabbit_networking:connection_info_all([user, auth_mechanism, protocol])]"""
# What a node that offers ANONYMOUS has by default (RabbitMQ 4).
DEFAULT_MECHANISMS = "['PLAIN', 'AMQPLAIN', 'ANONYMOUS']"


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    return own_broker


def rabbitmq_4(broker: PrivateBroker) -> bool:
    return int(broker.lane.name.split(".")[0]) >= 4


def test_a_client_with_no_credentials_is_let_in_as_guest_on_rabbitmq_4(broker, run):
    printed = run("production/anonymous_login.py")
    if not rabbitmq_4(broker):
        # No ANONYMOUS mechanism, nor AMQP 1.0 without its plugin.
        assert printed.startswith("Refused: "), printed
        assert run("production/offered_mechanisms.py").split() == ["AMQPLAIN", "PLAIN"]
        return
    assert printed == f"{CONNECTED}\n", printed
    assert "ANONYMOUS" in run("production/offered_mechanisms.py").split()

    # Who it is, asked while a connection to the snippet's address is open.
    program = shown("production/anonymous_login.py").target.read_text()
    environment = Environment(re.search(r'Environment\("([^"]+)"\)', program)[1])
    connection = environment.connection()
    connection.dial()
    try:
        assert broker.evaluate(LOGINS).splitlines() == ["guest ANONYMOUS {1,0}"]
    finally:
        connection.close()


@pytest.fixture
def without_anonymous_login(broker: PrivateBroker, run) -> Iterator[PrivateBroker]:
    """The node with the page's conf.d file, restarted as the page has it restarted."""
    run("production/production.conf")
    yield broker
    # The file gone, and the running node's mechanisms with it (RabbitMQ 3
    # had the two the page sets), without restarting it again.
    (Path(broker.env["RABBITMQ_CONFIG_FILES"]) / "production.conf").unlink()
    if rabbitmq_4(broker):
        broker.evaluate(f'application:set_env(rabbit, auth_mechanisms, {DEFAULT_MECHANISMS}), "ok"')


def test_a_client_with_no_credentials_is_refused_once_anonymous_login_is_off(
    without_anonymous_login, run
):
    assert run("production/anonymous_login.py").startswith("Refused: ")
    assert run("production/offered_mechanisms.py").split() == ["AMQPLAIN", "PLAIN"]
    # A user name and password still log in.
    pika.BlockingConnection(pika.ConnectionParameters("localhost")).close()


@pytest.fixture
def without_guest(broker: PrivateBroker, run) -> Iterator[PrivateBroker]:
    run("production/add_administrator.sh")
    run("production/delete_guest.sh")
    yield broker
    # guest back, with its password; the put-back restores its tag and permissions.
    by = binary("cheatsheet")
    broker.evaluate(
        f"catch rabbit_auth_backend_internal:add_user({binary('guest')}, {binary('guest')}, {by}), "
        '"ok"'
    )


def test_guest_deleted_logs_in_no_more(without_guest, run):
    with pytest.raises(pika.exceptions.ProbableAuthenticationError):
        pika.BlockingConnection(pika.ConnectionParameters("localhost")).close()
    assert run("production/guest_refused.py").startswith("guest refused: ")
    if rabbitmq_4(without_guest):
        # Anonymous login is guest's: it goes with guest.
        assert run("production/anonymous_login.py").startswith("Refused: ")
    # The administrator made first does log in.
    credentials = pika.PlainCredentials("admin", password_in("production/add_administrator.sh"))
    pika.BlockingConnection(pika.ConnectionParameters("localhost", credentials=credentials)).close()


def test_rabbitmq_4_3_creates_guest_again_on_a_node_with_no_user_left(broker):
    """Why the page makes an administrator before it deletes guest."""
    by = binary("cheatsheet")
    broker.evaluate(f'rabbit_auth_backend_internal:delete_user({binary("guest")}, {by}), "ok"')

    broker.restart()

    # After a word of its own, so that no user left is still some text.
    users = broker.evaluate(
        '["users:" | [[" ", U] || U <- [proplists:get_value(user, I)'
        " || I <- rabbit_auth_backend_internal:list_users()]]]"
    ).split()[1:]
    seeds_again = tuple(map(int, broker.lane.name.split(".")[:2])) >= (4, 3)
    assert users == (["guest"] if seeds_again else []), users
    if not seeds_again:
        broker.evaluate(
            f"rabbit_auth_backend_internal:add_user({binary('guest')}, {binary('guest')}, {by}), "
            '"ok"'
        )
