"""The pages show code only by including files, and every snippet is shown."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.pages import (
    CONSUMES_UNTIL_INTERRUPTED,
    Include,
    all_includes,
    captured_output,
    includes,
    inline_code,
    pages,
    rel,
    snippet_files,
)


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_page_has_no_inline_code(page):
    found = inline_code(page)
    assert not found, (
        f"{rel(page)} writes code into the page instead of including it from snippets/:\n"
        + "\n".join(f"  {rel(page)}:{number}: {text}" for number, text in found)
    )


@pytest.mark.parametrize("include", all_includes(), ids=lambda include: include.test_id)
def test_included_file_exists(include: Include):
    assert include.target.is_file(), (
        f"{rel(include.page)}:{include.line} includes {include.target}, which does not exist"
    )


def test_every_snippet_is_shown():
    shown = {include.target for include in all_includes()}
    unshown = [rel(path) for path in snippet_files() if path not in shown]
    assert not unshown, (
        "snippet files that no page includes (include them, or delete them):\n  "
        + "\n  ".join(unshown)
    )


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_shell_output_is_shown_with_its_command(page):
    """Each shell snippet that prints is followed on its page by what it printed."""
    shown = includes(page)
    missing = [
        f"{rel(page)}:{include.line}: {rel(include.target)} is not followed by {rel(captured_output(include.target))}"
        for include, following in pairwise([*shown, None])
        if include.kind == "shell"
        and captured_output(include.target).exists()
        and (following is None or following.target != captured_output(include.target))
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_consumers_run_in_the_background(page):
    """A snippet that consumes until Ctrl+C would hang the page in the foreground."""
    foreground = [
        f"{rel(page)}:{include.line}: {rel(include.target)} consumes until Ctrl+C; "
        "include it with `:class: background`"
        for include in includes(page)
        if include.kind == "python"
        and not include.background
        and CONSUMES_UNTIL_INTERRUPTED.search(include.target.read_text())
    ]
    assert not foreground, "\n".join(foreground)
