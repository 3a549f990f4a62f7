"""What a backup holds, and the manifest that lets a drill prove it came back intact.

Sources: the project files named in ``[backup] paths`` (datasets, models), secplan's key ring
and its database (a consistent copy of the SQLite file, or a ``pg_dump`` of PostgreSQL where
``pg_dump`` is installed). Before restic runs, secplan hashes every file (SHA-256) into
``secplan-backup-manifest.json``, which goes into the same snapshot.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from secplan import paths
from secplan._io import atomic_write, sha256_file
from secplan.errors import ConfigError, ServiceError

if TYPE_CHECKING:
    from secplan.governance.records import Records

MANIFEST_NAME = "secplan-backup-manifest.json"
VERSION = 1
#: A manifest larger than this is not one secplan wrote.
MAX_MANIFEST_BYTES = 512 << 20


def hash_workers() -> int:
    """Threads that read and hash files at once: reading a restore back is mostly waiting for
    the disk (hashlib and file reads release the GIL), and more reads in flight keep it
    busier (cold files on 2 cores: about 0.85-1.2 GB/s with 2 threads, 1.5 GB/s with 8)."""
    return max(8, min(16, 4 * (os.cpu_count() or 2)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    path: str  # absolute, as handed to restic
    sha256: str
    size: int
    kind: str  # "data", "keyring", "database"
    rel: str | None = None  # relative to the project, for project files
    dataset: str | None = None  # the dataset record covering it
    label: str | None = None


@dataclass(slots=True)
class Sources:
    """What one backup run will hand restic, and what it could not cover."""

    files: list[tuple[Path, str, str | None]] = field(default_factory=list)  # path, kind, rel
    roots: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _inside(root: Path, rel: str) -> Path:
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts:
        raise ConfigError(
            f"[backup] paths: {rel!r} is not inside the project", "list paths relative to it"
        )
    full = root / rel
    if not full.exists():
        raise ConfigError(f"[backup] paths: {rel!r} does not exist", "fix the path")
    return full


def _walk(top: Path) -> Iterable[Path]:
    if top.is_file() and not top.is_symlink():
        yield top
        return
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if f.is_file() and not f.is_symlink():
                yield f


def copy_database(url: str, staging: Path) -> tuple[Path | None, str | None]:
    """A consistent copy of secplan's database in ``staging``, or why there is none."""
    if url.startswith("sqlite:///"):
        src = Path(url.removeprefix("sqlite:///"))
        if not src.is_file():
            return None, "database: no SQLite file yet, nothing to back up"
        dst = staging / "secplan.db"
        dst.unlink(missing_ok=True)
        try:
            with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as s, sqlite3.connect(dst) as d:
                s.backup(d)
        except sqlite3.Error as exc:
            raise ServiceError(f"database: cannot copy {src.name}: {exc}", "check it") from exc
        dst.chmod(0o600)
        return dst, None
    if url.startswith("postgresql"):
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            return None, "database: PostgreSQL is not covered (pg_dump is not installed)"
        dst = staging / "secplan-postgresql.sql"
        plain = "postgresql://" + url.split("://", 1)[1]
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            proc = subprocess.run(  # noqa: S603 (list args, no shell)
                [pg_dump, "--no-password", "--dbname", plain],
                stdout=out,
                stderr=subprocess.PIPE,
                check=False,
            )
        if proc.returncode != 0:
            dst.unlink(missing_ok=True)
            why = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
            return None, f"database: PostgreSQL is not covered (pg_dump: {why[0][:200]})"
        return dst, None
    return None, f"database: {url.split(':', 1)[0]} is not covered"


def collect(
    root: Path,
    rel_paths: Iterable[str],
    *,
    keyring: bool,
    database_url: str | None,
    staging: Path,
) -> Sources:
    src = Sources()
    for rel in rel_paths:
        top = _inside(root, rel)
        src.roots.append(top)
        src.files += [(f, "data", f.relative_to(root).as_posix()) for f in _walk(top)]
    if keyring:
        keys = paths.home() / "keys"
        if keys.is_dir():
            src.roots.append(keys)
            src.files += [(f, "keyring", None) for f in _walk(keys)]
        else:
            src.notes.append("key ring: none yet, nothing to back up")
    if database_url is not None:
        copy, note = copy_database(database_url, staging)
        if copy is not None:
            src.roots.append(copy)
            src.files.append((copy, "database", None))
        if note:
            src.notes.append(note)
    return src


def hash_all(
    items: list[Path], progress: Callable[[int], None] | None = None
) -> list[tuple[str, int]]:
    """(sha256, size) of each file, hashed by several threads (hashlib frees the GIL)."""

    def one(p: Path) -> tuple[str, int]:
        size = p.stat().st_size
        digest = sha256_file(p)
        if progress is not None:
            progress(size)
        return digest, size

    with ThreadPoolExecutor(hash_workers()) as pool:
        return list(pool.map(one, items))


def build(root: Path, sources: Sources, records: Records) -> list[Entry]:
    from secplan.governance.records import covering_dataset

    hashed = hash_all([f for f, _, _ in sources.files])
    out = []
    for (f, kind, rel), (digest, size) in zip(sources.files, hashed, strict=True):
        rec = covering_dataset(records, rel) if rel is not None else None
        out.append(
            Entry(
                path=str(f.resolve()),
                sha256=digest,
                size=size,
                kind=kind,
                rel=rel,
                dataset=rec.id if rec else None,
                label=rec.label.value if rec else None,
            )
        )
    return out


def write(path: Path, root: Path, entries: list[Entry], notes: list[str]) -> None:
    doc = {
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "project": str(root.resolve()),
        "notes": notes,
        "files": [{k: v for k, v in asdict(e).items() if v is not None} for e in entries],
    }
    atomic_write(path, json.dumps(doc, indent=1) + "\n", mode=0o600)


def parse(data: bytes) -> tuple[list[Entry], list[str]]:
    """The entries of a restored manifest; :class:`ServiceError` if it is not one."""
    try:
        doc = json.loads(data)
        if not isinstance(doc, dict) or doc.get("version") != VERSION:
            raise ValueError("not a secplan backup manifest of a known version")
        entries = [
            Entry(
                path=str(f["path"]),
                sha256=str(f["sha256"]),
                size=int(f["size"]),
                kind=str(f["kind"]),
                rel=None if f.get("rel") is None else str(f["rel"]),
                dataset=None if f.get("dataset") is None else str(f["dataset"]),
                label=None if f.get("label") is None else str(f["label"]),
            )
            for f in doc["files"]
        ]
        notes = [str(n) for n in doc.get("notes", [])]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ServiceError(
            f"the snapshot's {MANIFEST_NAME} is unreadable ({str(exc)[:200]})",
            "the snapshot is damaged or was not made by secplan backup run",
        ) from exc
    return entries, notes
