"""Audit of every regular expression in secplan for super-linear backtracking.

Patterns run on untrusted text (scanned files, records, imported reports), and Python's
``re`` is a backtracking engine: a pattern that can match the same text in many ways takes
polynomial or exponential time on a crafted input. This test collects every pattern
(compiled ``re.Pattern`` objects reachable from the modules, and literal patterns passed to
``re.compile``/``re.search``/... in the source), parses each with the standard library's own
regex parser, and flags the three shapes that backtrack super-linearly:

* **nested quantifiers**: an unbounded repeat whose body can match a run of one character
  in more than one way because it itself holds an unbounded repeat, like ``(a+)+`` or
  ``(\\w+\\s?)*``;
* **overlapping alternation under a quantifier**: two alternatives of a repeated group that
  can both match the same character, like ``(\\w|\\d)+``;
* **adjacent overlapping quantified atoms**: two unbounded repeats that can take the same
  character with only optional items between them, like ``\\s*\\s*`` or ``.*\\s+=``.

Character sets are compared by testing sample characters with the compiled set itself, so
classes, categories, negations and flags are judged exactly on the sample alphabet.

A pattern that is only used on trusted input, or on input whose length is bounded before
the match, may stay on :data:`ALLOWED` with the reason.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import secplan

try:  # Python 3.11+
    import re._constants as C  # type: ignore[import-not-found]
    import re._parser as P  # type: ignore[import-not-found]
    from re import _compiler as _comp  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_compile as _comp  # type: ignore[no-redef]
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

SRC = Path(secplan.__file__).parent
#: Sample alphabet: ASCII plus a few non-ASCII letters, spaces and separators.
ALPHABET = (*tuple(chr(i) for i in range(128)), "\xa0", "é", "ß", "\u2028", "中", "😀")
#: A repeat is "unbounded" when it can take this many more items than its minimum.
WIDE = 256
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT}
_SINGLE = {C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN}

#: Patterns that may backtrack, with why that is acceptable. Keyed by the pattern text.
ALLOWED: dict[str, str] = {
    r"^\s*FROM\s+\S+": "only used with match() on one instruction: it never searches",
    r"[ \t,]*([^\W\d_]+)\.?": "used with match() on the 24 characters after a candidate",
    r"[ \t]*(?:x|ext\.?|extension|#)[ \t]*\d{1,6}$": "used on a phone-number candidate, "
    "which its own pattern bounds to about 40 characters",
    r"\s*(?:x|ext\.?)\s*\d+$": "used only on values that match the phone shape, where the "
    "first start in a run of blanks succeeds",
    r"[ \t]+(?!\d+(?:st|nd|rd|th)\b)(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,8}(?!\w)": "used "
    "only with match() at the end of a candidate name: it never searches",
    r'\s+|#[^\n]*|(?P<s>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<p>[{}<>:;,\[\]])'
    r"|(?P<w>[A-Za-z0-9_.+\-/]+)": "the protobuf text tokenizer: only match() at the position "
    "after the previous token, and an unmatched quote ends the parse",
}

# ---------------------------------------------------------------------------------------------
# analysis


@cache
def _members(node: tuple[Any, Any], flags: int) -> frozenset[str]:
    """The sample characters a one-character node matches, judged by ``re`` itself."""
    state = P.State()
    state.flags = flags
    sub = P.SubPattern(state, [node])
    compiled = _comp.compile(sub, flags)
    return frozenset(ch for ch in ALPHABET if compiled.fullmatch(ch))


def _hashable(node: Any) -> Any:
    if isinstance(node, list | P.SubPattern):
        return tuple(_hashable(n) for n in node)
    if isinstance(node, tuple):
        return tuple(_hashable(n) for n in node)
    return node


class _Analyzer:
    def __init__(self, flags: int) -> None:
        self.flags = flags
        self.multiline = bool(flags & re.MULTILINE)
        self.problems: list[str] = []

    # -- character sets ------------------------------------------------------------------

    def single(self, node: tuple[Any, Any]) -> frozenset[str]:
        op, av = node
        key = (op, _hashable(av))
        try:
            return _members(key, self.flags)  # type: ignore[arg-type]
        except Exception:  # pragma: no cover - an unusual node: assume it matches anything
            return frozenset(ALPHABET)

    def chars(self, seq: Any) -> frozenset[str]:
        """Every character ``seq`` may consume anywhere."""
        out: set[str] = set()
        for op, av in seq:
            if op in _SINGLE:
                out |= self.single((op, av))
            elif op in _REPEATS or op == _POSSESSIVE:
                out |= self.chars(av[2])
            elif op == C.SUBPATTERN:
                out |= self.chars(av[-1])
            elif op == C.ATOMIC_GROUP if hasattr(C, "ATOMIC_GROUP") else False:
                out |= self.chars(av)
            elif op == C.BRANCH:
                for alt in av[1]:
                    out |= self.chars(alt)
            elif op == C.GROUPREF_EXISTS:
                out |= self.chars(av[1])
                if av[2] is not None:
                    out |= self.chars(av[2])
            elif op == C.GROUPREF:
                out |= set(ALPHABET)
        return frozenset(out)

    # -- nullability and runs ------------------------------------------------------------

    def nullable(self, seq: Any) -> bool:
        return all(self.nullable_node(n) for n in seq)

    def nullable_node(self, node: tuple[Any, Any]) -> bool:
        op, av = node
        if op in _SINGLE:
            return False
        if op in _REPEATS or op == _POSSESSIVE:
            return bool(av[0] == 0 or self.nullable(av[2]))
        if op == C.SUBPATTERN:
            return self.nullable(av[-1])
        if op == _ATOMIC:
            return self.nullable(av)
        if op == C.BRANCH:
            return any(self.nullable(alt) for alt in av[1])
        if op == C.GROUPREF_EXISTS:
            return self.nullable(av[1]) or av[2] is None or self.nullable(av[2])
        return True  # AT, ASSERT, ASSERT_NOT, GROUPREF: consume nothing (or may not)

    # -- the ways a node can match a run of one character -------------------------------

    def runs(self, seq: Any, ch: str) -> dict[int, int] | None:
        """For the lengths ``n`` of runs ``ch * n`` that ``seq`` can match: in how many ways
        (lengths from :data:`CAP` up share one entry; ways count to 2). ``None``: ``seq``
        cannot match a run of ``ch`` at all."""
        out: dict[int, int] | None = {0: 1}
        for node in seq:
            if out is None:
                return None
            r = self.runs_node(node, ch)
            out = None if r is None else _convolve(out, r)
        return out

    def runs_node(self, node: tuple[Any, Any], ch: str) -> dict[int, int] | None:
        op, av = node
        if op in _SINGLE:
            return {1: 1} if ch in self.single(node) else None
        if op in _REPEATS or op == _POSSESSIVE:
            lo, hi, body = av
            inner = self.runs(body, ch)
            if inner is None:
                return {0: 1} if lo == 0 else None
            inner = {k: v for k, v in inner.items() if k > 0}  # empty iterations stop a loop
            result: dict[int, int] = {}
            cur: dict[int, int] = {0: 1}
            for k in range(min(hi, max(lo, CAP) + 1) + 1):
                if k >= lo:
                    result = _merge(result, cur)
                if not inner:
                    break
                cur = _convolve(cur, inner)
            if op == _POSSESSIVE and result:  # takes the longest run and never gives back
                return {max(result): 1}
            return result or None
        if op == C.SUBPATTERN:
            return self.runs(av[-1], ch)
        if op == _ATOMIC:
            r = self.runs(av, ch)
            return None if r is None else dict.fromkeys(r, 1)
        if op == C.BRANCH:
            merged: dict[int, int] = {}
            for alt in av[1]:
                r = self.runs(alt, ch)
                if r is not None:
                    merged = _merge(merged, r)
            return merged or None
        if op == C.GROUPREF_EXISTS:
            merged = {}
            for alt in (av[1], av[2]):
                r = {0: 1} if alt is None else self.runs(alt, ch)
                if r is not None:
                    merged = _merge(merged, r)
            return merged or None
        return {0: 1}  # AT, ASSERT, ASSERT_NOT, GROUPREF: treated as consuming nothing

    # -- unbounded runs at the edges of a sequence -------------------------------------

    def absorbs(self, seq: Any, ch: str, *, tail: bool) -> bool:
        """A match of ``seq`` can end (or start) with an unbounded run of ``ch``, looking
        through optional items."""
        items = list(seq)[::-1] if tail else list(seq)
        for node in items:
            if self._splits_runs(node, ch):
                return False  # a run of ``ch`` cannot continue across this point
            if self.absorbs_node(node, ch, tail=tail):
                return True
            if not self.nullable_node(node):
                return False
        return False

    def _splits_runs(self, node: tuple[Any, Any], ch: str) -> bool:
        """A zero-width item that fails inside a run of ``ch``: a negative look-behind for
        ``ch``, or a word boundary in a run of word characters."""
        op, av = node
        if op == C.ASSERT_NOT and av[0] == -1:
            return ch in self.chars(av[1])
        if op == C.AT and av == C.AT_BOUNDARY:
            return ch in self.single((C.IN, [(C.CATEGORY, C.CATEGORY_WORD)]))
        return False

    def absorbs_node(self, node: tuple[Any, Any], ch: str, *, tail: bool) -> bool:
        op, av = node
        if op in _SINGLE:
            return False
        if op == _POSSESSIVE and tail:
            return False  # never gives back what it took to what follows
        if op in _REPEATS or op == _POSSESSIVE:
            r = self.runs_node(node, ch)
            if self.wide(av) and r is not None and CAP in r:
                return True
            return self.absorbs(av[2], ch, tail=tail)  # the first or last iteration
        if op == C.SUBPATTERN:
            return self.absorbs(av[-1], ch, tail=tail)
        if op == _ATOMIC:
            return False  # an atomic group gives nothing back to its neighbours
        if op == C.BRANCH:
            return any(self.absorbs(alt, ch, tail=tail) for alt in av[1])
        if op == C.GROUPREF_EXISTS:
            alts = [a for a in (av[1], av[2]) if a is not None]
            return any(self.absorbs(alt, ch, tail=tail) for alt in alts)
        return False

    def wide(self, av: Any) -> bool:
        lo, hi = av[0], av[1]
        return bool(hi == C.MAXREPEAT or hi - lo >= WIDE)

    # -- the three shapes --------------------------------------------------------------------

    def walk(self, seq: Any) -> None:
        items = list(seq)
        self.adjacent(items)
        for op, av in items:
            if op in _REPEATS:
                if self.wide(av):
                    self.repeated(av[2])
                self.walk(av[2])
            elif op == _POSSESSIVE:
                self.walk(av[2])  # possessive: never backtracks into the body
            elif op == C.SUBPATTERN:
                self.walk(av[-1])
            elif op == _ATOMIC:
                self.walk(av)
            elif op == C.BRANCH:
                for alt in av[1]:
                    self.walk(alt)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                self.walk(av[1])
            elif op == C.GROUPREF_EXISTS:
                self.walk(av[1])
                if av[2] is not None:
                    self.walk(av[2])

    def repeated(self, body: Any) -> None:
        """The body of an unbounded repeat must split a run of one character between its
        iterations in one way only: it may not match such runs of two different lengths
        (``(a+)+``, ``(\\w+\\s?)*``, ``(a|aa)*``), nor one length in two ways."""
        for ch in ALPHABET:
            r = self.runs(body, ch)
            if r is None:
                continue
            lengths = [k for k in r if k > 0]
            if len(lengths) >= 2:
                self.problems.append(f"nested quantifiers on {ch!r} (runs of several lengths)")
                return
            if any(r[k] >= 2 for k in lengths if k < CAP):
                self.problems.append(f"overlapping alternation under a quantifier on {ch!r}")
                return

    def adjacent(self, items: list[tuple[Any, Any]]) -> None:
        for i, node in enumerate(items):
            for ch in ALPHABET:
                if not self.absorbs([node], ch, tail=True):
                    continue
                for j in range(i + 1, len(items)):
                    nxt = items[j]
                    if self._splits_runs(nxt, ch):
                        break
                    if self.absorbs([nxt], ch, tail=False):
                        self.problems.append(
                            f"adjacent overlapping quantifiers on {ch!r} (items {i} and {j})"
                        )
                        return
                    if not self.nullable_node(nxt):
                        break

    # -- searching: a match tried from every position of a run ----------------------------

    def search(self, items: list[tuple[Any, Any]], *, multiline: bool) -> None:
        """The fourth shape, for patterns used with ``search``/``finditer``/``sub``: a match
        can start inside a run of characters that its first unbounded repeat then scans to
        the end before the rest of the pattern fails (``[a-z][a-z0-9]*=`` on a long word,
        ``^\\s*x`` with MULTILINE on empty lines), once per position of the run."""
        self.multiline = multiline
        starts: frozenset[str] | None = None  # characters after which a match may start
        if items and items[0][0] == C.AT:
            where = items[0][1]
            if where == C.AT_BEGINNING_STRING or (where == C.AT_BEGINNING and not multiline):
                return  # matches only at the start of the text
            if where == C.AT_BEGINNING:
                starts = frozenset("\n")
        self._lead(items, starts)

    def _lead(self, items: list[tuple[Any, Any]], starts: frozenset[str] | None) -> None:
        allowed = frozenset(ALPHABET) if starts is None else starts  # previous character
        first: frozenset[str] | None = None  # characters a match can start with
        for i, (op, av) in enumerate(items):
            rest = items[i + 1 :]
            if op == C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
                if av == C.AT_BEGINNING_STRING or not self.multiline:
                    return  # anchored at the start of the text
                allowed = allowed & frozenset("\n")
                continue
            if op == C.AT:
                if av in (C.AT_BOUNDARY,):
                    allowed = allowed - self.single((C.IN, [(C.CATEGORY, C.CATEGORY_WORD)]))
                continue
            if op == C.ASSERT_NOT and av[0] == -1:
                allowed = allowed - self.chars(av[1])
                continue
            if op == C.ASSERT and av[0] == -1:
                allowed = allowed & self.chars(av[1])
                continue
            if op in (C.ASSERT, C.ASSERT_NOT):
                continue
            if op == C.BRANCH and first is None:
                for alt in av[1]:
                    self._lead([*alt, *rest], starts if allowed == frozenset(ALPHABET) else allowed)
                    if self.problems:
                        return
                return
            if op == C.SUBPATTERN and first is None:
                self._lead([*av[-1], *rest], starts if allowed == frozenset(ALPHABET) else allowed)
                return
            if op in _REPEATS and self.wide(av):
                run = self.chars(av[2])
                firsts = run if first is None else first
                if self.nullable(rest):
                    return  # the match succeeds wherever the run ends
                inside = run & firsts & allowed
                if inside:
                    ch = min(inside)
                    self.problems.append(f"search restarts inside a run of {ch!r}")
                return
            if op in _SINGLE and first is None:
                first = self.single((op, av))
                continue
            return


CAP = 6


def _merge(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    out = dict(a)
    for k, v in b.items():
        out[k] = 1 if k >= CAP else min(2, out.get(k, 0) + v)
    return out


def _convolve(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for i, x in a.items():
        for j, y in b.items():
            k = min(i + j, CAP)
            out[k] = 1 if k >= CAP else min(2, out.get(k, 0) + x * y)
    return out


_POSSESSIVE = getattr(C, "POSSESSIVE_REPEAT", object())
_ATOMIC = getattr(C, "ATOMIC_GROUP", object())


def backtracking_problems(pattern: str | bytes, flags: int = 0) -> list[str]:
    """The super-linear shapes in ``pattern`` (empty when it is safe)."""
    if isinstance(pattern, bytes):
        pattern = pattern.decode("latin-1")
        flags &= ~re.UNICODE
    parsed = P.parse(pattern, flags)
    a = _Analyzer(parsed.state.flags)
    a.walk(parsed.data)
    if not a.problems:
        a.search(list(parsed.data), multiline=bool(parsed.state.flags & re.MULTILINE))
    return a.problems


# ---------------------------------------------------------------------------------------------
# collection


def _modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages([str(SRC)], prefix="secplan."):
        if info.name.endswith("__main__"):
            continue  # runs the command line when imported
        try:
            yield importlib.import_module(info.name)
        except Exception:  # an optional extra that is not installed
            continue


def _patterns_in(value: Any, depth: int = 0) -> Iterator[re.Pattern[Any]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, list | tuple | frozenset | set):
        for v in value:
            yield from _patterns_in(v, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for v in value.values():
            yield from _patterns_in(v, depth + 1)


def compiled_patterns() -> dict[tuple[str, int], str]:
    """Every pattern reachable from secplan's modules and classes, with where it was found."""
    found: dict[tuple[str, int], str] = {}
    for mod in _modules():
        for name, value in list(vars(mod).items()):
            if isinstance(value, type) and value.__module__ == mod.__name__:
                for attr, inner in list(vars(value).items()):
                    for p in _patterns_in(inner):
                        found.setdefault(_key(p), f"{mod.__name__}.{name}.{attr}")
            for p in _patterns_in(value):
                found.setdefault(_key(p), f"{mod.__name__}.{name}")
    return found


