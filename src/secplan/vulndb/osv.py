"""OSV entries (https://ossf.github.io/osv-schema/): validated into small frozen values.

Only what matching and reporting need is kept: the id, aliases, summary, dates, severity and,
for each affected PyPI package, its ``ECOSYSTEM`` ranges and explicit ``versions``. Anything
malformed or over a limit raises :class:`InvalidEntry` with a one-line reason.

>>> adv = parse_entry({"id": "PYSEC-0-1", "modified": "2024-01-01T00:00:00Z",
...     "affected": [{"package": {"ecosystem": "PyPI", "name": "Torch"},
...                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]})
>>> adv.affected[0].name
'torch'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from secplan.vulndb.ranges import EVENT_KINDS, Event, EventKind, Range

ECOSYSTEM = "PyPI"
MAX_ID = 128
MAX_ALIASES = 64
MAX_AFFECTED = 1_000
MAX_RANGES = 256
MAX_EVENTS = 1_000
MAX_VERSIONS = 20_000
MAX_TEXT = 2_000
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+-]*$")
_NAME_SEP = re.compile(r"[-_.]+")


class InvalidEntry(ValueError):
    """An OSV entry that fails validation; the message says why."""


def normalize_name(name: str) -> str:
    """A package name normalised per PEP 503 (lower case, runs of ``-_.`` become ``-``)."""
    return _NAME_SEP.sub("-", name).lower()


@dataclass(frozen=True, slots=True)
class Affected:
    """One affected PyPI package of an advisory."""

    name: str  # PEP 503-normalised
    ranges: tuple[Range, ...] = ()
    versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Advisory:
    id: str
    modified: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    published: str = ""
    withdrawn: str = ""
    cvss_vectors: tuple[str, ...] = ()  # CVSS_V3 / CVSS_V4 vectors from ``severity``
    db_severity: str = ""  # database_specific.severity (GitHub: LOW/MODERATE/HIGH/CRITICAL)
    affected: tuple[Affected, ...] = ()

    @property
    def cves(self) -> tuple[str, ...]:
        return tuple(a for a in (self.id, *self.aliases) if a.startswith("CVE-"))


def _str(value: object, what: str, *, limit: int = MAX_TEXT, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InvalidEntry(f"{what} must be a string")
    if len(value) > limit:
        raise InvalidEntry(f"{what} is longer than {limit} characters")
    return value


def _list(value: object, what: str, limit: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidEntry(f"{what} must be a list")
    if len(value) > limit:
        raise InvalidEntry(f"{what} has more than {limit} items")
    return value


def _ident(value: object, what: str) -> str:
    text = _str(value, what, limit=MAX_ID, required=True)
    if not _ID.match(text):
        raise InvalidEntry(f"{what} {text[:40]!r} is not a valid identifier")
    return text


def _alias(value: object) -> str | None:
    """An alias, or None for one that is not an identifier.

    Published databases hold the odd typo in an alias (a trailing comma, a space): such an alias is
    left out rather than the whole advisory, whose own id and ranges are still good and whose loss
    would hide a real vulnerability. Trailing separators are stripped first, so
    ``"GHSA-xxxx-xxxx-xxxx,"`` keeps its cross-reference.
    """
    if not isinstance(value, str) or len(value) > MAX_ID:
        return None
    text = value.strip().rstrip(",;")
    return text if _ID.match(text) else None


def _range(raw: object) -> Range | None:
    if not isinstance(raw, Mapping):
        raise InvalidEntry("a range must be an object")
    if raw.get("type") != "ECOSYSTEM":
        return None  # SEMVER/GIT ranges say nothing about PyPI version numbers
    events: list[Event] = []
    for ev in _list(raw.get("events"), "range events", MAX_EVENTS):
        if not isinstance(ev, Mapping) or len(ev) != 1:
            raise InvalidEntry("an event must be an object with exactly one key")
        ((kind, version),) = ev.items()
        if kind not in EVENT_KINDS:
            raise InvalidEntry(f"unknown event {str(kind)[:40]!r}")
        events.append(Event(cast(EventKind, kind), _str(version, f"{kind} version", limit=128)))
    if not events:
        raise InvalidEntry("a range has no events")
    return Range(events=tuple(events))


def _affected(raw: object) -> Affected | None:
    if not isinstance(raw, Mapping):
        raise InvalidEntry("an affected entry must be an object")
    pkg = raw.get("package")
    if not isinstance(pkg, Mapping):
        return None  # an entry may name only git ranges
    if pkg.get("ecosystem") != ECOSYSTEM:
        return None
    name = _str(pkg.get("name"), "package name", limit=200, required=True).strip()
    if not name:
        raise InvalidEntry("empty package name")
    ranges = tuple(
        r for raw_r in _list(raw.get("ranges"), "ranges", MAX_RANGES) if (r := _range(raw_r))
    )
    versions = tuple(
        _str(v, "affected version", limit=128)
        for v in _list(raw.get("versions"), "versions", MAX_VERSIONS)
    )
    return Affected(name=normalize_name(name), ranges=ranges, versions=versions)


def _severity(raw: Mapping[str, Any]) -> tuple[tuple[str, ...], str]:
    vectors = []
    for sev in _list(raw.get("severity"), "severity", 16):
        if isinstance(sev, Mapping) and sev.get("type") in ("CVSS_V3", "CVSS_V4"):
            vectors.append(_str(sev.get("score"), "severity score", limit=256))
    dbs = raw.get("database_specific")
    level = ""
    if isinstance(dbs, Mapping) and isinstance(dbs.get("severity"), str):
        level = _str(dbs["severity"], "database_specific.severity", limit=32).upper()
    return tuple(vectors), level


def parse_entry(raw: object) -> Advisory:
    """Validate one decoded OSV document."""
    if not isinstance(raw, Mapping):
        raise InvalidEntry("an OSV entry must be a JSON object")
    adv_id = _ident(raw.get("id"), "id")
    modified = _str(raw.get("modified"), "modified", limit=64, required=True)
    aliases = tuple(
        alias
        for a in _list(raw.get("aliases"), "aliases", MAX_ALIASES)
        if (alias := _alias(a)) is not None
    )
    affected = tuple(
        a
        for item in _list(raw.get("affected"), "affected", MAX_AFFECTED)
        if (a := _affected(item)) is not None
    )
    summary = _str(raw.get("summary"), "summary") or _str(
        raw.get("details"), "details", limit=1 << 16
    )
    vectors, level = _severity(raw)
    return Advisory(
        id=adv_id,
        modified=modified,
        summary=" ".join(summary.split())[:300],
        aliases=aliases,
        published=_str(raw.get("published"), "published", limit=64),
        withdrawn=_str(raw.get("withdrawn"), "withdrawn", limit=64),
        cvss_vectors=vectors,
        db_severity=level,
        affected=affected,
    )


def to_json(adv: Advisory) -> dict[str, Any]:
    """The advisory back as an OSV-shaped document (what the local database stores)."""
    doc: dict[str, Any] = {"id": adv.id, "modified": adv.modified}
    if adv.summary:
        doc["summary"] = adv.summary
    if adv.aliases:
        doc["aliases"] = list(adv.aliases)
    if adv.published:
        doc["published"] = adv.published
    if adv.cvss_vectors:
        doc["severity"] = [
            {"type": "CVSS_V4" if v.startswith("CVSS:4") else "CVSS_V3", "score": v}
            for v in adv.cvss_vectors
        ]
    if adv.db_severity:
        doc["database_specific"] = {"severity": adv.db_severity}
    doc["affected"] = [
        {
            "package": {"ecosystem": ECOSYSTEM, "name": a.name},
            "ranges": [
                {"type": "ECOSYSTEM", "events": [{e.kind: e.version} for e in r.events]}
                for r in a.ranges
            ],
            "versions": list(a.versions),
        }
        for a in adv.affected
    ]
    return doc
