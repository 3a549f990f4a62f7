"""The engine: ``scan(target)`` discovers and classifies files, runs every scanner, applies
waivers, and ``assess`` derives the posture of the 30 controls.

>>> from pathlib import Path
>>> from datetime import date
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     result = run(Path(d), as_of=date(2026, 1, 1), plugins=False)
>>> len(result.posture.controls)
30
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from secplan import __version__
from secplan.catalog import Catalog, load_catalog
from secplan.config import Settings, load_settings
from secplan.discovery import discover
from secplan.errors import SecplanError, TargetError
from secplan.facts import ProjectFacts, facts_from_findings, project_facts
from secplan.governance.approval import load_checked_records
from secplan.governance.records import Records
from secplan.governance.waivers import WaiverState, suppressing, waiver_state
from secplan.model import (
    Artifact,
    ArtifactKind,
    ControlId,
    Finding,
    Location,
    Posture,
    RunInfo,
    ScanError,
    ScanReport,
)
from secplan.posture import assess
from secplan.project import find_root, scope_of
from secplan.provenance import Provenance, collect
from secplan.scanners import NOT_VERIFIED, Registry, default_registry
from secplan.scanners._base import ArtifactScanner, ProjectScanner, ScanContext, Scanner
from secplan.selection import check_settings_patterns, left_out, selected
from secplan.sniff import classify

if TYPE_CHECKING:
    from secplan.executor import Executor
    from secplan.services import Services
    from secplan.store import Database


class Observer(Protocol):
    """Progress callbacks; the CLI draws a progress bar, the library stays silent."""

    def discovered(self, total: int) -> None: ...

    def scanning(self, path: str) -> None: ...

    def finished(self) -> None: ...


class _Silent:
    def discovered(self, total: int) -> None:
        return None

    def scanning(self, path: str) -> None:
        return None

    def finished(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Assessment:
    """A scan report with the posture derived from it."""

    report: ScanReport
    posture: Posture
    facts: ProjectFacts
    catalog: Catalog
    registry: Registry
    records: Records
    settings: Settings
    provenance: Provenance = field(default_factory=Provenance)


def _today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def _controls_of(scanner: Scanner) -> tuple[ControlId, ...]:
    seen: dict[ControlId, None] = {}
    for r in scanner.rules:
        for c in r.controls:
            seen[c] = None
    return tuple(seen)


def _not_verified(path: str, controls: tuple[ControlId, ...], why: str) -> Finding:
    all_controls = tuple(dict.fromkeys((*NOT_VERIFIED.controls, *controls)))
    return NOT_VERIFIED.at(
        Location(path=path), f"not verified: {why}", evidence=why, controls=all_controls
    )


def _guess_controls(registry: Registry, root: Path, rel: str) -> tuple[ControlId, ...]:
    """Controls whose checks would have applied to an unreadable file, judged by its name."""
    kind, fmt, _ = classify(Path(rel), b"", 0)
    dummy = Artifact(
        path=root / rel, relpath=rel, kind=kind, format=fmt, size=0, mode=0, sniffed=False
    )
    out: dict[ControlId, None] = {}
    for s in registry.scanners:
        if isinstance(s, ArtifactScanner):
            try:
                applies = s.applies_to(dummy)
            except Exception:  # a plugin's applies_to may fail on a fake artifact
                applies = False
            if applies:
                out.update(dict.fromkeys(_controls_of(s)))
    return tuple(out)


def settle(
    findings: list[Finding], settings: Settings, records: Records, as_of: date
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Apply ``--select``/``--ignore`` and severity overrides, then set aside the findings
    active waivers suppress; both lists sorted for stable reports."""
    overrides = dict(settings.severity_overrides)
    chosen = [
        dataclasses.replace(f, severity=overrides[f.rule]) if f.rule in overrides else f
        for f in findings
        if selected(f.rule, settings.select, settings.ignore)
    ]
    active = tuple(
        w
        for w in records.waivers
        if waiver_state(w, as_of, settings.approvers) is WaiverState.ACTIVE
    )
    kept: list[Finding] = []
    suppressed: list[tuple[Finding, str]] = []
    for f in chosen:
        w = suppressing(active, f)
        if w is None:
            kept.append(f)
        else:
            suppressed.append((f, w.id))
    kept.sort(key=Finding.sort_key)
    suppressed.sort(key=lambda fw: fw[0].sort_key())
    return kept, suppressed


