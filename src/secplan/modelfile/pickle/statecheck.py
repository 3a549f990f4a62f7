"""Proving that a file-writing class's instances name only a fresh temporary file.

Some classes write or delete a file named by their own state when they are unpickled
(sklearn-crfsuite's ``FileResource`` writes the bytes it carries to
``tempfile.mkstemp(suffix, prefix)`` and unlinks ``name`` when it is collected). The policy's
``[[state_check]]`` entries say which keys of the state are parts of a file name and which name
a file outright. Every instance a stream makes is checked against them here, from the symbolic
values alone: only literal values pass, so anything computed at load time stays critical.
"""

from __future__ import annotations

from dataclasses import dataclass

from secplan.modelfile.pickle.values import Blob, Call, Coll, Lit, Ref, RefStat, literal, render
from secplan.modelfile.policy import StateCheck


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether the state a call sets is safe, and the evidence."""

    safe: bool
    evidence: str  # the values checked, or the first reason they fail


def unsafe_name_part(value: str | bytes) -> str | None:
    """Why ``value`` cannot be joined to a directory as a plain file name part, or None."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    if "\0" in text:
        return "holds a NUL"
    if "/" in text or "\\" in text:
        return "holds a path separator"
    if ".." in text:
        return "holds '..'"
    if text.startswith("~") or (len(text) >= 2 and text[1] == ":"):
        return "names a home or drive"
    return None


def check_instances(
    rule: StateCheck, stat: RefStat, calls: list[Call], encoders: frozenset[str] = frozenset()
) -> Outcome:
    """Whether every instance of ``stat.ref`` the stream makes is proven to write only a
    fresh temporary file; ``calls`` are the calls the machine kept for it, ``encoders`` the
    callables that turn literal text into literal bytes (as protocol 0-2 pickles write bytes)."""
    if stat.called == 0:
        return Outcome(False, "the class is referenced but not called: what uses it is unknown")
    if stat.count > stat.called:
        return Outcome(
            False, f"imported {stat.count}× but called {stat.called}×: some use is not followed"
        )
    if len(calls) < stat.called:
        return Outcome(
            False, f"{stat.called} instances, of which only {len(calls)} were kept to check"
        )
    shown: list[str] = []
    for call in calls:
        why = _check_call(rule, call, shown, encoders)
        if why is not None:
            return Outcome(False, why)
    where = "; ".join(dict.fromkeys(shown)) or "no state"
    return Outcome(True, f"{len(calls)} instance(s) checked: {where}")


def _check_call(
    rule: StateCheck, call: Call, shown: list[str], encoders: frozenset[str]
) -> str | None:
    made = call
    if call.via is not None:
        outer = call.via
        name = outer.func.full if isinstance(outer.func, Ref) else "<computed>"
        if name not in rule.constructors:
            return f"an instance is made through {name}, which is not a plain constructor"
        for arg in outer.args:
            if arg is call.func or isinstance(arg, Lit):
                continue
            if isinstance(arg, Ref) and arg.full in rule.plain_bases:
                continue
            return f"{name} is given {_show(arg)}, not a plain base class"
        made = outer
    values: list[tuple[str, object]] = []
    if len(call.args) > len(rule.parameters):
        return f"{len(call.args)} constructor arguments, more than its parameters"
    values += zip(rule.parameters, call.args, strict=False)
    for source, label in ((call.kwargs, "keyword arguments"), (made.state, "state")):
        if source is None:
            continue
        pairs = _pairs(source)
        if pairs is None:
            return f"its {label} is {_show(source)}, not a literal dict"
        values += pairs
    if made.builds > 1:
        return f"its state is set {made.builds}× (each BUILD runs __setstate__)"
    for key, value in values:
        why = _check_value(rule, key, value, encoders)
        if why is not None:
            return f"{key} {_show(value)} {why}"
        if key in rule.name_parts or key in rule.no_path:
            shown.append(f"{key} {_show(value)}")
    return None


def _pairs(value: object) -> list[tuple[str, object]] | None:
    if isinstance(value, Lit) and value.value is None:
        return []
    if not (isinstance(value, Coll) and value.kind == "dict") or value.more:
        return None
    out: list[tuple[str, object]] = []
    items = value.items
    for i in range(0, len(items) - 1, 2):
        key = items[i]
        if not (isinstance(key, Lit) and isinstance(key.value, str)):
            return None  # a computed key may be any of the checked ones
        out.append((key.value, items[i + 1]))
    return out


def _check_value(rule: StateCheck, key: str, value: object, encoders: frozenset[str]) -> str | None:
    plain = isinstance(value, Lit) and value.value is None
    if key in rule.no_path:
        return None if plain else "names a file it writes or deletes"
    if key in rule.name_parts:
        if plain:
            return None
        if isinstance(value, Lit) and isinstance(value.value, (str, bytes)):
            why = unsafe_name_part(value.value)
            return None if why is None else why + ": the file lands outside the temporary directory"
        return "is not literal text"
    if _literal(value, encoders):
        return None
    return "is computed at load time"


def _literal(value: object, encoders: frozenset[str]) -> bool:
    """A literal, or literal text encoded to bytes (the value is data, whatever it holds)."""
    if isinstance(value, Lit | Blob):
        return True
    return (
        isinstance(value, Call)
        and isinstance(value.func, Ref)
        and value.func.full in encoders
        and value.kwargs is None
        and all(isinstance(a, Lit | Blob) for a in value.args)
    )


def _show(value: object) -> str:
    if isinstance(value, Lit):
        return literal(value.value, 60)
    return render(value)[:80]
