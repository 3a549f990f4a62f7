"""``secplan guard report``: what the guards decided over a period, from the audit trail.

>>> from secplan.audit.events import Event
>>> def ev(action, outcome, details):
...     return Event(seq=1, ts="2026-01-01T00:00:00Z", actor="app", action=action,
...                  resource="model:iris", outcome=outcome, details=details,
...                  leaf_hash=b"", chain_hash=b"")
>>> r = summarise([ev("guard:block", "denied",
...     '{"route":"iris","reasons":[{"code":"out-of-range","action":"reject","message":""}]}')])
>>> r.counts["blocks"], dict(r.tallies["block_reasons"])
(1, {'out-of-range': 1})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from secplan.audit.events import Event

_BLOCKS = ("guard:block", "guard:block-response")
_FLAGS = ("guard:flag", "guard:flag-response")


#: The tallies of a report, each a counter of names (reasons, routes, callers).
TALLIES = ("block_reasons", "flag_reasons", "blocks_by_route", "blocks_by_caller")


@dataclass(slots=True)
class GuardReport:
    counts: Counter[str] = field(default_factory=Counter)  # events, blocks, flags, ...
    tallies: dict[str, Counter[str]] = field(
        default_factory=lambda: {name: Counter() for name in TALLIES}
    )
    failed_reloads: list[str] = field(default_factory=list)
    span: list[str] = field(default_factory=list)  # first and last time

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "events": self.counts["events"],
            "first": self.span[0] if self.span else None,
            "last": self.span[1] if self.span else None,
        }
        for key in ("blocks", "flags", "allowed_sampled", "policy_loads", "policy_reloads"):
            out[key] = self.counts[key]
        for name, c in self.tallies.items():
            out[name] = dict(c.most_common(20))
        out["failed_reloads"] = self.failed_reloads[:20]
        return out


def summarise(events: Iterable[Event]) -> GuardReport:
    """The guard events among ``events`` (any others are skipped), counted."""
    r = GuardReport()
    t, n = r.tallies, r.counts
    for e in events:
        if not e.action.startswith("guard:"):
            continue
        n["events"] += 1
        r.span = [min(r.span[0], e.ts), max(r.span[1], e.ts)] if r.span else [e.ts, e.ts]
        d = e.details_dict()
        codes = [x.get("code", "?") for x in d.get("reasons", []) if isinstance(x, dict)]
        if e.action in _BLOCKS:
            n["blocks"] += 1
            t["block_reasons"].update(codes[:1] or ["?"])
            t["blocks_by_route"][str(d.get("route") or "-")] += 1
            t["blocks_by_caller"][e.actor] += 1
        elif e.action in _FLAGS:
            n["flags"] += 1
            t["flag_reasons"].update(codes)
        elif e.action == "guard:allow":
            n["allowed_sampled"] += 1
        elif e.action in ("guard:policy-load", "guard:policy-reload"):
            n[e.action.replace("guard:policy-", "policy_") + "s"] += 1
            if e.outcome == "failed":
                r.failed_reloads.append(f"{e.ts}: {str(d.get('error', ''))[:200]}")
    return r


def render_text(r: GuardReport) -> str:
    def top(name: str, k: int = 10) -> str:
        return ", ".join(f"{a} {b}" for a, b in r.tallies[name].most_common(k)) or "none"

    n = r.counts
    span = f"{r.span[0]} to {r.span[1]}" if r.span else "no guard events"
    lines = [
        f"Guard events: {n['events']} ({span})",
        f"Blocks: {n['blocks']}; by reason: {top('block_reasons')}",
        f"Blocks by route: {top('blocks_by_route')}",
        f"Blocks by caller: {top('blocks_by_caller')}",
        f"Flags: {n['flags']}; by reason: {top('flag_reasons')}",
        f"Allowed requests sampled: {n['allowed_sampled']}",
        f"Policy loads: {n['policy_loads']}; reloads: {n['policy_reloads']} "
        f"({len(r.failed_reloads)} failed, the last good policy kept)",
    ]
    return "\n".join(lines + [f"  failed reload {x}" for x in r.failed_reloads[:5]]) + "\n"
