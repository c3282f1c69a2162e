"""A published page shows what the broker printed in the run that published it, not placeholders."""

from __future__ import annotations

from verify.core.lanes import primary


def test_status_shows_the_real_rabbitmq_version(visit):
    page = visit("status.html").page
    stamp = page.locator("p.verification-stamp").first.text_content().strip()
    # The first output on the page is `rabbitmqctl status`, the primary broker's tab first.
    output = page.locator("div.snippet-output pre").first.text_content()
    if stamp.startswith("Verified"):
        assert f"RabbitMQ version: {primary().rabbitmq}\n" in output, output[:400]
        assert "<version>" not in output and "<pid>" not in output, output[:400]
    else:
        # Not verified: the captured output, which was normalised to compare with.
        assert stamp.startswith("Not verified"), stamp
        assert "RabbitMQ version: <version>" in output, output[:400]
