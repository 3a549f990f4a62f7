"""The risk register of a project: each risk with the MITRE ATLAS techniques it concerns,
likelihood and impact from 1 to 5 (its score is their product), an owner, a treatment and the
controls that treat it. Callers authorize and record the history in the audit trail.

>>> technique("AML.T0020"), technique("AML.T0011.000")
('AML.T0020', 'AML.T0011.000')
>>> technique("T1059")
Traceback (most recent call last):
...
ValueError: 'T1059' is not a MITRE ATLAS technique id (AML.TNNNN or AML.TNNNN.NNN)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select, update

from secplan.governance.registers import row_dict
from secplan.store import Database
from secplan.store.schema import risks

ATLAS_ID = re.compile(r"AML\.T\d{4}(?:\.\d{3})?")
_LISTS = ("techniques", "controls")


def technique(text: str) -> str:
    """``text`` when it is a MITRE ATLAS technique id (``AML.T0020``, ``AML.T0011.000``)."""
    if not ATLAS_ID.fullmatch(text):
        raise ValueError(f"{text!r} is not a MITRE ATLAS technique id (AML.TNNNN or AML.TNNNN.NNN)")
    return text


def _risk(row: Any) -> dict[str, Any]:
    out = row_dict(row, "project_id")
    for k in _LISTS:
        out[k] = json.loads(out[k])
    out["score"] = row.likelihood * row.impact
    return out


def _columns(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(list(v)) if k in _LISTS else v for k, v in fields.items()}


def add(db: Database, project_id: int, fields: Mapping[str, Any], by: str, now: str) -> int:
    with db.begin() as conn:
        key = conn.execute(
            insert(risks).values(
                project_id=project_id, created=now, created_by=by, updated=now, **_columns(fields)
            )
        ).inserted_primary_key
    assert key is not None
    return int(key[0])


def listed(db: Database, project_id: int) -> list[dict[str, Any]]:
    """The project's risks, highest score first."""
    with db.read() as conn:
        rows = conn.execute(select(risks).where(risks.c.project_id == project_id))
        out = [_risk(r) for r in rows]
    return sorted(out, key=lambda r: (-r["score"], r["id"]))


def get(db: Database, project_id: int, rid: int) -> dict[str, Any] | None:
    with db.read() as conn:
        row = conn.execute(
            select(risks).where(risks.c.project_id == project_id, risks.c.id == rid)
        ).first()
    return None if row is None else _risk(row)


def change(db: Database, project_id: int, rid: int, fields: Mapping[str, Any], now: str) -> bool:
    with db.begin() as conn:
        done = conn.execute(
            update(risks)
            .where(risks.c.project_id == project_id, risks.c.id == rid)
            .values(updated=now, **_columns(fields))
        ).rowcount
    return bool(done)
