"""``secplan model scan``: analyse files, directories and archives in parallel, and build an
:class:`~secplan.engine.Assessment` that every reporter renders.

Several paths make one report: locations are relative to the deepest directory that contains
them all. Each worker process only parses; findings come back as values.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secplan import __version__
from secplan.catalog import load_catalog
from secplan.config import Settings
from secplan.discovery import discover
from secplan.engine import Assessment, Observer, assess_report, check_target, settle
from secplan.governance.records import Records
from secplan.model import Artifact, Finding, Location, RunInfo, ScanError, ScanReport, Skipped
from secplan.modelfile import Limits, analyze_file, applies
from secplan.modelfile.formats import MODEL_NAMES
from secplan.modelfile.rules import NOT_VERIFIED as MODEL_NOT_VERIFIED
from secplan.scanners import NOT_VERIFIED, build_registry
from secplan.scanners.modelfile import ModelFileScanner

if TYPE_CHECKING:
    from secplan.executor import Executor
    from secplan.store import Database


def common_root(targets: list[Path]) -> Path:
    """The deepest directory containing every target (a file counts by its directory)."""
    dirs = [t if t.is_dir() else t.parent for t in targets]
    return Path(os.path.commonpath([str(d) for d in dirs]))


def project_root(targets: list[Path]) -> Path:
    """The root of the project the targets lie in (its settings, records and the base of
    reported paths), found upward from :func:`common_root` as ``secplan scan`` finds it: a
    pre-commit hook that names ``models/x.pt`` gets the project's ``secplan.toml`` and
    waivers, not those of ``models/``."""
    from secplan.project import find_root

    return find_root(common_root(targets))


def collect(
    targets: list[Path], root: Path, settings: Settings
) -> tuple[list[Artifact], list[Skipped], list[ScanError]]:
    """The files to analyse under ``targets``, with paths relative to ``root``."""
    chosen: dict[str, Artifact] = {}
    skipped: list[Skipped] = []
    errors: list[ScanError] = []
    for target in targets:
        base = target if target.is_dir() else target.parent
        prefix = base.relative_to(root).as_posix()
        found = discover(
            target,
            exclude=settings.exclude,
            use_gitignore=settings.use_gitignore,
            max_files=settings.max_file_count,
        )
        for a in found.artifacts:
            rel = a.relpath if prefix in ("", ".") else f"{prefix}/{a.relpath}"
            art = dataclasses.replace(a, relpath=rel)
            if applies(art) or target.is_file():
                chosen.setdefault(rel, art)
            else:
                skipped.append(Skipped(path=rel, reason=f"not a model file ({a.format})"))
        skipped.extend(found.skipped)
        errors.extend(found.errors)
    return sorted(chosen.values(), key=lambda a: a.relpath), skipped, errors


_Shared = tuple[tuple[str, ...], Limits]


def _analyze(shared: _Shared, item: tuple[Path, str]) -> list[Finding]:
    """One work unit: the findings of one file (runs in a worker; only parses)."""
    allow, limits = shared
    path, rel = item
    return analyze_file(path, rel, allow=allow, limits=limits)


def _analyze_remote(shared: _Shared, item: tuple[str, str]) -> list[Finding]:
    """One work unit: one remote object, streamed into a private temporary file under the
    size limit, analysed as a local file, then deleted."""
    from secplan.objectstore import Fetched

    allow, limits = shared
    url, rel = item
    with Fetched(url, rel, limits.max_total_bytes) as path:
        return analyze_file(path, rel, allow=allow, limits=limits)


def _failed(rel: str, why: str) -> Finding:
    return NOT_VERIFIED.at(_loc(rel), f"not verified: {why}", evidence=why)


def _loc(rel: str) -> Location:
    return Location(path=rel)


class _Silent:
    def discovered(self, total: int) -> None:
        return None

    def scanning(self, path: str) -> None:
        return None

    def finished(self) -> None:
        return None


def scan_models(
    targets: list[Path],
    settings: Settings,
    records: Records,
    *,
    as_of: date,
    jobs: int | None = None,
    limits: Limits | None = None,
    observer: Observer | None = None,
    executor: Executor | None = None,
    resume: Database | None = None,
) -> Assessment:
    """Analyse ``targets`` and assess the result (only the model-file rules apply). The files
    run on ``executor`` (default: the local pool of ``jobs`` processes); with ``resume``, the
    units this database records as finished (by an interrupted run) are not run again."""
    obs = observer or _Silent()
    started, t0 = datetime.now(UTC), time.perf_counter()
    targets = [check_target(t) for t in targets]
    root = project_root(targets)
    artifacts, skipped, errors = collect(targets, root, settings)
    obs.discovered(len(artifacts))
    findings: list[Finding] = [
        NOT_VERIFIED.at(_loc(e.path), f"not verified: {e.message}", evidence=e.message)
        for e in errors
        if e.path
    ]
    # a model left out by the walk (a link, .gitignore, a limit) was not checked: say so
    findings += [
        MODEL_NOT_VERIFIED.at(
            _loc(s.path),
            f"model file not analysed: {s.reason}",
            evidence=s.reason,
            remediation="Name the file (or the link's target) explicitly, or scan with "
            "--no-gitignore; links are never followed.",
        )
        for s in skipped
        if s.path.lower().endswith(MODEL_NAMES) and not s.reason.startswith("not a model file")
    ]
    from secplan.executor.local import LocalExecutor

    engine = executor or LocalExecutor(jobs or os.cpu_count() or 1)
    # the largest files first, so that the pool's workers do not wait at the end on one large
    # file started last (the report's order does not depend on this one)
    by_size = sorted(artifacts, key=lambda a: -a.size)
    units: list[tuple[str, tuple[Any, str]]] = [(a.relpath, (a.path, a.relpath)) for a in by_size]
    shared = (settings.model_allow, limits or Limits())
    if resume is not None:
        from secplan.executor.resume import FINDINGS, digest, file_state, resuming

        scan_id = digest("model scan", __version__, root, shared)
        engine = resuming(engine, resume, scan_id, FINDINGS, lambda item: file_state(item[0]))
    _run_units(engine, _analyze, shared, units, obs, findings)
    return _assess(
        findings,
        artifacts,
        skipped,
        errors,
        settings,
        records,
        as_of,
        root.name or str(root),
        started,
        t0,
    )


def _run_units(
    engine: Executor,
    fn: Callable[[_Shared, tuple[Any, str]], list[Finding]],
    shared: _Shared,
    units: list[tuple[str, tuple[Any, str]]],
    obs: Observer,
    findings: list[Finding],
) -> None:
    from secplan.executor import Failed

    try:
        for (rel, _), result in zip(
            units, engine.run(fn, shared, units, obs.scanning), strict=True
        ):
            findings.extend(
                [_failed(rel, result.message)] if isinstance(result, Failed) else result
            )
    finally:
        obs.finished()


def _assess(
    findings: list[Finding],
    artifacts: list[Artifact],
    skipped: list[Skipped],
    errors: list[ScanError],
    settings: Settings,
    records: Records,
    as_of: date,
    root_name: str,
    started: datetime,
    t0: float,
) -> Assessment:
    kept, suppressed = settle(findings, settings, records, as_of)
    registry = build_registry((ModelFileScanner(),), plugins=False, engine_rules=(NOT_VERIFIED,))
    report = ScanReport(
        run=RunInfo(
            tool_version=__version__,
            started=started,
            as_of=as_of,
            root=root_name,
            duration_s=time.perf_counter() - t0,
        ),
        artifacts=tuple(artifacts),
        findings=tuple(kept),
        errors=tuple(errors),
        skipped=tuple(skipped),
        suppressed=tuple(suppressed),
        scanners=("modelfile",),
    )
    catalog = load_catalog()
    catalog.validate_rules(registry.rules)
    return assess_report(report, settings, records, registry, catalog)


def scan_remote_models(
    url: str,
    settings: Settings,
    records: Records,
    *,
    as_of: date,
    limits: Limits | None = None,
    observer: Observer | None = None,
    executor: Executor | None = None,
) -> Assessment:
    """Analyse the objects under ``url`` (``s3://bucket/prefix`` and other fsspec URLs), each
    streamed by the worker that analyses it; findings name paths relative to the prefix."""
    from secplan.executor.local import LocalExecutor
    from secplan.objectstore import list_objects, shown_url
    from secplan.sniff import classify

    obs = observer or _Silent()
    started, t0 = datetime.now(UTC), time.perf_counter()
    artifacts: list[Artifact] = []
    skipped: list[Skipped] = []
    urls: dict[str, str] = {}
    for obj in list_objects(url, settings.max_file_count):
        kind, fmt, _ = classify(Path(obj.relpath), b"", obj.size)
        art = Artifact(
            path=Path(obj.relpath),
            relpath=obj.relpath,
            kind=kind,
            format=fmt,
            size=obj.size,
            mode=0o644,
            sniffed=False,
        )
        if applies(art):
            artifacts.append(art)
            urls[obj.relpath] = obj.url
        else:
            skipped.append(Skipped(path=obj.relpath, reason=f"not a model file ({fmt})"))
    obs.discovered(len(artifacts))
    engine = executor or LocalExecutor(os.cpu_count() or 1)
    units: list[tuple[str, tuple[Any, str]]] = [
        (a.relpath, (urls[a.relpath], a.relpath)) for a in artifacts
    ]
    findings: list[Finding] = []
    _run_units(
        engine, _analyze_remote, (settings.model_allow, limits or Limits()), units, obs, findings
    )
    return _assess(
        findings, artifacts, skipped, [], settings, records, as_of, shown_url(url), started, t0
    )
