"""The local vulnerability database: one SQLite file, indexed by normalised package name.

A new database is always built in a temporary file beside the old one and moved over it in one
step, so a scan sees either the previous database or the complete new one, never half of one.

>>> import tempfile, pathlib
>>> from secplan.vulndb.osv import parse_entry
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with DatabaseWriter(d / "db.sqlite", source="example") as w:
...     _ = w.add(parse_entry({"id": "X-1", "modified": "2024-01-01T00:00:00Z",
...         "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "versions": ["1.0"]}]}))
>>> [a.id for a in VulnDB(d / "db.sqlite").advisories_for("Demo")]
['X-1']
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from secplan.errors import SecplanError
from secplan.paths import home
from secplan.vulndb.osv import Advisory, InvalidEntry, normalize_name, parse_entry, to_json

SCHEMA_VERSION = "1"
DB_NAME = "osv-pypi.sqlite"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advisory (id TEXT PRIMARY KEY, modified TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE affected (package TEXT NOT NULL, advisory TEXT NOT NULL);
"""
_INDEX = "CREATE INDEX affected_package ON affected (package)"


def default_path() -> Path:
    """Where ``secplan vulndb import`` puts the database (under secplan's state directory)."""
    return home() / "vulndb" / DB_NAME


class DatabaseError(SecplanError):
    """The local vulnerability database cannot be read or written."""


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    path: Path
    imported_at: datetime
    source: str
    advisories: int


class DatabaseWriter:
    """Builds a database in a temporary file; ``commit`` (on a clean exit) moves it in place."""

    def __init__(self, dest: Path, *, source: str) -> None:
        self.dest = dest
        self.source = source
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".vulndb-", suffix=".tmp")
        os.close(fd)
        self._tmp = Path(tmp)
        self._conn = sqlite3.connect(self._tmp)
        self._conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._seen: dict[str, str] = {}
        self.count = 0

    def add(self, adv: Advisory) -> bool:
        """Store ``adv``; of two entries with one id the later ``modified`` wins."""
        old = self._seen.get(adv.id)
        if old is not None:
            if adv.modified <= old:
                return False
            self._conn.execute("DELETE FROM affected WHERE advisory = ?", (adv.id,))
            self._conn.execute("DELETE FROM advisory WHERE id = ?", (adv.id,))
            self.count -= 1
        self._seen[adv.id] = adv.modified
        doc = json.dumps(to_json(adv), separators=(",", ":"), ensure_ascii=False)
        self._conn.execute("INSERT INTO advisory VALUES (?, ?, ?)", (adv.id, adv.modified, doc))
        names = sorted({a.name for a in adv.affected})
        self._conn.executemany("INSERT INTO affected VALUES (?, ?)", [(n, adv.id) for n in names])
        self.count += 1
        return True

    def commit(self) -> DatabaseInfo:
        now = datetime.now(UTC).replace(microsecond=0)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "imported_at": now.isoformat(),
            "source": self.source,
            "advisories": str(self.count),
        }
        self._conn.execute(_INDEX)
        self._conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        self._conn.commit()
        self._conn.close()
        self._tmp.chmod(0o600)
        self._tmp.replace(self.dest)
        return DatabaseInfo(self.dest, now, self.source, self.count)

    def abort(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        with contextlib.suppress(OSError):
            self._tmp.unlink()

    def __enter__(self) -> DatabaseWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


class VulnDB:
    """Read-only access to a database written by :class:`DatabaseWriter`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            rows = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise DatabaseError(
                f"{path.name}: not a secplan vulnerability database ({exc})",
                "import it again with `secplan vulndb import FILE.zip`",
            ) from exc
        if rows.get("schema_version") != SCHEMA_VERSION:
            raise DatabaseError(
                f"{path.name}: database schema {rows.get('schema_version')!r} is not supported",
                "import it again with `secplan vulndb import FILE.zip`",
            )
        self.info = DatabaseInfo(
            path=path,
            imported_at=datetime.fromisoformat(rows["imported_at"]),
            source=rows.get("source", ""),
            advisories=int(rows.get("advisories", "0")),
        )
        self._cache: dict[str, tuple[Advisory, ...]] = {}

    @classmethod
    def open_default(cls, path: Path | None = None) -> VulnDB | None:
        """The database at ``path`` (default: :func:`default_path`), or ``None`` if absent."""
        target = path if path is not None else default_path()
        return cls(target) if target.is_file() else None

    def advisories_for(self, name: str) -> tuple[Advisory, ...]:
        """Every stored advisory that names package ``name`` (any spelling)."""
        key = normalize_name(name)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        rows = self._conn.execute(
            "SELECT a.doc FROM affected f JOIN advisory a ON a.id = f.advisory "
            "WHERE f.package = ? ORDER BY a.id",
            (key,),
        ).fetchall()
        found = []
        for (doc,) in rows:
            try:
                found.append(parse_entry(json.loads(doc)))
            except (InvalidEntry, ValueError):
                continue  # written by us and validated; a damaged row is skipped
        result = tuple(found)
        self._cache[key] = result
        return result

    def close(self) -> None:
        self._conn.close()
