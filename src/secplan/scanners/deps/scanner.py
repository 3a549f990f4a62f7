"""The dependency scanners: project dependency files, and optionally an installed environment.

A project is *deployable* when discovery found a container, a deployment manifest or serving
code. Only deployable projects need hashes (DP102) and a lock file (DP103); requirement files
are install instructions, so their unpinned lines are reported everywhere (DP001), at low
severity in projects that deploy nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import ClassVar

from secplan.facts import serving_files
from secplan.model import ArtifactKind, Finding, Location, Rule, Severity
from secplan.scanners._base import ScanContext
from secplan.scanners.deps.environment import installed
from secplan.scanners.deps.files import CONDA_LOCK, collect, is_conda_name
from secplan.scanners.deps.model import DependencyFile, FileKind
from secplan.scanners.deps.rules import (
    MISSING_LOCK_FILE,
    RULES,
    STALE_VULNDB,
    UNHASHED_DEPENDENCIES,
    UNPINNED_DEPENDENCY,
    VULNDB_MISSING,
    VULNERABLE_DEPENDENCY,
)
from secplan.scanners.deps.vulns import database_findings, open_database, vulnerability_findings
from secplan.textfile import TooLarge, read_text


def is_deployable(ctx: ScanContext) -> bool:
    kinds = {a.kind for a in ctx.artifacts}
    if kinds & {ArtifactKind.CONTAINER, ArtifactKind.DEPLOYMENT}:
        return True
    return bool(serving_files(ctx.artifacts))


def _is_compiled_input(path: str, names: set[str]) -> bool:
    """A pip-compile input (``requirements.in``) beside its compiled ``.txt``."""
    p = PurePosixPath(path)
    return p.suffix == ".in" and str(p.with_suffix(".txt")) in names


def _is_requirements(f: DependencyFile) -> bool:
    return f.kind is FileKind.INSTALL and not is_conda_name(PurePosixPath(f.path).name)


def _pinned_elsewhere(f: DependencyFile, files: Sequence[DependencyFile]) -> set[str]:
    """Packages a lock-like file beside, above or below a manifest pins."""
    return {
        d.key
        for g in files
        if g is not f and _lock_like(g) and _related(f.path, g.path)
        for d in g.deps
        if d.version is not None
    }


def _conda_locked(f: DependencyFile, files: Sequence[DependencyFile]) -> set[str]:
    """Packages of a conda environment file that a conda-lock file beside, above or below
    it pins (conda-lock turns the environment's ranges into exact versions)."""
    if f.kind is not FileKind.INSTALL or not is_conda_name(PurePosixPath(f.path).name):
        return set()
    return {
        d.key
        for g in files
        if g.kind is FileKind.LOCK
        and CONDA_LOCK.match(PurePosixPath(g.path).name)
        and _related(f.path, g.path)
        for d in g.deps
        if d.version is not None
    }


#: Groups of a manifest that a plain install of the project installs.
_MAIN_GROUPS = frozenset({"", "main"})


def deploy_homes(ctx: ScanContext) -> frozenset[PurePosixPath]:
    """Folders that hold a Dockerfile, a compose file or a Kubernetes manifest."""
    kinds = (ArtifactKind.CONTAINER, ArtifactKind.DEPLOYMENT)
    return frozenset(PurePosixPath(a.relpath).parent for a in ctx.artifacts if a.kind in kinds)


def _application(f: DependencyFile, homes: frozenset[PurePosixPath]) -> bool:
    """A manifest of something deployed, not of a library: one that says so (a Pipfile, a
    pyproject.toml without a build backend or with packaging off), or one with a container
    or deployment file in its own folder. A library states ranges on purpose; the
    application that installs it pins them."""
    return f.application or PurePosixPath(f.path).parent in homes


def _pin_findings(
    files: Sequence[DependencyFile],
    constraints: set[str],
    deployable: bool,
    homes: frozenset[PurePosixPath] = frozenset(),
    under_constraints: frozenset[str] | set[str] = frozenset(),
) -> Iterator[Finding]:
    """DP001 for each unpinned line of an install file, and of an application's manifest
    (its main dependencies, not extras or development groups) whose lock-like files (beside,
    above or below it) do not pin that package. Files in ``under_constraints`` are
    installed with a constraints file that pins them."""
    names = {f.path for f in files}
    constrained = {
        d.key for f in files if f.path in constraints for d in f.deps if d.version is not None
    }
    for f in files:
        if f.kind not in (FileKind.INSTALL, FileKind.MANIFEST, FileKind.COMMAND):
            continue
        if f.path in constraints or f.path in under_constraints:
            continue
        if _is_compiled_input(f.path, names):
            continue
        pinned = constrained | _conda_locked(f, files)
        manifest = f.kind is FileKind.MANIFEST
        if manifest:
            if not _application(f, homes):
                continue
            pinned = constrained | _pinned_elsewhere(f, files)
        for d in f.deps:
            if d.direct or d.version is not None or d.key in pinned:
                continue
            if manifest and d.group not in _MAIN_GROUPS:
                continue
            yield UNPINNED_DEPENDENCY.at(
                d.location,
                f"{d.name} is not pinned to an exact version",
                evidence=d.shown,
                severity=None if deployable else Severity.LOW,
            )


def _hash_findings(files: Sequence[DependencyFile], constraints: set[str]) -> Iterator[Finding]:
    names = {f.path for f in files}
    for f in files:
        if f.path in constraints or _is_compiled_input(f.path, names):
            continue
        if not (_is_requirements(f) or f.kind is FileKind.LOCK):
            continue
        index = [d for d in f.deps if not d.direct]
        missing = [d for d in index if not d.hashes]
        if not missing:
            continue
        flag = "--hash" if f.kind is FileKind.INSTALL else "a hash"
        yield UNHASHED_DEPENDENCIES.at(
            missing[0].location,
            f"{len(missing)} of {len(index)} packages have no {flag}, so the installer cannot "
            "check what it downloads",
            evidence=", ".join(d.shown for d in missing[:5]) + (" ..." if len(missing) > 5 else ""),
        )


def _lock_like(f: DependencyFile) -> bool:
    return f.kind is FileKind.LOCK or (f.kind is FileKind.INSTALL and f.fully_pinned)


def _related(a: str, b: str) -> bool:
    pa, pb = PurePosixPath(a).parent.parts, PurePosixPath(b).parent.parts
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _lock_findings(files: Sequence[DependencyFile]) -> Iterator[Finding]:
    locks = [f.path for f in files if _lock_like(f)]
    for f in files:
        if f.kind is not FileKind.MANIFEST or not any(not d.direct for d in f.deps):
            continue
        if any(_related(f.path, lock) for lock in locks):
            continue
        ranges = [d for d in f.deps if not d.direct and d.version is None]
        yield MISSING_LOCK_FILE.at(
            Location(path=f.path),
            f"{len(f.deps)} dependencies are declared but no lock file pins them",
            evidence=", ".join(d.shown for d in (ranges or list(f.deps))[:5]),
        )


def _locked_keys(files: Sequence[DependencyFile]) -> frozenset[str]:
    return frozenset(d.key for f in files for d in f.deps if d.version is not None)


def _installed_under_constraints(ctx: ScanContext, files: Sequence[DependencyFile]) -> set[str]:
    """Requirement files that a Dockerfile in their folder (or above it) installs with a
    constraints file (``pip install -r requirements.txt -c <constraints>``): the versions
    come from the constraints, so the file's ranges are not reported as unpinned."""
    from secplan.scanners.deps.image_installs import constrained_requirements

    out: set[str] = set()
    for a in ctx.artifacts:
        if a.kind is not ArtifactKind.CONTAINER:
            continue
        try:
            names = constrained_requirements(read_text(ctx.root / a.relpath, 1 << 20))
        except (TooLarge, OSError):
            continue
        home = PurePosixPath(a.relpath).parent
        for f in files:
            path = PurePosixPath(f.path)
            if f.kind is FileKind.INSTALL and path.name in names and path.is_relative_to(home):
                out.add(f.path)
    return out


class DependencyScanner:
    """Pins, hashes, lock files and known vulnerabilities of every dependency file."""

    name: ClassVar[str] = "dependencies"
    rules: ClassVar[tuple[Rule, ...]] = RULES

    def __init__(self, db_path: Path | None = None) -> None:
        self.db_path = db_path

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        # imported here: the command engine that reads RUN lines uses this package's rules
        from secplan.scanners.deps.image_installs import image_installs

        files, constraint_only = collect(ctx.root, ctx.artifacts)
        files += image_installs(ctx.root, ctx.artifacts)
        constraints = constraint_only | {
            f.path for f in files if PurePosixPath(f.path).name.lower().startswith("constraints")
        }
        constrained = _installed_under_constraints(ctx, files)
        for f in files:
            yield from f.findings
        deployable = is_deployable(ctx)
        yield from _pin_findings(files, constraints, deployable, deploy_homes(ctx), constrained)
        if deployable:
            yield from _hash_findings(files, constraints)
            yield from _lock_findings(files)
        db, why = open_database(self.db_path)
        yield from database_findings(db, why, files, ctx.as_of)
        if db is not None:
            locked = _locked_keys(files)
            for f in files:
                yield from vulnerability_findings(db, f.deps, locked)
            db.close()


class EnvironmentScanner:
    """Known vulnerabilities of the packages installed in a Python environment (``--env``)."""

    name: ClassVar[str] = "environment"
    rules: ClassVar[tuple[Rule, ...]] = (VULNERABLE_DEPENDENCY, VULNDB_MISSING, STALE_VULNDB)

    def __init__(self, site_packages: Path | None = None, db_path: Path | None = None) -> None:
        self.site_packages = site_packages
        self.db_path = db_path

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        env = installed(self.site_packages)
        db, why = open_database(self.db_path)
        yield from database_findings(db, why, [env], ctx.as_of)
        if db is not None:
            yield from vulnerability_findings(db, env.deps, frozenset())
            db.close()
