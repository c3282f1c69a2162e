"""The plugin's own options: --update-examples is the project's, and a wrong broker factory is named."""

from __future__ import annotations

import pytest

from tests.engine.test_reports import Sample


def test_the_project_declares_update_examples_without_pytest_examples_plugin(pytester):
    # Started by hand, without `-p no:examples`: pytest-examples is installed,
    # and its plugin declares an option of the same name.
    result = pytester.runpytest_inprocess("-p", "verify.suite.plugin", "--help")
    assert result.ret == 0, result.stderr.str()
    result.stdout.fnmatch_lines(["verifying the pages' snippets on live brokers:"])
    result.stdout.fnmatch_lines(["  --update-examples     capture what each snippet prints anew*"])


def test_a_broker_factory_that_cannot_be_imported_is_named(pytester):
    sample = Sample(pytester, ["same.sh"], {"same.sh": "echo same\n"})
    result = sample.run("--broker-factory=tests.engine.stand_in:NoSuchBroker")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: --broker-factory=tests.engine.stand_in:NoSuchBroker: *NoSuchBroker*"]
    )
