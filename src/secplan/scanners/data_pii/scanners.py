"""The data checks as scanners of ``secplan scan``: personal data in datasets and documents
(bounded work per file), labels below content, integrity of data files, and datasets against
their recorded profiles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from secplan.data.classify import below, suggest
from secplan.data.lists import word_lists
from secplan.data.malware import yara_available
from secplan.data.profile import validate_profile
from secplan.data.readers import Limits, reader_format
from secplan.data.scan import DetectorSpec, FileScan, scan_file
from secplan.data.spans import Entity
from secplan.data.validate import check_file, claimed_format
from secplan.governance.records import RECORDS_DIR, covering_dataset
from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule, Severity
from secplan.model.finding import Confidence
from secplan.scanners._base import ScanContext
from secplan.scanners.data_pii import rules as R

#: Work per file during ``secplan scan``; ``secplan data scan`` reads whole files.
SCAN_LIMITS = Limits(max_bytes=8 << 20, max_records=50_000)
INTEGRITY_LIMITS = Limits(max_bytes=64 << 20)
PROFILE_MAX_BYTES = 256 << 20
_TABLES = frozenset({"csv", "tsv", "jsonl", "json-records", "parquet", "xlsx"})
_DOC_SUFFIXES = frozenset({".txt", ".log", ".md", ".rst", ".text", ".out"})
_SEVERITY = {
    "critical": Severity.CRITICAL,
    "high": Severity.HIGH,
    "medium": Severity.MEDIUM,
    "low": Severity.LOW,
}


def _confidence(score: float) -> Confidence:
    return (
        Confidence.HIGH if score >= 0.85 else Confidence.MEDIUM if score >= 0.6 else Confidence.LOW
    )


#: Files that credit people by name on purpose (licences, authors, citations, changelogs).
_ATTRIBUTION_FILES = (
    "license",
    "licence",
    "copying",
    "notice",
    "authors",
    "contributors",
    "maintainers",
    "citation",
    "credits",
    "thanks",
    "acknowledgements",
    "acknowledgments",
    "codeowners",
    "changelog",
    "changes",
    "history",
    "news",
    "code_of_conduct",
    "security",
    "patents",
)
_PROSE_SUFFIXES = frozenset({".md", ".rst"})
_LOG_SUFFIXES = frozenset({".log", ".out"})


def document_kind(path: Path) -> str:
    """How DT202 reads a document (see :func:`secplan.data.detect.for_document`):
    "attribution" for licence, author, citation and changelog files, "prose" for READMEs
    and documentation, "text" for logs and other text."""
    name = path.name.lower()
    if path.suffix.lower() in _LOG_SUFFIXES:
        return "text"
    if name.startswith(_ATTRIBUTION_FILES):
        return "attribution"
    if path.suffix.lower() in _PROSE_SUFFIXES or name.startswith("readme"):
        return "prose"
    if any(p.lower() in ("doc", "docs", "documentation") for p in path.parts[:-1]):
        return "prose"
    return "text"


def _is_document(a: Artifact) -> bool:
    return a.path.suffix.lower() in _DOC_SUFFIXES and a.kind in (
        ArtifactKind.DOCUMENT,
        ArtifactKind.UNKNOWN,
    )


def _pii_findings(result: FileScan, rel: str, table: bool) -> Iterator[Finding]:
    by_entity: dict[str, list[tuple[str, int, int, float, tuple[int, ...], tuple[str, ...]]]] = {}
    for h in result.hits:
        if h.entity == Entity.HEALTH:
            continue
        by_entity.setdefault(h.entity, []).append(
            (h.field, h.count, h.cells, h.score, h.rows, h.examples)
        )
    rule: Rule = R.PII_IN_DATASET if table else R.PII_IN_DOCUMENT
    cells = {c.name: c.cells for c in result.columns}
    for entity, hits in sorted(by_entity.items()):
        total = sum(h[1] for h in hits)
        score = max(h[3] for h in hits)
        first = min(r for h in hits for r in h[4]) if any(h[4] for h in hits) else None
        examples = [e for h in hits for e in h[5]][:3]
        if table:
            where = ", ".join(f"{f} ({c} of {cells.get(f, c)} cells)" for f, _, c, *_ in hits[:5])
            message = f"{entity} in {len(hits)} column(s): {where}"
        else:
            message = f"{total} {entity} value(s) in {sum(h[2] for h in hits)} line(s)"
        severity = Severity.HIGH if Entity(entity).restricted else None
        yield rule.at(
            Location(path=rel, line=first),
            message,
            evidence=f"masked examples: {', '.join(examples)}; best column mean score {score:.2f}",
            severity=severity,
            confidence=_confidence(score),
        )


class PersonalDataScanner:
    """Personal data in dataset files and in text, log and document files."""

    name: ClassVar[str] = "data-pii"
    rules: ClassVar[tuple[Rule, ...]] = (
        R.PII_IN_DATASET,
        R.PII_IN_DOCUMENT,
        R.PII_SCAN_INCOMPLETE,
        R.LABEL_BELOW_CONTENT,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        if artifact.kind is ArtifactKind.DATASET:
            return reader_format(artifact.path, artifact.format) in _TABLES
        return _is_document(artifact)

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        table = artifact.kind is ArtifactKind.DATASET
        fmt = reader_format(artifact.path, artifact.format) if table else "text"
        spec = DetectorSpec(
            entities=DetectorSpec().entities | {Entity.HEALTH.value},
            document="" if table else document_kind(Path(artifact.relpath)),
        )
        result = scan_file(
            artifact.path, shown=artifact.relpath, fmt=fmt, spec=spec, limits=SCAN_LIMITS
        )
        yield from _pii_findings(result, artifact.relpath, table)
        if result.errors:
            yield R.PII_SCAN_INCOMPLETE.at(
                Location(path=artifact.relpath),
                f"{len(result.errors)} part(s) of the file could not be read, so they were not "
                "checked for personal data",
                evidence=result.errors[0],
            )
        elif not result.complete:
            yield R.PII_SCAN_INCOMPLETE.at(
                Location(path=artifact.relpath),
                f"only {result.bytes_read} of {result.size} bytes checked for personal data",
                evidence=result.truncated or "the file could not be read to the end",
            )
        if table:
            yield from self._label(result, artifact, ctx)

    def _label(self, result: FileScan, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        record = covering_dataset(ctx.records, artifact.relpath)
        if record is None:
            return
        health_cols = [
            c.name
            for c in result.columns
            if c.name.lower().rsplit("!", 1)[-1] in word_lists().health_columns
        ]
        s = suggest(result.entities, health_columns=health_cols)
        if below(record.label, s.label):
            yield R.LABEL_BELOW_CONTENT.at(
                Location(path=artifact.relpath),
                f"labelled {record.label.value} but its content calls for {s.label.value}",
                evidence=f"{'; '.join(s.reasons)}; label from {record.file}",
                severity=Severity.CRITICAL
                if record.label.value == "public" and s.label.value == "restricted"
                else None,
            )


class DataIntegrityScanner:
    """Content type, encoding, formulas, hidden pickles and malware in data files."""

    name: ClassVar[str] = "data-integrity"
    rules: ClassVar[tuple[Rule, ...]] = (
        R.TYPE_MISMATCH,
        R.FORMULA_INJECTION,
        R.PICKLE_IN_DATA,
        R.MALWARE_SIGNATURE,
        R.ANTIVIRUS_DETECTION,
        R.UNDECODABLE_TEXT,
        R.MALFORMED_RECORDS,
        R.CHECK_INCOMPLETE,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        claim = claimed_format(artifact.path)
        if artifact.kind is ArtifactKind.DATASET:
            return True
        return (
            claim in ("csv", "tsv", "jsonl", "json", "parquet")
            and artifact.kind is not ArtifactKind.CONFIG
        ) or _is_document(artifact)

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        for issue in check_file(artifact.path, limits=INTEGRITY_LIMITS):
            rule = R.BY_ID[issue.rule]
            yield rule.at(
                Location(
                    path=artifact.relpath, line=issue.line, offset=issue.offset, member=issue.member
                ),
                issue.message,
                evidence=issue.evidence,
                severity=_SEVERITY.get(issue.severity),
            )


class DataProfileScanner:
    """Datasets compared with their profiles under ``.secplan/profiles/``."""

    name: ClassVar[str] = "data-profiles"
    rules: ClassVar[tuple[Rule, ...]] = (R.PROFILE_DIFFERS, R.STATISTICS_DRIFT, R.CHECK_INCOMPLETE)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        folder = ctx.root / RECORDS_DIR / "profiles"
        if not folder.is_dir():
            return
        for path in sorted(folder.glob("*.json"))[:1000]:
            shown = path.relative_to(ctx.root).as_posix()
            yield from self._one(ctx, path, shown)

    def _one(self, ctx: ScanContext, path: Path, shown: str) -> Iterator[Finding]:
        root = ctx.root
        try:
            base = json.loads(path.read_text(encoding="utf-8"))
            rels = [str(f["path"]) for f in base["files"]]
            files = [root / rel for rel in rels]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            yield R.PROFILE_DIFFERS.at(
                Location(path=shown),
                "dataset profile cannot be read",
                evidence=f"{type(exc).__name__}: {exc}"[:200],
            )
            return
        if not any(ctx.in_scope(rel) for rel in rels):  # a dataset outside the part scanned
            return
        size = sum(f.stat().st_size for f in files if f.is_file())
        if size > PROFILE_MAX_BYTES:
            yield R.CHECK_INCOMPLETE.at(
                Location(path=shown),
                f"dataset of {size} bytes not compared with its profile during scan",
                evidence=f"over {PROFILE_MAX_BYTES} bytes; run secplan data validate",
            )
            return
        for d in validate_profile(root, base, where=shown):
            yield (R.BY_ID[d.rule]).at(
                Location(path=d.path or shown), d.message, evidence=d.evidence
            )


class MalwareCoverageScanner:
    """Says so when the bundled YARA rules could not run."""

    name: ClassVar[str] = "data-malware-coverage"
    rules: ClassVar[tuple[Rule, ...]] = (R.CHECK_INCOMPLETE,)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        if yara_available():
            return
        data = [a for a in ctx.artifacts if a.kind is ArtifactKind.DATASET]
        if data:
            yield R.CHECK_INCOMPLETE.at(
                Location(path="."),
                f"malware rules did not run on {len(data)} dataset file(s)",
                evidence="yara-python is not installed",
            )
