"""The layers, checked by tools rather than goodwill (CI runs this file first).

domain ← storage ← cli / ui: Qt only in app/ui, SQL only in app/storage, no import
cycle anywhere in app/ (function-local imports count), the window's controllers never
import the main window, and one way onto the undo stack.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.paths import APP


def _modules() -> dict[str, Path]:
    mods = {}
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        mods[".".join(parts)] = path
    return mods


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """Every app module ``name`` imports, wherever the import statement stands."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
        for t in targets:
            # a package importing its own submodules is not a cycle of design
            if t in MODULES and t != name and not t.startswith(name + "."):
                found.add(t)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_the_imports():
    assert "app.storage.revisions" in GRAPH["app.storage.history"]
    assert "app.ui.session" in GRAPH["app.ui.mainwindow"]
    assert len(MODULES) > 80


def test_no_import_cycle_anywhere_in_app():
    assert _cycles() == []


def test_domain_imports_no_storage_and_no_ui():
    for name, imported in GRAPH.items():
        if name.startswith("app.domain"):
            assert not {
                m for m in imported if m.startswith(("app.storage", "app.ui", "app.cli"))
            }, name


def test_storage_imports_no_ui_and_no_cli():
    for name, imported in GRAPH.items():
        if name.startswith("app.storage"):
            assert not {m for m in imported if m.startswith(("app.ui", "app.cli"))}, name


def test_controllers_take_the_session_not_the_window():
    importers = {n for n, imported in GRAPH.items() if "app.ui.mainwindow" in imported}
    assert importers == {"app.ui.app"}


def test_one_way_onto_the_undo_stack():
    """Only the session pushes undo commands (or begins a macro)."""
    pushers = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("push", "beginMacro")
                and "undo" in ast.unparse(node.value)
            ):
                pushers.add(name)
    assert pushers == {"app.ui.session"}


def test_importing_domain_and_storage_loads_no_qt():
    """In a fresh interpreter: every module of app.domain and app.storage imported,
    and still no PySide6 and no app.ui; app.domain alone loads no app.storage."""
    names = sorted(n for n in MODULES if n.startswith(("app.domain", "app.storage")))
    domain = sorted(n for n in names if n.startswith("app.domain"))
    code = (
        "import importlib, sys\n"
        f"for n in {domain!r}: importlib.import_module(n)\n"
        "assert not [m for m in sys.modules if m.startswith('app.storage')], 'storage'\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith(('app.ui', 'app.cli'))]\n"
        "assert not bad, bad\n"
        "print('ok', len(sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=APP.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_nothing_reads_outside_the_checkout():
    """No module of the app, the tests or the benchmarks names a path outside the
    checkout (the brief's folder, an absolute home): a fresh clone anywhere runs."""
    outside = ("/work/", "../" + "shared", '"shared"', "'shared'", "/home/")
    allowed = {Path(__file__).resolve()}
    found = []
    for folder in ("app", "tests", "bench"):
        for path in (APP.parent / folder).rglob("*.py"):
            if path.resolve() in allowed or "tests/data/projects" in str(path):
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{path.name}: {o}" for o in outside if o in text]
    assert found == []


def test_every_reliability_case_cited_is_in_the_repository():
    """Cases cited as S10, C05, Q07 … are written down in docs/reliability.md."""
    import re

    doc = (APP.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"\b[SFPQXECO]\d{2}\b", doc))
    cited = set()
    for folder in ("app", "tests", "bench"):
        for path in (APP.parent / folder).rglob("*.py"):
            # a case as prose cites it (C05, S10), not a quoted value ("Q42", a Wikidata id)
            text = path.read_text(encoding="utf-8")
            cited |= set(re.findall(r"(?<![\"'])\b[SFPQXECO]\d{2}\b(?![\"'])", text))
    assert len(cited) > 30
    assert cited - listed == set()
