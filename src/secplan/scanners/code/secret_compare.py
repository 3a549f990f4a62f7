"""Passwords written as the value a login is compared with (CD208).

``if password == "Ch4inl1t-Adm1n!"`` or ``if (user, password) == ("admin", "...")``: the
check itself holds the credential, so whoever reads the code can log in. The module's
syntax tree is walked, never run; a name is a password's when it says so (``password``,
``passwd``, ``pwd``), and the literal must look like one, as for assignments. Tokens and
keys compared with a constant are left alone: that is how code tells special values apart
(``token == "<pad>"``).

>>> src = 'if (user, password) == ("admin", "Ch4inl1t-Adm1n!"):\\n    ok()\\n'
>>> [(line, name) for line, name, _ in compared_secrets(ast.parse(src))]
[(1, 'password')]
>>> list(compared_secrets(ast.parse('if password == "":\\n    deny()\\n')))
[]
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from secplan.scanners.code.pyindex import terminal
from secplan.scanners.code.secret_generic import literal_secret, secret_name_kind

MAX_COMPARISONS = 10_000


def compared_secrets(tree: ast.AST) -> Iterator[tuple[int, str, str]]:
    """``(line, name, value)`` of each credential-named value compared with a literal."""
    count = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            continue
        if not isinstance(node.ops[0], ast.Eq | ast.NotEq):
            continue
        count += 1
        if count > MAX_COMPARISONS:
            return
        for named, other in _pairs(node.left, node.comparators[0]):
            name = terminal(named) if isinstance(named, ast.Name | ast.Attribute) else None
            if not name or not isinstance(other, ast.Constant):
                continue
            if secret_name_kind(name) != "password":
                continue
            if isinstance(other.value, str) and literal_secret(name, other.value):
                yield other.lineno, name, other.value


def _pairs(left: ast.expr, right: ast.expr) -> Iterator[tuple[ast.expr, ast.expr]]:
    """The sides compared, element by element for two tuples of the same length."""
    if isinstance(left, ast.Tuple) and isinstance(right, ast.Tuple):
        if len(left.elts) == len(right.elts):
            for a, b in zip(left.elts, right.elts, strict=True):
                yield from ((a, b), (b, a))
        return
    yield from ((left, right), (right, left))
