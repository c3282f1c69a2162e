"""What snippets printed, kept beside them: which file holds it on which broker, and every capture anew.

A snippet's output on the primary broker is ``name.out`` beside it; on
another broker, where it prints something else, ``name.on-VERSION.out``;
where it fails, ``name.fails-on-VERSION.out``. The run compares with these
files, the site shows them (in version tabs where brokers differ), and
``--update-examples`` writes them, here only. Standard library only: the
Sphinx extensions read it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from verify.core.normalise import comparable, normalise

# What a snippet printed on the live broker, kept beside it (list_queues.sh ->
# list_queues.out) and shown on its page under the command.
OUTPUT_SUFFIX = ".out"
# Between a snippet's stem and a broker's version: what it printed there, or
# what it printed failing there.
DIFFERS_ON, FAILS_ON = ".on-", ".fails-on-"


def is_output(path: Path) -> bool:
    """A file of captured output, not a snippet."""
    return path.suffix == OUTPUT_SUFFIX


def captured_output(snippet: Path) -> Path:
    """The file holding what a snippet printed on the primary broker, which its page shows."""
    return snippet.with_suffix(OUTPUT_SUFFIX)


def differing_output(snippet: Path, lane: str) -> Path:
    """What a snippet printed on another broker, kept only where it differs from the primary's."""
    return snippet.with_name(f"{snippet.stem}{DIFFERS_ON}{lane}{OUTPUT_SUFFIX}")


def failing_output(snippet: Path, lane: str) -> Path:
    """What a snippet printed on a broker that lacks what it uses: it is there, it fails there."""
    return snippet.with_name(f"{snippet.stem}{FAILS_ON}{lane}{OUTPUT_SUFFIX}")


def base_name(output: str) -> str:
    """list_queues.on-4.0.5.out, list_queues.fails-on-3.10.8.out -> list_queues.out."""
    stem = output.removesuffix(OUTPUT_SUFFIX)
    for marker in (DIFFERS_ON, FAILS_ON):
        stem = stem.split(marker)[0]
    return stem + OUTPUT_SUFFIX


def kept_beside(snippet: Path) -> list[Path]:
    """What other brokers printed, kept beside a snippet or its output, whichever brokers they are."""
    stem = snippet.with_suffix("").name
    return sorted(snippet.parent.glob(f"{stem}.*on-*{OUTPUT_SUFFIX}"))


# -- which output applies on which broker -------------------------------------


def expected_output(snippet: Path, lane: str | None) -> Path:
    """The file a snippet's output is compared with on a broker (None: the primary)."""
    if lane is not None and differing_output(snippet, lane).exists():
        return differing_output(snippet, lane)
    return captured_output(snippet)


def expected_failure(snippet: Path, lane: str | None) -> Path | None:
    """The file saying a snippet fails on that broker, and what it prints then; None if it does not."""
    if lane is None or not failing_output(snippet, lane).exists():
        return None
    return failing_output(snippet, lane)


def lane_outputs(snippet: Path, lanes: list[str]) -> dict[str, tuple[str, Path]]:
    """The brokers on which a snippet printed something else, or failed, as kept beside it."""
    found = {}
    for lane in lanes:
        for how, path in (("differs", differing_output), ("fails", failing_output)):
            if path(snippet, lane).exists():
                found[lane] = (how, path(snippet, lane))
    return found


def outputs_per_broker(output: Path, lanes: list[str]) -> list[tuple[str, str, Path]]:
    """What a page shows for a captured output, broker by broker (``lanes`` in order, the
    primary's first or not): ``(broker, how, file)``, how being "same", "differs" or "fails".
    Empty where no broker differs: the page shows the one file."""
    others = lane_outputs(output, lanes)
    if not others:
        return []
    return [(lane, *others.get(lane, ("same", output))) for lane in lanes]


def differences(expected: str, printed: str, name: str) -> str:
    """What was printed against what was captured, after normalising, as a unified diff."""
    return "".join(
        difflib.unified_diff(
            comparable(expected).splitlines(keepends=True),
            comparable(printed).splitlines(keepends=True),
            fromfile=f"{name} (captured)",
            tofile="printed now",
        )
    )


def same(expected: str, printed: str) -> bool:
    return comparable(expected) == comparable(printed)


# -- capturing anew (--update-examples) ---------------------------------------


def capture(snippet: Path, lane: str | None, printed: str) -> None:
    """Keep what a snippet printed: on another broker, only where it differs from the primary."""
    # A command that prints nothing has no output file, and its page shows none.
    out = captured_output(snippet)
    if lane is not None:
        primary = out.read_text() if out.exists() else ""
        out = differing_output(snippet, lane)
        if same(primary, printed):
            printed = ""
    if printed:
        out.write_text(normalise(printed))
    else:
        out.unlink(missing_ok=True)


def keep(output: Path, printed: str) -> None:
    """Keep what was printed in the file given (a failure's, or one a claim shows), normalised."""
    output.write_text(normalise(printed))


def rewrite(program: Path, source: str) -> None:
    """A program whose output is shown in its own lines (``#>``), with those lines captured anew."""
    if program.read_text() != source:
        program.write_text(source)
