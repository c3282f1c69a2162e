"""A missing broker, a stale pin or a taken port stops the run with a message that says what to do."""

from __future__ import annotations

import socket

import pytest

from verify.broker import node as broker
from verify.core.lanes import Lane
from verify.isolation import roots

LANE = Lane("4.9.1", "4.9.1-2", "sid", "Debian unstable", primary=True)


def test_a_broker_whose_root_is_not_built_says_what_builds_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with pytest.raises(roots.RootError) as error:
        roots.enter(LANE)
    assert (
        f"The root file system of RabbitMQ 4.9.1 (Debian unstable) is not built ({tmp_path}/"
        in str(error.value)
    )
    assert "`nox -s tests` builds it" in str(error.value)


def test_a_pin_the_archive_no_longer_has_names_the_pin_and_the_version_there_now(monkeypatch):
    monkeypatch.setattr(roots, "archive_version", lambda suite: "4.9.3-1")
    with pytest.raises(roots.RootError) as error:
        roots.check_pin(LANE)
    assert str(error.value).startswith(
        "Debian's sid no longer has rabbitmq-server 4.9.1-2 (it has 4.9.3-1). Update the pin "
        'in conf/brokers.toml: package = "4.9.3-1" and rabbitmq = "4.9.3" for that broker'
    )


def test_an_archive_out_of_reach_says_it_is_needed_once(monkeypatch):
    def unreachable(suite):
        raise OSError("Network is unreachable")

    monkeypatch.setattr(roots, "archive_version", unreachable)
    with pytest.raises(roots.RootError) as error:
        roots.check_pin(LANE)
    assert str(error.value) == (
        f"Cannot reach {roots.MIRROR} to build the root of {LANE} (Network is unreachable). "
        "Building a broker's root needs Debian's archive once; later runs use the cache."
    )


def test_taken_port_is_named_with_what_to_do(monkeypatch):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        monkeypatch.setattr(broker, "PORTS", {"AMQP": port})
        with pytest.raises(broker.BrokerError) as error:
            broker.check_ports_free()
    assert f"Port {port} (AMQP) on 127.0.0.1 is already in use" in str(error.value)
    assert "nox -s tests" in str(error.value)
    assert f"ss -ltnp 'sport = :{port}'" in str(error.value)


def test_a_port_a_node_just_let_go_is_free(monkeypatch):
    # The node's end of a connection it closed waits in TIME_WAIT for a
    # minute: a node started again on the same host takes the port anyway.
    with socket.socket() as listener:
        # As the node's listeners do (RabbitMQ's tcp_listen_options).
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()
        client.close()
    monkeypatch.setattr(broker, "PORTS", {"AMQP": port})
    broker.check_ports_free()
