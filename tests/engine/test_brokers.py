"""Runs on more than one broker: what differs is kept per broker, what fails is checked to fail."""

from __future__ import annotations

import json

import pytest

from tests.engine.test_reports import LANE, Sample, outcomes, shows

OTHER = "3.98.1"
BOTH = (LANE, OTHER)
# Prints the same on every broker.
SAME = {"same.sh": "echo same\n", "same.out": "same\n"}
# Prints the version of the broker it runs on: something else on each.
VERSION = {"version.sh": 'echo "version $STAND_IN_BROKER"\n', "version.out": f"version {LANE}\n"}


def test_a_page_runs_on_each_broker_the_primary_first(pytester):
    sample = Sample(
        pytester,
        ["same.sh", "same.out"],
        SAME,
        lanes=BOTH,
    )
    result = sample.run()
    # In the order they ran.
    assert list(outcomes(result).items()) == [
        (sample.item("same.sh", LANE), "PASSED"),
        (sample.item("same.sh", OTHER), "PASSED"),
    ]


def test_output_that_differs_on_another_broker_fails_there_until_captured(pytester):
    sample = Sample(pytester, ["version.sh", "version.out"], VERSION, lanes=BOTH)
    result = sample.run()
    assert outcomes(result) == {
        sample.item("version.sh", LANE): "PASSED",
        sample.item("version.sh", OTHER): "FAILED",
    }
    shows(result, f"-version {LANE}", f"+version {OTHER}")

    captured = sample.run("--update-examples")
    captured.assert_outcomes(passed=2)
    # Kept beside the snippet for the broker where it differs, and only there.
    assert sample.file(f"version.on-{OTHER}.out").read_text() == f"version {OTHER}\n"
    assert sample.file("version.out").read_text() == f"version {LANE}\n"
    assert not sample.file(f"version.on-{LANE}.out").exists()
    sample.run().assert_outcomes(passed=2)


def test_output_kept_for_a_broker_goes_once_it_prints_the_same_again(pytester):
    files = {**SAME, f"same.on-{OTHER}.out": "once other\n"}
    sample = Sample(pytester, ["same.sh", "same.out"], files, lanes=BOTH)
    sample.run("--update-examples").assert_outcomes(passed=2)
    assert not sample.file(f"same.on-{OTHER}.out").exists()


def test_a_snippet_said_to_fail_on_a_broker_must_fail_there(pytester):
    files = {
        "new.sh": "echo new feature\n",
        "new.out": "new feature\n",
        f"new.fails-on-{OTHER}.out": "no such command\n",
    }
    sample = Sample(pytester, ["new.sh", "new.out"], files, lanes=BOTH)
    result = sample.run()
    assert outcomes(result)[sample.item("new.sh", OTHER)] == "FAILED"
    shows(
        result,
        f"{sample.where('new.sh')} ran on RabbitMQ {OTHER}, but "
        f"{sample.file(f'new.fails-on-{OTHER}.out')} says it fails there: remove that file, "
        "and capture what it prints there with `nox -s tests -- --update-examples`",
    )


def test_a_snippet_that_fails_on_a_broker_as_said_passes_and_its_error_is_compared(pytester):
    fails_there = f'test "$STAND_IN_BROKER" = {LANE} || {{ echo "no such command" >&2; exit 64; }}\necho new feature\n'
    files = {
        "new.sh": fails_there,
        "new.out": "new feature\n",
        f"new.fails-on-{OTHER}.out": "no such command\n",
    }
    sample = Sample(pytester, ["new.sh", "new.out"], files, lanes=BOTH)
    sample.run().assert_outcomes(passed=2)

    sample.file(f"new.fails-on-{OTHER}.out").write_text("some other error\n")
    result = sample.run()
    assert outcomes(result)[sample.item("new.sh", OTHER)] == "FAILED"
    shows(result, "-some other error", "+no such command")


