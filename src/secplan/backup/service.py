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
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from secplan import paths
from secplan._io import sha256_file
from secplan.backup import manifest
from secplan.backup.restic import Restic, ResticError, check_snapshot_id, find_restic
from secplan.backup.secret import PasswordStore, repository_id
from secplan.config import Settings
from secplan.errors import ConfigError, SecplanError

if TYPE_CHECKING:
    from secplan.governance.records import Records

#: restic backends named by a prefix; anything else is a local path.
_SCHEMES = ("local:", "sftp:", "rest:", "s3:", "b2:", "azure:", "gs:", "swift:", "rclone:")
MAX_LISTED = 20
#: restic's first line of a restore: ``restoring <Snapshot 3f2a9c1b of [...] ...> to DIR``.
_RESTORING = re.compile(r"restoring <Snapshot ([0-9a-f]{8,64}) ")
_HEX = frozenset("0123456789abcdef")


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
        # a local repository is its own cache; a remote one is cached in secplan's home
        local = not repo.startswith(_SCHEMES) or repo.startswith("local:")
        cache = None if local else paths.home() / "backup" / "cache"
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
                database_url=_database_url() if s.backup_database else None,
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
            check_snapshot_id(snapshot)
            target = Path(tempfile.mkdtemp(prefix="secplan-drill-", dir=workdir))
            try:
                return self._restore_and_verify(restic, result, target, snapshot)
            finally:
                shutil.rmtree(target, ignore_errors=True)
        except ResticError as exc:
            return result.fail(exc.kind, exc.message)
        except SecplanError as exc:
            return result.fail("error", exc.message)
        except OSError as exc:
            return result.fail("error", f"restore drill: {exc.strerror or exc}")

    def _restore_and_verify(
        self, restic: Restic, result: DrillResult, target: Path, snap: str
    ) -> DrillResult:
        # restic opens the repository with a deliberately slow key derivation (about half a
        # second of CPU): a local repository's snapshot ids are read from its snapshots/
        # folder instead, and a remote one's full id is asked for beside the restore
        folder = _snapshots_folder(restic.repository)
        with ThreadPoolExecutor(1) as beside:
            resolving = None if folder is not None else beside.submit(restic.snapshot, snap)
            t0 = time.perf_counter()
            try:
                said = restic.restore(snap, target)
            except ResticError:
                # a missing snapshot says so in its own words
                if resolving is not None:
                    resolving.result()
                else:
                    restic.snapshot(snap)
                raise
            result.restore_seconds = time.perf_counter() - t0
            m = _RESTORING.search(said)
            if resolving is not None:
                result.snapshot = str(resolving.result().get("id", ""))[:64] or None
            elif m is not None and folder is not None:
                result.snapshot = _full_id(restic, folder, m.group(1))
        if m is None or not (result.snapshot or "").startswith(m.group(1)):
            return result.fail(
                "changed",
                "could not tell which snapshot restic restored (a new one may have been made "
                "during the drill); run it again",
            )
        t1 = time.perf_counter()
        entries = self._manifest(target, snap, result)
        if entries is None:
            return result
        check = _checker(target, _profiles(self.root))
        todo = list(entries.values())
        with ThreadPoolExecutor(manifest.hash_workers()) as pool:
            _tally(list(zip(todo, pool.map(check, todo), strict=True)), result)
        _unlisted(target, entries, result)
        result.verify_seconds = time.perf_counter() - t1
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
            # a link anywhere on the way could lead out of the restore: not this file
            inside = f.resolve().is_relative_to(target.resolve())
            if not f.is_file() or f.is_symlink() or not inside:
                return "missing from the restore", False
            if f.stat().st_size != e.size:
                return "size differs", False
            digest = sha256_file(f)
        except OSError as exc:
            return f"unreadable ({exc.strerror})", False
        # checked: the file is removed now, in this worker, rather than all at the end
        f.unlink(missing_ok=True)
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


def _unlisted(target: Path, entries: dict[str, manifest.Entry], result: DrillResult) -> None:
    """Fail the drill for each regular file in the restore that its manifest does not list:
    the snapshot then holds data that was not backed up as recorded (added to the repository
    later, or by someone else), so it is not the backup the evidence would vouch for. Links
    and other special files carry no data of their own (the backup never lists them)."""
    listed = {_restored(target, path) for path in entries}
    extra: list[str] = []
    for dirpath, _, filenames in os.walk(target):
        for name in filenames:
            f = Path(dirpath) / name
            if name == manifest.MANIFEST_NAME or f in listed:
                continue
            if f.is_file() and not f.is_symlink():
                extra.append("/" + f.relative_to(target).as_posix())
    if not extra:
        return
    extra.sort()
    result.mismatches += len(extra)
    room = max(0, MAX_LISTED - len(result.mismatched))
    result.mismatched.extend(
        f"{path}: in the snapshot but not in its manifest" for path in extra[:room]
    )
    if result.error is None:
        result.fail(
            "mismatch",
            f"{len(extra)} file(s) in the snapshot are not in its manifest: {extra[0]}",
        )


def _snapshots_folder(repository: str) -> Path | None:
    """The ``snapshots/`` folder of a local repository (each file named by a snapshot's full
    id); ``None`` for a remote one."""
    if repository.startswith(_SCHEMES) and not repository.startswith("local:"):
        return None
    return Path(repository.removeprefix("local:")) / "snapshots"


def _full_id(restic: Restic, folder: Path, short: str) -> str | None:
    """The full id of the snapshot whose id starts with ``short``: its file's name in the
    repository's ``snapshots/`` folder, or restic's answer when that does not tell."""
    try:
        names = [p.name for p in folder.iterdir() if p.name.startswith(short)]
    except OSError:
        names = []
    if len(names) == 1 and len(names[0]) == 64 and all(c in _HEX for c in names[0]):
        return names[0]
    return str(restic.snapshot(short).get("id", ""))[:64] or None


def _database_url() -> str:
    from secplan.store.db import database_url  # SQLAlchemy: only for a backup run

    return database_url()


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
