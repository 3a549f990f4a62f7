"""The analyzer's package shape: no import cycles, handlers reached through the registry only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import secplan.modelfile

PACKAGE = "secplan.modelfile"
ROOT = Path(secplan.modelfile.__file__).parent


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """Every module of the package that ``path`` imports, at any level (functions and
    ``TYPE_CHECKING`` blocks included). ``from pkg import mod`` depends on ``pkg.mod``; a
    package's ``__init__`` only when a name is taken from it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_pkg = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_pkg else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.add(sub if sub in modules else base)
    return {m for m in found if m in modules and m != name}


def graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports."""
    paths = {_module_name(p): p for p in ROOT.rglob("*.py")}
    return {name: _imports(path, name, set(paths)) for name, path in paths.items()}


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(edges[n]):
            if state.get(m) == 1:
                return [*stack[stack.index(m) :], m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(edges):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_import_cycle_inside_the_analyzer() -> None:
    cycle = _cycle(graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_check_sees_function_level_imports(tmp_path: Path) -> None:
    edges = {"a": {"b"}, "b": {"a"}}
    assert _cycle(edges) == ["a", "b", "a"]
    mod = tmp_path / "m.py"
    mod.write_text("def f():\n    from secplan.modelfile import dispatch\n")
    known = {"secplan.modelfile", "secplan.modelfile.dispatch"}
    assert _imports(mod, "secplan.modelfile.m", known) == {"secplan.modelfile.dispatch"}


def test_handlers_and_dispatcher_meet_only_in_the_registry() -> None:
    edges = graph()
    handlers = {m for m in edges if m.startswith(f"{PACKAGE}.handlers.")}
    assert handlers, "no handler modules found"
    assert not edges[f"{PACKAGE}.dispatch"] & handlers
    for h in handlers:
        assert f"{PACKAGE}.dispatch" not in edges[h], h
        assert f"{PACKAGE}.api" not in edges[h], h


def test_the_analyzer_needs_nothing_from_the_scanner_layer() -> None:
    outside = ("secplan.scanners", "secplan.engine", "secplan.cli", "secplan.sniff")
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not [n for n in names if n.startswith(outside)], path


def test_discovery_reads_the_format_table_without_loading_the_analyzer() -> None:
    code = (
        "import sys, secplan.sniff; "
        "print(sorted(m for m in sys.modules if m.startswith('secplan.modelfile')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(out.stdout))
    assert "secplan.modelfile.formats" in loaded
    assert not loaded & {"secplan.modelfile.dispatch", "secplan.modelfile.policy"}
