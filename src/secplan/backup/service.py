"""Backups with restic and restore drills that prove them (control DS3).

::

    svc = Backup.for_project(root, settings)   # [backup] repository and paths
    svc.init()                                 # a new restic repository, password wrapped
    svc.run(records)                           # manifest + snapshot of data, keys, database
    result = svc.drill()                       # restore, verify, then write the evidence
    write_drill_record(root, result, settings.max_drill_age_days)

A drill restores a snapshot into a temporary directory, checks every file against the SHA-256
secplan recorded at backup time (and, for dataset files, against their ``secplan data
profile``), and removes the restore. Whatever goes wrong after the repository is known —
wrong password, missing snapshot, damaged repository, a changed file — gives a failed
:class:`DrillResult`, never a pass.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from secplan import paths
from secplan._io import sha256_file
from secplan.backup import manifest
from secplan.backup.restic import Restic, ResticError, check_snapshot_id, find_restic
from secplan.backup.secret import PasswordStore, repository_id
from secplan.config import Settings
from secplan.errors import ConfigError, SecplanError
from secplan.governance.records import Records
from secplan.store.db import database_url

#: restic backends named by a prefix; anything else is a local path.
_SCHEMES = ("local:", "sftp:", "rest:", "s3:", "b2:", "azure:", "gs:", "swift:", "rclone:")
MAX_LISTED = 20
#: A drill restores in at most this many parts, each at least this large.
MAX_PARTS, PART_BYTES = 4, 128 << 20
#: Characters restic's --include reads as a pattern; paths holding them restore in one part.
_GLOB = frozenset("*?[\\")
MAX_ARGV = 256 << 10


def resolve_repository(root: Path, configured: str | None) -> str:
    if not configured:
        raise ConfigError(
            "no backup repository configured",
            'set [backup] repository = "..." in secplan.toml (a path or a restic URL)',
        )
    if configured.startswith(_SCHEMES):
        return configured
    p = Path(configured)
    return str((p if p.is_absolute() else root / p).resolve())


@dataclass(frozen=True, slots=True, kw_only=True)
class RunResult:
    snapshot: str
    files: int
    bytes: int
    notes: tuple[str, ...]


@dataclass(slots=True, kw_only=True)
class DrillResult:
    repository: str
    started: datetime
    snapshot: str | None = None
    restore_seconds: float = 0.0
    verify_seconds: float = 0.0
    files_checked: int = 0
    bytes_checked: int = 0
    mismatched: list[str] = field(default_factory=list)
    mismatches: int = 0
    profiles_checked: int = 0
    datasets: list[str] = field(default_factory=list)
    error: str | None = None
    kind: str | None = None  # what failed: wrong-password, missing-snapshot, corrupted, ...

    @property
    def passed(self) -> bool:
        return self.error is None and self.mismatches == 0 and self.files_checked > 0

    def fail(self, kind: str, message: str) -> DrillResult:
        self.kind, self.error = kind, message
        return self


def _profiles(root: Path) -> dict[str, str]:
    """Project-relative path → sha256, from the dataset profiles under ``.secplan/profiles``."""
    out: dict[str, str] = {}
    folder = root / ".secplan" / "profiles"
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.json")):
        try:
            if p.stat().st_size > manifest.MAX_MANIFEST_BYTES:
                continue
            doc = json.loads(p.read_bytes())
            for f in doc.get("files", []):
                out[str(f["path"])] = str(f["sha256"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            continue  # an unreadable profile is DS5's finding, not the drill's
    return out


class Backup:
    def __init__(self, root: Path, settings: Settings, restic: Restic, store: PasswordStore):
        self.root = root
        self.settings = settings
        self.restic = restic
        self.store = store

    @classmethod
    def for_project(
        cls, root: Path, settings: Settings, store: PasswordStore | None = None
    ) -> Backup:
        repo = resolve_repository(root, settings.backup_repository)
        cache = paths.home() / "backup" / "cache"
        restic = Restic(binary=find_restic(), repository=repo, cache_dir=cache)
        return cls(root, settings, restic, store or PasswordStore.default())

    @property
    def repository(self) -> str:
        return self.restic.repository

    def _opened(self) -> Restic:
        pw = self.store.password(self.repository)
        return Restic(
            binary=self.restic.binary,
            repository=self.repository,
            password=pw,
            cache_dir=self.restic.cache_dir,
        )

    def init(self) -> str:
        """Create the repository with a new random password, kept wrapped by the KEK."""
        pw = self.store.create(self.repository)
        try:
            return Restic(
                binary=self.restic.binary,
                repository=self.repository,
                password=pw,
                cache_dir=self.restic.cache_dir,
            ).init()
        except SecplanError:
            self.store.forget(self.repository)  # no repository: keep no password for it
            raise

    def staging(self) -> Path:
        d = paths.home() / "backup" / "staging" / repository_id(self.repository)
        d.mkdir(parents=True, exist_ok=True, mode=0o700)
        return d

    def run(self, records: Records) -> RunResult:
        s = self.settings
        if not s.backup_paths and not s.backup_keyring and not s.backup_database:
            raise ConfigError("nothing to back up", "set [backup] paths in secplan.toml")
        restic = self._opened()
        staging = self.staging()
        try:
            src = manifest.collect(
                self.root,
                s.backup_paths,
                keyring=s.backup_keyring,
                database_url=database_url() if s.backup_database else None,
                staging=staging,
            )
            entries = manifest.build(self.root, src, records)
            man = staging / manifest.MANIFEST_NAME
            manifest.write(man, self.root, entries, src.notes)
            summary = restic.backup([*src.roots, man], tags=("secplan",))
        finally:
            for leftover in staging.iterdir():  # the database copy is as secret as the database
                leftover.unlink(missing_ok=True)
        return RunResult(
            snapshot=str(summary.get("snapshot_id", "")),
            files=len(entries),
            bytes=sum(e.size for e in entries),
            notes=tuple(src.notes),
        )

    def snapshots(self) -> list[dict[str, Any]]:
        return self._opened().snapshots()

    def drill(self, snapshot: str = "latest", *, workdir: Path | None = None) -> DrillResult:
        """Restore ``snapshot`` into a temporary directory, verify it, remove it."""
        result = DrillResult(repository=self.repository, started=datetime.now(UTC))
        try:
            restic = self._opened()
            snap = restic.snapshot(check_snapshot_id(snapshot))
            result.snapshot = str(snap.get("id", ""))[:64] or None
            target = Path(tempfile.mkdtemp(prefix="secplan-drill-", dir=workdir))
            try:
                return self._restore_and_verify(restic, result, target)
            finally:
                shutil.rmtree(target, ignore_errors=True)
        except ResticError as exc:
            return result.fail(exc.kind, exc.message)
        except SecplanError as exc:
            return result.fail("error", exc.message)
        except OSError as exc:
            return result.fail("error", f"restore drill: {exc.strerror or exc}")

    def _restore_and_verify(self, restic: Restic, result: DrillResult, target: Path) -> DrillResult:
        """Restore in parts, the manifest first: while restic writes one part, the files of
        the parts before it (complete by then) are hashed."""
        snap = result.snapshot or "latest"
        groups = plan_groups(restic.files(snap))
        check = _checker(target, _profiles(self.root))
        pool = ThreadPoolExecutor(manifest.hash_workers())
        try:
            entries: dict[str, manifest.Entry] | None = None
            jobs: list[tuple[manifest.Entry, Future[tuple[str | None, bool]]]] = []
            for include in groups:
                t0 = time.perf_counter()
                restic.restore(snap, target, include)
                result.restore_seconds += time.perf_counter() - t0
                if entries is None:
                    entries = self._manifest(target, snap, result)
                    if entries is None:
                        return result
                todo = list(entries) if include is None else [p for p in include if p in entries]
                jobs += [(e, pool.submit(check, e)) for e in map(entries.pop, todo)]
            t1 = time.perf_counter()
            jobs += [(e, pool.submit(check, e)) for e in (entries or {}).values()]
            _tally([(e, f.result()) for e, f in jobs], result)
            result.verify_seconds = time.perf_counter() - t1
        finally:
            pool.shutdown(cancel_futures=True)
        if result.files_checked == 0 and result.error is None:
            result.fail("empty", f"snapshot {snap[:8]} lists no files to verify")
        return result

    @staticmethod
    def _manifest(target: Path, snap: str, result: DrillResult) -> dict[str, manifest.Entry] | None:
        found = _find_manifests(target)
        if len(found) != 1:
            result.fail(
                "no-manifest",
                f"snapshot {snap[:8]} holds {len(found) or 'no'} secplan manifest(s); "
                "it cannot be verified",
            )
            return None
        if found[0].stat().st_size > manifest.MAX_MANIFEST_BYTES:
            result.fail("no-manifest", "the snapshot's manifest is over its size limit")
            return None
        entries, _ = manifest.parse(found[0].read_bytes())
        return {e.path: e for e in entries}


Outcome = tuple[str | None, bool]  # why a file does not match, whether a profile was compared


def _checker(target: Path, profiles: dict[str, str]) -> Callable[[manifest.Entry], Outcome]:
    def check(e: manifest.Entry) -> Outcome:
        f = _restored(target, e.path)
        try:
            if not f.is_file() or f.is_symlink():
                return "missing from the restore", False
            if f.stat().st_size != e.size:
                return "size differs", False
            digest = sha256_file(f)
        except OSError as exc:
            return f"unreadable ({exc.strerror})", False
        if digest != e.sha256:
            return "sha256 differs from the manifest", False
        want = profiles.get(e.rel) if e.rel else None
        if want is not None and want != digest:
            return "sha256 differs from its dataset profile", True
        return None, want is not None

    return check


def _tally(outcomes: list[tuple[manifest.Entry, Outcome]], result: DrillResult) -> None:
    bad_sets: set[str] = set()
    covered: set[str] = set()
    for e, (why, profiled) in sorted(outcomes, key=lambda o: o[0].path):
        result.files_checked += 1
        result.bytes_checked += e.size
        result.profiles_checked += int(profiled)
        if e.dataset:
            covered.add(e.dataset)
        if why is not None:
            result.mismatches += 1
            if e.dataset:
                bad_sets.add(e.dataset)
            if len(result.mismatched) < MAX_LISTED:
                result.mismatched.append(f"{e.rel or e.path}: {why}")
    result.datasets = sorted(covered - bad_sets)
    if result.mismatches:
        result.fail(
            "mismatch",
            f"{result.mismatches} of {result.files_checked} file(s) "
            f"do not match: {result.mismatched[0]}",
        )


def plan_groups(nodes: list[dict[str, Any]]) -> list[list[str] | None]:
    """The parts to restore, as restic ``--include`` paths (``[None]``: all at once). The
    manifest comes in the first part; the rest is split by size, so that hashing one part
    overlaps restoring the next."""
    files = [(str(n["path"]), int(n.get("size") or 0)) for n in nodes]
    total = sum(size for _, size in files)
    parts = max(1, min(MAX_PARTS, total // PART_BYTES))
    man = [p for p, _ in files if PurePosixPath(p).name == manifest.MANIFEST_NAME]
    plain = all(not (set(p) & _GLOB) and p.startswith("/") for p, _ in files)
    if parts == 1 or len(man) != 1 or not plain or sum(len(p) for p, _ in files) > MAX_ARGV:
        return [None]
    groups: list[list[str] | None] = []
    current, filled = [man[0]], sum(size for p, size in files if p == man[0])
    for path, size in files:
        if path == man[0]:
            continue
        current.append(path)
        filled += size
        if filled >= (len(groups) + 1) * total / parts and len(groups) < parts - 1:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _find_manifests(target: Path) -> list[Path]:
    found = []
    for dirpath, _, filenames in os.walk(target):
        if manifest.MANIFEST_NAME in filenames:
            found.append(Path(dirpath) / manifest.MANIFEST_NAME)
    return found


def _restored(target: Path, stored_path: str) -> Path:
    rel = PurePosixPath(stored_path)
    if ".." in rel.parts:
        raise ConfigError(f"snapshot path {stored_path!r} leaves the restore", "check the snapshot")
    return target.joinpath(*rel.parts[1:] if rel.is_absolute() else rel.parts)
