"""The governance registers the server keeps per project (incidents, risks, third parties) and
per account (attestations). Callers authorize and record audit events; these functions only
read and write, each write in one transaction, and every lookup is within the project given,
so another project's object is simply not found."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from secplan.access.values import iso
from secplan.governance.playbooks import KINDS, PLAYBOOKS, Serious, Step, clocks
from secplan.store import Database
from secplan.store.schema import incident_steps, incidents

__all__ = [
    "KINDS",
    "close_incident",
    "complete_step",
    "get_incident",
    "list_incidents",
    "open_incident",
    "overdue_steps",
    "row_dict",
    "update_incident",
]

# -- incidents ---------------------------------------------------------------------------


def row_dict(row: Any, *drop: str) -> dict[str, Any]:
    """A row's columns by name, but those in ``drop`` (internal ones)."""
    return {k: v for k, v in row._mapping.items() if k not in drop}


def _incident(row: Any) -> dict[str, Any]:
    return row_dict(row, "project_id")


def _step(row: Any) -> dict[str, Any]:
    return row_dict(row, "incident_id", "position", "alerted", "incident_title")


def _add_steps(conn: Connection, iid: int, aware: datetime, steps: list[Step], at: int) -> None:
    for n, s in enumerate(steps, start=at):
        conn.execute(
            insert(incident_steps).values(
                incident_id=iid,
                position=n,
                title=s.title,
                basis=s.basis,
                due=iso(s.due(aware)),
                alerted=False,
            )
        )


def open_incident(
    db: Database, project_id: int, fields: Mapping[str, Any], aware: datetime, by: str, now: str
) -> int:
    """A new open incident with its playbook's steps and the regulatory clocks that apply."""
    steps = list(PLAYBOOKS[fields["kind"]])
    steps += clocks(personal_data=fields["personal_data"], serious=fields["serious"])
    with db.begin() as conn:
        key = conn.execute(
            insert(incidents).values(
                project_id=project_id,
                title=fields["title"],
                summary=fields["summary"],
                kind=fields["kind"],
                severity=fields["severity"],
                state="open",
                personal_data=fields["personal_data"],
                serious=fields["serious"],
                aware=iso(aware),
                opened=now,
                opened_by=by,
                updated=now,
            )
        ).inserted_primary_key
        assert key is not None
        iid = int(key[0])
        _add_steps(conn, iid, aware, steps, 0)
    return iid


def list_incidents(db: Database, project_id: int) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute(
            select(incidents).where(incidents.c.project_id == project_id).order_by(incidents.c.id)
        )
        return [_incident(r) for r in rows]


def _owned(conn: Connection, project_id: int, iid: int) -> Any:
    return conn.execute(
        select(incidents).where(incidents.c.project_id == project_id, incidents.c.id == iid)
    ).first()


def get_incident(db: Database, project_id: int, iid: int) -> dict[str, Any] | None:
    """The incident ``iid`` of the project with its steps, soonest due first; None when the
    project has no such incident."""
    with db.read() as conn:
        row = _owned(conn, project_id, iid)
        if row is None:
            return None
        steps = conn.execute(
            select(incident_steps)
            .where(incident_steps.c.incident_id == iid)
            .order_by(incident_steps.c.due, incident_steps.c.position)
        )
        return {**_incident(row), "steps": [_step(s) for s in steps]}


def update_incident(
    db: Database, project_id: int, iid: int, changes: Mapping[str, Any], now: str
) -> list[str] | None:
    """Change an open incident's fields; a regulatory clock that now applies is added as a
    step. The titles of the steps added, or None when no such open incident exists."""
    with db.begin() as conn:
        row = _owned(conn, project_id, iid)
        if row is None or row.state != "open":
            return None
        conn.execute(update(incidents).where(incidents.c.id == iid).values(**changes, updated=now))
        personal = changes.get("personal_data", bool(row.personal_data))
        serious: Serious | None = changes.get("serious", row.serious)
        have = set(
            conn.execute(
                select(incident_steps.c.basis).where(incident_steps.c.incident_id == iid)
            ).scalars()
        )
        new = [s for s in clocks(personal_data=personal, serious=serious) if s.basis not in have]
        count = len(
            conn.execute(
                select(incident_steps.c.id).where(incident_steps.c.incident_id == iid)
            ).all()
        )
        aware = datetime.fromisoformat(row.aware.replace("Z", "+00:00"))
        _add_steps(conn, iid, aware, new, count)
    return [s.title for s in new]


def close_incident(db: Database, project_id: int, iid: int, now: str) -> bool:
    with db.begin() as conn:
        done = conn.execute(
            update(incidents)
            .where(
                incidents.c.project_id == project_id,
                incidents.c.id == iid,
                incidents.c.state == "open",
            )
            .values(state="closed", closed=now, updated=now)
        ).rowcount
    return bool(done)


def complete_step(db: Database, project_id: int, iid: int, step: int, by: str, now: str) -> bool:
    """Mark a step of an open incident of the project done; False when there is no such
    step to do."""
    with db.begin() as conn:
        row = _owned(conn, project_id, iid)
        if row is None or row.state != "open":
            return False
        done = conn.execute(
            update(incident_steps)
            .where(
                incident_steps.c.incident_id == iid,
                incident_steps.c.id == step,
                incident_steps.c.done.is_(None),
            )
            .values(done=now, done_by=by)
        ).rowcount
    return bool(done)


def overdue_steps(db: Database, project_id: int, now: str) -> list[dict[str, Any]]:
    """Steps of the project's open incidents due before ``now`` and not done, oldest due
    first, each with ``alert`` true the first time it is reported (it is then marked)."""
    q = (
        select(incident_steps, incidents.c.title.label("incident_title"))
        .join(incidents, incidents.c.id == incident_steps.c.incident_id)
        .where(
            incidents.c.project_id == project_id,
            incidents.c.state == "open",
            incident_steps.c.done.is_(None),
            incident_steps.c.due < now,
        )
        .order_by(incident_steps.c.due, incident_steps.c.id)
    )
    with db.begin() as conn:
        rows = conn.execute(q).all()
        fresh = [r.id for r in rows if not r.alerted]
        if fresh:
            conn.execute(
                update(incident_steps).where(incident_steps.c.id.in_(fresh)).values(alerted=True)
            )
    return [
        {
            **_step(r),
            "incident": r.incident_id,
            "incident_title": r.incident_title,
            "alert": not r.alerted,
        }
        for r in rows
    ]
