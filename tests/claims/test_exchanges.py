"""Exchange types (docs/exchanges.rst): what a headers exchange compares."""

from __future__ import annotations


def test_x_headers_count_only_with_the_with_x_match_modes(broker, run):
    printed = {}
    for line in run("exchanges/headers_x_match.py").splitlines():
        x_match, got = line.split(" got ", 1)
        printed[x_match.strip()] = got

    # The message matched the binding on x-tenant only.
    assert printed["any"] == "nothing", printed
    assert printed["any-with-x"] == "acme's pdf", printed