def _key(p: re.Pattern[Any]) -> tuple[str, int]:
    text = p.pattern if isinstance(p.pattern, str) else p.pattern.decode("latin-1")
    return text, p.flags


_RE_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn"}


def literal_patterns() -> dict[tuple[str, int], str]:
    """Literal patterns passed to ``re`` functions anywhere in the source (also those
    compiled inside functions, which the module walk cannot see)."""
    found: dict[tuple[str, int], str] = {}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _RE_CALLS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.args
            ):
                continue
            try:
                value = ast.literal_eval(node.args[0])
            except ValueError:
                continue  # built at run time; the module walk sees the compiled result
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if isinstance(value, str):
                found.setdefault(
                    (value, 0), f"{path.relative_to(SRC.parent).as_posix()}:{node.lineno}"
                )
    return found


@cache
def all_patterns() -> dict[tuple[str, int], str]:
    out = literal_patterns()
    out.update(compiled_patterns())
    return out


# ---------------------------------------------------------------------------------------------
# tests


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+$",
        r"(\w+\s?)*:",
        r"(?:\w|\d\d)+!",
        r"(a|aa)*b",
        r"(a{1,2})*b",
        r"\s*\s*=",
        r"^\s*(?:export\s+)?(\w+)\s*[=:]\s*(.*?)\s*$",
        r"(.*)\s+#",
        r"^(\S+)\s+(.*\S)\s*$",
        r"([A-Za-z_][\w.-]*)=",
        r"\s*\.\s*",
        r"(?m)^\s*x",
    ],
)
def test_the_audit_flags_backtracking_shapes(pattern: str) -> None:
    assert backtracking_problems(pattern), pattern


