"""TLS (docs/tls.rst): which certificates a client accepts, and a restart opening and closing the TLS listener."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.claims.observe import connections, shown
from verify.broker.node import PrivateBroker
from verify.run.failures import SnippetFailed

TLS_PORT = 5671
# Each listener of the node: its protocol and port.
LISTENERS = """
[io_lib:format("~ts ~w~n", [Protocol, Port])
 || {listener, _, Protocol, _, _, Port, _} <- rabbit_networking:node_listeners(node())]"""


@pytest.fixture
def broker(own_broker: PrivateBroker) -> PrivateBroker:
    """These claims restart the broker: one of their own, not the pages'."""
    return own_broker


def listeners(broker: PrivateBroker) -> set[str]:
    return set(broker.evaluate(LISTENERS).splitlines())


@pytest.fixture
def tls_broker(broker: PrivateBroker, run) -> Iterator[PrivateBroker]:
    """The broker with the page's certificates and TLS listener."""
    config = Path(broker.env["RABBITMQ_CONFIG_FILE"])
    before = config.read_text()
    run("tls/make_ca.sh")
    run("tls/make_server_certificate.sh")
    assert f"amqp/ssl {TLS_PORT}" not in listeners(broker)
    run("tls/enable_tls.sh")
    assert f"amqp/ssl {TLS_PORT}" in listeners(broker), listeners(broker)
    yield broker
    # The file as it was; putting the broker back closes the listener.
    config.write_text(before)


def test_tls_refuses_a_certificate_its_client_does_not_trust(tls_broker, run):
    # A client whose context lacks the CA that signed the server's certificate.
    refused = run("tls/untrusted.py")
    assert "SSLCertVerificationError CERTIFICATE_VERIFY_FAILED" in refused.splitlines(), refused
    assert connections(tls_broker) == 0

    # The same server, by the same name, from a client given the CA.
    accepted = run("tls/tls_hello.py")
    assert accepted == "Sent 'Hello over TLS!'\nReceived Hello over TLS!\n"


def test_a_restart_applies_the_listener_and_closes_it_once_its_lines_are_out(tls_broker, run):
    # The fixture saw the page's restart open it.
    run("tls/disable_tls.sh")
    assert f"amqp/ssl {TLS_PORT}" not in listeners(tls_broker), listeners(tls_broker)
    assert "amqp 5672" in listeners(tls_broker), listeners(tls_broker)


def test_a_key_the_node_cannot_read_keeps_it_from_starting_again(broker, run, terminal):
    config = Path(broker.env["RABBITMQ_CONFIG_FILE"])
    before = config.read_text()
    run("tls/make_ca.sh")
    run("tls/make_server_certificate.sh")
    # As if the node's user could not read it.
    terminal.context.directory.joinpath("server_key.pem").unlink()
    try:
        with pytest.raises(SnippetFailed) as failed:
            terminal.run(shown("tls/enable_tls.sh"), check=False)
        assert not broker.running, "the node started with a key it cannot read"
        assert "failed_to_prepare_configuration" in str(failed.value), failed.value
    finally:
        config.write_text(before)
        broker.restart()
