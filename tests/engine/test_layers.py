"""The engine's layers, read from each module's imports: what may import what.

verify/core/ is read by the Sphinx extensions and, with what the noxfile
imports, by nox in its own environment: there only the standard library is
installed. Only the pytest layer, verify/suite/, imports pytest.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from verify.core.layout import DOCS, ROOT
from verify.core.layout import relative as rel

ENGINE = ROOT / "verify"
# What nox and Sphinx run outside the environments the project is installed in.
OUTSIDE_THE_RUN = [ROOT / "noxfile.py", DOCS / "conf.py", *sorted((DOCS / "_ext").glob("*.py"))]
PYTEST = {"pytest", "_pytest"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(path): path
    for path in sorted(ENGINE.rglob("*.py"))
    if "print_hook" not in path.parts  # runs inside a reader's program, not the engine
}


def at_import_time(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes that run when the module is imported: not the bodies of its functions,
    where a module imports what only that function needs (python_lint from the Python kind)."""
    for node in ast.iter_child_nodes(tree):
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from at_import_time(node)


def imports(path: Path) -> list[tuple[int, str]]:
    """Each module the file imports, by line: ``from x import y`` is x.y where that is a module."""
    package = ""  # for a relative import: the package the file is in
    if path.is_relative_to(ENGINE):
        package = module_name(path if path.name == "__init__.py" else path.parent)
    found = []
    for node in at_import_time(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}".rstrip(".")
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append((node.lineno, submodule if submodule in MODULES else base))
    return sorted({(line, name) for line, name in found if name != "__future__"})


def engine_modules_imported_by(paths: list[Path]) -> set[str]:
    """The engine's modules these files import, and those these import, and so on."""
    wanted = [name for path in paths for _, name in imports(path) if name in MODULES]
    seen: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name not in seen:
            seen.add(name)
            wanted += [imported for _, imported in imports(MODULES[name]) if imported in MODULES]
    return seen


STANDARD_LIBRARY_ONLY = sorted(
    {name for name in MODULES if name.startswith("verify.core")}
    | engine_modules_imported_by(OUTSIDE_THE_RUN)
)


def not_standard(name: str) -> bool:
    top = name.partition(".")[0]
    return top not in sys.stdlib_module_names and top != "verify"


@pytest.mark.parametrize("module", STANDARD_LIBRARY_ONLY)
def test_what_sphinx_and_nox_read_needs_only_the_standard_library(module):
    path = MODULES[module]
    wrong = [
        f"{rel(path)}:{line}: import {name}" for line, name in imports(path) if not_standard(name)
    ]
    assert not wrong, (
        f"{module} is read by the Sphinx build or the noxfile, which have only the standard "
        "library and `verify`; move what needs more up a layer:\n  " + "\n  ".join(wrong)
    )


@pytest.mark.parametrize(
    "module", [name for name in MODULES if not name.startswith("verify.suite")]
)
def test_only_the_pytest_layer_imports_pytest(module):
    path = MODULES[module]
    wrong = [
        f"{rel(path)}:{line}: import {name}"
        for line, name in imports(path)
        if name.partition(".")[0] in PYTEST
    ]
    assert not wrong, (
        f"{module} imports pytest, which only verify/suite/ may: raise the engine's own "
        "SnippetFailed (verify/run/failures.py) instead:\n  " + "\n  ".join(wrong)
    )


# The engine's layers, lowest first: a module imports from its own layer and
# those below it, never above, so that each layer can be read (and tested)
# without those built on it.
LAYERS = ["core", "isolation", "broker", "run", "suite", "preview"]
# The two top layers are side by side: neither imports the other.
SIDE_BY_SIDE = {"suite": "preview", "preview": "suite"}


def layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


@pytest.mark.parametrize("module", [name for name in MODULES if layer(name) in LAYERS])
def test_a_layer_imports_only_from_itself_and_the_layers_below(module):
    own = layer(module)
    wrong = [
        f"{rel(MODULES[module])}:{line}: import {name} (verify/{layer(name)}/)"
        for line, name in imports(MODULES[module])
        if name in MODULES
        and layer(name) in LAYERS
        and (LAYERS.index(layer(name)) > LAYERS.index(own) or SIDE_BY_SIDE.get(own) == layer(name))
    ]
    assert not wrong, (
        f"{module} (verify/{own}/) imports from a layer above it ({' < '.join(LAYERS)}): "
        "move what both need down a layer:\n  " + "\n  ".join(wrong)
    )
