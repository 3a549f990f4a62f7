"""The third-party register of a project (SC6): vendors, hub models, datasets and libraries
with their licence and provenance, entered by hand, read from an ML-BOM (the CycloneDX JSON
``secplan bom`` writes, or any CycloneDX 1.x JSON), or read from the project's model and
dataset records (:func:`from_records`). The BOM is parsed as data: sizes and counts are
limited, every field is cut to its column, and nothing in it is fetched.

>>> doc = {"bomFormat": "CycloneDX", "components": [{"type": "machine-learning-model",
...   "name": "bert-base", "supplier": {"name": "Hub Org"}, "purl": "pkg:huggingface/o/bert@1a2b",
...   "licenses": [{"license": {"id": "Apache-2.0"}}]}]}
>>> [(e["kind"], e["name"], e["licence"], e["provenance"]) for e in parse_bom(json.dumps(doc))]
[('model', 'bert-base', 'Apache-2.0', 'pkg:huggingface/o/bert@1a2b'), ('vendor', 'Hub Org', '', '')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from sqlalchemy import insert, select, update

from secplan.errors import ConfigError
from secplan.governance.registers import row_dict
from secplan.store import Database
from secplan.store.schema import third_parties

Kind = Literal["vendor", "model", "dataset", "library"]
MAX_COMPONENTS = 10_000
_KINDS: dict[str, Kind] = {
    "machine-learning-model": "model",
    "data": "dataset",
    "library": "library",
    "framework": "library",
}
_WHERE = ("distribution", "vcs", "model-card", "website")  # external references, by preference
_FIX = "upload the CycloneDX JSON of secplan bom"
#: A Hub repository named by a record's ``source``: ``hf://ORG/NAME``, ``hf://datasets/ORG/NAME``,
#: ``pkg:huggingface/ORG/NAME@REV`` or ``https://huggingface.co/[datasets/]ORG/NAME[/...]``.
_HUB = re.compile(
    r"(?:hf://|pkg:huggingface/|https://huggingface\.co/)(?:datasets/)?"
    r"([A-Za-z0-9][\w.-]{0,95})/([A-Za-z0-9][\w.-]{0,95})(?:[@:/?#].*)?",
    re.S,
)
LIMITS = {"name": 500, "version": 100, "supplier": 255, "licence": 500, "provenance": 1000}


def _s(value: object, limit: int) -> str:
    """A text field of the BOM, cut to ``limit``, without NUL characters (PostgreSQL stores
    none); anything else is empty."""
    return value.replace("\x00", "")[:limit] if isinstance(value, str) else ""


def _licence(c: Mapping[str, Any]) -> str:
    names = []
    for item in c.get("licenses") or []:
        if not isinstance(item, dict):
            continue
        lic = item.get("license")
        if isinstance(lic, dict):
            names.append(_s(lic.get("id"), 100) or _s(lic.get("name"), 200))
        names.append(_s(item.get("expression"), 500))
    return ", ".join(n for n in names if n)[: LIMITS["licence"]]


def _supplier(c: Mapping[str, Any]) -> str:
    for key in ("supplier", "manufacturer"):
        org = c.get(key)
        if isinstance(org, dict) and _s(org.get("name"), 255):
            return _s(org.get("name"), 255)
    return _s(c.get("publisher"), 255)


def _provenance(c: Mapping[str, Any]) -> str:
    if _s(c.get("purl"), 1000):
        return _s(c.get("purl"), 1000)
    refs = [r for r in c.get("externalReferences") or [] if isinstance(r, dict)]
    for kind in _WHERE:
        for r in refs:
            if r.get("type") == kind and _s(r.get("url"), 1000):
                return _s(r.get("url"), 1000)
    ref = _s(c.get("bom-ref"), 1000)
    return ref if ref.startswith("file:") else ""


def _sha256(c: Mapping[str, Any]) -> str:
    for h in c.get("hashes") or []:
        if isinstance(h, dict) and h.get("alg") == "SHA-256":
            return _s(h.get("content"), 64)
    return ""


def _entry(kind: Kind, c: Mapping[str, Any]) -> dict[str, Any]:
    group, name = _s(c.get("group"), 200), _s(c.get("name"), 500)
    return {
        "kind": kind,
        "name": (f"{group}/{name}" if group else name)[: LIMITS["name"]],
        "version": _s(c.get("version"), 100),
        "supplier": _supplier(c),
        "licence": _licence(c),
        "provenance": _provenance(c),
        "sha256": _sha256(c),
    }


def parse_bom(text: str | bytes) -> list[dict[str, Any]]:
    """The register entries of a CycloneDX JSON BOM: one per model, dataset and library
    component, and one per supplier named (a vendor); a ConfigError names what is wrong."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"the BOM is not JSON ({type(exc).__name__})", _FIX) from None
    if not isinstance(doc, dict) or doc.get("bomFormat") != "CycloneDX":
        raise ConfigError("the upload is not a CycloneDX BOM (bomFormat)", _FIX)
    items = doc.get("components") or []
    if not isinstance(items, list) or len(items) > MAX_COMPONENTS:
        raise ConfigError(f"components is not a list of at most {MAX_COMPONENTS}", _FIX)
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for c in items:
        kind = _KINDS.get(str(c.get("type"))) if isinstance(c, dict) else None
        if kind is None or not _s(c.get("name"), 500):
            continue  # the project itself, files, services: not third parties here
        e = _entry(kind, c)
        out.setdefault((e["kind"], e["name"], e["version"]), e)
        if e["supplier"]:
            vendor = _entry("vendor", {"name": e["supplier"]})
            out.setdefault(("vendor", vendor["name"], ""), vendor)
    return list(out.values())


