"""The schemas of the governance records (``.secplan/*/<id>.toml``), loaded only when a
project has records to validate; :mod:`secplan.governance.records` builds the typed records
from them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator, model_validator

from secplan.catalog import CONTROL_IDS
from secplan.governance.records import Label
from secplan.pathpatterns import check_pattern


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _control(value: str) -> str:
    v = value.strip().upper()
    if v not in CONTROL_IDS:
        raise ValueError(f"unknown control {value!r} (use one of DS1..HS5)")
    return v


class DrillIn(_Strict):
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


class CheckIn(_Strict):
    name: str = Field(min_length=1)
    passed: bool | None = None
    detail: str = ""


class AssuranceIn(_Strict):
    """What ``secplan model test`` measured (``[assurance]``); its signature is beside the
    record (``<record>.toml.sig``)."""

    run: str = Field(min_length=1)
    model: str = Field(min_length=1)
    model_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    data: str = Field(min_length=1)
    data_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    seed: int = 0
    checks: list[CheckIn] = Field(default_factory=list)
    thresholds: dict[str, float | int | str | list[float]] = Field(default_factory=dict)
    metrics: str = "{}"  # JSON: the measurements behind the checks
    versions: dict[str, str] = Field(default_factory=dict)


class EvidenceIn(_Strict):
    id: str | None = None
    control: str
    title: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    date: dt.date
    expires: dt.date
    file: str | None = None
    result: Literal["passed", "failed"] | None = None
    drill: DrillIn | None = None
    assurance: AssuranceIn | None = None

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
    def _order(self) -> EvidenceIn:
        if self.expires <= self.date:
            raise ValueError("expires must be after date")
        d = self.drill
        if d is not None and self.result is None:
            raise ValueError("a drill record says its result (passed or failed)")
        if d is not None and self.result == "passed" and (d.mismatches or d.error):
            raise ValueError("a drill with mismatches or an error cannot have passed")
        return self


class WaiverIn(_Strict):
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
    def _one_target(self) -> WaiverIn:
        if (self.control is None) == (self.rule is None):
            raise ValueError("name exactly one of control or rule")
        if self.approved is not None and self.expires <= self.approved:
            raise ValueError("expires must be after the approval date")
        return self


class AssetIn(_Strict):
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
    def _has_path(self) -> AssetIn:
        if not self.path and not self.paths:
            raise ValueError("name the files it covers with path or paths")
        return self


class DatasetIn(AssetIn):
    label: Annotated[Label, Strict(False)]
    retention_until: dt.date | None = None
    contains: list[str] = Field(default_factory=list)


class ModelIn(AssetIn):
    revision: str | None = None
    card: str | None = None
