"""The live preview: the site rebuilt as pages and snippets change, each page verified again.

    python -m verify.preview.live [--only PAGE]... [sphinx-autobuild options]

One private broker runs on a host of its own for as long as the preview
does; a page's machines (``.. machine::``) are started for its run, as the
published run starts them (verify/run/page_run.py). Every page (or each
``--only`` page) is verified once at the start; a change to a page, or to a
file it includes, verifies that page again first. After each page the
preview's record is written, and sphinx-autobuild rebuilds and reloads the
browser: a page says "Verified ..." once every snippet it shows passed since
it last changed, and "Not verified: ..." with the failure otherwise. Ctrl+C
stops the server, the broker and all they started.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
import time
from collections import deque
from importlib.metadata import version
from pathlib import Path

from verify.broker.node import BrokerError, PrivateBroker, on_a_host_of_its_own
from verify.core.discovery import fingerprint, includes, pages
from verify.core.layout import (
    BUILD,
    CONF,
    DOCS,
    RECORD_ENVIRONMENT_VARIABLE,
    ROOT,
    SNIPPETS,
    relative,
)
from verify.core.record import BrokerVersions, VerificationRecord
from verify.isolation.processes import allow_interrupts, spawn, stop_group
from verify.run.failures import SnippetFailed
from verify.run.kinds import runs
from verify.run.page_run import PageRun

RECORD = BUILD / "preview-record" / "verified.json"
OUTPUT = BUILD / "preview"
DOCTREES = BUILD / "preview-doctrees"
SERVE = ["--host", "127.0.0.1", "--port", "8000"]


def verify_page(
    page: Path, broker: PrivateBroker, baseline: frozenset[str], **settings
) -> str | None:
    """Run a page as its run in `nox -s tests` does, its machines included; the failure, or None.

    `settings`: PageRun's keyword arguments (the engine's own tests point
    them at a sample page and stand-in brokers)."""
    try:
        with PageRun(page, broker, baseline=baseline, **settings) as run:
            run.take_every_step()
    except SnippetFailed as failure:
        return str(failure.msg)
    except OSError as error:
        # The preview goes on; the page says what stopped it.
        return str(error)
    return None


def pages_showing(paths: set[Path]) -> list[Path]:
    """The pages that are, or include, one of `paths`."""
    return [
        page
        for page in pages()
        if page in paths or any(include.target in paths for include in includes(page))
    ]


class Queue:
    """Pages waiting to be verified; a changed one goes first."""

    def __init__(self, waiting: list[Path]) -> None:
        self.waiting = deque(waiting)
        self.changed = threading.Condition()

    def put_first(self, changed: list[Path]) -> None:
        with self.changed:
            for page in reversed(changed):
                if page in self.waiting:
                    self.waiting.remove(page)
                self.waiting.appendleft(page)
            self.changed.notify()

    def take(self) -> Path:
        with self.changed:
            while not self.waiting:
                self.changed.wait()
            return self.waiting.popleft()


class Preview:
    def __init__(self, broker: PrivateBroker, only: list[Path]) -> None:
        self.broker = broker
        self.baseline = broker.state()
        self.record = VerificationRecord(
            brokers=[BrokerVersions(distribution=broker.lane.distribution, **broker.versions())],
            pika=version("pika"),
            date=datetime.date.today().isoformat(),
            runs=0,
            pages={},
            partial=True,
        )
        with_snippets = [p for p in pages() if any(i.is_snippet for i in includes(p))]
        self.queue = Queue([page for page in with_snippets if not only or page in only])
        self.stop = threading.Event()

    def watch(self) -> None:
        """Put the pages a change touches first in the queue."""
        # Only the preview's environment has it; the tests' verify pages
        # through verify_page alone (tests/engine/test_preview.py).
        import watchfiles

        for changes in watchfiles.watch(DOCS, SNIPPETS, stop_event=self.stop, step=20):
            changed = {Path(path).resolve() for _, path in changes}
            self.queue.put_first(pages_showing(changed))

    def run(self) -> None:
        threading.Thread(target=self.watch, daemon=True).start()
        while True:
            page = self.queue.take()
            started, shows = time.monotonic(), fingerprint(page)
            failure = verify_page(page, self.broker, self.baseline)
            name = relative(page)
            if failure is None:
                self.record.pages[name] = [relative(i.target) for i in includes(page) if runs(i)]
                self.record.failures.pop(name, None)
                print(f"verified {name} in {time.monotonic() - started:.1f} s", flush=True)
            else:
                self.record.pages.pop(name, None)
                self.record.failures[name] = failure
                print(f"NOT verified {name}:\n{failure}", flush=True)
            self.record.fingerprints[name] = shows
            write_atomically(self.record)


def write_atomically(record: VerificationRecord) -> None:
    """Never half a record for the build to read."""
    partial = RECORD.with_suffix(".tmp")
    record.write(partial)
    partial.replace(RECORD)


def autobuild(options: list[str]) -> subprocess.Popen:
    """sphinx-autobuild, rebuilding when the record changes (the preview writes it after each page)."""
    command = [
        sys.executable, "-m", "sphinx_autobuild",
        "--watch", str(RECORD.parent),
        "--watch", str(CONF),
        # Pages and snippets are rebuilt once verified, when the record changes.
        "--ignore", str(DOCS), "--ignore", str(SNIPPETS),
        "-d", str(DOCTREES),
        *(options or SERVE),
        str(DOCS), str(OUTPUT),
    ]  # fmt: skip
    env = {**os.environ, RECORD_ENVIRONMENT_VARIABLE: str(RECORD)}
    # Its messages go to the terminal the preview runs in.
    return spawn(command, cwd=ROOT, env=env, stdout=None, stderr=None)


def main(arguments: list[str]) -> None:
    allow_interrupts()
    only, options = [], []
    while arguments:
        argument = arguments.pop(0)
        if argument == "--only" and arguments:
            only.append((ROOT / arguments.pop(0)).resolve())
        else:
            options.append(argument)
    broker = on_a_host_of_its_own()
    server = None
    try:
        broker.start()
        preview = Preview(broker, only)
        write_atomically(preview.record)
        server = autobuild(options)
        print("Verifying every page on a private broker; edits are verified first.", flush=True)
        with broker.host:
            preview.run()
    except KeyboardInterrupt:
        print("Stopping the preview and its broker.", flush=True)
    except BrokerError as error:
        sys.exit(f"Cannot start the preview's RabbitMQ broker.\n{error}")
    finally:
        if server is not None:
            stop_group(server, grace=2)
        broker.stop(graceful=False)
        broker.remove()


if __name__ == "__main__":
    main(sys.argv[1:])
