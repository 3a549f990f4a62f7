"""The pickle policy as data: which callables are safe, dangerous, nested loaders or resolvers,
what calls do at load time, and how each anomaly of a stream is reported.

The packaged policy lives in ``catalog/lists/pickle_policy.toml`` (validated by
:mod:`secplan.modelfile.policy_file`, or read from its validated snapshot while the file is
unchanged: :mod:`secplan._snapshot`); projects add entries with
``[models] allow = ["pkg.mod.Name", "pkg.mod.*"]`` in ``secplan.toml``. Dangerous entries are
checked first and cannot be allowlisted. This module holds how names are matched, not what
they are: every list, reason and severity is in the file.

>>> p = Policy.packaged()
>>> p.classify("os", "system").verdict.value
'dangerous'
>>> p.classify("torch._utils", "_rebuild_tensor_v2").verdict.value
'safe'
>>> p.classify("mylib.models", "Net").verdict.value
'unknown'
>>> p.classify("mailcap", "findmatch").pattern
'mailcap.findmatch -> os.system (process)'
>>> p.classify("argparse", "Namespace").verdict.value
'indexed'
>>> p.with_project(("os.system",)).classify("os", "system").note.startswith("the project")
True
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any

from secplan._snapshot import load
from secplan.model import Severity
from secplan.modelfile.index import CallableIndex
from secplan.modelfile.policy_names import Effect

SOURCE = "lists/pickle_policy.toml"


class Verdict(StrEnum):
    SAFE = "safe"
    DANGEROUS = "dangerous"
    UNKNOWN = "unknown"
    NESTED = "nested"
    RESOLVER = "resolver"
    INDEXED = "indexed"  # in the callable index, and no path from it reaches a sink (info)


@dataclass(frozen=True, slots=True)
class Decision:
    """The policy's verdict on one name, and why."""

    verdict: Verdict
    reason: str
    pattern: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Group:
    """Patterns of one verdict: exact names, ``prefix*`` patterns (matched as prefixes, as
    ``fnmatch`` would: the group's many ``module.*`` entries cost nothing to build), and the
    few other wildcards, compiled into one regular expression when first needed."""

    verdict: Verdict
    reason: str
    patterns: tuple[str, ...]
    exact: frozenset[str] = field(default_factory=frozenset)
    prefixes: tuple[str, ...] = ()
    others: tuple[str, ...] = ()

    @classmethod
    def build(cls, verdict: Verdict, reason: str, patterns: tuple[str, ...]) -> _Group:
        exact = frozenset(p for p in patterns if not _is_wild(p))
        prefixes = tuple(p[:-1] for p in patterns if _is_prefix(p))
        others = tuple(p for p in patterns if _is_wild(p) and not _is_prefix(p))
        return cls(verdict, reason, patterns, exact, prefixes, others)

    def match(self, name: str, *, wildcards: bool = True) -> str | None:
        if name in self.exact:
            return name
        if wildcards and (
            name.startswith(self.prefixes) or (self.others and _regex(self.others).match(name))
        ):
            return next(p for p in self.patterns if _is_wild(p) and _matches(name, p))
        return None


def _is_wild(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


@cache
def _regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(fnmatch.translate(p) for p in patterns))


def _is_prefix(pattern: str) -> bool:
    """``pattern`` is ``prefix*`` with no other wildcard (it matches what starts with it)."""
    return pattern.endswith("*") and not _is_wild(pattern[:-1])


def _matches(name: str, pattern: str) -> bool:
    if _is_prefix(pattern):
        return name.startswith(pattern[:-1])
    return fnmatch.fnmatchcase(name, pattern)


@dataclass(frozen=True, slots=True)
class AnomalyReport:
    """How one kind of anomaly is reported: rule id (MF101/MF102), severity and message."""

    rule: str
    severity: Severity
    message: str
    reason: str


