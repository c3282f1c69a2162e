"""The page of every difference between the brokers: each output another version prints otherwise.

``.. broker-differences::`` (docs/differences.rst) becomes, page by page in
the order of the site's tables of contents, a list of every output a page
shows in version tabs (a ``name.on-4.0.5.out`` or ``name.fails-on-3.10.8.out``
beside the captured ``name.out``): which versions print something else or
fail, the first line each prints that the other does not, and a link to the
output's place on its page. Made from the captured files at every build, it
cannot miss a difference the run recorded, nor list one it no longer does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from snippet_catalogue import catalogue, in_reading_order
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from verify.core.captured import is_output, outputs_per_broker
from verify.core.discovery import all_includes, includes, output_anchor
from verify.core.lanes import lanes, primary
from verify.core.layout import SNIPPETS, relative

# An excerpt longer than this is cut: the page it links to shows it whole.
EXCERPT = 80
MORE = "\u2026"
# Words in a failing command's output that say why it failed (rather than
# its usage text, which a CLI prints after "Usage").
FAILURE_WORDS = ("error", "not found", "unrecognised", "does not exist", "failed", "invalid")


@dataclass(frozen=True)
class Difference:
    """One output a page shows in version tabs."""

    docname: str
    output: Path  # the primary broker's captured file
    brokers: tuple[tuple[str, str, Path], ...]  # (broker, "same" | "differs" | "fails", file)

    @property
    def anchor(self) -> str:
        return output_anchor(self.output)


class broker_differences(nodes.General, nodes.Element):
    """Where the list goes, filled in once every page has been read."""


def made_from_differences(env: BuildEnvironment) -> set[str]:
    return env.__dict__.setdefault("made_from_broker_differences", set())


class BrokerDifferences(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        made_from_differences(self.env).add(self.env.docname)
        # Read again when a captured output, or what another broker printed, changes.
        names = [lane.name for lane in lanes()]
        for include in all_includes():
            if is_output(include.target) and include.target.is_file():
                self.env.note_dependency(str(include.target))
                for _, _, path in outputs_per_broker(include.target, names):
                    self.env.note_dependency(str(path))
        return [broker_differences()]


def differences(env: BuildEnvironment) -> list[Difference]:
    """Every output shown in version tabs, page by page in reading order, each once per page."""
    names = [lane.name for lane in lanes()]
    found = []
    for docname in in_reading_order(env):
        shown = set()
        for include in includes(Path(env.doc2path(docname))):
            output = include.target
            if not is_output(output) or not output.is_relative_to(SNIPPETS):
                continue
            if output in shown:
                continue  # Shown twice on one page: its first place is enough.
            shown.add(output)
            brokers = outputs_per_broker(output, names)
            if brokers:
                found.append(Difference(docname, output, tuple(brokers)))
    return found


def only_in(these: list[str], those: list[str]) -> list[str]:
    """The lines of ``these`` that ``those`` lacks, in order, whatever order each has them in
    (as listings are compared), blank lines left out."""
    left = Counter(those)
    found = []
    for line in these:
        if left[line]:
            left[line] -= 1
        elif line.strip():
            found.append(line)
    return found


def why_it_fails(lines: list[str]) -> str | None:
    """The line of a failure that says why: one naming an error, else the first of two words or more."""
    worded = [line for line in lines if len(line.split()) > 1]
    return next(
        (line for line in worded if any(word in line.lower() for word in FAILURE_WORDS)),
        next(iter(worded or lines), None),
    )


def shortened(line: str) -> str:
    line = line.strip()
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1] + MORE


def excerpt(line: str) -> nodes.literal:
    return nodes.literal(text=shortened(line))


def how_it_differs(
    primary_broker: str, shown: list[str], broker: str, how: str, printed: list[str]
):
    """One broker's difference, in words and the first line that differs: a paragraph."""
    paragraph = nodes.paragraph()
    verb = "fails" if how == "fails" else "prints something else"
    paragraph += nodes.strong(text=f"RabbitMQ {broker} {verb}")
    added, missing = only_in(printed, shown), only_in(shown, printed)
    if how == "fails":
        line = why_it_fails(added)
        if line:
            paragraph += [nodes.Text(": "), excerpt(line)]
    elif added and missing:
        paragraph += [nodes.Text(": "), excerpt(added[0])]
        paragraph += [nodes.Text(f", where {primary_broker} prints "), excerpt(missing[0])]
    elif added:
        paragraph += [nodes.Text(": also "), excerpt(added[0])]
    elif missing:
        paragraph += [nodes.Text(": not "), excerpt(missing[0])]
    else:
        paragraph += nodes.Text(": the same lines, spaced or ordered otherwise")
    return paragraph


