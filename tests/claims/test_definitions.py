"""Definitions (docs/definitions.rst): an export, imported where they are missing, brings them back."""

from __future__ import annotations

import pytest

from tests.claims.observe import shown
from verify.broker import PrivateBroker
from verify.processes import eventually

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
