"""Data-security checks on dataset files and other sensitive files (DS1, DS2, DS3, SC3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from secplan.governance.records import covering_dataset, path_spec
from secplan.model import Artifact, ArtifactKind, ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.model.rule import cwe, url
from secplan.scanners._base import ScanContext

C = ControlId

UNLABELLED_DATASET = Rule(
    id="DT101",
    name="unlabelled-dataset",
    title="Dataset without a sensitivity label",
    severity=Severity.MEDIUM,
    controls=(C("DS3"),),
    summary="A dataset file is not covered by any dataset record under `.secplan/datasets/`, so "
    "it has no sensitivity label (public, internal, confidential, restricted), owner or source.",
    rationale="Encryption, access control, anonymization and retention all depend on knowing how "
    "sensitive a dataset is. An unlabelled dataset gets none of the protections its content may "
    "require, and nobody is accountable for it.",
    example="data/customers.csv exists, but no `.secplan/datasets/*.toml` lists it.",
    remediation="Add a record such as `.secplan/datasets/customers.toml` with `path`, `label`, "
    "`owner`, `source`, `licence` and, for sensitive data, `retention_until`.",
    references=(url("https://www.iso.org/standard/27001"),),
)

WORLD_READABLE = Rule(
    id="DT102",
    name="world-readable-sensitive-file",
    title="Sensitive file readable by every local user",
    severity=Severity.MEDIUM,
    controls=(C("DS2"),),
    summary="A confidential or restricted dataset, a private key or an environment file has "
    "permissions that let any user of the machine read it (the 'other' read bit).",
    rationale="On shared training hosts, notebooks servers and CI runners, world-readable "
    "files are readable by every account and every process, which defeats access control.",
    example="`-rw-r--r-- data/patients.csv` labelled restricted.",
    remediation="Remove the 'other' permissions (`chmod o-rwx FILE`) and grant access through "
    "groups or the data platform's access control instead.",
    references=(cwe(732),),
)

PLAINTEXT_SENSITIVE = Rule(
    id="DT103",
    name="plaintext-sensitive-dataset",
    title="Sensitive dataset stored unencrypted",
    severity=Severity.HIGH,
    controls=(C("DS1"), C("PS4")),
    summary="A dataset labelled confidential or restricted is stored as plaintext.",
    rationale="A copied disk, a leaked backup or a misplaced checkout exposes plaintext data in "
    "full. Sensitive training data must be encrypted at rest under a managed key.",
    example="data/customers.csv (label = confidential) is a readable CSV file.",
    remediation="Encrypt it under a managed key and keep only the ciphertext in the project, "
    "or move it to encrypted storage and reference it from there.",
    references=(cwe(311),),
)

RETENTION_UNDEFINED = Rule(
    id="DT104",
    name="sensitive-dataset-without-retention",
    title="Sensitive dataset without a retention period",
    severity=Severity.MEDIUM,
    controls=(C("SC3"),),
    summary="A confidential or restricted dataset record has no `retention_until` date.",
    rationale="Personal and confidential data may be kept only as long as it is needed. Without "
    "a retention date nobody knows when it must be deleted.",
    example='`.secplan/datasets/customers.toml` has `label = "confidential"` and no '
    "`retention_until`.",
    remediation="Add `retention_until = YYYY-MM-DD` to the dataset record, agreed with the "
    "data owner.",
    references=(url("https://gdpr-info.eu/art-5-gdpr/"),),
)

RETENTION_EXPIRED = Rule(
    id="DT105",
    name="dataset-past-retention",
    title="Dataset kept past its retention date",
    severity=Severity.HIGH,
    controls=(C("SC3"),),
    summary="A dataset file is still present after the `retention_until` date of its record.",
    rationale="Keeping data past its retention period breaks the organisation's own policy and, "
    "for personal data, the storage-limitation principle of data-protection law.",
    example="`retention_until = 2025-12-31` and the file is still in the project in 2026.",
    remediation="Delete the data (and its copies), record the deletion, or extend the retention "
    "period with the data owner's written approval.",
    references=(url("https://gdpr-info.eu/art-5-gdpr/"),),
)

ORPHANED_RECORD = Rule(
    id="DT106",
    name="dataset-record-without-files",
    title="Dataset record that matches no file",
    severity=Severity.LOW,
    controls=(C("DS3"),),
    summary="A dataset record under `.secplan/datasets/` names paths that match no file in the "
    "project.",
    rationale="A record whose paths are mistyped labels nothing: the dataset it was meant for "
    "stays unlabelled. It may also mean the data moved without its record.",
    example='`path = "data/custmers.csv"` while the file is data/customers.csv.',
    remediation="Fix the record's `path`/`paths`, or delete the record if the data is gone.",
)

_SENSITIVE_FORMATS = {"private-key", "dotenv"}
#: Suffixes of environment-file templates, committed for others to copy: their values are
#: placeholders (a real secret in one is still reported by the secret detectors).
_TEMPLATES = (".example", ".sample", ".template", ".dist", ".tmpl")


class DatasetScanner:
    """Labels, permissions, encryption and retention of datasets."""

    name: ClassVar[str] = "datasets"
    rules: ClassVar[tuple[Rule, ...]] = (
        UNLABELLED_DATASET,
        WORLD_READABLE,
        PLAINTEXT_SENSITIVE,
        RETENTION_EXPIRED,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.DATASET or artifact.format in _SENSITIVE_FORMATS

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        loc = Location(path=artifact.relpath)
        world = bool(artifact.mode & 0o004)
        if artifact.kind is not ArtifactKind.DATASET:
            template = artifact.format == "dotenv" and artifact.relpath.lower().endswith(_TEMPLATES)
            if world and not template:
                yield WORLD_READABLE.at(
                    loc,
                    f"{artifact.format} file is readable by every local user",
                    evidence=f"mode {artifact.mode:04o}",
                    severity=Severity.HIGH,
                )
            return
        record = covering_dataset(ctx.records, artifact.relpath)
        if record is None:
            yield UNLABELLED_DATASET.at(
                loc,
                f"dataset ({artifact.format}) has no sensitivity label",
                evidence="no record under .secplan/datasets/ covers this path",
            )
            return
        if not record.label.sensitive:
            return
        label = record.label.value
        restricted = Severity.HIGH if label == "restricted" else None
        if world:
            yield WORLD_READABLE.at(
                loc,
                f"{label} dataset is readable by every local user",
                evidence=f"mode {artifact.mode:04o}; label from {record.file}",
                severity=restricted,
            )
        if not artifact.format.startswith("encrypted"):
            yield PLAINTEXT_SENSITIVE.at(
                loc,
                f"{label} dataset is stored in plaintext ({artifact.format})",
                evidence=f"label {label} from {record.file}",
            )
        if record.retention_until is not None and record.retention_until < ctx.as_of:
            yield RETENTION_EXPIRED.at(
                loc,
                f"dataset kept past its retention date {record.retention_until.isoformat()}",
                evidence=f"retention_until = {record.retention_until.isoformat()} in {record.file}",
            )


class DatasetRecordScanner:
    """Dataset records: retention periods, and records that label nothing."""

    name: ClassVar[str] = "dataset-records"
    rules: ClassVar[tuple[Rule, ...]] = (RETENTION_UNDEFINED, ORPHANED_RECORD)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        for rec in ctx.records.datasets:
            if rec.label.sensitive and rec.retention_until is None:
                yield RETENTION_UNDEFINED.at(
                    Location(path=rec.file),
                    f"{rec.label.value} dataset record has no retention date",
                    evidence="covers " + ", ".join(rec.paths),
                )
            spec = path_spec(rec.paths)
            if ctx.scope:  # the files it covers may lie outside the part scanned
                continue
            if not any(spec.match_file(a.relpath) for a in ctx.artifacts):
                yield ORPHANED_RECORD.at(
                    Location(path=rec.file),
                    "dataset record matches no file in the project",
                    evidence="paths: " + ", ".join(rec.paths),
                )
