"""The pages, and the files each one includes, in the order it shows them.

Nothing is registered by hand: a snippet runs because a page includes it,
where the page shows it. Standard library only.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from verify.core.captured import is_output, kept_beside
from verify.core.layout import (
    BACKGROUND,
    COMMANDS,
    DOCS,
    MACHINE_DIRECTIVE,
    ON_MACHINE,
    SAVED,
    SNIPPETS,
    relative,
)

INCLUDE = re.compile(r"^\s*\.\.\s+literalinclude::\s*(?P<target>\S+)\s*$")
OPTION = re.compile(r"^\s+:(?P<name>[\w-]+):\s*(?P<value>.*)$")
# Code written into the page itself, where it can be neither run nor checked:
# code directives, and "::" literal blocks (a paragraph ending in "::").
INLINE_DIRECTIVE = re.compile(r"^\s*\.\.\s+(code-block|code|sourcecode|highlight|parsed-literal)::")
LITERAL_BLOCK = re.compile(r"^(?!\s*\.\.\s).*\S::\s*$|^\s*::\s*$")
# A RabbitMQ command in a shell snippet, after any options: rabbitmqctl -s list_queues
RUNS_COMMAND = re.compile(
    r"\b(rabbitmqctl|rabbitmq-plugins|rabbitmq-diagnostics|rabbitmq-queues)(?:\s+-\S+)*\s+([a-z_]+)"
)
# A rabbitmq.conf line, as a file or a command shows it: `disk_free_limit.relative = 1.0`.
SETS_A_KEY = re.compile(r"^\s*(?:echo\s+')?([a-z][a-z_]*(?:\.[a-z0-9_]+)+)\s*=", re.MULTILINE)
# A setting looked up in the node's environment: `rabbitmqctl environment | grep consumer_timeout`.
LOOKS_UP_A_KEY = re.compile(r"\benvironment\s*\|\s*grep\s+'?\^?\W?([a-z][a-z_]+)")
# Another machine a page's snippets run on (verify/run/machines.py), and its broker.
MACHINE = re.compile(rf"^\.\.\s+{MACHINE_DIRECTIVE}::\s*(?P<name>[\w-]+)\s*$")


@dataclass(frozen=True)
class Include:
    """One ``literalinclude`` on one page."""

    page: Path
    line: int
    target: Path
    classes: frozenset[str] = frozenset()
    # Where snippets are (another folder only for the engine's own tests).
    snippets: Path = SNIPPETS

    @property
    def is_snippet(self) -> bool:
        """A file under snippets/ that runs (anything but captured output): its kind
        (verify/run/kinds/) says how, or that it cannot."""
        return self.target.is_relative_to(self.snippets) and not is_output(self.target)

    @property
    def background(self) -> bool:
        return BACKGROUND in self.classes

    @property
    def saved(self) -> bool:
        return SAVED in self.classes

    @property
    def machine(self) -> str | None:
        """The other machine of its page it runs on (class ``on-NAME``), if any."""
        return next(
            (c.removeprefix(ON_MACHINE) for c in self.classes if c.startswith(ON_MACHINE)), None
        )

    @property
    def where(self) -> str:
        """The snippet and where the page shows it, for messages."""
        return f"{relative(self.target)} (shown on {relative(self.page)}:{self.line})"

    @property
    def test_id(self) -> str:
        shown = (
            self.target.relative_to(self.snippets)
            if self.target.is_relative_to(self.snippets)
            else relative(self.target)
        )
        return f"{self.page.stem}:{self.line}:{shown}"


def pages(docs: Path = DOCS) -> list[Path]:
    return sorted(docs.rglob("*.rst"))


def includes(page: Path, docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[Include]:
    found = []
    lines = page.read_text().splitlines()
    for number, text in enumerate(lines, start=1):
        match = INCLUDE.match(text)
        if match:
            classes = frozenset(directive_options(lines[number:]).get("class", "").split())
            target = resolve(page, match["target"], docs)
            found.append(Include(page, number, target, classes, snippets))
    return found


def machines(page: Path) -> dict[str, str]:
    """The other machines a page declares, each with its broker's version: {"old-server": "3.10.8"},
    or "" for one that runs the page's own (``{"node2": ""}``)."""
    lines = page.read_text().splitlines()
    found = {}
    for number, text in enumerate(lines, start=1):
        match = MACHINE.match(text)
        if match:
            found[match["name"]] = directive_options(lines[number:]).get("broker", "")
    return found


def directive_options(following: list[str]) -> dict[str, str]:
    options = {}
    for text in following:
        match = OPTION.match(text)
        if not match:
            break
        options[match["name"]] = match["value"]
    return options


def all_includes(docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[Include]:
    return [include for page in pages(docs) for include in includes(page, docs, snippets)]


def snippet_includes(docs: Path = DOCS, snippets: Path = SNIPPETS) -> list[Include]:
    """Every snippet the pages show, in page order."""
    return [include for include in all_includes(docs, snippets) if include.is_snippet]


def resolve(page: Path, target: str, docs: Path = DOCS) -> Path:
    """Resolve an include as Sphinx does: ``/x`` from docs/, ``x`` from the page."""
    base = docs if target.startswith("/") else page.parent
    return (base / target.lstrip("/")).resolve()


def inline_code(page: Path) -> list[tuple[int, str]]:
    return [
        (number, text.strip())
        for number, text in enumerate(page.read_text().splitlines(), start=1)
        if INLINE_DIRECTIVE.match(text) or LITERAL_BLOCK.match(text)
    ]


def snippet_files(snippets: Path = SNIPPETS) -> list[Path]:
    return sorted(
        path for path in snippets.rglob("*") if path.is_file() and "__pycache__" not in path.parts
    )


def fingerprint(page: Path, docs: Path = DOCS, snippets: Path = SNIPPETS) -> str:
    """What a page shows, as one hash: its text and every file it includes."""
    digest = hashlib.sha256(page.read_bytes())
    for include in includes(page, docs, snippets):
        # With what other brokers printed, shown beside it.
        for path in [include.target, *kept_beside(include.target)]:
            digest.update(str(path).encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def commands_run_by(command: Path) -> list[str]:
    """The RabbitMQ commands a shell snippet runs: ["rabbitmqctl list_queues", ...]."""
    return commands_in(command.read_text())


def commands_in(text: str) -> list[str]:
    """The RabbitMQ commands in a shell command's text, each as its tool and command."""
    return [f"{tool} {name}" for tool, name in RUNS_COMMAND.findall(text)]


def configuration_keys_in(text: str) -> list[str]:
    """The rabbitmq.conf keys a block shows: set (``key = value``) or looked up in the environment."""
    return [*SETS_A_KEY.findall(text), *LOOKS_UP_A_KEY.findall(text)]


def reference_commands() -> list[dict[str, str]]:
    """The command reference's entries (conf/commands.toml): name, what it does, syntax."""
    return tomllib.loads(COMMANDS.read_text())["command"]


def output_anchor(output: Path, snippets: Path = SNIPPETS) -> str:
    """The id of the line above an output's version tabs, made from its file alone, so that
    the differences page can link to it: snippets/status/list_queues.out -> output-status-list-queues."""
    name = (
        output.relative_to(snippets).with_suffix("") if output.is_relative_to(snippets) else output
    )
    return "output-" + re.sub(r"[^a-z0-9]+", "-", "/".join(Path(name).parts).lower()).strip("-")
