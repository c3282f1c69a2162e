"""Run a snippet in a process of its own, as a reader runs it in a second terminal.

    python tests/run_in_background.py SNIPPET RECORD

The snippet runs as ``python SNIPPET`` would run it. Each print is echoed to
stdout at once, so that the test can tell when the snippet has settled or
printed what it waits for, and appended to RECORD (one JSON line per print,
with its line number), so that its ``#>`` comments can be checked with
pytest-examples, as every other Python snippet's are, even when a later
snippet kills this one.
"""

import json
import runpy
import signal
import sys
from pathlib import Path

from pytest_examples.config import ExamplesConfig
from pytest_examples.run_code import InsertPrintStatements


def main(snippet: Path, record: Path) -> None:
    # Ctrl+C must raise KeyboardInterrupt, as in a reader's terminal, even when
    # the test run was started from a background job, which ignores SIGINT and
    # passes that on to every process it starts.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with record.open("a") as out:

        def echo(file, frame, args) -> bool:
            if Path(frame.filename).resolve() != file:
                return False
            line = frame.lineno
            out.write(json.dumps({"line": line, "sep": " ", "args": [str(a) for a in args]}))
            out.write("\n")
            out.flush()
            sys.stdout.write(" ".join(map(str, args)) + "\n")
            sys.stdout.flush()
            return True

        with InsertPrintStatements(snippet, ExamplesConfig(), True, None, echo):
            runpy.run_path(str(snippet), run_name="__main__")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
