"""One walk over a Python syntax tree that collects what every Python rule needs.

The walk records imports and aliases, module-level constants, the names a file binds, every
call, the assignments and dictionaries some rules look at, and whether the file shows signs
of authentication. Names are resolved afterwards, so an import below its first use (or in
another notebook cell) still counts. Nothing is imported or run: the tree comes from
:func:`ast.parse` of the text.

>>> import ast
>>> idx = ModuleIndex()
>>> idx.add(ast.parse("import torch.hub as h\\nfrom pickle import loads as L\\nh.load(0)\\nL(x)"))
>>> [idx.qualname(c.func) for c, _ in idx.calls]
['torch.hub.load', 'pickle.loads']
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

#: Stand-in for "not a constant the file makes visible".
MISSING: Final = object()
BUILTIN_CALLS = frozenset({"eval", "exec", "compile"})
#: Attributes and names whose mere mention matters (they need no call to do harm).
REF_NAMES = frozenset({"_create_unverified_context"})
AUTH_KEYWORDS = frozenset({"auth", "dependencies", "auth_dependency", "authentication"})
_MAX_ALIAS_DEPTH = 8
_MAX_PREFIX_DEPTH = 32


@dataclass(slots=True)
class ModuleIndex:
    """What one walk saw in a module (or in all the cells of a notebook)."""

    conventional: dict[str, str] = field(default_factory=dict)
    auth_imports: tuple[str, ...] = ()
    auth_names: frozenset[str] = frozenset()
    auth_qualnames: frozenset[str] = frozenset()
    auth_attrs: frozenset[str] = frozenset()
    aliases: dict[str, str] = field(default_factory=dict)
    value_aliases: dict[str, list[ast.expr]] = field(default_factory=dict)
    constants: dict[str, object] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    bound: set[str] = field(default_factory=set)
    calls: list[tuple[ast.Call, int | None]] = field(default_factory=list)
    assigns: list[tuple[ast.expr, ast.expr, int | None]] = field(default_factory=list)
    dicts: list[tuple[ast.Dict, int | None]] = field(default_factory=list)
    refs: list[tuple[ast.expr, int | None]] = field(default_factory=list)
    imports: list[tuple[str, int, int, int | None]] = field(default_factory=list)
    env_candidates: list[tuple[ast.expr, ast.Call]] = field(default_factory=list)
    auth_qualified: list[ast.Attribute] = field(default_factory=list)
    auth: bool = False

    def add(self, tree: ast.Module, cell: int | None = None) -> None:
        """Index ``tree`` (one module, or one notebook cell) in one pass over its nodes."""
        self._module_level(tree.body)
        handler = self._handlers().get
        fields = _CHILD_FIELDS
        stack: list[ast.AST] = [tree]
        pop, push = stack.pop, stack.append
        while stack:
            node = pop()
            kind = type(node)
            visit = handler(kind)
            if visit is not None:
                visit(node, cell)
            names = fields.get(kind)
            if names is None:
                names = fields[kind] = tuple(f for f in kind._fields if f not in _SKIPPED_FIELDS)
            for name in reversed(names):  # pushed backwards, so nodes come in source order
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in reversed(value):
                        if isinstance(item, ast.AST):
                            push(item)
                elif isinstance(value, ast.AST):
                    push(value)

    def _handlers(self) -> dict[type, Callable[[Any, int | None], None]]:
        return {
            ast.Call: self._call,
            ast.Name: self._name,
            ast.Attribute: self._attribute,
            ast.keyword: self._keyword,
            ast.arg: self._arg,
            ast.Assign: self._assign,
            ast.AnnAssign: self._assign,
            ast.Dict: self._dict,
            ast.Import: self._import,
            ast.ImportFrom: self._import,
            ast.FunctionDef: self._definition,
            ast.AsyncFunctionDef: self._definition,
            ast.ClassDef: self._definition,
        }

    # -- collection -------------------------------------------------------------------------

    def _module_level(self, body: Iterable[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                target, value = stmt.targets[0], stmt.value
            elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
                target, value = stmt.target, stmt.value
            elif isinstance(stmt, ast.If | ast.Try):
                self._module_level([*stmt.body, *stmt.orelse])
                for handler in getattr(stmt, "handlers", ()):
                    self._module_level(handler.body)
                continue
            else:
                continue
            if not isinstance(target, ast.Name):
                continue
            name = target.id
            if isinstance(value, ast.Constant):
                self._constant(name, value.value)
            elif isinstance(value, ast.Name | ast.Attribute):
                self.value_aliases.setdefault(name, []).append(value)

    def _constant(self, name: str, value: object) -> None:
        if name in self.ambiguous:
            return
        if name in self.constants and self.constants[name] != value:
            del self.constants[name]
            self.ambiguous.add(name)
            return
        self.constants[name] = value

    def _call(self, node: ast.Call, cell: int | None) -> None:
        self.calls.append((node, cell))

    def _arg(self, node: ast.arg, cell: int | None) -> None:
        self.bound.add(node.arg)

    def _definition(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, cell: int | None
    ) -> None:
        self.bound.add(node.name)

    def _name(self, node: ast.Name, cell: int | None) -> None:
        if isinstance(node.ctx, ast.Store):
            self.bound.add(node.id)
        elif node.id in REF_NAMES:
            self.refs.append((node, cell))
        elif node.id in self.auth_names:
            self.auth = True

    def _attribute(self, node: ast.Attribute, cell: int | None) -> None:
        if node.attr in REF_NAMES:
            self.refs.append((node, cell))
        elif node.attr in self.auth_names:
            self.auth = True
        elif node.attr in self.auth_attrs:
            self.auth_qualified.append(node)

    def _keyword(self, node: ast.keyword, cell: int | None) -> None:
        if node.arg in AUTH_KEYWORDS and not (
            isinstance(node.value, ast.Constant) and not node.value.value
        ):
            self.auth = True

    def _assign(self, node: ast.Assign | ast.AnnAssign, cell: int | None) -> None:
        if node.value is None:
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute | ast.Subscript):
                self.assigns.append((target, node.value, cell))
            if isinstance(node.value, ast.Call):
                self.env_candidates.append((target, node.value))

    def _dict(self, node: ast.Dict, cell: int | None) -> None:
        for key in node.keys:
            if isinstance(key, ast.Constant) and key.value == "trust_remote_code":
                self.dicts.append((node, cell))
                return

    def _import(self, node: ast.Import | ast.ImportFrom, cell: int | None) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.imports.append((alias.name, node.lineno, node.col_offset + 1, cell))
                if alias.asname:
                    self.aliases.setdefault(alias.asname, alias.name)
                else:
                    top = alias.name.split(".", 1)[0]
                    self.aliases.setdefault(top, top)
                self._auth_import(alias.name)
            return
        if node.level or not node.module:
            for alias in node.names:
                self.bound.add(alias.asname or alias.name)
            return
        self.imports.append((node.module, node.lineno, node.col_offset + 1, cell))
        self._auth_import(node.module)
        for alias in node.names:
            if alias.name == "*":
                continue
            full = f"{node.module}.{alias.name}"
            self.aliases.setdefault(alias.asname or alias.name, full)
            self._auth_import(full)
            if alias.name in self.auth_names:
                self.auth = True

    def _auth_import(self, module: str) -> None:
        for prefix in self.auth_imports:
            if module == prefix or module.startswith(prefix + "."):
                self.auth = True
                return

    # -- resolution -------------------------------------------------------------------------

    def authenticates(self) -> bool:
        """Whether the file shows any sign of authenticating its users."""
        return self.auth or any(
            self.qualname(n) in self.auth_qualnames for n in self.auth_qualified
        )

    def resolve_name(self, name: str, depth: int = 0) -> str:
        """The qualified name ``name`` stands for, or ``name`` itself when unknown."""
        if name in self.aliases:
            return self.aliases[name]
        values = self.value_aliases.get(name)
        if values and depth < _MAX_ALIAS_DEPTH and name not in self.aliases:
            resolved = self.qualname(values[0], depth + 1)
            if resolved is not None:
                return resolved
        if name in self.bound:
            return name
        if name in BUILTIN_CALLS:
            return f"builtins.{name}"
        return self.conventional.get(name, name)

    def qualname(self, node: ast.expr, depth: int = 0) -> str | None:
        """``a.b.c`` for a chain of attributes on a name, resolved through imports."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.resolve_name(node.id, depth))
        return ".".join(reversed(parts))

    def qualnames(self, node: ast.expr) -> list[str]:
        """Every qualified name ``node`` may stand for (module-level re-assignments)."""
        if isinstance(node, ast.Name) and node.id not in self.aliases:
            values = self.value_aliases.get(node.id, [])
            found = [q for v in values if (q := self.qualname(v, 1)) is not None]
            if found:
                return found
        q = self.qualname(node)
        return [q] if q is not None else []

    def const(self, node: ast.expr | None) -> object:
        """The constant value of ``node`` (a literal or a module-level constant), or MISSING."""
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.const(node.operand)
            return MISSING if inner is MISSING else not inner
        return MISSING

    def str_const(self, node: ast.expr | None) -> str | None:
        value = self.const(node)
        if isinstance(value, str):
            return value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.str_const(node.left), self.str_const(node.right)
            if left is not None and right is not None:
                return left + right
        return None

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
                text = ""
                for part in node.values:
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        text += part.value
                    else:
                        return text, False
                return text, not partial
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
                node, partial = node.left, True
                continue
            return None
        return None

    def is_constant_text(self, node: ast.expr) -> bool:
        """A literal string (or a list of them), as opposed to anything built at run time."""
        if self.str_const(node) is not None:
            return True
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.str_const(e) is not None for e in node.elts)
        return False

    def uses_module(self, *modules: str) -> bool:
        """Whether the file imports one of ``modules`` (or a submodule of one)."""
        return any(m == top or m.startswith(top + ".") for m, *_ in self.imports for top in modules)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_SKIPPED_FIELDS = frozenset({"ctx", "type_comment", "kind"})


def _terminal(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def terminal(node: ast.expr) -> str:
    """The last name of a callee: ``load`` for ``torch.load``, ``from_string`` for ``e.f()``."""
    return _terminal(node)


def dotted_text(node: ast.expr) -> str:
    """``self.env`` for an attribute chain on a name; ``""`` for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


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


def has_star_kwargs(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)
