"""The packaged pattern lists behind the code and secret rules (``catalog/lists/*.toml``).

Both files are validated when first read: an entry without a ``reason``, an unknown field or
a regular expression that does not compile is a packaging bug, reported as
:class:`~secplan.errors.CatalogError`.

>>> lists = code_lists()
>>> lists.deserializers["torch.load"].check
'torch-weights-only'
>>> any(d.id == "huggingface-token" for d in secret_lists().detectors)
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from secplan._snapshot import read_source
from secplan.errors import CatalogError

Category = Literal["data", "model", "tracking", "api", "transfer"]
Check = Literal[
    "always",
    "torch-weights-only",
    "numpy-allow-pickle",
    "yaml-loader",
    "yaml-full-load",
    "keras-safe-mode",
    "allow-dangerous-deserialization",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Named(_Strict):
    name: str = Field(min_length=1)
    reason: str = Field(min_length=8)


class Deserializer(_Named):
    rule: str = Field(pattern=r"^CD1\d\d$")
    check: Check


class Shell(_Named):
    always: bool


class UrlSink(_Named):
    category: Category
    position: int = 0


class UrlName(_Named):
    category: Category


class HubDownload(_Named):
    id: str
    position: int


class Alias(_Named):
    module: str


class _CodeFile(_Strict):
    schema_version: int
    deserializer: list[Deserializer]
    shell: list[Shell]
    url_sink: list[UrlSink]
    url_keyword: list[UrlName]
    url_env: list[UrlName]
    tls_env: list[_Named]
    hub_download: list[HubDownload]
    local_dataset_builder: list[_Named]
    mutable_ref: list[_Named]
    auth_import: list[_Named]
    auth_name: list[_Named]
    conventional_alias: list[Alias]


class Detector(_Strict):
    id: str
    rule: str = Field(pattern=r"^CD2\d\d$")
    title: str
    pattern: str
    group: int = 0
    keywords: list[str] = Field(min_length=1)
    ignore_case: bool = False
    requires: str = ""
    prefilter: str = ""
    min_entropy: float = 0.0
    validator: Literal["", "pem-body", "jwt", "password"] = ""
    reason: str = Field(min_length=8)


class Generic(_Strict):
    secret_words: list[str]
    password_words: list[str]
    digest_words: list[str]
    not_secret_suffixes: list[str]
    min_length: int
    min_entropy: float
    hex_min_length: int
    hex_min_entropy: float
    password_min_length: int


class Placeholders(_Strict):
    substrings: list[str]
    words: list[str]
    marker: str


class _Example(_Strict):
    value: str
    reason: str = Field(min_length=8)


class _SecretsFile(_Strict):
    schema_version: int
    detector: list[Detector]
    generic: Generic
    placeholders: Placeholders
    known_example: list[_Example]


@dataclass(frozen=True, slots=True)
class CodeLists:
    """The code-rule lists, indexed for look-up by qualified name."""

    deserializers: dict[str, Deserializer]
    shells: dict[str, Shell]
    url_sinks: dict[str, UrlSink]
    url_keywords: dict[str, Category]
    url_env: dict[str, Category]
    tls_env: frozenset[str]
    hub_downloads: dict[str, HubDownload]
    local_dataset_builders: frozenset[str]
    mutable_refs: frozenset[str]
    auth_imports: tuple[str, ...]
    auth_names: frozenset[str]
    conventional_aliases: dict[str, str]


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


def _read(name: str) -> dict[str, Any]:
    text = read_source(f"lists/{name}")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"catalog/lists/{name}: {exc}", "fix the TOML syntax") from exc


def _invalid(name: str, exc: Exception) -> CatalogError:
    return CatalogError(f"catalog/lists/{name}: {exc}".splitlines()[0], "fix the list entry")


@cache
def code_lists() -> CodeLists:
    """The validated ``code_rules.toml``."""
    try:
        f = _CodeFile.model_validate(_read("code_rules.toml"))
    except ValidationError as exc:
        raise _invalid("code_rules.toml", exc) from exc
    return CodeLists(
        deserializers={d.name: d for d in f.deserializer},
        shells={s.name: s for s in f.shell},
        url_sinks={s.name: s for s in f.url_sink},
        url_keywords={k.name: k.category for k in f.url_keyword},
        url_env={k.name: k.category for k in f.url_env},
        tls_env=frozenset(e.name for e in f.tls_env),
        hub_downloads={h.name: h for h in f.hub_download},
        local_dataset_builders=frozenset(b.name for b in f.local_dataset_builder),
        mutable_refs=frozenset(r.name for r in f.mutable_ref),
        auth_imports=tuple(a.name for a in f.auth_import),
        auth_names=frozenset(a.name for a in f.auth_name),
        conventional_aliases={a.name: a.module for a in f.conventional_alias},
    )


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
    try:
        f = _SecretsFile.model_validate(_read("secrets.toml"))
        detectors = tuple(_compile(d) for d in f.detector)
        marker = re.compile(f.placeholders.marker)
    except (ValidationError, re.error) as exc:
        raise _invalid("secrets.toml", exc) from exc
    return SecretLists(
        detectors=detectors,
        generic=f.generic,
        placeholder_substrings=tuple(s.lower() for s in f.placeholders.substrings),
        placeholder_words=frozenset(w.lower() for w in f.placeholders.words),
        placeholder_marker=marker,
        known_examples=frozenset(e.value for e in f.known_example),
    )
