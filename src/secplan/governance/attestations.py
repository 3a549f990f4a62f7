"""Training and background-check attestations of accounts (HS1, HS2), and the report of who
holds a sensitive role without a current attestation of each required kind.

A role is sensitive when it grants an action that needs a second factor (approving
exceptions, decrypting, destroying keys...): :func:`secplan.access.roles.mfa_roles` reads it
from the role table, so a role given such an action later becomes sensitive with it.

>>> from secplan.access.values import Principal
>>> alice = Principal("alice", "user", False, False, "", None, (("admin", "*"),))
>>> held = [{"principal": "alice", "kind": "security-training", "issued": "2026-01-01",
...          "expires": "2027-01-01", "revoked": None}]
>>> [(g["principal"], g["missing"]) for g in gaps([alice], held, "2026-06-01")]
[('alice', ['background-check'])]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy import insert, select, update

from secplan.access.roles import mfa_roles
from secplan.access.values import Principal
from secplan.governance.registers import row_dict
from secplan.store import Database
from secplan.store.schema import attestations

Kind = Literal["security-training", "privacy-training", "background-check"]
#: kinds every holder of a sensitive role needs, each current (issued, not yet expired)
REQUIRED: tuple[Kind, ...] = ("security-training", "background-check")


def _row(row: Any) -> dict[str, Any]:
    return row_dict(row)


def add(db: Database, fields: Mapping[str, Any], by: str, now: str) -> int:
    with db.begin() as conn:
        key = conn.execute(
            insert(attestations).values(
                principal=fields["principal"],
                kind=fields["kind"],
                issued=fields["issued"],
                expires=fields["expires"],
                evidence=fields["evidence"],
                recorded=now,
                recorded_by=by,
            )
        ).inserted_primary_key
    assert key is not None
    return int(key[0])


def listed(db: Database, principal: str | None = None) -> list[dict[str, Any]]:
    q = select(attestations).order_by(attestations.c.principal, attestations.c.id)
    if principal is not None:
        q = q.where(attestations.c.principal == principal)
    with db.read() as conn:
        return [_row(r) for r in conn.execute(q)]


def get(db: Database, aid: int) -> dict[str, Any] | None:
    with db.read() as conn:
        row = conn.execute(select(attestations).where(attestations.c.id == aid)).first()
    return None if row is None else _row(row)


def revoke(db: Database, aid: int, now: str) -> bool:
    with db.begin() as conn:
        done = conn.execute(
            update(attestations)
            .where(attestations.c.id == aid, attestations.c.revoked.is_(None))
            .values(revoked=now)
        ).rowcount
    return bool(done)


def current(a: Mapping[str, Any], today: str) -> bool:
    return a["revoked"] is None and a["issued"] <= today < a["expires"]


def gaps(
    accounts: Sequence[Principal], held: Iterable[Mapping[str, Any]], today: str
) -> list[dict[str, Any]]:
    """Each enabled account holding a sensitive role, with the required kinds it has no
    current attestation of (``missing``), and of those the kinds it had one that expired."""
    sensitive = set(mfa_roles())
    have: dict[str, set[str]] = {}
    lapsed: dict[str, set[str]] = {}
    for a in held:
        if current(a, today):
            have.setdefault(a["principal"], set()).add(a["kind"])
        elif a["revoked"] is None and a["expires"] <= today:
            lapsed.setdefault(a["principal"], set()).add(a["kind"])
    out = []
    for p in accounts:
        roles = sorted({f"{r} on {s}" for r, s in p.bindings if r in sensitive})
        if p.disabled or not roles:
            continue
        missing = [k for k in REQUIRED if k not in have.get(p.name, set())]
        if missing:
            expired = [k for k in missing if k in lapsed.get(p.name, set())]
            out.append(
                {
                    "principal": p.name,
                    "kind": p.kind,
                    "roles": roles,
                    "missing": missing,
                    "expired": expired,
                }
            )
    return out
