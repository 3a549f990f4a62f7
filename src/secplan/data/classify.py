"""Sensitivity labels suggested from what a scan found, and dataset records that keep them.

* **restricted**: government identifiers, payment cards, bank accounts, credentials, or health
  data next to personal data (special categories);
* **confidential**: other personal data (names, contact details, dates of birth, addresses,
  network and device identifiers);
* **internal**: nothing personal found (the scan cannot prove that data is public, so it never
  suggests ``public``).

>>> suggest({"PERSON": 12, "US_SSN": 3}).label.value, suggest({"EMAIL_ADDRESS": 1}).label.value
('restricted', 'confidential')
>>> suggest({}).label.value, suggest({"HEALTH": 4}).label.value
('internal', 'internal')
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from secplan._io import atomic_write
from secplan.data.spans import Entity
from secplan.governance.records import (
    RECORDS_DIR,
    DatasetRecord,
    Label,
    covering_dataset,
    load_records,
)

ORDER = list(Label)
_PERSONAL = frozenset(e.value for e in Entity) - {Entity.HEALTH.value, Entity.URL.value}


@dataclass(frozen=True, slots=True)
class Suggestion:
    label: Label
    reasons: tuple[str, ...]
    contains: tuple[str, ...]  # entity types found (sorted)


def suggest(found: dict[str, int], *, health_columns: Iterable[str] = ()) -> Suggestion:
    """The label for a dataset in which ``found`` maps entity types to counts."""
    present = {e for e, n in found.items() if n > 0}
    health = "HEALTH" in present or bool(list(health_columns))
    if health:
        present.add("HEALTH")
    restricted = sorted(e for e in present if e != "HEALTH" and Entity(e).restricted)
    personal = sorted(present & _PERSONAL)
    reasons: list[str] = []
    if restricted:
        reasons.append(
            "contains " + ", ".join(restricted) + " (identifiers whose leak causes direct harm)"
        )
    if health and personal:
        reasons.append("health data next to personal data (a special category)")
    if reasons:
        return Suggestion(Label.RESTRICTED, tuple(reasons), tuple(sorted(present)))
    if personal:
        return Suggestion(
            Label.CONFIDENTIAL,
            ("contains personal data: " + ", ".join(personal),),
            tuple(sorted(present)),
        )
    return Suggestion(
        Label.INTERNAL, ("no personal data found; not proven public",), tuple(sorted(present))
    )


def below(record: Label, suggested: Label) -> bool:
    return ORDER.index(record) < ORDER.index(suggested)


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def record_id(relpath: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", relpath.rsplit(".", 1)[0]).strip("-").lower()
    return stem[:60] or "dataset"


@dataclass(frozen=True, slots=True)
class RecordFields:
    owner: str | None = None
    source: str | None = None
    licence: str | None = None
    retention_until: dt.date | None = None


def render_record(
    rid: str, paths: list[str], label: Label, contains: tuple[str, ...], f: RecordFields
) -> str:
    lines = [
        "# Dataset record: sensitivity label suggested by `secplan data classify` from the",
        "# personal data it found; review owner, source, licence and retention.",
        f"id = {_toml_str(rid)}",
    ]
    if len(paths) == 1:
        lines.append(f"path = {_toml_str(paths[0])}")
    else:
        lines.append("paths = [" + ", ".join(_toml_str(p) for p in paths) + "]")
    lines.append(f"label = {_toml_str(label.value)}")
    for key in ("owner", "source", "licence"):
        value = getattr(f, key)
        if value:
            lines.append(f"{key} = {_toml_str(value)}")
    if f.retention_until is not None:
        lines.append(f"retention_until = {f.retention_until.isoformat()}")
    lines.append("contains = [" + ", ".join(_toml_str(c) for c in contains) + "]")
    return "\n".join(lines) + "\n"


def write_record(
    root: Path, relpath: str, s: Suggestion, fields: RecordFields
) -> tuple[Path, Label]:
    """Create or update the dataset record covering ``relpath``; the label only ever rises.

    Returns the record file and the label it now holds. The result is read back through the
    record loader, so a record this writes always validates.
    """
    records = load_records(root)
    existing: DatasetRecord | None = covering_dataset(records, relpath)
    if existing is not None:
        label = existing.label if not below(existing.label, s.label) else s.label
        merged = RecordFields(
            owner=fields.owner or existing.owner,
            source=fields.source or existing.source,
            licence=fields.licence or existing.licence,
            retention_until=fields.retention_until or existing.retention_until,
        )
        contains = tuple(sorted(set(existing.contains) | set(s.contains)))
        path = root / existing.file
        text = render_record(existing.id, list(existing.paths), label, contains, merged)
    else:
        label = s.label
        rid = record_id(relpath)
        path = root / RECORDS_DIR / "datasets" / f"{rid}.toml"
        text = render_record(rid, [relpath], label, s.contains, fields)
    old = path.read_bytes() if path.exists() else None
    atomic_write(path, text)
    try:
        load_records(root)
    except Exception:
        if old is None:
            path.unlink()
        else:
            atomic_write(path, old)
        raise
    return path, label
