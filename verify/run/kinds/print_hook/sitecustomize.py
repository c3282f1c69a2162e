"""Record which line of a Python snippet printed what, as the snippet runs.

A snippet runs as its reader runs it, ``python3 name.py``, with this folder
on PYTHONPATH: Python imports this module at start-up, before the snippet.
When the run names a record file, every ``print`` to standard output made by
the snippet's own code is written there too, one JSON line each with the
snippet's line that made it, so that its ``#>`` comments can be checked line
by line. The print itself happens as usual. Standard library only: nothing
here may change what the snippet can import.
"""

import builtins
import json
import os
import sys

RECORD = "CHEATSHEET_PRINT_RECORD"
SOURCE = "CHEATSHEET_PRINT_SOURCE"


def record_prints(record_path, source_path):
    original_print = builtins.print
    record = open(record_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the program's life

    def print(*args, sep=" ", end="\n", file=None, flush=False):  # noqa: A001
        original_print(*args, sep=sep, end=end, file=file, flush=flush)
        if file is not None and file is not sys.stdout:
            return
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != source_path:
            frame = frame.f_back
        if frame is None:
            return  # printed by a library, not by the snippet's own lines
        text = (" " if sep is None else sep).join(map(str, args)) + ("\n" if end is None else end)
        record.write(json.dumps({"line": frame.f_lineno, "text": text}) + "\n")
        record.flush()

    builtins.print = print


# Read once and removed, so that a program the snippet starts is not recorded.
_record, _source = os.environ.pop(RECORD, None), os.environ.pop(SOURCE, None)
if _record and _source:
    record_prints(_record, os.path.realpath(_source))
