"""Run a long-running consumer snippet in a process of its own.

    python tests/run_consumer.py SNIPPET RECORD

The snippet runs as ``python SNIPPET`` would run it, until the test that
started it presses Ctrl+C (SIGINT). Each print is echoed to stdout at once,
so the test can tell when the consumer has received what it waits for, and
recorded with its line number in RECORD (JSON) at exit, so that the test can
check the snippet's ``#>`` comments with pytest-examples, as it does for
every other Python snippet.
"""

import json
import runpy
import sys
from pathlib import Path

from pytest_examples.config import ExamplesConfig
from pytest_examples.run_code import InsertPrintStatements


def main(snippet: Path, record: Path) -> None:
    def echo(file, frame, args) -> bool:
        if Path(frame.filename).resolve() != file:
            return False
        sys.stdout.write(" ".join(map(str, args)) + "\n")
        sys.stdout.flush()
        return True

    prints = InsertPrintStatements(snippet, ExamplesConfig(), True, None, echo)
    try:
        with prints:
            runpy.run_path(str(snippet), run_name="__main__")
    finally:
        statements = [
            {"line": s.line_no, "sep": s.sep, "args": [str(arg) for arg in s.args]}
            for s in prints.print_statements()
        ]
        record.write_text(json.dumps(statements))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
