"""Chat templates (Jinja2) checked for template injection by parsing, never rendering.

The template is parsed by Jinja's own parser (the sandboxed environment's, so the syntax is
exactly what a loader accepts) and its syntax tree is walked with the rules of
:class:`jinja2.sandbox.SandboxedEnvironment`: an attribute is unsafe when its name starts
with ``_`` or is one of the sandbox's internal attributes (``gi_frame``, ``mro``, ...).
Values are followed through ``{% set %}`` and string building (``~``, ``+``, ``|join``,
``|replace``, ``|format``, ``|lower``, ``|reverse``), so payloads spelled in pieces are seen
whole. Three things reach Python internals in an unsandboxed renderer:

- an attribute read (``x.__class__``, ``|attr(...)``, ``|map(attribute=...)``) whose name
  the sandbox refuses: critical;
- a subscript: Jinja turns a failed ``x[key]`` into ``getattr(x, key)``, so ``x['__init__']``
  is an attribute read too (critical), and a subscript whose key is a string built at render
  time cannot be proved safe (high);
- the ``cycler``/``joiner``/``lipsum`` globals, whose ``__init__.__globals__`` lead to ``os``
  (high), and ``str.format`` with a format string that reads attributes (critical).

Legitimate chat templates do none of it: they read ``message['role']`` and
``message.content`` with constant keys, index lists with numbers, and call ``namespace``.
"""

from __future__ import annotations

import jinja2
from jinja2 import nodes, sandbox

MAX_TEMPLATE = 1 << 20
#: Globals of Jinja's default environment whose ``__init__.__globals__`` reach modules.
_GLOBALS = frozenset({"cycler", "joiner", "lipsum"})
#: Attribute names the sandbox refuses besides those starting with ``_``.
_INTERNAL = frozenset(
    {"mro"}
    | sandbox.UNSAFE_FUNCTION_ATTRIBUTES
    | sandbox.UNSAFE_METHOD_ATTRIBUTES
    | sandbox.UNSAFE_GENERATOR_ATTRIBUTES
    | sandbox.UNSAFE_COROUTINE_ATTRIBUTES
    | sandbox.UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    | {"func_globals", "func_code", "f_globals", "f_locals", "f_builtins", "tb_frame"}
)
_STRING_FILTERS = frozenset({"join", "replace", "format", "lower", "upper", "reverse", "string"})
#: A string value the template builds at render time: known only in part.
_BUILT = object()


def unsafe_attribute(name: str) -> bool:
    """Whether the sandboxed environment refuses to read the attribute ``name``."""
    return name.startswith("_") or name in _INTERNAL


class _Values:
    """Values of the names a template assigns with ``{% set %}`` (constants and built strings)."""

    def __init__(self, tree: nodes.Template) -> None:
        self.names: dict[str, object] = {}
        for _ in range(3):  # assignments may refer to earlier ones; a few rounds settle it
            for node in tree.find_all(nodes.Assign):
                if isinstance(node.target, nodes.Name):
                    value = self.value(node.node)
                    if value is not None:
                        self.names[node.target.name] = value

    def value(self, node: nodes.Node, depth: int = 0) -> object:
        """A str when the expression is a known string, ``_BUILT`` when it is a string built
        from parts not all known, None when it is not a string operation at all."""
        if depth > 50:
            return _BUILT
        if isinstance(node, nodes.Const):
            return node.value if isinstance(node.value, str) else None
        if isinstance(node, nodes.Name):
            return self.names.get(node.name)
        if isinstance(node, (nodes.Concat, nodes.Add)):
            parts = node.nodes if isinstance(node, nodes.Concat) else [node.left, node.right]
            values = [self.value(p, depth + 1) for p in parts]
            if all(isinstance(v, str) for v in values):
                return "".join(str(v) for v in values)
            if isinstance(node, nodes.Concat) or any(v is not None for v in values):
                return _BUILT
            return None
        if isinstance(node, nodes.Filter) and node.name in _STRING_FILTERS:
            return self._filter(node, depth)
        if isinstance(node, (nodes.List, nodes.Tuple)):
            return None
        return None

    def _filter(self, node: nodes.Filter, depth: int) -> object:
        base = node.node
        if node.name == "join" and isinstance(base, (nodes.List, nodes.Tuple)):
            items = [self.value(i, depth + 1) for i in base.items]
            sep = self.value(node.args[0], depth + 1) if node.args else ""
            if all(isinstance(i, str) for i in items) and isinstance(sep, str):
                return sep.join(str(i) for i in items)
            return _BUILT
        inner = self.value(base, depth + 1) if base is not None else None
        if not isinstance(inner, str):
            return _BUILT
        args = [self.value(a, depth + 1) for a in node.args]
        if node.name == "lower":
            return inner.lower()
        if node.name == "upper":
            return inner.upper()
        if node.name == "reverse":
            return inner[::-1]
        if node.name == "string":
            return inner
        if node.name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
            return inner.replace(str(args[0]), str(args[1]))
        return _BUILT


