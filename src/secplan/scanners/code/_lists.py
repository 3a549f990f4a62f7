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

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from secplan.scanners.code._secret_lists import invalid_list, read_list
from secplan.scanners.code._secret_lists import secret_lists as secret_lists  # where it was

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


@cache
def code_lists() -> CodeLists:
    """The validated ``code_rules.toml``."""
    try:
        f = _CodeFile.model_validate(read_list("code_rules.toml"))
    except ValidationError as exc:
        raise invalid_list("code_rules.toml", exc) from exc
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
