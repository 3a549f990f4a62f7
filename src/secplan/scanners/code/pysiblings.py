"""Module constants imported from another module of the same project.

``from settings import REQUEST_OPTS`` followed by ``requests.get(u, **REQUEST_OPTS)``: the
dictionary is spelled out in ``settings.py``. For each ``from M import NAME`` at the top
level of a module, where ``M`` is a Python file of the scanned project (found next to the
importing file, in a folder above it up to the project root, or under ``src/``), the value
``NAME`` is bound to once in ``M`` (a literal, a dictionary, ``dict(...)``) is made known to
the importing module. Findings about it are placed where the importing module uses it.
Only one step is followed (what ``M`` itself imports stays unknown); files are parsed, never
imported, within a size limit, and each file once per scan.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from secplan.scanners._base import ScanContext
from secplan.scanners.code.pyindex import ModuleIndex
from secplan.textfile import TooLarge, read_text

MAX_SIBLING_BYTES = 1 << 20
MAX_IMPORTS = 64
_cache: dict[tuple[int, str], tuple[ScanContext, ModuleIndex | None]] = {}
_MAX_CACHE = 512
_NONE = object()
T = TypeVar("T")


def link_siblings(idx: ModuleIndex, tree: ast.Module, relpath: str, ctx: ScanContext) -> None:
    """Make the constants ``tree`` imports from the project's own modules known to ``idx``."""
    used = {  # names given to a call as keyword values or ``**`` dictionaries
        kw.value.id
        for call, _ in idx.calls
        for kw in call.keywords
        if isinstance(kw.value, ast.Name)
    }
    imports = [
        s
        for s in tree.body
        if isinstance(s, ast.ImportFrom)
        and s.module
        and any((a.asname or a.name) in used for a in s.names)
    ]
    for stmt in imports[:MAX_IMPORTS]:
        source = _module_file(ctx.root, relpath, stmt.module or "", stmt.level)
        if source is None:
            continue
        other = _index(ctx, source)
        if other is None:
            continue
        for alias in stmt.names:
            local = alias.asname or alias.name
            if alias.name == "*" or idx.bindings.get(local) != 1:
                continue  # the module binds the name again: its value is not the import's
            value_ = other.constants.get(alias.name, _NONE)
            if isinstance(value_, bool | int | float) or value_ is None:
                # flags (VERIFY_TLS = False); strings (addresses, commands) are reported
                # where they are written, once
                idx.constants[local] = value_
            value = other.single.get(alias.name) if other.bindings.get(alias.name) == 1 else None
            literal = isinstance(value, ast.Dict) or (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "dict"
            )
            if value is not None and literal and alias.name not in other.mutated:
                idx.single[local] = value
                idx.foreign.add(local)


def _module_file(root: Path, relpath: str, module: str, level: int) -> Path | None:
    parts = module.split(".")
    here = (root / relpath).parent
    if level:
        up = [here, *here.parents]
        bases = up[level - 1 : level]
    else:
        bases = [b for b in (here, *here.parents) if b == root or root in b.parents]
        bases.append(root / "src")
    for base in bases:
        for candidate in (
            base.joinpath(*parts, "__init__.py"),
            base.joinpath(*parts[:-1], parts[-1] + ".py"),
        ):
            if project_file(root, candidate):
                return candidate
    return None


def project_file(root: Path, candidate: Path) -> bool:
    """Whether ``candidate`` is a file inside the project (a link out of it does not count)."""
    try:
        return candidate.is_file() and root.resolve() in candidate.resolve().parents
    except (OSError, RuntimeError):
        return False


def per_scan(
    cache: dict[tuple[int, str], tuple[ScanContext, T]],
    ctx: ScanContext,
    path: Path,
    load: Callable[[Path], T],
    limit: int = _MAX_CACHE,
) -> T:
    """``load(path)``, once per scan: ``cache`` keeps the results of the current scan only."""
    key = (id(ctx), str(path))
    cached = cache.get(key)
    if cached is not None and cached[0] is ctx:
        return cached[1]
    if len(cache) > limit:
        cache.clear()
    result = load(path)
    cache[key] = (ctx, result)
    return result


def _index(ctx: ScanContext, path: Path) -> ModuleIndex | None:
    return per_scan(_cache, ctx, path, _read_index)


def _read_index(path: Path) -> ModuleIndex | None:
    from secplan.scanners.code.python import new_index, parse  # python imports this module

    result: ModuleIndex | None = None
    try:
        text: str | None = read_text(path, MAX_SIBLING_BYTES)
    except (TooLarge, OSError, UnicodeDecodeError):
        text = None
    if text is not None:
        tree = parse(text, path.name)
        if not isinstance(tree, str):
            result = new_index()
            result.add(tree)
    return result