def command_of(env: BuildEnvironment, difference: Difference) -> tuple[str, str | None]:
    """The command whose output it is, as its first line shows it, and the section it is in."""
    for entry in catalogue(env).get(difference.docname, []):
        if entry.output == relative(difference.output):
            lines = [
                line.strip()
                for line in entry.path.read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")
            ]
            if lines:
                first = shortened(lines[0])
                more = f" {MORE}" if len(lines) > 1 and not first.endswith(MORE) else ""
                return first + more, entry.section_title
    return difference.output.name, None


def entry(app: Sphinx, docname: str, difference: Difference) -> nodes.list_item:
    env = app.env
    primary_broker = primary(lanes()).name
    item = nodes.list_item(classes=["broker-difference"])
    command, section = command_of(env, difference)
    where = nodes.paragraph()
    uri = f"{app.builder.get_relative_uri(docname, difference.docname)}#{difference.anchor}"
    link = nodes.reference("", "", internal=True, refuri=uri)
    link += nodes.literal(text=command)
    where += link
    if section and section != env.titles[difference.docname].astext():
        where += nodes.Text(f" ({section})")
    item += where
    shown = difference.output.read_text().splitlines()
    details = nodes.bullet_list()
    for broker, how, path in difference.brokers:
        if how == "same":
            continue
        printed = path.read_text().splitlines()
        details += nodes.list_item("", how_it_differs(primary_broker, shown, broker, how, printed))
    item += details
    return item


def listing(app: Sphinx, docname: str) -> list[nodes.Node]:
    """A section per page, titled with the page's title, an entry per output that differs."""
    sections: list[nodes.Node] = []
    page = None
    for difference in differences(app.env):
        if difference.docname != page:
            page = difference.docname
            title = app.env.titles[page].astext()
            section = nodes.section(
                ids=[section_id(page)],
                names=[nodes.fully_normalize_name(title)],
            )
            section += nodes.title(text=title)
            section += nodes.bullet_list(classes=["broker-difference-list"])
            sections.append(section)
        sections[-1][-1] += entry(app, docname, difference)
    if not sections:
        return [nodes.paragraph(text="Every broker prints what the primary one prints.")]
    return sections


def fill_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(broker_differences)):
        placeholder.replace_self(listing(app, docname))


def section_id(docname: str) -> str:
    return nodes.make_id(f"differences {docname}")


def in_contents(app: Sphinx, env: BuildEnvironment) -> None:
    """Each page's section in the contents of the page that lists them ("on this page", and
    the start page's tables of contents), as if it were in its source.

    Sphinx gathers a page's contents as it reads it, before the pages it is
    made from are all read; once they are, the sections are added, in the
    form Sphinx's own contents have, before any page is written.
    """
    pages = list(dict.fromkeys(difference.docname for difference in differences(env)))
    for docname in made_from_differences(env):
        contents = env.tocs.get(docname)
        top = next(iter(contents.findall(nodes.list_item)), None) if contents else None
        if top is None:
            continue
        entries = [
            nodes.list_item(
                "",
                addnodes.compact_paragraph(
                    "",
                    "",
                    nodes.reference(
                        "",
                        "",
                        nodes.Text(env.titles[page].astext()),
                        internal=True,
                        refuri=docname,
                        anchorname=f"#{section_id(page)}",
                    ),
                ),
            )
            for page in pages
        ]
        # Made again at every build: replace, never add twice.
        top[1:] = [nodes.bullet_list("", *entries)] if entries else []


def forget(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    made_from_differences(env).discard(docname)


def always_current(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """The page gathers every page's outputs: when any page changes, it is written again."""
    if not (added or changed or removed):
        return []
    return sorted(made_from_differences(env) - set(changed))


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    made_from_differences(env).update(made_from_differences(other) & docnames)


def setup(app: Sphinx) -> dict:
    app.setup_extension("snippet_catalogue")
    app.add_node(broker_differences)
    app.add_directive("broker-differences", BrokerDifferences)
    app.connect("doctree-resolved", fill_in)
    app.connect("env-updated", in_contents)
    app.connect("env-purge-doc", forget)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", always_current)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
