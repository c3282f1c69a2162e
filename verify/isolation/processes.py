"""Start, watch and stop the programs a page runs, each in a session of its own."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# How long a program may take to exit after Ctrl+C, or after SIGTERM.
EXIT_GRACE = 10


def spawn(command: list[str], *, cwd: Path, env: dict[str, str], **options) -> subprocess.Popen:
    """Start a program in a session of its own, so that all it starts can be stopped."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=options.pop("stdout", subprocess.PIPE),
        stderr=options.pop("stderr", subprocess.PIPE),
        text=True,
        start_new_session=True,
        **options,
    )


def stop_group(process: subprocess.Popen, grace: float = EXIT_GRACE) -> None:
    """Stop a program and everything it started: SIGTERM, then SIGKILL after `grace`."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            break
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with suppress(subprocess.TimeoutExpired):
            process.wait(wait)
    # What it started may outlive it in its group (erl_child_setup, a pipe's
    # other end); nothing of the group is wanted any more.
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def eventually(check: Callable[[], T], timeout: float = 10, interval: float = 0.1) -> T:
    """The value of `check()` once it is truthy; its last value after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def allow_interrupts() -> None:
    """Let the programs started from here take Ctrl+C as in a terminal.

    A run started as a background job (`nox -s tests &`) ignores SIGINT, and
    every program it starts would inherit that and ignore Ctrl+C too.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class Program:
    """A program running in a session of its own, whose output is read as it comes."""

    def __init__(self, command: list[str], *, cwd: Path, env: dict[str, str]) -> None:
        self.command = command
        self.process = spawn(command, cwd=cwd, env=env)
        self._stdout: list[str] = []
        self._stderr: list[str] = []
        self._changed = threading.Condition()
        self._last_output = time.monotonic()
        self._readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in (
                (self.process.stdout, self._stdout),
                (self.process.stderr, self._stderr),
            )
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream, lines: list[str]) -> None:
        for line in stream:
            with self._changed:
                lines.append(line)
                self._last_output = time.monotonic()
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def stdout(self) -> str:
        with self._changed:
            return "".join(self._stdout)

    @property
    def stderr(self) -> str:
        with self._changed:
            return "".join(self._stderr)

    @property
    def lines(self) -> int:
        """How many lines it has printed so far."""
        with self._changed:
            return len(self._stdout)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    @property
    def returncode(self) -> int | None:
        return self.process.poll()

    def wait_until(self, condition: Callable[[], bool], timeout: float) -> bool:
        """Wait until `condition()` holds, checked on each output; False after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and not self._reading()):
                    return condition()
                self._changed.wait(min(left, 0.1))
        return True

    def _reading(self) -> bool:
        return any(reader.is_alive() for reader in self._readers)

    def quiet_for(self, seconds: float, timeout: float) -> bool:
        """Wait until it has printed nothing for `seconds` (or has ended); False after `timeout`."""
        return self.wait_until(
            lambda: not self.running or time.monotonic() - self._last_output >= seconds, timeout
        )

    def wait(self, timeout: float) -> bool:
        """Wait for it to end and its output to be read; False if it still runs after `timeout`."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        for reader in self._readers:
            reader.join(5)
        return True

    def interrupt(self, grace: float = EXIT_GRACE) -> bool:
        """Press Ctrl+C: SIGINT to its whole group, as a terminal sends it; False if it outlives `grace`."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        return self.wait(grace)

    def kill(self) -> None:
        """Kill it outright (SIGKILL), as a crash or a power cut would."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.wait(EXIT_GRACE)

    def stop(self) -> None:
        """Make sure nothing of it is left running."""
        stop_group(self.process, grace=1)
        for reader in self._readers:
            reader.join(5)