def from_records(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The register entries of model and dataset records, each a mapping with ``kind``
    (``model`` or ``dataset``), ``id``, ``source``, ``licence``, ``revision`` and ``files``
    (the project files the record covers, each a ``path`` and its ``sha256``).

    Each file becomes the entry of that file, the one the ML-BOM names (so the two feeds
    complete each other), with the record's licence and source; a record covering no file
    becomes an entry named by its Hub repository, else by its id. A Hub source becomes a
    ``pkg:huggingface`` package URL pinned to the revision, and the Hub organisation its
    supplier (and a vendor), as in a BOM.

    >>> rec = {"kind": "model", "id": "bert", "source": "hf://google-bert/bert-base-uncased",
    ...        "licence": "Apache-2.0", "revision": "86b5e09", "files": []}
    >>> model, vendor = from_records([rec])
    >>> model["name"], model["version"], model["licence"]
    ('google-bert/bert-base-uncased', '86b5e09', 'Apache-2.0')
    >>> model["provenance"]
    'pkg:huggingface/google-bert/bert-base-uncased@86b5e09'
    >>> vendor["kind"], vendor["name"]
    ('vendor', 'Hugging Face Hub: google-bert')
    """
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in records:
        source, rev = _s(r.get("source"), 800), _s(r.get("revision"), LIMITS["version"])
        hub = _HUB.fullmatch(source)
        if hub:
            repo = f"{hub[1]}/{hub[2]}"
            provenance = f"pkg:huggingface/{repo}" + (f"@{rev}" if rev else "")
            supplier = f"Hugging Face Hub: {hub[1]}"
        else:
            repo, supplier = "", ""
            provenance = f"{source} (revision {rev})" if source and rev else source
        common = {
            "kind": r["kind"],
            "supplier": supplier,
            "licence": _s(r.get("licence"), LIMITS["licence"]),
            "provenance": provenance,
        }
        files = [(f["path"], f.get("sha256") or "") for f in r.get("files") or ()]
        if not files:
            key = (repo, rev) if repo else (_s(r.get("id"), LIMITS["name"]), "")
            files, common["version"] = [(key[0], "")], key[1]
        for path, digest in files:
            e = {"version": "", **common, "name": _s(path, LIMITS["name"]), "sha256": digest}
            out[(e["kind"], e["name"], e["version"])] = e
        if supplier:
            vendor = _entry("vendor", {"name": supplier})
            out.setdefault(("vendor", vendor["name"], ""), vendor)
    return list(out.values())


def upsert(
    db: Database,
    project_id: int,
    entries: Iterable[Mapping[str, Any]],
    source: str,
    by: str,
    now: str,
) -> tuple[int, int]:
    """Add each entry, or update the one of the same kind, name and version (a value given
    replaces the stored one; an empty one keeps it, and so does a ``file:`` provenance, the
    BOM's path in the repository, which says less than a stored one). (added, updated)."""
    added = changed = 0
    t = third_parties
    with db.begin() as conn:
        for e in entries:
            key = (t.c.project_id == project_id, t.c.kind == e["kind"])
            same = (t.c.name == e["name"], t.c.version == e["version"])
            row = conn.execute(select(t).where(*key, *same)).first()
            if row is None:
                values = {"sha256": "", "notes": "", **e}
                conn.execute(
                    insert(t).values(
                        project_id=project_id,
                        source=source,
                        added=now,
                        added_by=by,
                        updated=now,
                        **values,
                    )
                )
                added += 1
                continue
            given = {k: v for k, v in e.items() if v and v != getattr(row, k)}
            if str(given.get("provenance", "")).startswith("file:") and row.provenance:
                del given["provenance"]
            if given:
                conn.execute(update(t).where(t.c.id == row.id).values(updated=now, **given))
                changed += 1
    return added, changed


def listed(db: Database, project_id: int) -> list[dict[str, Any]]:
    """The project's third parties by kind and name, each with what it lacks for a review
    (``missing``: licence, provenance)."""
    t = third_parties
    with db.read() as conn:
        rows = conn.execute(
            select(t).where(t.c.project_id == project_id).order_by(t.c.kind, t.c.name, t.c.id)
        )
        out = [row_dict(r, "project_id") for r in rows]
    for e in out:
        review = () if e["kind"] == "vendor" else ("licence", "provenance")
        e["missing"] = [k for k in review if not e[k]]
    return out
