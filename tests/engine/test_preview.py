"""The preview verifies a page as the published run does: on its machines, then checked and put back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.stand_in import StandInBroker
from verify.core.lanes import Lane
from verify.preview.live import verify_page

PAGE_LANE = Lane("3.99.1", "3.99.1-1", "sid", "a stand-in", primary=True)
OTHER_LANE = Lane("3.98.1", "3.98.1-1", "sid", "a stand-in")


class Sample:
    """docs/page.rst, showing snippets/p/*, in the current folder (the stand-in's sample)."""

    def __init__(self, root: Path, shown: list[str], files: dict[str, str], tail: str = "") -> None:
        self.root = root
        lines = ["Page", "====", tail]
        for spec in shown:
            name, _, classes = spec.partition(" ")
            lines += ["", f".. literalinclude:: ../snippets/p/{name}"]
            lines += [f"   :class: {classes}"] if classes else []
        self.page = root / "docs" / "page.rst"
        self.page.parent.mkdir()
        self.page.write_text("\n".join(lines) + "\n")
        (root / "snippets" / "p").mkdir(parents=True)
        for name, text in files.items():
            (root / "snippets" / "p" / name).write_text(text)

    def verify(self) -> str | None:
        """What the preview says of the page: its failure, or None."""
        return verify_page(
            self.page,
            StandInBroker(PAGE_LANE),
            frozenset(),
            all_lanes=[PAGE_LANE, OTHER_LANE],
            start_broker=StandInBroker,
            docs=self.root / "docs",
            snippets=self.root / "snippets",
            timeout=10,
        )


@pytest.fixture
def sample_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


MACHINE = f".. machine:: old-server\n   :broker: {OTHER_LANE.name}\n"
ON_EACH = {
    "there.sh": 'echo "on $STAND_IN_BROKER"\n',
    "there.out": f"on {OTHER_LANE.name}\n",
    "here.sh": 'echo "on $STAND_IN_BROKER"\n',
    "here.out": f"on {PAGE_LANE.name}\n",
}


def test_the_preview_runs_a_snippet_on_the_machine_its_page_names(sample_here):
    shown = ["there.sh on-old-server", "there.out", "here.sh", "here.out"]
    sample = Sample(sample_here, shown, ON_EACH, tail=MACHINE)
    assert sample.verify() is None


def test_the_preview_fails_a_snippet_on_a_machine_its_page_does_not_declare(sample_here):
    shown = ["there.sh on-old-server", "there.out"]
    sample = Sample(sample_here, shown, ON_EACH)
    failure = sample.verify()
    assert failure is not None
    assert failure.endswith(
        "runs on old-server, which its page does not declare (`.. machine:: old-server`)"
    ), failure


def test_the_preview_checks_for_deprecated_features_left_in_use(sample_here):
    uses = {"uses.sh": 'echo transient_nonexcl_queues > "$SAMPLE/in-use"\n'}
    sample = Sample(sample_here, ["uses.sh"], uses)
    failure = sample.verify()
    assert failure is not None
    assert failure.startswith(f"{sample.page} left deprecated features in use"), failure