def assess_report(
    report: ScanReport,
    settings: Settings,
    records: Records,
    registry: Registry,
    catalog: Catalog,
    provenance: Provenance | None = None,
) -> Assessment:
    """The posture of ``report``: applicability facts, then every control's status."""
    scope = "" if report.run.target == "." else report.run.target
    facts = project_facts(settings.profile, report.artifacts, records, report.observed, scope=scope)
    posture = assess(
        catalog,
        report.findings + tuple(f for f, _ in report.suppressed),
        facts,
        records,
        registry.rules,
        report.run.as_of,
        approvers=settings.approvers,
        left_out=frozenset(
            left_out((r.id for r in registry.rules), settings.select, settings.ignore)
        ),
    )
    return Assessment(
        report, posture, facts, catalog, registry, records, settings, provenance or Provenance()
    )


def scan(
    target: Path,
    settings: Settings,
    records: Records,
    registry: Registry,
    *,
    as_of: date,
    observer: Observer | None = None,
    state: Services | None = None,
    state_error: str = "",
    imported: tuple[Finding, ...] = (),
    root: Path | None = None,
    executor: Executor | None = None,
    resume: Database | None = None,
) -> ScanReport:
    """Scan ``target`` (a project directory, or a file or folder inside the project at
    ``root``) and return the raw report; ``imported`` findings (from other tools' SARIF) join
    the scanners' own. Files run on ``executor`` (default: one at a time in this process);
    with ``resume``, the files this database records as finished (by an interrupted run) are
    not scanned again."""
    from secplan.deadline import DeadlineExceeded, deadline
    from secplan.gitinfo import head_commit, repository_top

    obs = observer or _Silent()
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    root = root or (target if target.is_dir() else target.parent)
    scope = scope_of(target, root)
    found = discover(
        target,
        root=root,
        exclude=settings.exclude,
        use_gitignore=settings.use_gitignore,
        max_files=settings.max_file_count,
    )
    obs.discovered(len(found.artifacts))
    ctx = ScanContext(
        root=root,
        settings=settings,
        records=records,
        as_of=as_of,
        artifacts=found.artifacts,
        state=state,
        state_error=state_error,
        scope=scope,
    )
    findings: list[Finding] = []
    errors: list[ScanError] = [*registry.errors, *found.errors]
    for err in found.errors:
        if err.path:
            findings.append(
                _not_verified(err.path, _guess_controls(registry, root, err.path), err.message)
            )
    artifact_scanners = [s for s in registry.scanners if isinstance(s, ArtifactScanner)]
    project_scanners = [s for s in registry.scanners if isinstance(s, ProjectScanner)]
    if state is not None:
        authorize_scan(state, root, found.artifacts, artifact_scanners)
    try:
        _scan_artifacts(ctx, artifact_scanners, findings, errors, obs, executor, resume)
    finally:
        obs.finished()
    for pscanner in project_scanners:
        try:
            with deadline():
                findings.extend(pscanner.scan_project(ctx))
        except (Exception, DeadlineExceeded) as exc:  # recorded, never silently clean
            why = f"{pscanner.name} failed: {type(exc).__name__}: {_one_line(exc)}"
            errors.append(ScanError(path=".", scanner=pscanner.name, message=why))
            findings.append(_not_verified(".", _controls_of(pscanner), why))

    findings.extend(imported)
    observed = facts_from_findings(findings)
    kept, suppressed = settle(findings, settings, records, as_of)
    top = repository_top(root)
    commit = head_commit(top) if top is not None else None
    run = RunInfo(
        tool_version=__version__,
        started=started,
        as_of=as_of,
        root=root.name or str(root),
        duration_s=time.perf_counter() - t0,
        target=scope or ".",
        commit=commit.sha if commit else None,
        branch=commit.branch if commit else None,
        actor=actor_name(state),
    )
    return ScanReport(
        run=run,
        artifacts=found.artifacts,
        findings=tuple(kept),
        errors=tuple(errors),
        skipped=found.skipped,
        suppressed=tuple(suppressed),
        scanners=tuple(s.name for s in registry.scanners),
        observed=observed,
    )


