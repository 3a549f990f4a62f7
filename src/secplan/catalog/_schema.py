"""The schemas of ``controls.toml`` and ``frameworks.toml``, loaded when a catalog file is
validated (a test, a snapshot being made, or a packaged file changed since its snapshot)."""

from __future__ import annotations

import tomllib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from secplan.errors import CatalogError
from secplan.model.control import Fact


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _PillarIn(_Strict):
    id: str
    title: str
    summary: str
    goals: list[str] = Field(min_length=1)
    techniques: list[str] = Field(min_length=1)


class _ControlIn(_Strict):
    id: str
    pillar: str
    title: str
    requirement: str = Field(min_length=20)
    applies_when: list[Fact] = Field(min_length=1)
    manual: bool
    evidence: list[str] = Field(min_length=1, max_length=4)
    crosswalk: dict[str, list[str]]
    crosswalk_notes: dict[str, str] = Field(default_factory=dict)


class _ControlsFile(_Strict):
    schema_version: int
    pillar: list[_PillarIn]
    control: list[_ControlIn]


class _ItemIn(_Strict):
    id: str
    title: str
    #: where the framework states this item (the item's own page where it has one)
    source: str = Field(pattern=r"^https://\S+$")


class _FrameworkIn(_Strict):
    id: str
    name: str
    version: str
    url: str
    complete: bool
    item: list[_ItemIn] = Field(default_factory=list)


class _FrameworksFile(_Strict):
    schema_version: int
    framework: list[_FrameworkIn]


def _fail(name: str, exc: ValidationError) -> CatalogError:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return CatalogError(f"catalog/{name}: {where}: {err['msg']}", "fix the catalog entry")


def validated_controls(doc: dict[str, Any]) -> dict[str, Any]:
    """``controls.toml`` (parsed) checked against its schema, as JSON values."""
    try:
        return _ControlsFile.model_validate(doc).model_dump(mode="json")
    except ValidationError as exc:
        raise _fail("controls.toml", exc) from exc


def validated_frameworks(doc: dict[str, Any]) -> dict[str, Any]:
    """``frameworks.toml`` (parsed) checked against its schema, as JSON values."""
    try:
        return _FrameworksFile.model_validate(doc).model_dump(mode="json")
    except ValidationError as exc:
        raise _fail("frameworks.toml", exc) from exc


def _parse(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog/{name}: {exc}", "fix the TOML syntax") from exc


def checked_controls(text: str) -> dict[str, Any]:
    """The text of ``controls.toml`` parsed and checked against its schema."""
    return validated_controls(_parse("controls.toml", text))


def checked_frameworks(text: str) -> dict[str, Any]:
    """The text of ``frameworks.toml`` parsed and checked against its schema."""
    return validated_frameworks(_parse("frameworks.toml", text))
