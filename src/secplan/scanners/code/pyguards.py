"""Whether a test dominates a call: ``eval(s) if s.isdigit() else s``.

A string for which ``str.isdigit()``, ``isnumeric()`` or ``isdecimal()`` holds is made of
digits only, and ``eval`` of digits gives a number or a syntax error: it cannot run code. The
test counts only where it dominates the call, that is where every path to the call passes
through it with the test true and the tested value unchanged since:

- the call sits in the branch the test selects (``if s.isdigit(): eval(s)``, the true arm
  of ``x if s.isdigit() else y``, ``s.isdigit() and eval(s)``, ``else`` after
  ``if not s.isdigit()``, a comprehension's ``if s.isdigit()``);
- or an earlier statement of an enclosing block leaves when the test fails
  (``if not s.isdigit(): raise ValueError(s)``).

Any assignment to the value between the test and the call, a loop around the call that
assigns it, or a function boundary in between, and the test no longer counts. Only names and
attribute chains (``s``, ``self.source``) are followed.

The same walk tells, through :func:`contradicted`, when a dominating test
(``init_from.startswith("gpt2")``, ``name == "x"``) rules out the value a name was given
above the call: a configuration step replaced it, and a message must not name it.

>>> import ast
>>> tree = ast.parse("def f(s):\\n    return eval(s) if s.isnumeric() else s\\n")
>>> call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args)
>>> numeric_guarded(tree, call, "s")
True
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

from secplan.scanners.code.pyindex import dotted_text

#: ``str`` methods that hold only for strings of digits.
NUMERIC_TESTS = frozenset({"isdigit", "isnumeric", "isdecimal"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_EXITS = (ast.Raise, ast.Return, ast.Continue, ast.Break)
_BLOCKS = ("body", "orelse", "finalbody")


def numeric_guarded(tree: ast.AST, call: ast.Call, key: str) -> bool:
    """Whether, in ``tree``, a numeric test of ``key`` (``s``, ``self.s``) dominates ``call``."""
    return dominated(tree, call, key, lambda t: _numeric_test(t, key))


def contradicted(tree: ast.AST, call: ast.Call, key: str, value: str) -> bool:
    """Whether a test that dominates ``call`` rules out that ``key`` holds ``value`` there:
    ``elif init_from.startswith("gpt2"): load(init_from)`` with ``init_from = "resume"``
    written above (the value a configuration step replaces)."""
    return dominated(tree, call, key, lambda t: _value_test(t, key, value) is False)


Test = Callable[[ast.expr], bool]


def _numeric_test(test: ast.expr, key: str) -> bool:
    return (
        isinstance(test, ast.Call)
        and not test.args
        and not test.keywords
        and isinstance(test.func, ast.Attribute)
        and test.func.attr in NUMERIC_TESTS
        and dotted_text(test.func.value) == key
    )


def _value_test(test: ast.expr, key: str, value: str) -> bool | None:
    """Whether ``key.startswith(p)``, ``key.endswith(p)`` (``p`` a string or a tuple of
    strings) or ``key == "v"`` holds when ``key`` is ``value``; ``None`` for other tests."""
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr in ("startswith", "endswith")
        and dotted_text(test.func.value) == key
        and len(test.args) == 1
        and not test.keywords
    ):
        arg = test.args[0]
        items = arg.elts if isinstance(arg, ast.Tuple) else [arg]
        texts = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
        if not texts or len(texts) != len(items):
            return None
        method = value.startswith if test.func.attr == "startswith" else value.endswith
        return method(tuple(texts))
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq)
        and dotted_text(test.left) == key
        and isinstance(test.comparators[0], ast.Constant)
        and isinstance(test.comparators[0].value, str)
    ):
        return test.comparators[0].value == value
    return None


def dominated(tree: ast.AST, call: ast.Call, key: str, guard: Test) -> bool:
    """Whether a test for which ``guard`` holds dominates ``call``, with ``key`` unchanged
    since (see the module's docstring)."""
    if not key:
        return False
    parents = _parents(tree)
    child: ast.AST = call
    node = parents.get(call)
    while node is not None:
        if isinstance(node, _SCOPES):
            return _before(_earlier(node, child), key, guard) is True
        if _selects(node, child, key, guard):
            return True
        if isinstance(node, _COMPREHENSIONS) and _binds(node.generators, key):
            return False  # the comprehension's own variable: a test outside it says nothing
        loop = [node.target, *node.body] if isinstance(node, ast.For | ast.AsyncFor) else []
        if isinstance(node, ast.While):
            loop = list(node.body)
        if _binds(loop, key):
            return False  # set again on each turn of the loop
        verdict = _before(_earlier(node, child), key, guard)
        if verdict is not None:
            return verdict
        child, node = node, parents.get(node)
    return False


_last: list[tuple[ast.AST, dict[ast.AST, ast.AST]]] = []


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    """Each node's parent in ``tree``; the last tree's map is kept (a module's calls are
    checked one after another)."""
    last = _last[0] if _last else None  # one read: another thread may replace it
    if last is not None and last[0] is tree:
        return last[1]
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    _last[:] = [(tree, parents)]
    return parents


def _before(earlier: list[ast.stmt], key: str, guard: Test) -> bool | None:
    """Going back from the call through ``earlier``: ``True`` at a statement that leaves the
    block unless the test holds, ``False`` at one that assigns ``key``, ``None`` if neither."""
    for stmt in reversed(earlier):
        if _exits_unless(stmt, guard):
            return True
        if _binds([stmt], key):
            return False
    return None


def _selects(node: ast.AST, child: ast.AST, key: str, guard: Test) -> bool:
    """Whether ``node`` runs ``child`` only when the numeric test of ``key`` holds."""
    if isinstance(node, ast.IfExp):
        return (child is node.body and _holds(node.test, guard, when=True)) or (
            child is node.orelse and _holds(node.test, guard, when=False)
        )
    if isinstance(node, ast.BoolOp) and child in node.values:
        operands = node.values[: node.values.index(child)]
        when = isinstance(node.op, ast.And)  # ``a and b`` runs b when a holds; ``or``: fails
        return any(_holds(v, guard, when=when) for v in operands)
    if isinstance(node, ast.If | ast.While):
        if child in node.body:
            arm, when = node.body, True
        elif child in node.orelse and isinstance(node, ast.If):
            arm, when = node.orelse, False
        else:
            return False
        ahead = arm[: arm.index(child)]
        return _holds(node.test, guard, when=when) and not _binds(ahead, key)
    if isinstance(node, _COMPREHENSIONS) and child not in node.generators:
        return any(_holds(c, guard, when=True) for g in node.generators for c in g.ifs)
    return False


def _holds(test: ast.expr, guard: Test, *, when: bool) -> bool:
    """Whether the guarded test holds whenever ``test`` is ``when``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _holds(test.operand, guard, when=not when)
    if isinstance(test, ast.BoolOp):
        # ``a and b`` true: both hold; ``a or b`` false: both fail
        if isinstance(test.op, ast.And) == when:
            return any(_holds(v, guard, when=when) for v in test.values)
        return False
    return when and guard(test)


def _earlier(node: ast.AST, child: ast.AST) -> list[ast.stmt]:
    """The statements before ``child`` in the block of ``node`` that holds it."""
    for name in _BLOCKS:
        block = getattr(node, name, None)
        if isinstance(block, list) and child in block:
            return block[: block.index(child)]
    return []


def _exits_unless(stmt: ast.stmt, guard: Test) -> bool:
    """``if not s.isdigit(): raise ...``: the block goes on only when the test holds."""
    return (
        isinstance(stmt, ast.If)
        and not stmt.orelse
        and bool(stmt.body)
        and isinstance(stmt.body[-1], _EXITS)
        and _holds(stmt.test, guard, when=False)
    )


def _binds(nodes: Sequence[ast.AST], key: str) -> bool:
    """Whether anything in ``nodes`` assigns ``key`` (or deletes it)."""
    for top in nodes:
        for n in ast.walk(top):
            ctx = getattr(n, "ctx", None)
            if isinstance(ctx, ast.Store | ast.Del) and isinstance(n, ast.Name | ast.Attribute):
                shown = dotted_text(n)
                if shown == key or key.startswith(shown + "."):
                    return True
    return False