def template_findings(source: str) -> list[tuple[str, str]]:
    """``(severity word, what)`` pairs: "critical" for reaching internals, "high" for what
    cannot be proved safe, "medium" when the template cannot be analysed."""
    if len(source) > MAX_TEMPLATE:
        return [("medium", f"template of {len(source):,} characters not analysed")]
    try:
        tree = sandbox.SandboxedEnvironment().parse(source)
    except (jinja2.TemplateSyntaxError, RecursionError) as exc:
        return [("medium", f"template does not parse ({type(exc).__name__}): loaders fail")]
    try:
        values = _Values(tree)
        out = [hit for node in tree.find_all(nodes.Expr) if (hit := _node(node, values))]
    except RecursionError:
        return [("medium", "template nests too deeply to be analysed")]
    order = {"critical": 0, "high": 1, "medium": 2}
    return sorted(dict.fromkeys(out), key=lambda f: order[f[0]])


def _node(node: nodes.Node, values: _Values) -> tuple[str, str] | None:
    if isinstance(node, nodes.Getattr) and unsafe_attribute(node.attr):
        return "critical", f"reads the attribute {node.attr!r}"
    if isinstance(node, nodes.Getitem):
        key = values.value(node.arg)
        if isinstance(key, str) and unsafe_attribute(key):
            return "critical", f"reads {key!r} through a subscript (Jinja falls back to getattr)"
        if key is _BUILT:
            return "high", (
                "subscript with a key built at render time, which Jinja may turn "
                "into an attribute read"
            )
    if isinstance(node, nodes.Filter):
        return _filter(node, values)
    if isinstance(node, nodes.Name) and node.name in _GLOBALS and node.ctx == "load":
        return "high", f"uses the global {node.name!r}, whose internals lead to Python modules"
    if (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Getattr)
        and node.node.attr in ("format", "format_map")
    ):
        fmt = values.value(node.node.node)
        if isinstance(fmt, str) and any(f"{c}_" in fmt for c in ".["):
            return "critical", "str.format reads an attribute named in the format string"
    return None


def _filter(node: nodes.Filter, values: _Values) -> tuple[str, str] | None:
    names: list[object] = []
    if node.name == "attr" and node.args:
        names.append(values.value(node.args[0]))
    if node.name in ("map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique"):
        names += [values.value(kw.value) for kw in node.kwargs if kw.key == "attribute"]
        if node.name == "map" and node.args and not node.kwargs:
            names.append(None)  # map('filter name'): a filter, not an attribute
        if node.name in ("selectattr", "rejectattr") and node.args:
            names.append(values.value(node.args[0]))
    for name in names:
        if isinstance(name, str):
            # a dotted attribute path ('a.__class__') is followed item by item
            bad = [p for p in name.split(".") if unsafe_attribute(p)]
            if bad:
                return "critical", f"uses |{node.name} to read the attribute {bad[0]!r}"
        elif name is _BUILT or (node.name == "attr" and name is None):
            return "high", f"uses |{node.name} with an attribute name computed at render time"
    return None
