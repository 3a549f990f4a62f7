"""The packaged credential patterns behind the secret rules (``catalog/lists/secrets.toml``),
validated when first read (see :mod:`secplan.scanners.code._lists`). A module of its own, so
that what detects credentials in text (the personal-data detector too) loads these patterns
without the code-rule lists.

>>> any(d.id == "huggingface-token" for d in secret_lists().detectors)
True
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from secplan._snapshot import read_source
from secplan.errors import CatalogError

_T = TypeVar("_T")
_SCALARS: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}
_VALIDATORS = ("", "pem-body", "jwt", "password")
_DETECTOR_RULE = re.compile(r"CD2\d\d")


@dataclass(frozen=True, slots=True)
class Detector:
    id: str
    rule: str
    title: str
    pattern: str
    keywords: list[str]
    reason: str
    group: int = 0
    ignore_case: bool = False
    requires: str = ""
    prefilter: str = ""
    min_entropy: float = 0.0
    validator: str = ""


@dataclass(frozen=True, slots=True)
class Generic:
    secret_words: list[str]
    password_words: list[str]
    digest_words: list[str]
    not_secret_suffixes: list[str]
    min_length: int
    min_entropy: float
    hex_min_length: int
    hex_min_entropy: float
    password_min_length: int


@dataclass(frozen=True, slots=True)
class Placeholders:
    substrings: list[str]
    words: list[str]
    marker: str


@dataclass(frozen=True, slots=True)
class _Example:
    value: str
    reason: str


class _Invalid(ValueError):
    pass


def _typed(where: str, kind: str, value: object) -> object:
    """``value`` checked against the annotation ``kind`` (ints are taken as floats)."""
    if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind == "list[str]":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
    elif isinstance(value, _SCALARS[kind]) and not (kind == "int" and isinstance(value, bool)):
        return value
    raise _Invalid(f"{where}: expected {kind}, got {type(value).__name__}")


def _build(cls: type[_T], where: str, data: object) -> _T:
    """An instance of the dataclass ``cls`` from a TOML table: every field of its type, no
    field missing unless it has a default, none unknown."""
    if not isinstance(data, dict):
        raise _Invalid(f"{where}: expected a table")
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise _Invalid(f"{where}.{unknown[0]}: unknown field")
    values: dict[str, object] = {}
    for name, f in fields.items():
        if name in data:
            values[name] = _typed(f"{where}.{name}", str(f.type), data[name])
        elif f.default is dataclasses.MISSING:
            raise _Invalid(f"{where}.{name}: field required")
    return cls(**values)


def _detector(where: str, data: object) -> Detector:
    d = _build(Detector, where, data)
    if _DETECTOR_RULE.fullmatch(d.rule) is None:
        raise _Invalid(f"{where}.rule: {d.rule!r} is not a secret rule (CD2xx)")
    if not d.keywords:
        raise _Invalid(f"{where}.keywords: at least one keyword")
    if len(d.reason) < 8:
        raise _Invalid(f"{where}.reason: at least 8 characters")
    if d.validator not in _VALIDATORS:
        raise _Invalid(f"{where}.validator: one of {', '.join(map(repr, _VALIDATORS))}")
    return d


def _example(where: str, data: object) -> _Example:
    e = _build(_Example, where, data)
    if len(e.reason) < 8:
        raise _Invalid(f"{where}.reason: at least 8 characters")
    return e


def _tables(data: dict[str, Any], key: str) -> list[object]:
    value = data.get(key)
    if not isinstance(value, list):
        raise _Invalid(f"{key}: expected a list of tables")
    return value


@dataclass(frozen=True, slots=True)
class CompiledDetector:
    id: str
    rule: str
    title: str
    regex: re.Pattern[str]
    group: int
    keywords: tuple[str, ...]
    ignore_case: bool
    requires: re.Pattern[str] | None
    prefilter: re.Pattern[str] | None
    min_entropy: float
    validator: str


@dataclass(frozen=True, slots=True)
class SecretLists:
    detectors: tuple[CompiledDetector, ...]
    generic: Generic
    placeholder_substrings: tuple[str, ...]
    placeholder_words: frozenset[str]
    placeholder_marker: re.Pattern[str]
    known_examples: frozenset[str]


def read_list(name: str) -> dict[str, Any]:
    text = read_source(f"lists/{name}")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog/lists/{name}: {exc}", "fix the TOML syntax") from exc


def invalid_list(name: str, exc: Exception) -> CatalogError:
    return CatalogError(f"catalog/lists/{name}: {exc}".splitlines()[0], "fix the list entry")


def _compile(d: Detector) -> CompiledDetector:
    flags = re.IGNORECASE if d.ignore_case else 0
    return CompiledDetector(
        id=d.id,
        rule=d.rule,
        title=d.title,
        regex=re.compile(d.pattern, flags),
        group=d.group,
        keywords=tuple(k.lower() for k in d.keywords) if d.ignore_case else tuple(d.keywords),
        ignore_case=d.ignore_case,
        requires=re.compile(d.requires) if d.requires else None,
        prefilter=re.compile(d.prefilter) if d.prefilter else None,
        min_entropy=d.min_entropy,
        validator=d.validator,
    )


@cache
def secret_lists() -> SecretLists:
    """The validated and compiled ``secrets.toml``."""
    data = read_list("secrets.toml")
    try:
        unknown = sorted(set(data) - _FILE_KEYS)
        if unknown:
            raise _Invalid(f"{unknown[0]}: unknown field")
        _typed("schema_version", "int", data.get("schema_version"))
        found = [_detector(f"detector.{n}", d) for n, d in enumerate(_tables(data, "detector"))]
        generic = _build(Generic, "generic", data.get("generic"))
        placeholders = _build(Placeholders, "placeholders", data.get("placeholders"))
        examples = [
            _example(f"known_example.{n}", e) for n, e in enumerate(_tables(data, "known_example"))
        ]
        detectors = tuple(_compile(d) for d in found)
        marker = re.compile(placeholders.marker)
    except (_Invalid, re.error) as exc:
        raise invalid_list("secrets.toml", exc) from exc
    return SecretLists(
        detectors=detectors,
        generic=generic,
        placeholder_substrings=tuple(s.lower() for s in placeholders.substrings),
        placeholder_words=frozenset(w.lower() for w in placeholders.words),
        placeholder_marker=marker,
        known_examples=frozenset(e.value for e in examples),
    )


_FILE_KEYS = frozenset({"schema_version", "detector", "generic", "placeholders", "known_example"})