#: Scanners that read what data files hold; reading a file with them needs ``data:read``.
DATA_READERS = frozenset({"data-pii", "data-integrity"})


def authorize_scan(
    state: Services, root: Path, artifacts: tuple[Artifact, ...], scanners: list[ArtifactScanner]
) -> None:
    """In multi-user mode a scan needs ``scan:run`` on the project and, for every file it
    reads as data, ``data:read`` on it: what ``secplan data scan`` needs for that file. Raises
    :class:`~secplan.errors.AccessDenied` (audited) before anything is read."""
    from secplan.access.resources import file_resource

    actor = state.actor
    if actor.kind == "local":  # local mode: the operating-system user administers
        return
    state.access.require(actor, "scan:run", f"project:{root.name or root}")
    readers = [s for s in scanners if s.name in DATA_READERS]
    data = [a for a in artifacts if a.kind is ArtifactKind.DATASET or _applies(readers, a)]
    state.access.require_each(
        actor, "data:read", [file_resource("dataset", a.path) for a in data], operation="scan"
    )


def _applies(scanners: list[ArtifactScanner], artifact: Artifact) -> bool:
    for s in scanners:
        try:
            if s.applies_to(artifact):
                return True
        except Exception:  # a scanner that cannot decide is treated as reading the file
            return True
    return False


def scan_artifact(
    shared: tuple[ScanContext, tuple[ArtifactScanner, ...]], artifact: Artifact
) -> tuple[list[Finding], list[ScanError]]:
    """One work unit: every artifact scanner on one file, under one deadline for the file."""
    from secplan.deadline import file_seconds

    ctx, scanners = shared
    findings: list[Finding] = []
    errors: list[ScanError] = []
    ends = time.monotonic() + file_seconds()
    for scanner in scanners:
        _run_artifact(scanner, artifact, ctx, findings, errors, ends)
    return findings, errors


def _scan_artifacts(
    ctx: ScanContext,
    scanners: list[ArtifactScanner],
    findings: list[Finding],
    errors: list[ScanError],
    obs: Observer,
    executor: Executor | None,
    resume: Database | None = None,
) -> None:
    """Every file through the artifact scanners on ``executor``; results kept in file order."""
    from secplan.executor import Failed
    from secplan.executor.local import LocalExecutor

    engine = executor or LocalExecutor(1)
    # the state services stay with the driver (only project scanners read them)
    shared = (
        ctx if engine.name == "local" else dataclasses.replace(ctx, state=None),
        tuple(scanners),
    )
    units = [(a.relpath, a) for a in ctx.artifacts]
    if resume is not None:
        from secplan.executor.resume import FINDINGS_AND_ERRORS, digest, file_state, resuming

        c = ctx
        scan_id = digest(
            "scan",
            __version__,
            c.root,
            c.scope,
            c.settings,
            c.records,
            c.as_of,
            [s.name for s in scanners],
        )
        engine = resuming(
            engine, resume, scan_id, FINDINGS_AND_ERRORS, lambda a: file_state(a.path)
        )
    for artifact, result in zip(
        ctx.artifacts, engine.run(scan_artifact, shared, units, obs.scanning), strict=True
    ):
        if isinstance(result, Failed):
            controls = tuple(dict.fromkeys(c for s in scanners for c in _controls_of(s)))
            why = f"not scanned: {result.message}"
            errors.append(ScanError(path=artifact.relpath, scanner="executor", message=why))
            findings.append(_not_verified(artifact.relpath, controls, why))
            continue
        found, failed = result
        findings.extend(found)
        errors.extend(failed)


#: Scanners that keep their own per-file limits (the model-file analyzer, hashing of large
#: files); every other scanner runs under :func:`secplan.deadline.deadline`.
OWN_LIMITS = frozenset({"modelfile", "models", "signatures", "encryption", "state"})


