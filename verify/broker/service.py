"""The node as Debian's systemd unit runs it, so that a snippet can say `systemctl restart rabbitmq-server`.

Debian's rabbitmq-server.service starts the node with ``rabbitmq-server``,
stops it with ``rabbitmqctl stop`` and waits for it to exit, and, being
``Type=notify``, returns from a start only once the node has booted. Here
the node's process is a supervisor that runs ``rabbitmq-server`` and starts
it again, on the same data and configuration, when `systemctl` stopped it
and asks for it back; the `systemctl` on the snippets' PATH does the rest.

Run as a program, with the standard library only: the snippets' PATH cannot
import this project.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

UNIT = "rabbitmq-server"
VERBS = ("start", "stop", "restart", "is-active")
# `systemctl` asked the node to stop: when it exits, wait for a start.
HELD = "held"
# The supervisor saw the held node exit, and waits.
DOWN = "down"
# The node exited on its own, or failed to boot: down until a start.
ENDED = "ended"
# Less than a snippet's own time limit, so that a node that never boots
# fails the snippet with its log, not with a timeout.
BOOT_TIMEOUT = 45
STOP_TIMEOUT = 30
# What a failure shows of what the node printed, from each end.
LOG_LINES = 40
# The snippets' `systemctl`: this file, told where the node keeps its files.
WRAPPER = """#!/bin/sh
exec {python} {program} systemctl {directory} {tools} {pid_file} {printed} "$@"
"""


def supervised(directory: Path, command: list[str]) -> list[str]:
    """The command that runs the node's `command` under a supervisor keeping its files in `directory`."""
    return [sys.executable, __file__, "supervise", str(directory), *command]


def install(tools: Path, directory: Path, pid_file: str, printed: Path) -> None:
    """Put `systemctl` for the node supervised in `directory`, printing to `printed`, among its `tools`."""
    wrapper = tools / "systemctl"
    wrapper.write_text(
        WRAPPER.format(
            python=shlex.quote(sys.executable),
            program=shlex.quote(__file__),
            directory=shlex.quote(str(directory)),
            tools=shlex.quote(str(tools)),
            pid_file=shlex.quote(pid_file),
            printed=shlex.quote(str(printed)),
        )
    )
    wrapper.chmod(0o755)


def stopped(directory: Path) -> bool:
    """Whether `systemctl stop` has the node down."""
    return (directory / HELD).exists()


def clear(directory: Path) -> None:
    """Forget how the node last ended: it is about to be started anew."""
    directory.mkdir(exist_ok=True)
    for marker in (HELD, DOWN, ENDED):
        (directory / marker).unlink(missing_ok=True)


def failed(directory: Path) -> bool:
    """Whether the node exited on its own, or failed to boot, since it was last started."""
    return (directory / ENDED).exists()


def supervise(directory: Path, command: list[str]) -> NoReturn:
    """Run the node; once it is down (`systemctl stop`, a crash, a failed boot), wait for a start and run it again."""
    clear(directory)
    while True:
        status = subprocess.call(command)
        if not (directory / HELD).exists():
            # It exited on its own (a crash, a boot that failed): as with
            # systemd, the unit has failed, and a later start starts it again.
            (directory / ENDED).write_text(f"{status}\n")
            (directory / HELD).touch()
        (directory / DOWN).touch()
        while (directory / HELD).exists():
            time.sleep(0.1)
        (directory / DOWN).unlink(missing_ok=True)


def systemctl(directory: Path, tools: Path, pid_file: Path, printed: Path, args: list[str]) -> int:
    """What systemd does for rabbitmq-server.service; a clear error for anything else."""
    if len(args) != 2 or args[0] not in VERBS or args[1] not in (UNIT, f"{UNIT}.service"):
        print(
            f"systemctl here knows only `systemctl {{{','.join(VERBS)}}} {UNIT}` "
            f"(got `systemctl {' '.join(args)}`)",
            file=sys.stderr,
        )
        return 2
    verb = args[0]
    if verb == "is-active":
        print("inactive" if stopped(directory) else "active")
        return 3 if stopped(directory) else 0
    # What the node prints from here on is this command's to show if it fails.
    since = printed.stat().st_size if printed.exists() else 0
    if verb in ("stop", "restart") and not stopped(directory):
        failure = stop(directory, tools)
        if failure:
            return fail(printed, since, f"Stopping {UNIT} failed: {failure}")
    if verb in ("start", "restart") and stopped(directory):
        pid_file.unlink(missing_ok=True)
        for marker in (ENDED, DOWN, HELD):
            (directory / marker).unlink(missing_ok=True)
        failure = await_boot(directory, tools, pid_file)
        if failure:
            return fail(printed, since, f"Starting {UNIT} failed: {failure}")
    return 0


def stop(directory: Path, tools: Path) -> str | None:
    """ExecStop, then wait for the node's process to exit; why it failed, if it did."""
    (directory / HELD).touch()
    result = subprocess.run(
        [str(tools / "rabbitmqctl"), "stop"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=STOP_TIMEOUT,
    )
    if result.returncode != 0:
        (directory / HELD).unlink()
        return result.stdout + result.stderr
    deadline = time.monotonic() + STOP_TIMEOUT
    while not (directory / DOWN).exists():
        if (directory / ENDED).exists() or time.monotonic() > deadline:
            return "the node did not stop"
        time.sleep(0.1)
    return None


def await_boot(directory: Path, tools: Path, pid_file: Path) -> str | None:
    """Wait until the node has booted (what Type=notify waits for); why not, if it did not."""
    waiting = subprocess.Popen(
        [
            str(tools / "rabbitmqctl"),
            "-q",
            "wait",
            str(pid_file),
            f"--timeout={BOOT_TIMEOUT * 1000}",
        ],
        cwd=directory,
        # Its whole group is stopped if the node is not coming: the CLI's
        # script runs the VM that holds the pipe as a child.
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + BOOT_TIMEOUT
    try:
        while waiting.poll() is None:
            if (directory / ENDED).exists():
                return "the node exited while booting"
            if time.monotonic() > deadline:
                return f"the node did not boot within {BOOT_TIMEOUT}s"
            time.sleep(0.1)
    finally:
        if waiting.poll() is None:
            os.killpg(waiting.pid, signal.SIGKILL)
        output = waiting.communicate()[0]
    return None if waiting.returncode == 0 else output


def fail(printed: Path, since: int, reason: str) -> int:
    """Say why, with what the node printed meanwhile, as `journalctl -u rabbitmq-server` would."""
    print(reason.rstrip(), file=sys.stderr)
    with printed.open("rb") as log:
        log.seek(since)
        lines = log.read().decode(errors="replace").splitlines()
    # A boot that fails says why near its start, and a crash dump ends it:
    # both ends of a long one.
    if len(lines) > 2 * LOG_LINES:
        lines = [*lines[:LOG_LINES], "...", *lines[-LOG_LINES:]]
    print(f"--- what {printed} shows of it", *lines, sep="\n", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    if argv[0] == "supervise":
        return supervise(Path(argv[1]), argv[2:])
    directory, tools, pid_file, printed, *args = argv[1:]
    return systemctl(Path(directory), Path(tools), Path(pid_file), Path(printed), args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
