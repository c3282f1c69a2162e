"""Users (docs/users.rst): passwords and permissions as pika clients meet them."""

from __future__ import annotations

import re

import pika
import pytest

from tests.claims.observe import shown
from verify.broker.node import PrivateBroker, binary


def password_in(name: str) -> str:
    """The password a snippet feeds to rabbitmqctl on standard input."""
    return re.search(r"printf '%s\\n' '([^']+)'", shown(name).target.read_text())[1]


def connect(user: str, password: str) -> None:
    credentials = pika.PlainCredentials(user, password)
    pika.BlockingConnection(pika.ConnectionParameters("localhost", credentials=credentials)).close()


def authenticates(broker: PrivateBroker, user: str, password: str) -> bool:
    """Whether the broker's own user database accepts the password (as authenticate_user asks)."""
    login = f"rabbit_access_control:check_user_pass_login({binary(user)}, {binary(password)})"
    outcome = broker.evaluate(
        f'case {login} of {{ok, _}} -> "ok"; {{refused, _, _, _}} -> "refused" end'
    )
    return outcome == "ok"


def test_a_new_user_needs_permissions_on_the_vhost(broker, run):
    password = password_in("users/add_user.sh")
    run("users/add_user.sh")

    assert authenticates(broker, "alice", password)
    with pytest.raises(pika.exceptions.ProbableAccessDeniedError):
        connect("alice", password)

    run("users/set_permissions.sh")

    connect("alice", password)


def test_a_changed_password_replaces_the_old_one(broker, run):
    old, new = password_in("users/add_user.sh"), password_in("users/change_password.sh")
    run("users/add_user.sh")
    run("users/set_permissions.sh")

    run("users/change_password.sh")

    assert not authenticates(broker, "alice", old)
    assert authenticates(broker, "alice", new)
    with pytest.raises(pika.exceptions.ProbableAuthenticationError):
        connect("alice", old)
    connect("alice", new)


def test_a_deleted_user_is_refused(run):
    password = password_in("users/add_user.sh")
    run("users/add_user.sh")
    run("users/set_permissions.sh")
    connect("alice", password)

    run("users/delete_user.sh")

    with pytest.raises(pika.exceptions.ProbableAuthenticationError):
        connect("alice", password)