def _run_artifact(
    scanner: ArtifactScanner,
    artifact: Artifact,
    ctx: ScanContext,
    findings: list[Finding],
    errors: list[ScanError],
    ends: float,
) -> None:
    from secplan.deadline import DeadlineExceeded, deadline, file_seconds

    why = ""
    try:
        if not scanner.applies_to(artifact):
            return
        if scanner.name in OWN_LIMITS:
            findings.extend(scanner.scan(artifact, ctx))
        else:
            with deadline(max(ends - time.monotonic(), 0.001), shown=file_seconds()):
                findings.extend(scanner.scan(artifact, ctx))
    except DeadlineExceeded as exc:  # the file is not verified, never silently clean
        why = f"{scanner.name} stopped: {exc}"
    except Exception as exc:  # hostile input must never crash the scan
        why = f"{scanner.name} failed: {type(exc).__name__}: {_one_line(exc)}"
    if why:
        errors.append(ScanError(path=artifact.relpath, scanner=scanner.name, message=why))
        findings.append(_not_verified(artifact.relpath, _controls_of(scanner), why))


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's message on one line, cut to ``limit`` characters."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def actor_name(state: Services | None) -> str:
    """Who runs the scan: the audit trail's actor, else the OS user (said to be unverified)."""
    import getpass

    if state is not None:
        try:
            return state.actor.name
        except SecplanError as exc:
            return f"os:{getpass.getuser()} (not verified: {exc.message})"
    return f"os:{getpass.getuser()} (no audit trail)"


def check_target(target: Path) -> Path:
    """``target`` resolved, or :class:`TargetError` saying what is wrong with it."""
    if not target.exists():
        raise TargetError(f"{target}: no such file or directory", "check the path to scan")
    if not (target.is_dir() or target.is_file()):
        raise TargetError(f"{target}: not a file or directory", "scan a project directory")
    if not os.access(target, os.R_OK) or (target.is_dir() and not os.access(target, os.X_OK)):
        raise TargetError(f"{target}: permission denied", "scan as a user who can read it")
    return target.resolve()


def run(
    target: Path,
    *,
    settings: Settings | None = None,
    config: Path | None = None,
    as_of: date | None = None,
    plugins: bool = True,
    observer: Observer | None = None,
    settings_hook: Callable[[Settings], Settings] | None = None,
    state: Services | None = None,
    state_error: str = "",
    extra_scanners: tuple[Scanner, ...] = (),
    imports: tuple[Path, ...] = (),
    executor: Executor | None = None,
    resume: Database | None = None,
) -> Assessment:
    """Scan ``target`` and assess its posture: the library's main entry point. Files run on
    ``executor`` (default: one at a time in this process)."""
    from secplan.importers import import_sarif

    target = check_target(target)
    root = find_root(target)
    registry = default_registry(plugins=plugins, extra=extra_scanners)
    ids = tuple(r.id for r in registry.rules)
    if settings is None:
        settings = load_settings(root, config)
    check_settings_patterns(
        settings.select, settings.ignore, ids, source=settings.source or "settings"
    )
    if settings_hook is not None:  # what the hook adds comes from the command line
        settings = settings_hook(settings)
        check_settings_patterns(settings.select, settings.ignore, ids, source="--")
    day = as_of or _today()
    records = load_checked_records(root, settings)
    catalog = load_catalog()
    catalog.validate_rules(registry.rules)
    imported = tuple(f for p in imports for f in import_sarif(p, root))
    report = scan(
        target,
        settings,
        records,
        registry,
        as_of=day,
        observer=observer,
        state=state,
        state_error=state_error,
        imported=imported,
        root=root,
        executor=executor,
        resume=resume,
    )
    prov = collect(root, records, day, settings.approvers)
    return assess_report(report, settings, records, registry, catalog, prov)


__all__ = [
    "ArtifactKind",
    "Assessment",
    "Observer",
    "assess_report",
    "authorize_scan",
    "check_target",
    "run",
    "scan",
    "settle",
]
