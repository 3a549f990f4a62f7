"""The access review (DS2, PS3 evidence): who holds which role, last use, stale accounts and
tokens, privileged accounts without a second factor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from secplan.access.control import AccessControl
from secplan.access.roles import mfa_roles
from secplan.access.values import parse_iso
from secplan.store.schema import audit_events

STALE_DAYS = 90


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    name: str
    kind: str
    roles: tuple[str, ...]
    disabled: bool
    mfa: bool
    last_activity: str | None
    active_tokens: int
    stale: bool
    privileged_without_mfa: bool
    stale_tokens: tuple[str, ...]


def access_review(
    ac: AccessControl, now: datetime | None = None, stale_days: int = STALE_DAYS
) -> list[ReviewEntry]:
    now = now or ac.clock()
    cutoff = now - timedelta(days=stale_days)
    with ac.db.read() as conn:
        last = dict(
            conn.execute(
                select(audit_events.c.actor, func.max(audit_events.c.ts)).group_by(
                    audit_events.c.actor
                )
            ).all()
        )
    privileged = set(mfa_roles())
    out = []
    for p in ac.principals():
        toks = [t for t in ac.tokens(p.name) if not t.revoked and parse_iso(t.expires) > now]
        stale_toks = tuple(t.id for t in toks if parse_iso(t.last_used or t.created) < cutoff)
        seen = [x for x in (last.get(p.name), p.last_login) if x]
        activity = max(seen) if seen else None
        roles = tuple(sorted({f"{r}@{s}" if s != "*" else r for r, s in p.bindings}))
        out.append(
            ReviewEntry(
                name=p.name,
                kind=p.kind,
                roles=roles,
                disabled=p.disabled,
                mfa=p.mfa_enabled,
                last_activity=activity,
                active_tokens=len(toks),
                stale=not p.disabled and parse_iso(activity or p.created) < cutoff,
                privileged_without_mfa=(
                    not p.disabled
                    and p.kind == "user"
                    and not p.mfa_enabled
                    and any(r in privileged for r, _ in p.bindings)
                ),
                stale_tokens=stale_toks,
            )
        )
    return out
