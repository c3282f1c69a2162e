"""Definitions (docs/definitions.rst): an export, imported where they are missing, brings them back."""

from __future__ import annotations

import pytest

from tests.claims.observe import shown
from verify.broker.node import PrivateBroker
from verify.isolation.processes import eventually

# What the page's set-up creates, as the broker's state lists it: a user, a
# virtual host with its permissions, a queue and a policy.
BILLING = frozenset(
    {
        "user\tbilling-app\t[]",
        "vhost\tbilling",
        "permissions\tbilling\tbilling-app\t.*\t.*\t.*",
        "queue\tbilling\tinvoices",
        "policy\tbilling\tinvoices-limit",
    }
)


def billing(broker: PrivateBroker) -> frozenset[str]:
    return broker.state() & BILLING


@pytest.mark.parametrize(
    ("export", "restore"),
    [
        (["definitions/export_definitions.sh"], "definitions/import_definitions.sh"),
        (
            ["definitions/enable_management.sh", "definitions/export_over_http.sh"],
            "definitions/import_over_http.sh",
        ),
    ],
    ids=["rabbitmqctl", "http"],
)
def test_an_import_brings_back_the_exported_definitions(broker, terminal, run, export, restore):
    # The program the page's HTTP export runs, saved as the reader saved it.
    terminal.save([shown("definitions/summarise_definitions.py")])
    run("definitions/billing_setup.sh")
    run("definitions/publish_invoices.py")
    assert billing(broker) == BILLING
    for snippet in export:
        run(snippet)

    run("definitions/delete_billing.sh")
    assert billing(broker) == frozenset(), "the page's delete left some of it behind"

    run(restore)

    # The import goes on after the command returns.
    eventually(lambda: billing(broker) == BILLING)
    back = billing(broker)
    assert back == BILLING, f"not brought back: {sorted(BILLING - back)}"
    # The user came back with its password.
    assert "Success" in run("definitions/restored.sh")


def queue_type(broker: PrivateBroker, vhost: str, name: str) -> str:
    """The queue's type module, or "missing"."""
    return broker.evaluate(
        f'case rabbit_amqqueue:lookup(rabbit_misc:r(<<"{vhost}">>, queue, <<"{name}">>)) of '
        '{ok, Q} -> atom_to_list(amqqueue:get_type(Q)); _ -> "missing" end'
    )


def logs_in(broker: PrivateBroker, user: str, password: str) -> bool:
    """Whether the internal database takes this user's password."""
    return (
        broker.evaluate(
            f'case rabbit_access_control:check_user_pass_login(<<"{user}">>, <<"{password}">>) of '
            '{ok, _} -> "yes"; _ -> "no" end'
        )
        == "yes"
    )


def test_an_import_over_a_broker_in_use_keeps_queues_and_restores_old_passwords_unless_left_out(
    broker, run
):
    run("definitions/billing_setup.sh")
    run("definitions/publish_invoices.py")
    run("definitions/export_definitions.sh")
    # Since the backup: the password rotated, the queue a quorum one, a new queue.
    run("definitions/since_backup.sh")
    run("definitions/redeclare_queues.py")
    assert logs_in(broker, "billing-app", "n3w-s3cret")
    assert queue_type(broker, "billing", "invoices") == "rabbit_quorum_queue"

    run("definitions/import_old_backup.sh")

    # The queue that existed kept its type and arguments; the one the file lacks is still there.
    assert queue_type(broker, "billing", "invoices") == "rabbit_quorum_queue"
    assert queue_type(broker, "billing", "refunds") == "rabbit_classic_queue"
    # The user got the file's password hash back: the rotated password is refused.
    assert not logs_in(broker, "billing-app", "n3w-s3cret"), "the rotated password still works"
    assert logs_in(broker, "billing-app", "s3cret"), "the backup's password does not work"
    printed = run("definitions/passwords_after_import.sh")
    assert "exit code: 65" in printed and printed.rstrip().endswith("Success"), printed

    # A copy without the users keeps the password set since.
    run("definitions/without_users.py")
    run("definitions/import_without_users.sh")
    assert logs_in(broker, "billing-app", "n3w-s3cret"), "the current password was replaced"
    assert not logs_in(broker, "billing-app", "s3cret"), "the backup's password came back"
