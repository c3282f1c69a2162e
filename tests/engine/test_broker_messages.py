"""A missing broker or a taken port stops the run with a message that says what to do."""

from __future__ import annotations

import socket

import pytest

from verify import broker


def test_missing_broker_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(broker, "RABBITMQ_BIN", tmp_path)
    with pytest.raises(broker.BrokerError) as error:
        broker.check_installed()
    assert f"({tmp_path}/rabbitmq-server is missing)" in str(error.value)
    assert "sudo apt-get install rabbitmq-server" in str(error.value)


def test_installed_broker_passes_the_check(tmp_path, monkeypatch):
    (tmp_path / "rabbitmq-server").write_text("#!/bin/sh\n")
    monkeypatch.setattr(broker, "RABBITMQ_BIN", tmp_path)
    assert broker.check_installed() is None


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


def test_free_ports_pass_the_check(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(broker, "PORTS", {"AMQP": port})
    assert broker.check_ports_free() is None