@dataclass(frozen=True, slots=True)
class HigherOrder:
    """An allowed callable that calls some of its arguments: which, and with what."""

    reason: str
    called: tuple[int, ...]
    arguments: int | None


@dataclass(frozen=True, slots=True)
class StateCheck:
    """A class that writes or deletes a file named by its state, and what makes that safe."""

    reason: str
    safe_reason: str
    severity: Severity
    name_parts: frozenset[str]
    no_path: frozenset[str]
    parameters: tuple[str, ...]
    constructors: frozenset[str]
    plain_bases: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """The lists of dangerous, safe and special names the pickle analysis judges
    names by."""

    dangerous: tuple[_Group, ...]
    safe: tuple[_Group, ...]
    special: tuple[_Group, ...]  # nested loaders and resolvers (exact names)
    aliases: _Group
    project: _Group | None
    sections: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]
    dunder_reason: str
    effects: dict[str, Effect] = field(compare=False)  # callable -> what it does (read-only)
    codecs: frozenset[str]  # codecs whose encode() result is a literal
    type_names: Mapping[str, str] = field(compare=False)  # Python 2 type name -> builtin
    anomalies: Mapping[str, AnomalyReport] = field(compare=False)
    higher_order: Mapping[str, HigherOrder] = field(compare=False)
    state_checks: Mapping[str, StateCheck] = field(compare=False)
    renames: tuple[tuple[str, str], ...] = ()
    module_leaves: frozenset[str] = frozenset()
    use_index: bool = True
    # decisions already made under this policy (hashing the whole policy per lookup, as a
    # module-level cache keyed on it would, costs more than most decisions)
    _memo: dict[tuple[str, str], Decision] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @staticmethod
    @cache
    def packaged() -> Policy:
        """The packaged policy: from its validated snapshot when the snapshot was made from
        the file as installed, else validated now (a broken file stops the analyzer)."""
        return _from_doc(load(SOURCE))

    def with_project(self, allow: tuple[str, ...]) -> Policy:
        """This policy plus a project's ``[models] allow`` entries."""
        if not allow:
            return self
        group = _Group.build(
            Verdict.SAFE, "allowed by the project ([models] allow in secplan.toml)", allow
        )
        return dataclasses.replace(self, project=group, _memo={})

    def section(self, name: str) -> dict[str, Any]:
        return dict(dict(self.sections).get(name, ()))

    def effect(self, full: str) -> Effect | None:
        """What calling ``full`` does at load time, when the machine follows it."""
        return self.effects.get(full)

    def anomaly(self, kind: str) -> AnomalyReport:
        return self.anomalies[kind]

    def index(self) -> CallableIndex | None:
        """The callable index (loaded on first use), or None when this policy has none."""
        if not self.use_index:
            return None
        return CallableIndex.packaged().with_renames(self.renames)

    def without_index(self) -> Policy:
        """This policy with every name outside the exact lists unknown (for comparison)."""
        return dataclasses.replace(self, use_index=False, _memo={})

    def classify(self, module: str, name: str) -> Decision:
        key = (module, name)
        decision = self._memo.get(key)
        if decision is None:
            if len(self._memo) >= _MEMO_MAX:  # a hostile file naming endless callables
                self._memo.clear()
            decision = self._memo[key] = _decide(self, module, name)
        return decision


