"""Access and usage report from the audit trail: per dataset, model, key and person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from secplan.audit.events import Event

KINDS = ("dataset", "model", "key", "project")


@dataclass(slots=True)
class Usage:
    subject: str
    events: int = 0
    denied: int = 0
    failed: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    others: set[str] = field(default_factory=set)  # actors of a resource, resources of an actor
    last: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "subject": self.subject,
            "events": self.events,
            "denied": self.denied,
            "failed": self.failed,
            "actions": dict(sorted(self.actions.items())),
            "distinct": len(self.others),
            "last": self.last,
        }


def usage(events: Iterable[Event], by: str = "resource") -> list[Usage]:
    """Aggregate events by resource (datasets, models, keys, projects) or by actor."""
    table: dict[str, Usage] = {}
    for e in events:
        if e.action.startswith(("alert:", "auth:")) and by == "resource":
            continue
        if by == "resource":
            if e.resource.split(":", 1)[0] not in KINDS:
                continue
            subject, other = e.resource, e.actor
        else:
            subject, other = e.actor, e.resource
        u = table.setdefault(subject, Usage(subject))
        u.events += 1
        u.denied += e.outcome == "denied"
        u.failed += e.outcome == "failed"
        u.actions[e.action] += 1
        u.others.add(other)
        u.last = max(u.last, e.ts)
    return sorted(table.values(), key=lambda u: (-u.events, u.subject))
