"""Governance records kept as reviewable TOML files under ``.secplan/`` in the project.

::

    .secplan/
      evidence/<id>.toml    proof that a control is met (owner, date, expiry, linked file)
      waivers/<id>.toml     approved exceptions (scope, justification, risk, approver, expiry)
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
from typing import Annotated, Literal, TypeVar

from pathspec import GitIgnoreSpec
from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator, model_validator

from secplan._toml import read_toml, validate
from secplan.catalog import CONTROL_IDS
from secplan.errors import ConfigError
from secplan.pathpatterns import check_pattern, spec

RECORDS_DIR = ".secplan"
In = TypeVar("In", bound=BaseModel)
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _control(value: str) -> str:
    v = value.strip().upper()
    if v not in CONTROL_IDS:
        raise ValueError(f"unknown control {value!r} (use one of DS1..HS5)")
    return v


class _DrillIn(_Strict):
    """What a restore drill (``secplan backup drill``) found."""

    repository: str = Field(min_length=1)
    snapshot: str | None = None
    started: dt.datetime
    restore_seconds: float = Field(ge=0, strict=False)
    verify_seconds: float = Field(ge=0, strict=False)
    files_checked: int = Field(ge=0)
    bytes_checked: int = Field(ge=0)
    mismatches: int = Field(ge=0)
    profiles_checked: int = Field(default=0, ge=0)
    datasets: list[str] = Field(default_factory=list)
    mismatched: list[str] = Field(default_factory=list)
    error: str | None = None


class _EvidenceIn(_Strict):
    id: str | None = None
    control: str
    title: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    date: dt.date
    expires: dt.date
    file: str | None = None
    result: Literal["passed", "failed"] | None = None
    drill: _DrillIn | None = None

    @field_validator("control")
    @classmethod
    def _ctl(cls, v: str) -> str:
        return _control(v)

    @field_validator("file")
    @classmethod
    def _file(cls, v: str | None) -> str | None:
        if v is not None and "\x00" in v:
            raise ValueError("a path cannot hold a NUL character")
        return v

    @model_validator(mode="after")
    def _order(self) -> _EvidenceIn:
        if self.expires <= self.date:
            raise ValueError("expires must be after date")
        d = self.drill
        if d is not None and self.result is None:
            raise ValueError("a drill record says its result (passed or failed)")
        if d is not None and self.result == "passed" and (d.mismatches or d.error):
            raise ValueError("a drill with mismatches or an error cannot have passed")
        return self


class _WaiverIn(_Strict):
    id: str | None = None
    control: str | None = None
    rule: str | None = None
    paths: list[str] = Field(default_factory=lambda: ["**"])
    justification: str = Field(min_length=10)
    risk: Literal["low", "medium", "high", "critical"]
    mitigations: list[str] = Field(default_factory=list)
    requester: str = Field(min_length=1)
    approver: str | None = None
    approved: dt.date | None = None
    expires: dt.date

    @field_validator("control")
    @classmethod
    def _ctl(cls, v: str | None) -> str | None:
        return None if v is None else _control(v)

    @field_validator("rule")
    @classmethod
    def _rule(cls, v: str | None) -> str | None:
        return None if v is None else v.strip().upper()

    @field_validator("paths")
    @classmethod
    def _paths(cls, v: list[str]) -> list[str]:
        return [check_pattern(p) for p in v]

    @model_validator(mode="after")
    def _one_target(self) -> _WaiverIn:
        if (self.control is None) == (self.rule is None):
            raise ValueError("name exactly one of control or rule")
        if self.approved is not None and self.expires <= self.approved:
            raise ValueError("expires must be after the approval date")
        return self


class _AssetIn(_Strict):
    id: str | None = None
    path: str | None = None
    paths: list[str] = Field(default_factory=list)
    owner: str | None = None
    source: str | None = None
    licence: str | None = None

    @field_validator("path")
    @classmethod
    def _path(cls, v: str | None) -> str | None:
        return None if v is None else check_pattern(v)

    @field_validator("paths")
    @classmethod
    def _paths(cls, v: list[str]) -> list[str]:
        return [check_pattern(p) for p in v]

    @model_validator(mode="after")
    def _has_path(self) -> _AssetIn:
        if not self.path and not self.paths:
            raise ValueError("name the files it covers with path or paths")
        return self


class _DatasetIn(_AssetIn):
    label: Annotated[Label, Strict(False)]
    retention_until: dt.date | None = None
    contains: list[str] = Field(default_factory=list)


class _ModelIn(_AssetIn):
    revision: str | None = None
    card: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Drill:
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
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

    @property
    def failed(self) -> bool:
        return self.result == "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiver:
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

    @property
    def target(self) -> str:
        return self.control or self.rule or ""

    @property
    def whole_project(self) -> bool:
        return self.paths in (("**",), ("**/*",), ("*",))


@dataclass(frozen=True, slots=True, kw_only=True)
class DatasetRecord:
    id: str
    file: str
    paths: tuple[str, ...]
    label: Annotated[Label, Strict(False)]
    owner: str | None
    source: str | None
    licence: str | None
    retention_until: dt.date | None
    contains: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ModelRecord:
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


def _asset_paths(rec: _AssetIn) -> tuple[str, ...]:
    return tuple(([rec.path] if rec.path else []) + list(rec.paths))


def _evidence(e: _EvidenceIn, rid: str, shown: str) -> Evidence:
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
    )


def _waiver(w: _WaiverIn, rid: str, shown: str) -> Waiver:
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


def _dataset(d: _DatasetIn, rid: str, shown: str) -> DatasetRecord:
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


def _model(m: _ModelIn, rid: str, shown: str) -> ModelRecord:
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


def _load(root: Path, sub: str, model: type[In], build: Callable[[In, str, str], Out]) -> list[Out]:
    out = []
    for p in _files(root, sub):
        shown = p.relative_to(root).as_posix()
        rec = validate(model, read_toml(p, shown), shown)
        out.append(build(rec, getattr(rec, "id", None) or p.stem, shown))
    return out


def load_records(root: Path) -> Records:
    """Read every record under ``root/.secplan``; :class:`ConfigError` on the first bad one."""
    evidence = _load(root, "evidence", _EvidenceIn, _evidence)
    waivers = _load(root, "waivers", _WaiverIn, _waiver)
    datasets = _load(root, "datasets", _DatasetIn, _dataset)
    models = _load(root, "models", _ModelIn, _model)
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
def path_spec(patterns: tuple[str, ...]) -> GitIgnoreSpec:
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