def _from_doc(doc: dict[str, Any]) -> Policy:
    """The policy from the document as its schema validated it (JSON values)."""

    def groups(key: str, verdict: Verdict) -> tuple[_Group, ...]:
        return tuple(_Group.build(verdict, g["reason"], tuple(g["patterns"])) for g in doc[key])

    sections = tuple(
        (
            k,
            tuple(
                (kk, tuple(vv) if isinstance(vv, list) else vv) for kk, vv in sorted(doc[k].items())
            ),
        )
        for k in ("keras", "savedmodel", "onnx", "tflite")
    )
    index = doc["index"]
    return Policy(
        dangerous=groups("dangerous", Verdict.DANGEROUS),
        safe=groups("safe", Verdict.SAFE),
        special=(*groups("nested", Verdict.NESTED), *groups("resolver", Verdict.RESOLVER)),
        aliases=_Group.build(
            Verdict.DANGEROUS, doc["aliases"]["reason"], tuple(doc["aliases"]["leaves"])
        ),
        project=None,
        sections=sections,
        dunder_reason=doc["dotted"]["reason"],
        effects={n: Effect(c["effect"]) for c in doc["call"] for n in c["callables"]},
        codecs=frozenset(x for c in doc["call"] for x in c["codecs"]),
        type_names=MappingProxyType(dict(doc["type_names"]["names"])),
        anomalies=MappingProxyType(
            {
                a["kind"]: AnomalyReport(
                    a["rule"], Severity[a["severity"].upper()], a["message"], a["reason"]
                )
                for a in doc["anomaly"]
            }
        ),
        higher_order=MappingProxyType(
            {
                name: HigherOrder(h["reason"], tuple(h["called"]), h["arguments"])
                for h in doc["higher_order"]
                for name in h["callables"]
            }
        ),
        state_checks=MappingProxyType(
            {
                name: StateCheck(
                    sc["reason"],
                    sc["safe_reason"],
                    Severity[sc["severity"].upper()],
                    frozenset(sc["name_parts"]),
                    frozenset(sc["no_path"]),
                    tuple(sc["parameters"]),
                    frozenset(sc["constructors"]),
                    frozenset(sc["plain_bases"]),
                )
                for sc in doc.get("state_check", [])
                for name in sc["callables"]
            }
        ),
        renames=tuple(sorted(index["renames"].items(), key=lambda kv: -len(kv[0]))),
        module_leaves=frozenset(index["module_leaves"]),
    )


def _dangerous(policy: Policy, full: str, parts: list[str], module: str) -> Decision | None:
    candidates = [full]
    # a dotted name reaches attributes of attributes: "mod.os.system" may well be os.system
    if len(parts) > 1:
        candidates += [".".join(parts[i:]) for i in range(len(parts))]
    if len(parts) > 1:
        candidates += [f"{module}.{'.'.join(parts[: i + 1])}" for i in range(len(parts) - 1)]
    for cand in candidates:
        for g in policy.dangerous:
            hit = g.match(cand)
            if hit is not None:
                shown = f"{hit} (reached as {full})" if cand != full else hit
                return Decision(Verdict.DANGEROUS, g.reason, shown)
    if len(parts) > 1 and any(p.startswith("__") and p.endswith("__") for p in parts[1:]):
        return Decision(Verdict.DANGEROUS, policy.dunder_reason, full)
    leaf = next((p for p in parts if p in policy.module_leaves), None)
    if leaf is not None and module:
        return Decision(Verdict.DANGEROUS, _MODULE_REASON, f"{leaf} (reached as {full})")
    return None


_MODULE_REASON = (
    "a module object reached through a package: every function of the module is reachable from it"
)


_MEMO_MAX = 1 << 16
MAX_NAME = 4096  # characters of a module and name together
MAX_PARTS = 64  # dotted parts of a module or a name


