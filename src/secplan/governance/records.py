"""Governance records kept as reviewable TOML files under ``.secplan/`` in the project.

::

    .secplan/
      evidence/<id>.toml    proof that a control is met (owner, date, expiry, linked file)
      waivers/<id>.toml     exceptions (scope, justification, risk, approver, expiry)
      waivers/<id>.toml.sig their approval signatures (``secplan waiver approve``)
      datasets/<id>.toml    dataset records (sensitivity label, owner, source, licence, retention)
      models/<id>.toml      model records (source, licence, revision, owner)

One record per file, so each change is one reviewed commit. The formats are documented in
``docs/records.md``. A record that does not validate stops the scan with a one-line error
(exit 2): a broken waiver must never silently waive, nor silently stop waiving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from secplan._toml import read_toml, validate
from secplan.errors import ConfigError
from secplan.pathpatterns import Matcher, spec

if TYPE_CHECKING:
    from pydantic import BaseModel

    from secplan.governance._records_in import AssetIn, DatasetIn, EvidenceIn, ModelIn, WaiverIn

RECORDS_DIR = ".secplan"
In = TypeVar("In", bound="BaseModel")
Out = TypeVar("Out")
#: A project with more records than this is almost certainly misconfigured.
MAX_RECORDS = 10_000


class Label(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    RESTRICTED = "restricted"

    @property
    def sensitive(self) -> bool:
        return self in (Label.CONFIDENTIAL, Label.RESTRICTED)


class Approval(StrEnum):
    """What a waiver's approval signature (``<file>.sig``) proves; only ``SIGNED`` counts.

    A waiver read from disk is ``UNCHECKED`` until
    :func:`secplan.governance.approval.check_approvals` has verified it against the trust
    policy, so a caller that forgets to verify waives nothing."""

    SIGNED = "signed"  # by a key the trust policy gives to the named approver, over this content
    UNSIGNED = "unsigned"  # no signature beside the file
    ALTERED = "altered"  # signed by a trusted key, but the file changed since
    UNTRUSTED = "untrusted"  # a signature no key of the named approver made (or unreadable)
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True, kw_only=True)
class Drill:
    """A record of one backup restore drill: what was restored, how long it took, what
    was checked."""

    repository: str
    snapshot: str | None
    started: dt.datetime
    restore_seconds: float
    verify_seconds: float
    files_checked: int
    bytes_checked: int
    mismatches: int
    profiles_checked: int
    datasets: tuple[str, ...]
    mismatched: tuple[str, ...]
    error: str | None


class TestState(StrEnum):
    """Whether a ``secplan model test`` record proves anything about the model as it is now;
    ``UNCHECKED`` until :func:`secplan.assurance.evidence.check_model_tests` has looked."""

    CURRENT = "current"  # signed by a trusted key, and the model file still has the tested hash
    STALE = "stale"  # the model file changed (or is gone) since it was tested
    UNSIGNED = "unsigned"  # no signature beside the record
    ALTERED = "altered"  # the signature does not verify, or the record changed since signed
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelTest:
    """The ``[assurance]`` table of a record written by ``secplan model test``."""

    run: str
    model: str
    model_sha256: str
    data: str
    data_sha256: str
    checks: tuple[tuple[str, bool | None, str], ...]  # name, passed, detail
    state: TestState = TestState.UNCHECKED
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """An evidence record for a control, valid from its date until it expires."""

    id: str
    file: str  # the record's own path, relative to the project root
    control: str
    title: str
    owner: str
    date: dt.date
    expires: dt.date
    linked: str | None
    result: str | None = None  # "passed" or "failed", for records of an activity's outcome
    drill: Drill | None = None
    test: ModelTest | None = None

    @property
    def failed(self) -> bool:
        return self.result == "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiver:
    """An accepted risk: a rule or control set aside for some paths, with its
    justification, approval and expiry."""

    id: str
    file: str
    control: str | None
    rule: str | None
    paths: tuple[str, ...]
    justification: str
    risk: str
    mitigations: tuple[str, ...]
    requester: str
    approver: str | None
    approved: dt.date | None
    expires: dt.date
    approval: Approval = Approval.UNCHECKED
    #: why the approval is not ``SIGNED``, or which key signed it
    approval_note: str = ""

    @property
    def target(self) -> str:
        return self.control or self.rule or ""

    @property
    def whole_project(self) -> bool:
        return self.paths in (("**",), ("**/*",), ("*",))


@dataclass(frozen=True, slots=True, kw_only=True)
class DatasetRecord:
    """A dataset's record: its files, classification label, owner, source and licence."""

    id: str
    file: str
    paths: tuple[str, ...]
    label: Label
    owner: str | None
    source: str | None
    licence: str | None
    retention_until: dt.date | None
    contains: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelRecord:
    """A model's record: its files, owner, source, licence and revision."""

    id: str
    file: str
    paths: tuple[str, ...]
    owner: str | None
    source: str | None
    licence: str | None
    revision: str | None
    card: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Records:
    """The governance records of a project, as read from its records directory."""

    evidence: tuple[Evidence, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    datasets: tuple[DatasetRecord, ...] = ()
    models: tuple[ModelRecord, ...] = ()


def _files(root: Path, sub: str) -> list[Path]:
    folder = root / RECORDS_DIR / sub
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.is_symlink())
    if len(files) > MAX_RECORDS:
        raise ConfigError(
            f"{RECORDS_DIR}/{sub}: {len(files)} records, over the limit of {MAX_RECORDS}",
            "archive old records",
        )
    return files


