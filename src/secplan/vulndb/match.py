"""Which advisories affect a package version, the fix to upgrade to, and the severity.

>>> from secplan.vulndb.osv import parse_entry
>>> adv = parse_entry({"id": "GHSA-x", "modified": "2024-01-01T00:00:00Z",
...     "affected": [{"package": {"ecosystem": "PyPI", "name": "torch"},
...       "ranges": [{"type": "ECOSYSTEM",
...                   "events": [{"introduced": "0"}, {"fixed": "2.6.0"}]}]}]})
>>> m = match_version(adv, "torch", "2.5.1")
>>> m is not None and m.fixed
'2.6.0'
>>> match_version(adv, "torch", "2.6.0") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cvss import CVSS3, CVSS4
from cvss.exceptions import CVSSError
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from secplan.model import Severity
from secplan.vulndb.osv import Advisory, Affected, normalize_name
from secplan.vulndb.ranges import just_after, parse_version

#: Stands for "any later release" when a requirement has no upper bound.
_FAR_FUTURE = Version("99999999")
_DB_LEVELS = {
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MODERATE": Severity.MEDIUM,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
}


@dataclass(frozen=True, slots=True)
class Match:
    """An advisory that affects a dependency."""

    advisory: Advisory
    package: str
    version: str  # the installed version, or the requirement when judged over a range
    fixed: str | None  # the lowest fixed release above it, if the advisory names one
    severity: Severity
    score: float | None = None

    @property
    def ids(self) -> str:
        others = [a for a in self.advisory.aliases if a != self.advisory.id]
        return self.advisory.id + (f" ({', '.join(others[:4])})" if others else "")


def severity_of(adv: Advisory) -> tuple[Severity, float | None]:
    """Severity from the CVSS base score, else ``database_specific.severity``, else high.

    Entries of malicious packages (``MAL-`` ids) are critical.
    """
    if adv.id.startswith("MAL-"):
        return Severity.CRITICAL, None
    for vector in sorted(adv.cvss_vectors, key=lambda v: not v.startswith("CVSS:3")):
        try:
            score = float(
                CVSS4(vector).base_score
                if vector.startswith("CVSS:4")
                else CVSS3(vector).base_score
            )
        except (CVSSError, ValueError, KeyError, IndexError):
            continue
        return _from_score(score), score
    return _DB_LEVELS.get(adv.db_severity, Severity.HIGH), None


def _from_score(score: float) -> Severity:
    if score >= 9.0:
        return Severity.CRITICAL
    if score >= 7.0:
        return Severity.HIGH
    if score >= 4.0:
        return Severity.MEDIUM
    return Severity.LOW if score > 0 else Severity.INFO


def _entries(adv: Advisory, name: str) -> list[Affected]:
    key = normalize_name(name)
    return [a for a in adv.affected if a.name == key]


def _listed(aff: Affected, raw: str, version: Version | None) -> bool:
    for listed in aff.versions:
        if listed == raw:
            return True
        parsed = parse_version(listed)
        if version is not None and parsed is not None and parsed == version:
            return True
    return False


def affects(adv: Advisory, name: str, raw: str) -> tuple[bool, Version | None]:
    """Whether ``name==raw`` is affected, and the lowest fix above it."""
    version = parse_version(raw)
    hit = False
    fixes: list[Version] = []
    for aff in _entries(adv, name):
        if _listed(aff, raw, version):
            hit = True
        if version is None:
            continue
        for rng in aff.ranges:
            if rng.affects(version):
                hit = True
                fix = rng.fixed_after(version)
                if fix is not None:
                    fixes.append(fix)
    return hit, (min(fixes) if fixes else None)


def match_version(adv: Advisory, name: str, raw: str) -> Match | None:
    hit, fix = affects(adv, name, raw)
    if not hit:
        return None
    sev, score = severity_of(adv)
    return Match(adv, normalize_name(name), raw, str(fix) if fix else None, sev, score)


def _candidates(advisories: Iterable[Advisory], name: str, spec: SpecifierSet) -> list[Version]:
    points: set[Version] = {_FAR_FUTURE}
    for adv in advisories:
        for aff in _entries(adv, name):
            points.update(v for s in aff.versions if (v := parse_version(s)) is not None)
            for rng in aff.ranges:
                points.update(rng.boundaries())
    for s in spec:
        v = parse_version(s.version.removesuffix(".*"))
        if v is not None:
            points.add(v)
    points.update([just_after(p) for p in points if p != _FAR_FUTURE])
    return sorted(points)


def match_range(advisories: tuple[Advisory, ...], name: str, specifier: str) -> list[Match]:
    """Advisories that affect *every* version ``specifier`` allows, as far as can be told.

    The versions judged are those the advisories and the requirement name (plus the next
    release after each), which is where the answer can change.
    """
    try:
        spec = SpecifierSet(specifier)
    except InvalidSpecifier:
        return []
    allowed = [v for v in _candidates(advisories, name, spec) if spec.contains(v)]
    if not allowed:
        return []
    found = []
    for adv in advisories:
        if all(affects(adv, name, str(v))[0] for v in allowed):
            fix = affects(adv, name, str(allowed[-1]))[1]
            sev, score = severity_of(adv)
            shown = specifier or "any version"
            found.append(
                Match(adv, normalize_name(name), shown, str(fix) if fix else None, sev, score)
            )
    return found