def _decide(policy: Policy, module: str, name: str, hops: int = 0) -> Decision:
    full = f"{module}.{name}" if module else name
    if len(full) > MAX_NAME or max(module.count("."), name.count(".")) >= MAX_PARTS:
        # every suffix of a dotted name is a callable it may reach (os.path.os.system), so
        # the checks below grow with the square of its length: a name no library writes is
        # judged by its shape alone
        return Decision(
            Verdict.DANGEROUS,
            f"a name of {len(full):,} characters and {full.count('.') + 1:,} dotted parts: "
            "an attribute chain this long is never written by a library, and attribute "
            "chains reach any object",
            full[:80] + ("…" if len(full) > 80 else ""),
        )
    parts = name.split(".")
    for g in policy.special:
        if full in g.exact:
            return Decision(g.verdict, g.reason, full)
    danger = _dangerous(policy, full, parts, module)
    if danger is not None:
        if policy.project is not None and policy.project.match(full) is not None:
            note = (
                f"the project allowlist entry {policy.project.match(full)!r} does not apply: "
                "dangerous callables cannot be allowlisted"
            )
            return Decision(danger.verdict, danger.reason, danger.pattern, note)
        return danger
    simple = len(parts) == 1
    aliased = policy.aliases.match(parts[-1]) is not None
    groups = (*policy.safe, *((policy.project,) if policy.project is not None else ()))
    for g in groups:
        if full in g.exact:
            return Decision(Verdict.SAFE, g.reason, full)
    for g in groups:
        hit = g.match(full, wildcards=simple and not aliased)
        if hit is not None:
            return Decision(Verdict.SAFE, g.reason, hit)
    if policy.use_index and module and not name.endswith("*"):
        return _evidence(policy, module, name, full, hops)
    why = "not on the allowlist"
    if aliased:
        why += f"; {parts[-1]!r} names a dangerous callable, which a wildcard entry never covers"
    elif not simple:
        why += "; dotted names are only allowed by exact entries"
    return Decision(Verdict.UNKNOWN, why)


def _evidence(policy: Policy, module: str, name: str, full: str, hops: int) -> Decision:
    """The verdict the callable index gives a name the exact lists do not decide."""
    index = policy.index()
    assert index is not None
    e = index.lookup(module, name)
    pkg = f" ({e.package})" if e.package else ""
    seen_as = f"; reached as {full}" if e.resolved != full else ""
    if e.resolved != full and e.kind != "module":
        tmod, _, tname = e.resolved.rpartition(".")
        danger = _dangerous(policy, e.resolved, tname.split("."), tmod)
        if danger is not None:
            return dataclasses.replace(danger, note=f"re-exported as {full}")
        for g in policy.safe:
            if e.resolved in g.exact:
                return Decision(Verdict.SAFE, g.reason, e.resolved, f"re-exported as {full}")
    if e.kind == "alias" and hops < 4:
        tmod, _, tname = e.detail.rpartition(".")
        d = _decide(policy, tmod, tname, hops + 1)
        return dataclasses.replace(
            d, note=f"re-exported as {full}" + (f"; {d.note}" if d.note else "")
        )
    if e.kind == "sink":
        kind = e.detail.rsplit("(", 1)[-1].rstrip(")")
        return Decision(
            Verdict.DANGEROUS,
            f"its source code passes its arguments on to a {kind} sink{pkg}",
            e.detail,
            seen_as.lstrip("; "),
        )
    if e.kind == "module":
        return Decision(Verdict.DANGEROUS, _MODULE_REASON, f"{e.detail} (reached as {full})")
    if e.kind == "class":
        return Decision(
            Verdict.INDEXED,
            f"a plain class{pkg}: none of the methods the unpickler runs reaches a sink in its "
            "source code" + seen_as,
            e.resolved,
        )
    if e.kind == "function":
        return Decision(
            Verdict.INDEXED,
            f"a function{pkg} whose source code passes its arguments to no sink" + seen_as,
            e.resolved,
        )
    if e.kind == "moved":
        return Decision(
            Verdict.INDEXED,
            f"an old path{pkg}: not in the indexed version, where a plain class of the same "
            f"name is {e.detail}" + seen_as,
            e.detail,
        )
    if e.kind == "higher":
        why = f"calls its argument {e.detail!r}{pkg}, whatever it is: cannot prove it safe"
    elif e.kind == "stub":
        why = f"compiled code{pkg}, declared only in type stubs: cannot prove it safe"
    elif e.kind == "missing":
        why = (
            f"not in the indexed source{pkg}: an old, private or made-up name; cannot prove it safe"
        )
    else:
        why = "not on the allowlist and in no index of known source code: cannot prove it safe"
    return Decision(Verdict.UNKNOWN, why + seen_as)
