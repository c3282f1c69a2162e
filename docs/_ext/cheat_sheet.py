"""The cheat sheet: everyday tasks, one row each, every row drawn from a snippet the pages run.

``.. cheat:: Add a user`` with ``:snippet: users/add_user.sh`` becomes a row:
the task, linked to the section whose snippet it draws on; the command as a
reader types it; and, with ``:output: N``, the first N lines that snippet
printed on the primary broker (the verified run's, where the build has its
record). The row shows the snippet's own lines, or, in the directive's body,
a part of them in which ``<user>`` may stand for a name the snippet used
(``alice``): the build fails when the body is not in the snippet, so no row
can show a command that did not run.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from snippet_catalogue import (
    borrowed_snippets,
    made_from_catalogue,
    printed_by_primary,
    where_shown,
)
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from verify.core.captured import captured_output
from verify.core.layout import OUTPUT_CLASS, SNIPPETS, relative
from verify.run.kinds import known

# <user>, <vhost>: what the reader puts in, where the snippet had a name of its own.
PLACEHOLDER = re.compile(r"<[a-z][a-z-]*>")
# A comment: a line of its own, or the end of one after two spaces.
COMMENT = re.compile(r"(^\s*#.*$)|(\s{2,}#\s.*$)", re.MULTILINE)


def code_lines(text: str) -> str:
    """A snippet's text without its comments and blank lines: what a row may show."""
    lines = COMMENT.sub("", text).splitlines()
    return "\n".join(line.rstrip() for line in lines if line.strip())


def compact(text: str) -> str:
    """The text with no layout: no line continued with a backslash, one space between words,
    none around brackets, commas, = and |, and no trailing comma before a closing bracket."""
    text = re.sub(r"\s+", " ", re.sub(r"\\\n", " ", text)).strip()
    text = re.sub(r" ?([()\[\]{},=|]) ?", r"\1", text)
    return re.sub(r",([)\]}])", r"\1", text)


def is_part_of(shown: str, snippet: str) -> bool:
    """Whether `shown` is in `snippet`, laid out as it may be, each <placeholder> one name."""
    pieces = PLACEHOLDER.split(compact(shown))
    pattern = r"[^\s'\"]+".join(re.escape(piece) for piece in pieces)
    # Whole words: `rabbitmqctl status` is not part of `rabbitmqctl status_x`.
    if re.match(r"[\w-]", shown):
        pattern = rf"(?<![\w.-]){pattern}"
    if re.search(r"[\w-]$", shown.rstrip()):
        pattern = rf"{pattern}(?![\w-])"
    return re.search(pattern, compact(code_lines(snippet))) is not None


class cheat_row(nodes.General, nodes.Element):
    """A row, its link to the section and its output filled in once every page has been read."""


class Cheat(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"snippet": directives.unchanged_required, "output": directives.nonnegative_int}

    def run(self) -> list[nodes.Node]:
        path = (SNIPPETS / self.options["snippet"]).resolve()
        if not path.is_file() or not path.is_relative_to(SNIPPETS):
            raise self.error(f"no snippet {relative(path)}")
        self.env.note_dependency(str(path))
        snippet = path.read_text()
        shown = "\n".join(self.content).strip() or code_lines(snippet)
        if not is_part_of(shown, snippet):
            raise self.error(f"this row's code is not in {relative(path)}:\n{shown}")
        made_from_catalogue(self.env).add(self.env.docname)
        borrowed_snippets(self.env).setdefault(self.env.docname, set()).add(relative(path))
        row = cheat_row(snippet=relative(path), lines=self.options.get("output", 0))
        row.line = self.lineno
        task = nodes.paragraph(classes=["cheat-task"])
        words, problems = self.state.inline_text(self.arguments[0], self.lineno)
        task += words
        task += problems
        kind = known(path)
        code = nodes.literal_block(shown, shown, language=kind.language if kind else "text")
        row += [task, code]
        return [row]


def fill_in(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Link each row's task to where its snippet is shown, and add the lines it printed."""
    for row in list(doctree.findall(cheat_row)):
        snippet = row["snippet"]
        shown = where_shown(app.env, snippet)  # check_rows made sure there is one
        task = row.children[0]
        link = nodes.reference(
            "",
            "",
            internal=True,
            refuri=f"{app.builder.get_relative_uri(docname, shown.docname)}#{shown.section_id}",
            reftitle=shown.section_title,
        )
        link += task.children
        task.children = []
        task += link
        box = nodes.container(classes=["cheat"])
        box += row.children
        if row["lines"]:
            printed = printed_by_primary(app, relative(captured_output(SNIPPETS.parent / snippet)))
            lines = (printed or "").splitlines()[: row["lines"]]
            text = "\n".join(lines)
            box += nodes.literal_block(text, text, language="text", classes=[OUTPUT_CLASS])
        row.replace_self(box)


def check_rows(app: Sphinx, env) -> None:
    """Every row draws on a snippet a page shows (so it ran), and shows output only where it printed some."""
    problems = []
    for docname in sorted(borrowed_snippets(env)):
        doctree = env.get_doctree(docname)
        for row in doctree.findall(cheat_row):
            where = f"{env.doc2path(docname)}:{row.line}"
            if where_shown(env, row["snippet"]) is None:
                problems.append(f"{where}: no page shows {row['snippet']}, so it never ran")
            if row["lines"] and not captured_output(SNIPPETS.parent / row["snippet"]).is_file():
                problems.append(f"{where}: {row['snippet']} printed nothing to show")
    if problems:
        raise ExtensionError("\n".join(problems))


def setup(app: Sphinx) -> dict:
    app.setup_extension("snippet_catalogue")
    app.add_node(cheat_row)
    app.add_directive("cheat", Cheat)
    app.connect("env-check-consistency", check_rows)
    app.connect("doctree-resolved", fill_in)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
