"""Chat templates (Jinja2) checked for template injection by parsing, never rendering.

The template is parsed into Jinja2's syntax tree; string constants are folded (``'__cla' ~
'ss__'``), so payloads spelled in pieces are seen whole. Reaching underscore attributes, the
``attr`` filter with a dunder name, or the ``cycler``/``joiner``/``lipsum`` globals (whose
``__init__.__globals__`` lead to ``os``) is what every known payload does; legitimate chat
templates do none of it.
"""

from __future__ import annotations

import re

import jinja2
from jinja2 import nodes

_GLOBALS = frozenset(
    {
        "cycler",
        "joiner",
        "lipsum",
        "self",
        "config",
        "request",
        "url_for",
        "get_flashed_messages",
        "range.__class__",
    }
)
_TEXT = re.compile(
    r"__(class|globals|subclasses|builtins|import|mro|base|bases|init|dict|getattribute|"
    r"reduce|reduce_ex|code|func|self)__|\bimport\s+os\b|\bos\.(popen|system)\b|"
    r"\bsubprocess\b|\beval\s*\(|\bexec\s*\(|\\x5f\\x5f|\\u005f\\u005f"
)
MAX_TEMPLATE = 1 << 20


def _const(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (nodes.Concat, nodes.Add)):
        parts = node.nodes if isinstance(node, nodes.Concat) else [node.left, node.right]
        texts = [_const(p) for p in parts]
        return "".join(t for t in texts if t is not None) if None not in texts else None
    return None


def template_findings(source: str) -> list[tuple[str, str]]:
    """``(severity word, what)`` pairs: "critical" for reaching internals, "high" for the
    suspicious globals or text of a payload, "medium" when the template does not parse."""
    if len(source) > MAX_TEMPLATE:
        return [("medium", f"template of {len(source):,} characters not analysed")]
    out: list[tuple[str, str]] = []
    try:
        tree = jinja2.Environment(autoescape=False).parse(source)  # noqa: S701 (never rendered)
    except (jinja2.TemplateSyntaxError, RecursionError) as exc:
        out.append(("medium", f"template does not parse ({type(exc).__name__}): loaders fail"))
        tree = None
    if tree is not None:
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)):
            hit = _node(node)
            if hit:
                out.append(hit)
    m = _TEXT.search(source)
    if m and not any(s == "critical" for s, _ in out):
        out.append(("high", f"template text contains {m.group(0)!r}"))
    return list(dict.fromkeys(out))


def _node(node: nodes.Node) -> tuple[str, str] | None:
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        return "critical", f"reads the attribute {node.attr!r}"
    if isinstance(node, nodes.Getitem):
        key = _const(node.arg)
        if key is not None and key.startswith("_"):
            return "critical", f"reads the item {key!r}"
    if isinstance(node, nodes.Filter) and node.name in ("attr", "map") and node.args:
        key = _const(node.args[0])
        if key is not None and key.startswith("_"):
            return "critical", f"uses |{node.name}({key!r})"
        if node.name == "attr" and key is None:
            return "high", "uses |attr with a computed name"
    if isinstance(node, nodes.Name) and node.name in _GLOBALS and node.ctx == "load":
        return "high", f"uses the global {node.name!r}"
    return None
