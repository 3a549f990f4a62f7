"""Importing OSV data: an export zip (like ``PyPI/all.zip``) or a directory of OSV JSON files.

Every entry is read with a size bound (the declared size of a zip member is never trusted),
decoded, validated and stored; entries that fail are counted and a few reasons kept. The zip is
never extracted to disk, so member names cannot escape anywhere.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from secplan.errors import SecplanError
from secplan.vulndb.osv import InvalidEntry, parse_entry
from secplan.vulndb.store import DatabaseInfo, DatabaseWriter, default_path

MAX_ENTRY_BYTES = 4 << 20
MAX_ENTRIES = 2_000_000
MAX_TOTAL_BYTES = 8 << 30
MAX_RATIO = 200  # uncompressed / compressed, for members large enough to matter
MAX_REASONS = 20


class SourceError(SecplanError):
    """An OSV source cannot be imported."""


@dataclass(slots=True)
class ImportStats:
    """What an import did; ``info`` describes the database written."""

    imported: int = 0
    withdrawn: int = 0
    other_ecosystems: int = 0
    rejected: int = 0
    reasons: list[str] = field(default_factory=list)
    info: DatabaseInfo | None = None

    def reject(self, name: str, why: str) -> None:
        self.rejected += 1
        if len(self.reasons) < MAX_REASONS:
            self.reasons.append(f"{name}: {why}")


@dataclass(frozen=True, slots=True)
class _Raw:
    name: str
    data: bytes | None
    problem: str = ""


def _zip_entries(path: Path) -> Iterator[_Raw]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError(
            f"{path.name}: not a readable zip archive ({exc})",
            "pass an OSV export such as PyPI/all.zip, or a directory of OSV .json files",
        ) from exc
    total = 0
    with zf:
        for count, info in enumerate(zf.infolist()):
            if count >= MAX_ENTRIES:
                raise SourceError(f"{path.name}: more than {MAX_ENTRIES} members", "split it")
            if info.is_dir() or not info.filename.endswith(".json"):
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                yield _Raw(info.filename, None, f"larger than {MAX_ENTRY_BYTES} bytes")
                continue
            if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                yield _Raw(info.filename, None, "compression ratio too high")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
                yield _Raw(info.filename, None, f"unreadable member ({exc})")
                continue
            if len(data) > MAX_ENTRY_BYTES:
                yield _Raw(info.filename, None, f"larger than {MAX_ENTRY_BYTES} bytes")
                continue
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise SourceError(
                    f"{path.name}: more than {MAX_TOTAL_BYTES} bytes of entries", "split it"
                )
            yield _Raw(info.filename, data)


def _dir_entries(path: Path) -> Iterator[_Raw]:
    count = 0
    for file in sorted(path.rglob("*.json")):
        if file.is_symlink() or not file.is_file():
            continue
        count += 1
        if count > MAX_ENTRIES:
            raise SourceError(f"{path.name}: more than {MAX_ENTRIES} files", "split it")
        rel = file.relative_to(path).as_posix()
        try:
            with file.open("rb") as fh:
                data = fh.read(MAX_ENTRY_BYTES + 1)
        except OSError as exc:
            yield _Raw(rel, None, f"unreadable ({exc.strerror})")
            continue
        if len(data) > MAX_ENTRY_BYTES:
            yield _Raw(rel, None, f"larger than {MAX_ENTRY_BYTES} bytes")
            continue
        yield _Raw(rel, data)


def _entries(source: Path) -> Iterator[_Raw]:
    if source.is_dir():
        return _dir_entries(source)
    if source.is_file():
        return _zip_entries(source)
    raise SourceError(
        f"{source}: no such file or directory",
        "pass an OSV export zip (PyPI/all.zip) or a directory of OSV .json files",
    )


def import_osv(source: Path, dest: Path | None = None, *, shown: str | None = None) -> ImportStats:
    """Validate every entry of ``source`` and replace the database at ``dest`` with them.

    The old database stays in place when the source holds no valid PyPI entry at all.
    """
    target = dest if dest is not None else default_path()
    stats = ImportStats()
    writer = DatabaseWriter(target, source=shown or source.name)
    try:
        for raw in _entries(source):
            _import_one(raw, writer, stats)
        if writer.count == 0:
            raise SourceError(
                f"{source.name}: no valid PyPI advisory found"
                + (f" ({stats.reasons[0]})" if stats.reasons else ""),
                "pass an OSV export for the PyPI ecosystem (PyPI/all.zip)",
            )
        stats.imported = writer.count
        stats.info = writer.commit()
    except BaseException:
        writer.abort()
        raise
    return stats


def _import_one(raw: _Raw, writer: DatabaseWriter, stats: ImportStats) -> None:
    if raw.data is None:
        stats.reject(raw.name, raw.problem)
        return
    try:
        doc = json.loads(raw.data)
        adv = parse_entry(doc)
    except (ValueError, RecursionError) as exc:  # InvalidEntry, JSON and UTF-8 errors
        why = str(exc) if isinstance(exc, InvalidEntry) else f"invalid JSON ({exc})"
        stats.reject(raw.name, why[:200])
        return
    if adv.withdrawn:
        stats.withdrawn += 1
        return
    if not adv.affected:
        stats.other_ecosystems += 1
        return
    writer.add(adv)
