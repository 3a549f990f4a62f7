"""setuptools manifests: ``setup.py`` read as a syntax tree (never imported or run) and
``setup.cfg`` read as INI.

In ``setup.py`` the ``install_requires`` and ``extras_require`` arguments of a ``setup(...)``
call are read where the file spells them out: list and tuple literals, their concatenations,
and module-level names bound once to them. Requirements computed at run time (read from a
file, built in a loop) are not judged; the requirements files themselves are scanned.

>>> text = "from setuptools import setup\\nsetup(install_requires=['numpy', 'torch==2'])"
>>> f = parse_setup_py(text, "setup.py")
>>> [(d.shown, d.location.line) for d in f.deps]
[('numpy any version', 2), ('torch==2', 2)]
"""

from __future__ import annotations

import ast
import configparser
import warnings
from collections.abc import Iterator

from secplan.model import Finding, Location
from secplan.scanners.deps.manifests import split_items
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.requirements import requirement_dependency
from secplan.scanners.deps.text import key_line, line_of, table_start

MAX_DEPS = 20_000
_MAX_DEPTH = 8
_KEYWORDS = ("install_requires", "extras_require")


def _module_values(tree: ast.Module) -> dict[str, ast.expr | None]:
    """Module-level names assigned once (``None`` for names assigned more than once)."""
    values: dict[str, ast.expr | None] = {}
    for stmt in tree.body:
        pairs: list[tuple[ast.expr, ast.expr | None]]
        if isinstance(stmt, ast.Assign):
            pairs = [(t, stmt.value) for t in stmt.targets]
        elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
            pairs = [(stmt.target, None if isinstance(stmt, ast.AugAssign) else stmt.value)]
        else:
            continue
        for target, value in pairs:
            if isinstance(target, ast.Name):
                values[target.id] = value if target.id not in values else None
    return values


def _strings(
    node: ast.expr | None, names: dict[str, ast.expr | None], depth: int = 0
) -> Iterator[tuple[str, int]]:
    """The string literals a requirements expression is made of (what can be known)."""
    if node is None or depth > _MAX_DEPTH:
        return
    if isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                yield element.value, element.lineno
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _strings(node.left, names, depth + 1)
        yield from _strings(node.right, names, depth + 1)
    elif isinstance(node, ast.Name):
        yield from _strings(names.get(node.id), names, depth + 1)


def _extras(
    node: ast.expr | None, names: dict[str, ast.expr | None], depth: int = 0
) -> Iterator[tuple[str, tuple[str, int]]]:
    if isinstance(node, ast.Name) and depth <= _MAX_DEPTH:
        yield from _extras(names.get(node.id), names, depth + 1)
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield from ((key.value, s) for s in _strings(value, names))


def _setup_calls(tree: ast.Module) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "setup":
                yield node


def parse_setup_py(text: str, rel: str) -> DependencyFile:
    """Dependencies a ``setup.py`` declares; raises ``ValueError`` when it does not parse."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text, filename=rel)
    except (SyntaxError, RecursionError, MemoryError) as exc:
        raise ValueError(f"not valid Python: {type(exc).__name__}") from exc
    names = _module_values(tree)
    found: list[tuple[str, tuple[str, int]]] = []
    for call in _setup_calls(tree):
        for kw in call.keywords:
            if kw.arg == "install_requires":
                found += [("main", s) for s in _strings(kw.value, names)]
            elif kw.arg == "extras_require":
                found += list(_extras(kw.value, names))
    deps, findings = split_items(
        [
            requirement_dependency(req, Location(path=rel, line=line), group)
            for group, (req, line) in found[:MAX_DEPS]
        ]
    )
    return DependencyFile(
        path=rel, kind=FileKind.MANIFEST, deps=tuple(deps), findings=tuple(findings)
    )


def parse_setup_cfg(text: str, rel: str) -> DependencyFile:
    """``[options] install_requires`` and ``[options.extras_require]`` of a ``setup.cfg``."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    lines = text.splitlines()
    sections = [("options", "install_requires", "main")]
    if parser.has_section("options.extras_require"):
        sections += [("options.extras_require", k, k) for k in parser["options.extras_require"]]
    items: list[Dependency | Finding] = []
    for section, key, group in sections:
        raw = parser.get(section, key, fallback="")
        at = key_line(lines, key, table_start(lines, section)) or 1
        for req in (r.strip() for r in raw.splitlines()):
            if not req or req.startswith("#"):
                continue
            line = line_of(lines, req, start=at - 1)
            items.append(requirement_dependency(req, Location(path=rel, line=line), group))
    deps, findings = split_items(items)
    return DependencyFile(
        path=rel, kind=FileKind.MANIFEST, deps=tuple(deps), findings=tuple(findings)
    )


__all__ = ["parse_setup_cfg", "parse_setup_py"]
