"""What a name, an attribute or an expression of a module stands for, from what one walk saw.

Resolution is bounded and sound in one direction: it follows a name only where the module
gives it one value (an import, module-level constants that agree, or a name bound exactly
once anywhere: ``opts = {...}`` inside a function counts, a parameter or a loop variable of
the same name anywhere makes it unknown), a dictionary only while nothing changes it
(``d[k] = v``, ``d.update(...)``), and any chain at most :data:`MAX_DEPTH` steps deep, so no
input can make it loop or blow up. What it cannot know stays unknown, and the rules judge
unknowns as the file left them: possibly anything.

>>> import ast
>>> from secplan.scanners.code.pyindex import ModuleIndex
>>> idx = ModuleIndex()
>>> idx.add(ast.parse("import importlib\\nOPTS = dict(shell=True)\\n"
...                   "m = importlib.import_module('pickle')\\nm.loads(b)\\nrun(c, **OPTS)"))
>>> [idx.qualname(c.func) for c, _ in idx.calls][-2:]
['pickle.loads', 'run']
>>> idx.const(idx.arg(idx.calls[-1][0], "shell"))
True
"""

from __future__ import annotations

import ast
import copy
from typing import Any, Final

#: Stand-in for "not a constant the file makes visible".
MISSING: Final = object()
MAX_DEPTH = 8
BUILTIN_CALLS = frozenset({"eval", "exec", "compile"})
_MAX_PREFIX_DEPTH = 32
_IMPORTERS = frozenset({"importlib.import_module"})
_DUNDER_IMPORT = frozenset({"__import__", "builtins.__import__", "importlib.__import__"})


def argument(call: ast.Call, keyword: str, position: int = -1) -> ast.expr | None:
    """The argument passed as ``keyword=`` or at ``position`` (``-1``: keyword only)."""
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if 0 <= position < len(call.args) and not any(
        isinstance(a, ast.Starred) for a in call.args[: position + 1]
    ):
        return call.args[position]
    return None


def dotted_name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def _copy(node: ast.expr) -> ast.expr:
    return copy.deepcopy(node)


class _Substitute(ast.NodeTransformer):
    """Replaces the names of parameters by the expressions passed for them."""

    def __init__(self, given: dict[str, ast.expr]) -> None:
        self.given = given

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.given.get(node.id, node)