@pytest.mark.parametrize("declared", [False, True])
def test_a_deprecated_feature_left_in_use_fails_the_page_unless_it_says_so(pytester, declared):
    uses = {"uses.sh": 'echo transient_nonexcl_queues > "$SAMPLE/in-use"\n'}
    sample = Sample(pytester, ["uses.sh"], uses)
    if declared:
        with sample.page.open("a") as page:
            page.write("\n.. uses-deprecated-feature:: transient_nonexcl_queues\n")
    result = sample.run()
    if declared:
        result.assert_outcomes(passed=1)
        return
    result.assert_outcomes(passed=1, errors=1)
    shows(
        result,
        f"{sample.page} left deprecated features in use on RabbitMQ {LANE} "
        "(`rabbitmq-diagnostics check_if_any_deprecated_features_are_used` exited with code 69): "
        "transient_nonexcl_queues.",
    )


def test_each_broker_gets_a_record_of_its_own(pytester):
    sample = Sample(
        pytester,
        ["same.sh", "same.out"],
        SAME,
        lanes=BOTH,
    )
    records = pytester.path / "records"
    sample.run(f"--verified-records={records}").assert_outcomes(passed=2)
    assert sorted(path.name for path in records.iterdir()) == [f"{OTHER}.json", f"{LANE}.json"]


def test_one_broker_can_be_chosen(pytester):
    sample = Sample(
        pytester,
        ["same.sh", "same.out"],
        SAME,
        lanes=BOTH,
    )
    result = sample.run(f"--broker={OTHER}")
    assert outcomes(result) == {sample.item("same.sh", OTHER): "PASSED"}


MACHINE = f"\n.. machine:: old-server\n   :broker: {OTHER}\n"


def test_a_snippet_on_another_machine_runs_on_its_broker_in_the_pages_folder(pytester):
    files = {
        "there.sh": 'echo "on $STAND_IN_BROKER" | tee note.txt\n',
        "there.out": f"on {OTHER}\n",
        "here.sh": 'echo "$STAND_IN_BROKER read $(cat note.txt)"\n',
        "here.out": f"{LANE} read on {OTHER}\n",
    }
    sample = Sample(
        pytester, ["there.sh on-old-server", "there.out", "here.sh", "here.out"], files, lanes=BOTH
    )
    with sample.page.open("a") as page:
        page.write(MACHINE)
    result = sample.run(f"--broker={LANE}")
    assert outcomes(result) == {
        sample.item("there.sh"): "PASSED",
        sample.item("here.sh"): "PASSED",
    }


def test_a_snippet_on_a_machine_its_page_does_not_declare_fails(pytester):
    files = {"there.sh": "echo there\n", "there.out": "there\n"}
    sample = Sample(pytester, ["there.sh on-elsewhere", "there.out"], files)
    result = sample.run()
    assert outcomes(result) == {sample.item("there.sh"): "FAILED"}
    shows(
        result,
        f"{sample.where('there.sh')} runs on elsewhere, which its page does not declare "
        "(`.. machine:: elsewhere`)",
    )


def test_deprecated_features_are_checked_on_the_newest_broker_only(pytester):
    uses = {"uses.sh": 'echo transient_nonexcl_queues > "$SAMPLE/in-use"\n'}
    # The newest of the two is LANE: a run on the older one alone does not check.
    sample = Sample(pytester, ["uses.sh"], uses, lanes=BOTH)
    sample.run(f"--broker={OTHER}").assert_outcomes(passed=1)


def test_the_record_keeps_what_the_run_printed_not_what_it_was_compared_with(pytester):
    files = {"pid.sh": 'echo "OS PID: 4242"\n', "pid.out": "OS PID: <pid>\n"}
    sample = Sample(pytester, ["pid.sh", "pid.out"], files)
    records = pytester.path / "records"
    sample.run(f"--verified-records={records}").assert_outcomes(passed=1)
    record = json.loads((records / f"{LANE}.json").read_text())
    assert record["printed"] == {LANE: {str(sample.file("pid.out")): "OS PID: 4242\n"}}
