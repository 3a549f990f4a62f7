"""What a report needs to stand alone as audit evidence: every record the posture relied on,
with the SHA-256 of its file and of the file an evidence record links to, and the state of
each on the scan's date. (The scanned commit and the actor are run metadata,
:class:`~secplan.model.RunInfo`.)

A hash says which content was judged: an auditor can check that a record or an evidence
document is still the one the report names. Linked files are hashed only when they are
regular files inside the project, of at most :data:`MAX_LINKED_BYTES`; otherwise the report
says why not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from secplan.governance.records import Evidence, Records, Waiver
from secplan.governance.waivers import waiver_state

MAX_RECORD_BYTES = 1 << 20
MAX_LINKED_BYTES = 256 << 20


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceItem:
    """An evidence record with its state and the hashes of the record and its file."""

    record: Evidence
    state: str  # current, expired, future
    record_sha256: str | None
    file_sha256: str | None  # of the linked file
    file_note: str  # why the linked file has no hash ("" when it has one, or none is linked)


@dataclass(frozen=True, slots=True, kw_only=True)
class WaiverItem:
    """A waiver with its state and the hash of its record."""

    record: Waiver
    state: str  # active, expired, unapproved, ... (see governance.waivers)
    record_sha256: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordFile:
    """A records file of the project and its hash."""

    kind: str  # evidence, waiver, dataset, model
    id: str
    file: str
    sha256: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Provenance:
    """The records a posture rests on, with their states and hashes."""

    evidence: tuple[EvidenceItem, ...] = ()
    waivers: tuple[WaiverItem, ...] = ()
    records: tuple[RecordFile, ...] = ()


def _hash(path: Path, limit: int) -> tuple[str | None, str]:
    """(hex SHA-256, "") of a regular file of at most ``limit`` bytes, else (None, why)."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return None, "missing"
    except OSError as exc:
        return None, f"cannot read ({exc.strerror})"
    if not stat.S_ISREG(st.st_mode):
        return None, "not a regular file"
    if st.st_size > limit:
        return None, f"larger than {limit} bytes"
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest(), ""
    except OSError as exc:
        return None, f"cannot read ({exc.strerror})"


def _linked(root: Path, rel: str | None) -> tuple[str | None, str]:
    if rel is None:
        return None, ""
    p = PurePosixPath(rel)
    full = root / rel
    if p.is_absolute() or ".." in p.parts or not full.resolve().is_relative_to(root.resolve()):
        return None, "outside the project"
    return _hash(full, MAX_LINKED_BYTES)


def _state(start: dt.date, end: dt.date, as_of: dt.date) -> str:
    return "future" if as_of < start else "expired" if end < as_of else "current"


def collect(
    root: Path, records: Records, as_of: dt.date, approvers: tuple[str, ...] = ()
) -> Provenance:
    """The records under ``root`` with their hashes and states on ``as_of``."""
    hashes: dict[str, str | None] = {}

    def record_hash(rel: str) -> str | None:
        if rel not in hashes:
            hashes[rel] = _hash(root / rel, MAX_RECORD_BYTES)[0]
        return hashes[rel]

    evidence = []
    for e in records.evidence:
        digest, note = _linked(root, e.linked)
        # a record of a failed activity (a restore drill) proves nothing, whatever its dates
        state = "failed" if e.failed else _state(e.date, e.expires, as_of)
        evidence.append(
            EvidenceItem(
                record=e,
                state=state,
                record_sha256=record_hash(e.file),
                file_sha256=digest,
                file_note=note,
            )
        )
    waivers = [
        WaiverItem(
            record=w,
            state=waiver_state(w, as_of, approvers).value,
            record_sha256=record_hash(w.file),
        )
        for w in records.waivers
    ]
    files = [
        *(("evidence", e.id, e.file) for e in records.evidence),
        *(("waiver", w.id, w.file) for w in records.waivers),
        *(("dataset", d.id, d.file) for d in records.datasets),
        *(("model", m.id, m.file) for m in records.models),
    ]
    return Provenance(
        evidence=tuple(evidence),
        waivers=tuple(waivers),
        records=tuple(RecordFile(kind=k, id=i, file=f, sha256=record_hash(f)) for k, i, f in files),
    )
