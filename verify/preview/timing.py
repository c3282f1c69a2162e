"""How long the preview takes from saving a changed snippet to its page served verified.

    python -m verify.preview.timing PAGE SNIPPET [EDITS]

Starts the preview on a free port, verifying PAGE only, then edits SNIPPET
(a comment line added, then removed) EDITS times, and times each edit until
the served page carries the page's new fingerprint and says "Verified". The
snippet is left as it was found. Prints the times as JSON.
"""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from verify.core.discovery import fingerprint
from verify.core.layout import DOCS, ROOT
from verify.isolation.processes import Program

STAMP = re.compile(r'class="verification-stamp" data-fingerprint="(\w+)">([^<]*)<')
TIMEOUT = 60


def served_stamp(url: str) -> tuple[str, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            found = STAMP.search(response.read().decode())
    # Not served yet, or served while being written again: not verified yet.
    except (OSError, http.client.HTTPException):
        return None
    return (found[1], found[2]) if found else None


def wait_until_verified(url: str, page: Path) -> float:
    """Seconds until the served page shows what `page` holds now, verified."""
    started, wanted = time.monotonic(), fingerprint(page)
    while time.monotonic() - started < TIMEOUT:
        stamp = served_stamp(url)
        if stamp and stamp[0] == wanted and stamp[1].startswith("Verified"):
            return time.monotonic() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {page} verified within {TIMEOUT}s: {served_stamp(url)}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(page: Path, snippet: Path, edits: int) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page.relative_to(DOCS).with_suffix('.html')}"
    command = [sys.executable, "-m", "verify.preview.live", "--only", str(page.relative_to(ROOT))]
    begun = time.monotonic()
    preview = Program([*command, "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=None)
    original = snippet.read_text()
    times = []
    try:
        wait_until_verified(url, page)
        for edit in range(edits):
            snippet.write_text(original + f"# edit {edit}\n" if edit % 2 == 0 else original)
            times.append(round(wait_until_verified(url, page), 2))
    finally:
        snippet.write_text(original)
        preview.process.send_signal(signal.SIGINT)
        if not preview.wait(30):
            preview.stop()
    timing = {
        "page": str(page.relative_to(ROOT)),
        "seconds": times,
        "median_seconds": statistics.median(times),
        # Starting the preview and its broker included, which the bench leaves out of its total.
        "total_seconds": round(time.monotonic() - begun, 2),
    }
    print(json.dumps(timing))


if __name__ == "__main__":
    main(ROOT / sys.argv[1], ROOT / sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
