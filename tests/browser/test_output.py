"""A published page shows what the broker printed in the run that published it, not placeholders."""

from __future__ import annotations

from verify.lanes import primary


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


def test_a_long_output_is_shown_whole_and_can_be_folded(visit):
    page = visit("status.html").page
    folded = page.locator("details.long-output").first
    assert folded.get_attribute("open") is not None, "a long output starts folded"
    output = folded.locator("div.snippet-output pre")
    assert output.is_visible() and output.inner_text().count("\n") > 40
    folded.locator("summary").click()
    assert not output.is_visible(), "the summary does not fold the output away"
    folded.locator("summary").click()
    assert output.is_visible()
