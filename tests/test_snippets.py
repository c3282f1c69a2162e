"""Run every snippet the pages include against the live broker, in page order.

How each kind of snippet is run and checked is in tests/runner.py;
``--update-examples`` rewrites captured output from the live run instead.
"""

from __future__ import annotations

import pytest

from tests.broker import PrivateBroker
from tests.pages import Include, runnable_includes
from tests.runner import Background, PageRun, run_python, run_shell


@pytest.mark.parametrize("include", runnable_includes(), ids=lambda include: include.test_id)
def test_snippet(
    include: Include,
    broker: PrivateBroker,
    page_run: PageRun,
    update_examples: bool,
    request: pytest.FixtureRequest,
) -> None:
    cwd = page_run.directory
    if include.kind == "shell":
        run_shell(include, env=broker.env, cwd=cwd, update=update_examples)
        return
    eval_example = request.getfixturevalue("eval_example")
    if include.background:
        # Check what already ended (killed by an earlier snippet, say) before
        # the page goes on: a second run of the same snippet then starts from,
        # and adds its #> lines to, the file as the first run left it.
        problems = page_run.finish_background(ended_only=True)
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)
        running = Background(
            include, env=broker.env, cwd=cwd, eval_example=eval_example, update=update_examples
        )
        page_run.background.append(running)
        running.settle()
    else:
        run_python(include, eval_example=eval_example, update=update_examples)
