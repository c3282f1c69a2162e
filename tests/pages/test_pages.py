"""The pages show code only by including files, and every snippet is shown."""

from __future__ import annotations

import ast
import re
from itertools import pairwise

import pytest

from verify.core.captured import captured_output, lane_outputs
from verify.core.discovery import (
    Include,
    all_includes,
    includes,
    inline_code,
    pages,
    reference_commands,
    snippet_files,
    snippet_includes,
)
from verify.core.lanes import lanes
from verify.core.layout import PRINTED_PREFIX
from verify.core.layout import relative as rel
from verify.run.kinds import known, programs_run_by
from verify.run.kinds.printed import Program, lone_strings
from verify.run.kinds.python import KIND as PYTHON

# A Python snippet that loops until Ctrl+C.
CONSUMES_UNTIL_INTERRUPTED = re.compile(r"\.start_consuming\(\)")


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
    # What other brokers printed is shown with what the primary one printed.
    names = [lane.name for lane in lanes()]
    shown |= {
        path
        for target in list(shown)
        for _, path in lane_outputs(captured_output(target), names).values()
    }
    unshown = [rel(path) for path in snippet_files() if path not in shown]
    assert not unshown, (
        "snippet files that no page includes (include them, or delete them; what a broker "
        "no longer in conf/brokers.toml printed goes with it):\n  " + "\n  ".join(unshown)
    )


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_output_is_shown_with_its_command(page):
    """Each snippet that prints, of a kind that keeps its output beside it, is followed on its page by what it printed."""
    shown = includes(page)
    missing = [
        f"{rel(page)}:{include.line}: {rel(include.target)} is not followed by {rel(captured_output(include.target))}"
        for include, following in pairwise([*shown, None])
        if (kind := known(include.target)) is not None
        and kind.output_beside
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
        if known(include.target) is PYTHON
        and not include.background
        and not include.saved
        and CONSUMES_UNTIL_INTERRUPTED.search(include.target.read_text())
    ]
    assert not foreground, "\n".join(foreground)


def test_command_reference_lists_every_command_the_snippets_run():
    """conf/commands.toml, which docs/commands.rst shows: every command the snippets run, no other."""
    listed = [command["name"] for command in reference_commands()]
    used = {
        command
        for include in snippet_includes()
        if (kind := known(include.target)) is not None
        for command in kind.commands_in(include.target.read_text())
    }
    assert len(listed) == len(set(listed)), "conf/commands.toml lists a command twice"
    assert sorted(set(listed) - used) == [], "in conf/commands.toml, but no snippet runs it"
    assert sorted(used - set(listed)) == [], "run by a snippet, but not in conf/commands.toml"
    wrong = [
        command["name"]
        for command in reference_commands()
        if command["syntax"].split()[:2] != command["name"].split()
    ]
    assert not wrong, f"a syntax that does not start with its command: {wrong}"


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.stem)
def test_saved_programs_are_run_by_a_command_of_their_page(page):
    """A program shown for the reader to save is verified by the commands that run it."""
    shown = includes(page)
    run = {
        name
        for include in shown
        if known(include.target) is not None
        for name in programs_run_by(include.target)
    }
    problems = [
        f"{rel(page)}:{include.line}: {rel(include.target)} is shown to be saved "
        "(`:class: saved`), but no command on the page runs it"
        for include in shown
        if include.saved and include.target.name not in run
    ] + [
        f"{rel(page)}:{include.line}: {rel(include.target)} is run only by commands, whose "
        f"output is their .out file: its {PRINTED_PREFIX} lines would never be checked"
        for include in shown
        if include.saved and PRINTED_PREFIX in include.target.read_text()
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "program", sorted({i.target for i in snippet_includes() if known(i.target) is PYTHON}), ids=rel
)
def test_output_in_programs_is_shown_as_comments(program):
    """A string literal on its own would be copied into the reader's program with the code."""
    literals = lone_strings(ast.parse(program.read_text()))
    assert not literals, (
        f"{rel(program)}: string literals on lines {literals} stand on their own; show what "
        f"the program prints as {PRINTED_PREFIX} lines under its print()"
    )
    assert Program.read(program).stray == [], (
        f"{rel(program)} has {PRINTED_PREFIX} lines under no print()"
    )