class Resolver:
    """Resolution over the tables a :class:`~secplan.scanners.code.pyindex.ModuleIndex` fills."""

    __slots__ = ()
    conventional: dict[str, str]
    aliases: dict[str, str]
    value_aliases: dict[str, list[ast.expr]]
    constants: dict[str, object]
    bound: set[str]
    bindings: dict[str, int]
    single: dict[str, ast.expr]
    mutated: set[str]
    class_attrs: dict[str, ast.expr]
    attr_bindings: dict[str, int]
    keyword_args: set[str]
    returns: dict[str, ast.expr]
    params: dict[str, list[str]]
    foreign: set[str]

    # -- names and callables ----------------------------------------------------------------

    def _single(self, name: str) -> ast.expr | None:
        """The value of a name the module binds exactly once, in a plain assignment."""
        return self.single.get(name) if self.bindings.get(name) == 1 else None

    def resolve_name(self, name: str, depth: int = 0) -> str:
        """The qualified name ``name`` stands for, or ``name`` itself when unknown."""
        if name in self.aliases:
            return self.aliases[name]
        if depth < MAX_DEPTH:
            values = self.value_aliases.get(name)
            value = values[0] if values else self.single.get(name)
            if (
                value is not None
                and (values or self.bindings.get(name) == 1)
                and isinstance(value, ast.Name | ast.Attribute | ast.Call | ast.Subscript)
            ):
                resolved = self.qualname(value, depth + 1)
                if resolved is not None:
                    return resolved
        if name in self.bound:
            return name
        if name in BUILTIN_CALLS:
            return f"builtins.{name}"
        return self.conventional.get(name, name)

    def qualname(self, node: ast.expr, depth: int = 0) -> str | None:
        """``a.b.c`` for a chain of attributes on a name, resolved through imports, single
        assignments, ``getattr(m, "x")``, ``importlib.import_module("m")``, ``__import__``
        and ``sys.modules["m"]``."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            base: str | None = self.resolve_name(node.id, depth)
        elif depth < MAX_DEPTH and isinstance(node, ast.Call):
            base = self._call_target(node, depth + 1)
        elif depth < MAX_DEPTH and isinstance(node, ast.Subscript):
            owner = self.qualname(node.value, depth + 1)
            base = self.str_const(node.slice, depth + 1) if owner == "sys.modules" else None
        else:
            base = None
        if base is None:
            return None
        parts.append("builtins" if base == "__builtins__" else base)
        return ".".join(reversed(parts))

    def _call_target(self, call: ast.Call, depth: int) -> str | None:
        """What ``getattr(...)``, ``import_module(...)`` or ``__import__(...)`` returns."""
        func = self.qualname(call.func, depth)
        args = call.args
        if func == "getattr" and "getattr" not in self.bound and len(args) >= 2:
            owner, attr = self.qualname(args[0], depth), self.str_const(args[1], depth)
            return f"{owner}.{attr}" if owner and attr else None
        if func in _IMPORTERS and args:
            return self.str_const(args[0], depth)
        if func in _DUNDER_IMPORT and args and func not in self.bound:
            module = self.str_const(args[0], depth)
            fromlist = argument(call, "fromlist", 3)
            whole = fromlist is not None and not (
                isinstance(fromlist, ast.Constant) and not fromlist.value
            )
            return module if module is None or whole else module.split(".", 1)[0]
        inlined = self._inline(call)
        return None if inlined is None else self.qualname(inlined, depth + 1)

    def _inline(self, call: ast.Call) -> ast.expr | None:
        """What a call of a one-line helper returns, its parameters replaced by the call's
        arguments: ``_codec("pickle")`` for ``def _codec(n): return import_module(n)`` is
        ``import_module("pickle")``. Methods called on ``self``/``cls`` drop that parameter."""
        func = call.func
        if isinstance(func, ast.Name):
            name, skip = func.id, 0
        elif isinstance(func, ast.Attribute) and dotted_name(func.value) in ("self", "cls"):
            name, skip = func.attr, 1
        else:
            return None
        if self.bindings.get(name) != 1 or name not in self.params:
            return None
        names = self.params[name][skip:]
        if any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) > len(names):
            return None
        given: dict[str, ast.expr] = dict(zip(names, call.args, strict=False))
        for kw in call.keywords:
            if kw.arg is None or kw.arg not in names:
                return None
            given[kw.arg] = kw.value
        inlined = _Substitute(given).visit(_copy(self.returns[name]))
        return inlined if isinstance(inlined, ast.expr) else None

    def qualnames(self, node: ast.expr) -> list[str]:
        """Every qualified name ``node`` may stand for (module-level re-assignments)."""
        if isinstance(node, ast.Name) and node.id not in self.aliases:
            values = self.value_aliases.get(node.id, [])
            found = [q for v in values if (q := self.qualname(v, 1)) is not None]
            if found:
                return found
        q = self.qualname(node)
        return [q] if q is not None else []

    # -- values -----------------------------------------------------------------------------

    def value_of(self, node: ast.expr, depth: int = 0) -> ast.expr | None:
        """The expression a name, a class attribute, a dictionary entry or a call of a
        one-line function stands for (one step), else ``None``."""
        if depth >= MAX_DEPTH:
            return None
        if isinstance(node, ast.Name):
            return self._single(node.id)
        if (
            isinstance(node, ast.Attribute)
            and self.attr_bindings.get(node.attr) == 1
            and node.attr not in self.keyword_args
        ):
            return self.class_attrs.get(node.attr)
        if isinstance(node, ast.Subscript):
            items = self.dict_items(node.value, depth + 1)
            key = self.str_const(node.slice, depth + 1)
            return items[0].get(key) if items is not None and key is not None else None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and not node.args
            and not node.keywords
            and self.bindings.get(node.func.id) == 1
        ):
            return self.returns.get(node.func.id)
        return None

    def const(self, node: ast.expr | None, depth: int = 0) -> object:
        """The constant value of ``node`` (a literal, a module constant, a name bound once,
        a class attribute, an entry of a known dictionary), or :data:`MISSING`."""
        if node is None or depth > MAX_DEPTH:
            return MISSING
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.const(node.operand, depth + 1)
            return MISSING if inner is MISSING else not inner
        value = self.value_of(node, depth)
        return MISSING if value is None else self.const(value, depth + 1)

    def str_const(self, node: ast.expr | None, depth: int = 0) -> str | None:
        value = self.const(node, depth)
        if isinstance(value, str):
            return value
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = (
                self.str_const(node.left, depth + 1),
                self.str_const(node.right, depth + 1),
            )
            if left is not None and right is not None:
                return left + right
        if isinstance(node, ast.JoinedStr):
            text = self._fstring(node, depth)
            return text[0] if text is not None and text[1] else None
        return None

    def _fstring(self, node: ast.JoinedStr, depth: int) -> tuple[str, bool] | None:
        """The text an f-string starts with, and whether that is all of it."""
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text += part.value
                continue
            known = (
                self.str_const(part.value, depth + 1)
                if isinstance(part, ast.FormattedValue)
                and part.format_spec is None
                and part.conversion in (-1, ord("s"))
                else None
            )
            if known is None:
                return text, False
            text += known
        return text, True

    def literal_prefix(self, node: ast.expr | None) -> tuple[str, bool] | None:
        """The literal text a string expression starts with, and whether that is all of it."""
        partial = False
        for _ in range(_MAX_PREFIX_DEPTH):
            if node is None:
                return None
            whole = self.str_const(node)
            if whole is not None:
                return whole, not partial
            if isinstance(node, ast.JoinedStr):
                text = self._fstring(node, 0)
                return None if text is None else (text[0], text[1] and not partial)
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
                node, partial = node.left, True
                continue
            value = self.value_of(node)
            if value is None:
                return None
            node = value
        return None

    def is_constant_text(self, node: ast.expr) -> bool:
        """A literal string (or a list of them), as opposed to anything built at run time."""
        if self.str_const(node) is not None:
            return True
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.str_const(e) is not None for e in node.elts)
        return False

    # -- keyword dictionaries ---------------------------------------------------------------

    def dict_items(self, node: ast.expr, depth: int = 0) -> tuple[dict[str, ast.expr], bool] | None:
        """The entries of a dictionary the module spells out (``{...}``, ``dict(...)``, a
        name bound once to one, ``{**a, ...}``), and whether they are all of its entries."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, ast.Dict):
            return self._merge(zip(node.keys, node.values, strict=True), depth)
        if isinstance(node, ast.Call) and self.qualname(node.func, depth) == "dict":
            if "dict" in self.bound or len(node.args) > 1:
                return None
            pairs: list[tuple[ast.expr | None, ast.expr]] = [(None, a) for a in node.args]
            pairs += [
                (None if k.arg is None else ast.Constant(k.arg), k.value) for k in node.keywords
            ]
            return self._merge(pairs, depth)
        if isinstance(node, ast.Name) and node.id in self.mutated:
            return None
        value = self.value_of(node, depth)
        return None if value is None else self.dict_items(value, depth + 1)

    def _merge(self, pairs: Any, depth: int) -> tuple[dict[str, ast.expr], bool]:
        items: dict[str, ast.expr] = {}
        complete = True
        for key, value in pairs:
            if key is None:
                inner = self.dict_items(value, depth + 1)
                if inner is None:
                    complete = False
                    continue
                items.update(inner[0])
                complete = complete and inner[1]
                continue
            name = self.str_const(key, depth + 1)
            if name is None:
                complete = False
            else:
                items[name] = value
        return items, complete

    def arg(self, call: ast.Call, keyword: str, position: int = -1) -> ast.expr | None:
        """Like :func:`argument`, also looking into ``**kwargs`` the module spells out."""
        node = argument(call, keyword, position)
        if node is not None:
            return node
        for kw in call.keywords:
            if kw.arg is None:
                items = self.dict_items(kw.value)
                if items is not None and keyword in items[0]:
                    return self._here(items[0][keyword], kw.value)
        return None

    def keyword_pairs(self, call: ast.Call) -> list[tuple[str, ast.expr]]:
        """Every ``name=value`` of a call: its own keywords, then the entries of the
        ``**dict`` arguments the module spells out (``requests.get(u, **OPTS)``)."""
        pairs: list[tuple[str, ast.expr]] = []
        for kw in call.keywords:
            if kw.arg:
                pairs.append((kw.arg, kw.value))
            elif (items := self.dict_items(kw.value)) is not None:
                pairs += [(k, self._here(v, kw.value)) for k, v in items[0].items()]
        return pairs

    def _here(self, value: ast.expr, use: ast.expr) -> ast.expr:
        """``value`` placed at ``use`` when it was written in another module."""
        if isinstance(use, ast.Name) and use.id in self.foreign:
            return ast.copy_location(copy.copy(value), use)
        return value

    def open_kwargs(self, call: ast.Call) -> bool:
        """Whether ``**kwargs`` of the call may hold keywords the module does not show."""
        for kw in call.keywords:
            if kw.arg is None:
                items = self.dict_items(kw.value)
                if items is None or not items[1]:
                    return True
        return False


__all__ = ["BUILTIN_CALLS", "MAX_DEPTH", "MISSING", "Resolver", "argument"]
