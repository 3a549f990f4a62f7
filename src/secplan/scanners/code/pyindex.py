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
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from secplan.scanners.code.pyresolve import MISSING, Resolver, argument

#: Attributes and names whose mere mention matters (they need no call to do harm).
REF_NAMES = frozenset({"_create_unverified_context"})
#: Last names of deserializers that unpickle whatever they are given, when handed on as
#: functions (``value_deserializer=pickle.loads``).
FN_REF_NAMES = frozenset({"loads", "load", "read_pickle", "unsafe_load", "decode"})
AUTH_KEYWORDS = frozenset({"auth", "dependencies", "auth_dependency", "authentication"})
#: Methods that change a dictionary in place (after them its literal says nothing).
_MUTATORS = frozenset({"update", "pop", "popitem", "setdefault", "clear", "__setitem__"})


_SELF = frozenset({"self", "cls"})
#: Return expressions of at most this many nodes are inlined where their helper is called.
_MAX_INLINE = 64
_SHELL_PROGRAMS = frozenset({"sh", "bash", "zsh", "dash", "ksh"})


@dataclass(slots=True)
class ModuleIndex(Resolver):
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
    shell_strings: list[tuple[ast.JoinedStr, int | None]] = field(default_factory=list)
    auth_qualified: list[ast.Attribute] = field(default_factory=list)
    auth: bool = False
    #: ``urllib3.disable_warnings()`` or a filter on ``InsecureRequestWarning``: the file
    #: silences the warning every unverified request gives.
    silences_tls_warnings: bool = False
    bindings: dict[str, int] = field(default_factory=dict)
    single: dict[str, ast.expr] = field(default_factory=dict)
    mutated: set[str] = field(default_factory=set)
    class_attrs: dict[str, ast.expr] = field(default_factory=dict)
    #: Names bound in a class body (class attributes), and the names the module reads as
    #: attributes (``self.URL``, ``Klass.URL``) or inside a class body (``[URL]``).
    class_targets: set[ast.Name] = field(default_factory=set)
    read_attrs: set[str] = field(default_factory=set)
    attr_bindings: dict[str, int] = field(default_factory=dict)
    keyword_args: set[str] = field(default_factory=set)
    returns: dict[str, ast.expr] = field(default_factory=dict)
    params: dict[str, list[str]] = field(default_factory=dict)
    #: ``pickle.loads`` and the like named without a call (a callback, a table entry).
    fn_refs: list[tuple[ast.expr, int | None]] = field(default_factory=list)
    #: Names whose values come from another module (placed where this module uses them).
    foreign: set[str] = field(default_factory=set)
    #: Keys that make a dictionary literal worth checking (see :data:`DICT_KEYS`).
    dict_keys: frozenset[str] = field(default_factory=lambda: DICT_KEYS)
    #: For each parameter name, the function (by name) it belongs to and its position
    #: (-1: keyword-only); the first definition wins.
    param_positions: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Fields of pydantic ``BaseSettings`` classes with their defaults.
    settings_fields: list[tuple[ast.Name, ast.expr, int | None]] = field(default_factory=list)
    #: parameters of functions with a constant default: ``def f(url="http://...")``
    param_defaults: list[tuple[ast.arg, ast.expr, int | None]] = field(default_factory=list)
    #: The project's configuration files the module names (``"params.yaml"``), as data.
    config_docs: list[object] = field(default_factory=list)
    #: Environment variables that turn trust in a model's own code on, for the ones the
    #: project's configuration files (job, pod and compose definitions, ``.env``) set true:
    #: ``(name, file)``.
    trusted_env: dict[str, str] = field(default_factory=dict)
    #: The trees indexed, by notebook cell (``None``: a module), for the rare check that needs
    #: a call's surroundings.
    trees: dict[int | None, ast.Module] = field(default_factory=dict)

    def add(self, tree: ast.Module, cell: int | None = None) -> None:
        """Index ``tree`` (one module, or one notebook cell) in one pass over its nodes."""
        self.trees[cell] = tree
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
            ast.NamedExpr: self._assign,
            ast.AugAssign: self._changes,
            ast.Delete: self._changes,
            ast.ExceptHandler: self._bind_named,
            ast.MatchAs: self._bind_named,
            ast.MatchStar: self._bind_named,
            ast.MatchMapping: self._bind_named,
            ast.withitem: self._with,
            ast.JoinedStr: self._shell_string,
        }

    def _shell_string(self, node: ast.JoinedStr, cell: int | None) -> None:
        """f-strings that start like a shell command (``bash -c ...``)."""
        head = node.values[0] if node.values else None
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            word = head.value.lstrip().split(" ", 1)[0].rsplit("/", 1)[-1]
            if word in _SHELL_PROGRAMS:
                self.shell_strings.append((node, cell))

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
        self._fn_values(node.args, cell)
        self._fn_values([kw.value for kw in node.keywords], cell)
        for arg in node.args:  # a dictionary handed to a function may come back changed
            if arg.__class__ is ast.Name:
                self.mutated.add(arg.id)
        func = node.func
        if func.__class__ is ast.Attribute and func.attr in _MUTATORS:
            owner = func.value
            if owner.__class__ is ast.Name:
                self.mutated.add(owner.id)
        name = _terminal(func)
        if name == "disable_warnings" or (
            name in ("filterwarnings", "simplefilter")
            and any(_terminal(a) == "InsecureRequestWarning" for a in node.args)
        ):
            self.silences_tls_warnings = True

    def _bind(self, name: str) -> None:
        self.bindings[name] = self.bindings.get(name, 0) + 1

    def _arg(self, node: ast.arg, cell: int | None) -> None:
        self.bound.add(node.arg)
        self._bind(node.arg)

    def _bind_named(self, node: Any, cell: int | None) -> None:
        """``except E as name``, ``case x``, ``case [*rest]``, ``case {**rest}``."""
        name = getattr(node, "name", None) or getattr(node, "rest", None)
        if isinstance(name, str):
            self.bound.add(name)
            self._bind(name)

    def _definition(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, cell: int | None
    ) -> None:
        self.bound.add(node.name)
        self._bind(node.name)
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # the docstring
        if isinstance(node, ast.ClassDef):
            settings = any(
                (b.id if isinstance(b, ast.Name) else getattr(b, "attr", "")) == "BaseSettings"
                for b in node.bases
            )
            for stmt in body:
                if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    self.read_attrs.update(
                        n.id
                        for n in ast.walk(stmt)
                        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                    )
                for target, value in _assignments(stmt):
                    if isinstance(target, ast.Name):
                        self.class_targets.add(target)
                        self.attr_bindings[target.id] = self.attr_bindings.get(target.id, 0) + 1
                        self.class_attrs.setdefault(target.id, value)
                        if settings:
                            self.settings_fields.append((target, value, cell))
        else:
            args = node.args
            for i, a in enumerate((*args.posonlyargs, *args.args)):
                self.param_positions.setdefault(a.arg, (node.name, i))
            for a in args.kwonlyargs:
                self.param_positions.setdefault(a.arg, (node.name, -1))
            positional = (*args.posonlyargs, *args.args)
            pairs = [
                *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
            ]
            kw_pairs = zip(args.kwonlyargs, args.kw_defaults, strict=True)
            pairs += [(a, d) for a, d in kw_pairs if d is not None]
            self.param_defaults += [(a, d, cell) for a, d in pairs if isinstance(d, ast.Constant)]
        if (
            not isinstance(node, ast.ClassDef)
            and len(body) == 1
            and isinstance(body[0], ast.Return)
            and body[0].value is not None
        ):
            self.returns.setdefault(node.name, body[0].value)
            args = node.args
            small = sum(1 for _ in zip(ast.walk(body[0].value), range(_MAX_INLINE), strict=False))
            if small < _MAX_INLINE and not (args.vararg or args.kwarg or args.kwonlyargs):
                self.params.setdefault(node.name, [a.arg for a in (*args.posonlyargs, *args.args)])

    def _with(self, node: ast.withitem, cell: int | None) -> None:
        # ``with Session() as s``: most context managers (clients, files) return themselves
        if isinstance(node.optional_vars, ast.Name) and isinstance(node.context_expr, ast.Call):
            self.single.setdefault(node.optional_vars.id, node.context_expr)

    def _changes(self, node: ast.AugAssign | ast.Delete, cell: int | None) -> None:
        """``d[k] += v``, ``del d[k]``: the dictionary ``d`` no longer is what it was."""
        for target in node.targets if isinstance(node, ast.Delete) else [node.target]:
            self._mutates(target)

    def _mutates(self, target: ast.expr) -> None:
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            self.mutated.add(target.value.id)

    def _name(self, node: ast.Name, cell: int | None) -> None:
        if node.ctx.__class__ is not ast.Load:  # the hottest handler: no calls on the way
            name = node.id
            self.bound.add(name)
            self.bindings[name] = self.bindings.get(name, 0) + 1
        elif node.id in REF_NAMES:
            self.refs.append((node, cell))
        elif node.id in self.auth_names:
            self.auth = True

    def _attribute(self, node: ast.Attribute, cell: int | None) -> None:
        if node.ctx.__class__ is not ast.Load:
            self.attr_bindings[node.attr] = self.attr_bindings.get(node.attr, 0) + 1
            return
        self.read_attrs.add(node.attr)
        if node.attr in REF_NAMES:
            self.refs.append((node, cell))
        elif node.attr in self.auth_names:
            self.auth = True
        elif node.attr in self.auth_attrs:
            self.auth_qualified.append(node)

    def _keyword(self, node: ast.keyword, cell: int | None) -> None:
        if node.arg:  # ``Settings(endpoint=...)`` may replace a class attribute's default
            self.keyword_args.add(node.arg)
            if node.value.__class__ is ast.Name:
                self.mutated.add(node.value.id)  # handed to a function: may come back changed
        if node.arg in AUTH_KEYWORDS and not (
            isinstance(node.value, ast.Constant) and not node.value.value
        ):
            self.auth = True

    def _assign(self, node: ast.Assign | ast.AnnAssign | ast.NamedExpr, cell: int | None) -> None:
        value = node.value
        if value is None:
            return
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        named = isinstance(node, ast.NamedExpr)
        for target in targets:
            if isinstance(target, ast.Name):
                self.single.setdefault(target.id, value)
                if not named and isinstance(value, ast.Constant | ast.Call):
                    self.assigns.append((target, value, cell))
            elif not named and isinstance(target, ast.Attribute | ast.Subscript):
                self._mutates(target)
                self.assigns.append((target, value, cell))
                if isinstance(target, ast.Attribute) and dotted_text(target.value) in _SELF:
                    # ``self.opts = {...}`` in a method: an attribute like a class one
                    self.class_attrs.setdefault(target.attr, value)
            elif isinstance(target, ast.Tuple | ast.List):
                for element in target.elts:
                    self._mutates(element)
            if not named and isinstance(value, ast.Call):
                self.env_candidates.append((target, value))

    def _fn_values(self, values: list[ast.expr], cell: int | None) -> None:
        """Functions handed on as values: arguments of a call, entries of a dictionary."""
        for value in values:
            if _terminal(value) in FN_REF_NAMES:
                self.fn_refs.append((value, cell))

    def _dict(self, node: ast.Dict, cell: int | None) -> None:
        self._fn_values(node.values, cell)
        keys = self.dict_keys
        for key in node.keys:
            if isinstance(key, ast.Constant) and (
                key.value in keys or (isinstance(key.value, str) and _URLISH.search(key.value))
            ):
                self.dicts.append((node, cell))
                return

    def _import(self, node: ast.Import | ast.ImportFrom, cell: int | None) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.imports.append((alias.name, node.lineno, node.col_offset + 1, cell))
                self._bind(alias.asname or alias.name.split(".", 1)[0])
                if alias.asname:
                    self.aliases.setdefault(alias.asname, alias.name)
                else:
                    top = alias.name.split(".", 1)[0]
                    self.aliases.setdefault(top, top)
                self._auth_import(alias.name)
            return
        for alias in node.names:
            self._bind(alias.asname or alias.name)
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

    def uses_module(self, *modules: str) -> bool:
        """Whether the file imports one of ``modules`` (or a submodule of one)."""
        return any(m == top or m.startswith(top + ".") for m, *_ in self.imports for top in modules)

    def function_at(
        self, cell: int | None, line: int
    ) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The innermost function whose body holds ``line`` of the module (or cell)."""
        tree = self.trees.get(cell)
        found: ast.FunctionDef | ast.AsyncFunctionDef | None = None
        for fn in ast.walk(tree) if tree is not None else ():
            if (
                isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                and (fn.lineno <= line <= (fn.end_lineno or fn.lineno))
                and (found is None or fn.lineno >= found.lineno)
            ):
                found = fn
        return found


def parameter_names(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    args = fn.args
    return {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}


def stores(fn: ast.AST, name: str) -> int:
    """How many times ``fn`` assigns ``name``."""
    return sum(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        for n in ast.walk(fn)
    )


#: Keys that make a dictionary literal worth checking: keyword arguments that trust remote
#: code, and container environments that name or trust a Hub model.
DICT_KEYS: frozenset[str] = frozenset(
    {"trust_remote_code", "HF_MODEL_TRUST_REMOTE_CODE", "TRUST_REMOTE_CODE", "HF_MODEL_ID"}
)


def _assignments(stmt: ast.AST) -> list[tuple[ast.expr, ast.expr]]:
    """``(target, value)`` of a plain assignment statement (``a = b = v``, ``a: T = v``)."""
    if isinstance(stmt, ast.Assign):
        return [(t, stmt.value) for t in stmt.targets]
    if isinstance(stmt, ast.AnnAssign | ast.NamedExpr) and stmt.value is not None:
        return [(stmt.target, stmt.value)]
    return []


#: Dictionary keys that may name a server's address (judged by the URL check).
_URLISH = re.compile(r"(?i)ur[li]|endpoint|server|host|address|registry")
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


def has_star_kwargs(call: ast.Call) -> bool:
    return any(kw.arg is None for kw in call.keywords)


__all__ = ["MISSING", "ModuleIndex", "argument", "dotted_text", "has_star_kwargs", "terminal"]
