"""The pages show code only by including files, and every snippet is shown."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from tests.pages import (
    CONSUMES_UNTIL_INTERRUPTED,
    DOCS,
    Include,
    all_includes,
    captured_output,
    includes,
    inline_code,
    pages,
    rel,
    runnable_includes,
    snippet_files,
)

# A RabbitMQ command in a shell snippet, after any options: rabbitmqctl -s list_queues
CLI_COMMAND = re.compile(
    r"\b(rabbitmqctl|rabbitmq-plugins|rabbitmq-diagnostics)(?:\s+-\S+)*\s+([a-z_]+)"
)
# A row of docs/commands.rst: the command, then the page it links to.
REFERENCE_ROW = re.compile(r"^   \* - ``([^`]+)``\n     - .*\n     - :doc:`([^`]+)`$", re.MULTILINE)


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


def test_command_reference_lists_every_command_the_snippets_run():
    """docs/commands.rst: one row per command, each linking to a page that runs it."""
    listed = dict(REFERENCE_ROW.findall((DOCS / "commands.rst").read_text()))
    used: dict[str, set[str]] = {}
    for include in runnable_includes():
        if include.kind == "shell":
            for tool, command in CLI_COMMAND.findall(include.target.read_text()):
                used.setdefault(f"{tool} {command}", set()).add(include.page.stem)
    assert sorted(listed) == sorted(used), "docs/commands.rst and the snippets differ"
    wrong_links = {command: page for command, page in listed.items() if page not in used[command]}
    assert not wrong_links, f"rows linking to a page that does not run the command: {wrong_links}"