@pytest.mark.parametrize(
    "pattern",
    [
        r"(\s*,\s*\w+)*",
        r'^"(?:[^"\\]|\\.)*"',
        r"^[A-Za-z_][A-Za-z0-9_]*=",
        r"\bpassword\s*=\s*\S+",
        r"[a-z]{1,64}[a-z]{1,64}",
        r"^(?:ab)+c",
        r"^\s*#",
        r"\s++x\s*",
        r"^(?:\w|\d)+!",
        r"^(a?)*b",
        r"(?<![\w.-])([A-Za-z_][\w.-]*+)=",
        r"[-_.]+",
        r"(?m)^[ \t]*x",
        r"\bfoo\w*bar",
        r"^-(?=.*?(?:(?<!\w)\w++\())",
    ],
)
def test_the_audit_passes_linear_shapes(pattern: str) -> None:
    assert backtracking_problems(pattern) == [], pattern


def test_the_collection_finds_patterns_compiled_in_modules_and_functions() -> None:
    patterns = all_patterns()
    assert len(patterns) > 100
    where = set(patterns.values())
    assert any(w.startswith("secplan.scanners.") for w in where)
    assert any(":" in w for w in where)  # found in the source, by line


def test_no_pattern_in_secplan_backtracks_super_linearly() -> None:
    bad = []
    for (text, flags), where in sorted(all_patterns().items(), key=lambda kv: kv[1]):
        if text in ALLOWED:
            continue
        problems = backtracking_problems(text, flags)
        if problems:
            bad.append(f"{where}: {text!r}: {problems[0]}")
    assert not bad, "patterns that can backtrack super-linearly:\n" + "\n".join(bad)


def test_every_allowed_pattern_is_still_used_and_justified() -> None:
    texts = {t for t, _ in all_patterns()}
    for pattern, why in ALLOWED.items():
        assert pattern in texts, f"stale allowlist entry: {pattern!r}"
        assert len(why) > 20, f"say why {pattern!r} is safe"