def _asset_paths(rec: AssetIn) -> tuple[str, ...]:
    return tuple(([rec.path] if rec.path else []) + list(rec.paths))


def _evidence(e: EvidenceIn, rid: str, shown: str) -> Evidence:
    return Evidence(
        id=rid,
        file=shown,
        control=e.control,
        title=e.title,
        owner=e.owner,
        date=e.date,
        expires=e.expires,
        linked=e.file,
        result=e.result,
        drill=None
        if e.drill is None
        else Drill(
            **{
                k: v for k, v in e.drill.model_dump().items() if k not in ("datasets", "mismatched")
            },
            datasets=tuple(e.drill.datasets),
            mismatched=tuple(e.drill.mismatched),
        ),
        test=None
        if e.assurance is None
        else ModelTest(
            run=e.assurance.run,
            model=e.assurance.model,
            model_sha256=e.assurance.model_sha256,
            data=e.assurance.data,
            data_sha256=e.assurance.data_sha256,
            checks=tuple((c.name, c.passed, c.detail) for c in e.assurance.checks),
        ),
    )


def _waiver(w: WaiverIn, rid: str, shown: str) -> Waiver:
    return Waiver(
        id=rid,
        file=shown,
        control=w.control,
        rule=w.rule,
        paths=tuple(w.paths),
        justification=w.justification,
        risk=w.risk,
        mitigations=tuple(w.mitigations),
        requester=w.requester,
        approver=w.approver,
        approved=w.approved,
        expires=w.expires,
    )


def _dataset(d: DatasetIn, rid: str, shown: str) -> DatasetRecord:
    return DatasetRecord(
        id=rid,
        file=shown,
        paths=_asset_paths(d),
        label=d.label,
        owner=d.owner,
        source=d.source,
        licence=d.licence,
        retention_until=d.retention_until,
        contains=tuple(d.contains),
    )


def _model(m: ModelIn, rid: str, shown: str) -> ModelRecord:
    return ModelRecord(
        id=rid,
        file=shown,
        paths=_asset_paths(m),
        owner=m.owner,
        source=m.source,
        licence=m.licence,
        revision=m.revision,
        card=m.card,
    )


def _load(
    root: Path, files: list[Path], model: type[In], build: Callable[[In, str, str], Out]
) -> list[Out]:
    out = []
    for p in files:
        shown = p.relative_to(root).as_posix()
        rec = validate(model, read_toml(p, shown), shown)
        out.append(build(rec, getattr(rec, "id", None) or p.stem, shown))
    return out


def load_records(root: Path) -> Records:
    """Read every record under ``root/.secplan``; :class:`ConfigError` on the first bad one."""
    found = {sub: _files(root, sub) for sub in ("evidence", "waivers", "datasets", "models")}
    if not any(found.values()):
        return Records()  # nothing to validate: the schemas and their library stay unloaded
    from secplan.governance import _records_in as schema

    evidence = _load(root, found["evidence"], schema.EvidenceIn, _evidence)
    waivers = _load(root, found["waivers"], schema.WaiverIn, _waiver)
    datasets = _load(root, found["datasets"], schema.DatasetIn, _dataset)
    models = _load(root, found["models"], schema.ModelIn, _model)
    _unique(evidence, waivers, datasets, models)
    return Records(
        evidence=tuple(evidence),
        waivers=tuple(waivers),
        datasets=tuple(datasets),
        models=tuple(models),
    )


def _unique(
    *groups: list[Evidence] | list[Waiver] | list[DatasetRecord] | list[ModelRecord],
) -> None:
    for group in groups:
        seen: dict[str, str] = {}
        for rec in group:
            if rec.id in seen:
                raise ConfigError(
                    f"{rec.file}: id: {rec.id!r} is already used by {seen[rec.id]}",
                    "give every record its own id",
                )
            seen[rec.id] = rec.file


@lru_cache(maxsize=4096)
def path_spec(patterns: tuple[str, ...]) -> Matcher:
    return spec(patterns)


def covering_dataset(records: Records, relpath: str) -> DatasetRecord | None:
    """The dataset record whose paths cover ``relpath`` (the most sensitive label wins)."""
    order = list(Label)
    best: DatasetRecord | None = None
    for rec in records.datasets:
        if path_spec(rec.paths).match_file(relpath) and (
            best is None or order.index(rec.label) > order.index(best.label)
        ):
            best = rec
    return best


def covering_model(records: Records, relpath: str) -> ModelRecord | None:
    for rec in records.models:
        if path_spec(rec.paths).match_file(relpath):
            return rec
    return None
