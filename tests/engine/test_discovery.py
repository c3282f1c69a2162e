"""Discovery finds what each sample page includes, in page order, as Sphinx resolves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.core.captured import captured_output
from verify.core.discovery import (
    Include,
    all_includes,
    includes,
    inline_code,
    pages,
    resolve,
    snippet_files,
    snippet_includes,
)
from verify.run import kinds

PAGE = """\
Queues
======

Declare one:

.. literalinclude:: ../snippets/queues/declare.sh
   :language: bash

.. literalinclude:: ../snippets/queues/declare.out
   :class: snippet-output

Consume in another terminal:

.. literalinclude:: /../snippets/queues/consume.py
   :language: python
   :class: background

Save this program:

.. literalinclude:: ../snippets/queues/emit.py
   :caption: emit.py
   :class: saved

.. literalinclude:: ../snippets/queues/emit.sh

.. literalinclude:: _static/diagram.py

.. literalinclude:: ../snippets/queues/app.js
"""


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path, Path]:
    """docs/queues.rst and the files it includes, in tmp_path."""
    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    (snippets / "queues").mkdir(parents=True)
    (docs / "_static").mkdir(parents=True)
    for name in ("declare.sh", "declare.out", "consume.py", "emit.py", "emit.sh", "app.js"):
        (snippets / "queues" / name).write_text("\n")
    (docs / "_static" / "diagram.py").write_text("\n")
    page = docs / "queues.rst"
    page.write_text(PAGE)
    return page, docs, snippets


def test_includes_are_found_in_page_order_with_their_lines(site):
    page, docs, snippets = site
    found = includes(page, docs, snippets)
    assert [(i.line, i.target) for i in found] == [
        (6, snippets / "queues" / "declare.sh"),
        (9, snippets / "queues" / "declare.out"),
        (14, snippets / "queues" / "consume.py"),
        (20, snippets / "queues" / "emit.py"),
        (24, snippets / "queues" / "emit.sh"),
        (26, docs / "_static" / "diagram.py"),
        (28, snippets / "queues" / "app.js"),
    ]


def test_classes_say_how_the_page_runs_a_snippet(site):
    page, docs, snippets = site
    found = {i.target.name: i for i in includes(page, docs, snippets)}
    assert (found["consume.py"].background, found["consume.py"].saved) == (True, False)
    assert (found["emit.py"].background, found["emit.py"].saved) == (False, True)
    assert (found["declare.sh"].background, found["declare.sh"].saved) == (False, False)
    assert found["declare.out"].classes == {"snippet-output"}


def test_options_end_at_the_first_line_that_is_not_one(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text(
        ".. literalinclude:: a.py\n\n   :class: background\n\n"
        ".. literalinclude:: b.py\n   :class: saved background\n   :language: python\n"
    )
    found = includes(page, tmp_path, tmp_path)
    assert [sorted(i.classes) for i in found] == [[], ["background", "saved"]]


@pytest.mark.parametrize(
    ("page", "target", "expected"),
    [
        # From docs/, as Sphinx reads a path that starts with /.
        ("docs/sub/page.rst", "/../snippets/a.sh", "snippets/a.sh"),
        ("docs/page.rst", "/_static/a.py", "docs/_static/a.py"),
        # From the page's own folder otherwise.
        ("docs/sub/page.rst", "../../snippets/a.sh", "snippets/a.sh"),
        ("docs/sub/page.rst", "a.sh", "docs/sub/a.sh"),
    ],
)
def test_include_paths_resolve_as_sphinx_resolves_them(tmp_path, page, target, expected):
    assert resolve(tmp_path / page, target, tmp_path / "docs") == tmp_path / expected


def test_captured_output_and_files_outside_snippets_are_not_snippets(site):
    page, docs, snippets = site
    shown = [i.target.name for i in includes(page, docs, snippets) if i.is_snippet]
    assert shown == ["declare.sh", "consume.py", "emit.py", "emit.sh", "app.js"]
    assert [i.target.name for i in snippet_includes(docs, snippets)] == shown


def test_only_known_kinds_run(site):
    page, docs, snippets = site
    runs = {i.target.name: kinds.runs(i) for i in includes(page, docs, snippets)}
    assert runs == {
        "declare.sh": True,
        "declare.out": False,
        "consume.py": True,
        "emit.py": True,
        "emit.sh": True,
        "diagram.py": False,
        "app.js": False,
    }


def test_test_ids_name_page_line_and_snippet(site):
    page, docs, snippets = site
    ids = [i.test_id for i in includes(page, docs, snippets)]
    assert ids == [
        "queues:6:queues/declare.sh",
        "queues:9:queues/declare.out",
        "queues:14:queues/consume.py",
        "queues:20:queues/emit.py",
        "queues:24:queues/emit.sh",
        f"queues:26:{docs / '_static' / 'diagram.py'}",
        "queues:28:queues/app.js",
    ]


def test_where_names_the_snippet_and_the_page_line(site):
    page, docs, snippets = site
    consume = includes(page, docs, snippets)[2]
    assert consume.where == f"{snippets / 'queues' / 'consume.py'} (shown on {page}:14)"


def test_pages_and_their_includes_come_in_order(tmp_path):
    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    (docs / "guide").mkdir(parents=True)
    snippets.mkdir()
    (docs / "b.rst").write_text(".. literalinclude:: ../snippets/b.sh\n")
    (docs / "a.rst").write_text(
        ".. literalinclude:: ../snippets/a2.sh\n.. literalinclude:: ../snippets/a1.sh\n"
    )
    (docs / "guide" / "c.rst").write_text(".. literalinclude:: ../../snippets/c.py\n")
    assert pages(docs) == [docs / "a.rst", docs / "b.rst", docs / "guide" / "c.rst"]
    assert [i.target.name for i in all_includes(docs, snippets)] == [
        "a2.sh",
        "a1.sh",
        "b.sh",
        "c.py",
    ]


def test_snippet_files_leave_out_caches(tmp_path):
    (tmp_path / "p" / "__pycache__").mkdir(parents=True)
    (tmp_path / "p" / "send.py").write_text("\n")
    (tmp_path / "p" / "__pycache__" / "send.cpython-311.pyc").write_bytes(b"")
    (tmp_path / "list.sh").write_text("\n")
    assert snippet_files(tmp_path) == [tmp_path / "list.sh", tmp_path / "p" / "send.py"]


def test_captured_output_sits_beside_its_snippet(tmp_path):
    assert captured_output(tmp_path / "list_queues.sh") == tmp_path / "list_queues.out"


INLINE = """\
Title
=====

.. code-block:: python

   print("hello")

.. code:: bash

.. sourcecode:: bash

Run this::

   rabbitmqctl list_queues

::

   literal

.. literalinclude:: ../snippets/a.sh

.. note::

   A note, not code.

.. image:: diagram.png
"""


def test_inline_code_is_found_where_the_page_writes_it(tmp_path):
    page = tmp_path / "page.rst"
    page.write_text(INLINE)
    assert inline_code(page) == [
        (4, ".. code-block:: python"),
        (8, ".. code:: bash"),
        (10, ".. sourcecode:: bash"),
        (12, "Run this::"),
        (16, "::"),
    ]


def test_an_include_is_one_value_per_page_line(site):
    page, docs, snippets = site
    found = includes(page, docs, snippets)[0]
    assert found == Include(page, 6, snippets / "queues" / "declare.sh", frozenset(), snippets)
    assert found != Include(page, 7, snippets / "queues" / "declare.sh", frozenset(), snippets)
