"""Resuming a scan: the manifest of finished work units lives in the database (SQLite by
default, PostgreSQL by URL), so ``--resume`` skips the units an interrupted run finished.

A scan is named by a digest of what it runs and on what (command, targets, settings, tool
version); a unit by a digest of its key, and its input by the file's size and modification
time, so a file changed since is scanned again. Results are stored as JSON, in batches while
the scan runs: an interruption loses at most the batch in flight. A failed unit is never
recorded, so a resumed scan tries it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from secplan.executor import Executor, Failed, Progress
from secplan.model import Confidence, Finding, Location, ScanError, Severity

if TYPE_CHECKING:
    from secplan.store import Database

S = TypeVar("S")
A = TypeVar("A")
R = TypeVar("R")

#: Units recorded at a time (what an interruption may cost at most).
BATCH = 256


def digest(*parts: object) -> str:
    return hashlib.sha256(
        "\x1f".join(map(str, parts)).encode("utf-8", "surrogateescape")
    ).hexdigest()


def file_state(path: Path) -> str:
    """What a changed file changes: its size and modification time (a missing file: '')."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"


class Codec(Generic[R]):
    """How a unit's result is written to the manifest and read back."""

    def __init__(self, encode: Callable[[R], object], decode: Callable[[Any], R]) -> None:
        self.encode = encode
        self.decode = decode


class Manifest:
    """The finished units of one scan in the database."""

    def __init__(self, db: Database, scan: str) -> None:
        self.db = db
        self.scan = scan

    def finished(self) -> dict[str, tuple[str, str]]:
        """unit digest -> (input state, result JSON)."""
        from sqlalchemy import select

        from secplan.store.schema import scan_units

        q = select(scan_units.c.unit, scan_units.c.state, scan_units.c.result).where(
            scan_units.c.scan == self.scan
        )
        with self.db.read() as conn:
            return {r.unit: (r.state, r.result) for r in conn.execute(q)}

    def record(self, rows: list[tuple[str, str, str]]) -> None:
        """Store ``(unit digest, input state, result JSON)`` rows (replacing older ones)."""
        if not rows:
            return
        from sqlalchemy import delete, insert

        from secplan.store.schema import scan_units

        now = datetime.now(UTC).isoformat()
        with self.db.begin() as conn:
            conn.execute(
                delete(scan_units).where(
                    scan_units.c.scan == self.scan, scan_units.c.unit.in_([u for u, _, _ in rows])
                )
            )
            conn.execute(
                insert(scan_units),
                [
                    {"scan": self.scan, "unit": u, "state": s, "result": r, "finished": now}
                    for u, s, r in rows
                ],
            )


class Resuming(Executor):
    """``inner`` with the units the manifest holds skipped (their results read back), and
    each finished unit recorded."""

    def __init__(
        self,
        inner: Executor,
        manifest: Manifest,
        codec: Codec[Any],
        state: Callable[[Any], str],
    ) -> None:
        self.inner = inner
        self.manifest = manifest
        self.codec = codec
        self.state = state
        self.name = inner.name  # type: ignore[misc]
        self.skipped = 0

    def close(self) -> None:
        self.inner.close()

    def run(
        self,
        fn: Callable[[S, A], R],
        shared: S,
        units: Sequence[tuple[str, A]],
        progress: Progress | None = None,
    ) -> list[R | Failed]:
        done = self.manifest.finished()
        out: list[R | Failed | None] = [None] * len(units)
        todo: list[int] = []
        states: list[str] = []
        for i, (key, item) in enumerate(units):
            states.append(self.state(item))
            kept = done.get(digest(key))
            if kept is not None and kept[0] == states[i] and states[i]:
                out[i] = self.codec.decode(json.loads(kept[1]))
                self.skipped += 1
                if progress is not None:
                    progress(key)
            else:
                todo.append(i)
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            results = self.inner.run(fn, shared, [units[i] for i in batch], progress)
            rows = []
            for i, r in zip(batch, results, strict=True):
                out[i] = r
                if not isinstance(r, Failed):
                    encoded = json.dumps(self.codec.encode(r), separators=(",", ":"))
                    rows.append((digest(units[i][0]), states[i], encoded))
            self.manifest.record(rows)
        return [Failed(units[i][0], "no result") if r is None else r for i, r in enumerate(out)]


def finding_json(f: Finding) -> dict[str, object]:
    from secplan.report._common import location_dict

    return {
        "rule": f.rule,
        "severity": int(f.severity),
        "confidence": int(f.confidence),
        "location": location_dict(f.location),
        "message": f.message,
        "controls": list(f.controls),
        "evidence": f.evidence,
        "remediation": f.remediation,
        "fingerprint_extra": f.fingerprint_extra,
    }


def finding_from(d: dict[str, Any]) -> Finding:
    return Finding(
        rule=d["rule"],
        severity=Severity(d["severity"]),
        confidence=Confidence(d["confidence"]),
        location=Location(**d["location"]),
        message=d["message"],
        controls=tuple(d["controls"]),
        evidence=d["evidence"],
        remediation=d["remediation"],
        fingerprint_extra=d["fingerprint_extra"],
    )


#: A model scan's unit result: the findings of one file.
FINDINGS: Codec[list[Finding]] = Codec(
    lambda fs: [finding_json(f) for f in fs], lambda d: [finding_from(f) for f in d]
)

#: A project scan's unit result: the findings and scanner errors of one file.
FINDINGS_AND_ERRORS: Codec[tuple[list[Finding], list[ScanError]]] = Codec(
    lambda r: {
        "findings": [finding_json(f) for f in r[0]],
        "errors": [{"path": e.path, "scanner": e.scanner, "message": e.message} for e in r[1]],
    },
    lambda d: (
        [finding_from(f) for f in d["findings"]],
        [ScanError(**e) for e in d["errors"]],
    ),
)


def resuming(
    inner: Executor, db: Database, scan: str, codec: Codec[R], state: Callable[[Any], str]
) -> Resuming:
    return Resuming(inner, Manifest(db, scan), codec, state)


def _file_scan_from(d: dict[str, Any]) -> Any:
    from secplan.data.columns import ColumnVerdict
    from secplan.data.scan import FileScan, Hit

    hits = tuple(
        Hit(**{**h, "rows": tuple(h["rows"]), "examples": tuple(h["examples"])}) for h in d["hits"]
    )
    return FileScan(
        **{k: v for k, v in d.items() if k not in ("errors", "columns", "hits")},
        errors=tuple(d["errors"]),
        columns=tuple(ColumnVerdict(**c) for c in d["columns"]),
        hits=hits,
    )


def _as_dict(value: Any) -> Any:
    import dataclasses

    return dataclasses.asdict(value)


#: A data scan's unit result: the scan of one file (counts, scores and masked examples only,
#: as its report shows them).
FILE_SCAN: Codec[Any] = Codec(_as_dict, _file_scan_from)
