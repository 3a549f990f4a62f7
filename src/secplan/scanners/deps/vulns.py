"""DP101/DP104/DP107: dependencies matched against the offline OSV database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

from secplan.model import Confidence, Finding, Location
from secplan.scanners.deps.conda import CONDA_TO_PYPI
from secplan.scanners.deps.model import Dependency, DependencyFile
from secplan.scanners.deps.rules import STALE_VULNDB, VULNDB_MISSING, VULNERABLE_DEPENDENCY
from secplan.vulndb import DatabaseError, Match, VulnDB, match_range, match_version

STALE_AFTER = timedelta(days=30)


def open_database(path: Path | None) -> tuple[VulnDB | None, str]:
    """The database (or ``None``) and, when it cannot be used, why."""
    try:
        db = VulnDB.open_default(path)
    except DatabaseError as exc:
        return None, exc.message
    return db, "" if db is not None else "no database has been imported"


def _pypi_name(dep: Dependency) -> str:
    if dep.ecosystem == "conda":
        return CONDA_TO_PYPI.get(dep.key, dep.key)
    return dep.key


def _finding(dep: Dependency, m: Match, *, over_range: bool) -> Finding:
    summary = m.advisory.summary or "no summary"
    what = (
        f"every version {dep.shown} allows is affected by {m.ids}"
        if over_range
        else f"{dep.shown} is affected by {m.ids}"
    )
    fix = f"; fixed in {m.fixed}" if m.fixed else "; no fixed release is known"
    if m.fixed:
        remedy = f"Upgrade {dep.name} to {m.fixed} or later, then regenerate the lock file."
    else:
        remedy = (
            f"No fixed release of {dep.name} is known: replace or remove it, or record a waiver "
            "with the mitigations in place."
        )
    evidence = f"{dep.shown}: {m.advisory.id}" + (
        f" (CVSS {m.score})" if m.score is not None else ""
    )
    confident = not over_range and dep.ecosystem == "pypi"
    return VULNERABLE_DEPENDENCY.at(
        dep.location,
        f"{what}{fix}: {summary}"[:500],
        evidence=evidence + fix,
        severity=m.severity,
        confidence=Confidence.HIGH if confident else Confidence.MEDIUM,
        remediation=remedy,
    )


def dependency_matches(db: VulnDB, dep: Dependency) -> list[Match]:
    name = _pypi_name(dep)
    advisories = db.advisories_for(name)
    if not advisories:
        return []
    if dep.version is not None:
        return [m for adv in advisories if (m := match_version(adv, name, dep.version))]
    alternatives = [a.strip() for a in dep.specifier.split("||")]
    per_alt = [
        {m.advisory.id: m for m in match_range(advisories, name, alt)} for alt in alternatives
    ]
    common = set.intersection(*(set(p) for p in per_alt)) if per_alt else set()
    return [per_alt[0][i] for i in sorted(common)]


def vulnerability_findings(
    db: VulnDB, deps: Iterable[Dependency], locked: frozenset[str]
) -> Iterator[Finding]:
    """DP101 for every pinned dependency, and for ranges of packages no file pins."""
    for dep in deps:
        if dep.direct or not dep.name:
            continue
        if dep.version is None and _pypi_name(dep) in locked:
            continue  # a lock file pins it, and the pinned version is judged there
        over_range = dep.version is None
        for m in dependency_matches(db, dep):
            yield _finding(dep, m, over_range=over_range)


def database_findings(
    db: VulnDB | None, why: str, files: Sequence[DependencyFile], as_of: date
) -> Iterator[Finding]:
    """DP104 once when dependencies exist but no database does; DP107 when it is old."""
    with_deps = [f for f in files if f.deps]
    if not with_deps:
        return
    loc = Location(path=with_deps[0].path if not with_deps[0].path.startswith("(") else ".")
    if db is None:
        count = sum(len(f.deps) for f in with_deps)
        yield VULNDB_MISSING.at(
            loc,
            f"{count} dependencies were not checked for known vulnerabilities: {why}",
            evidence=why,
        )
        return
    imported = db.info.imported_at.date()
    if as_of - imported > STALE_AFTER:
        yield STALE_VULNDB.at(
            loc,
            f"the vulnerability database was imported on {imported.isoformat()}, "
            f"{(as_of - imported).days} days before the scan",
            evidence=f"{db.info.source} imported {imported.isoformat()}",
        )
