"""A CycloneDX 1.6 bill of materials for a project: its Python dependencies (libraries with
``pkg:pypi`` package URLs) and its model and dataset files (``machine-learning-model`` and
``data`` components with SHA-256 hashes, read in chunks so any size fits in constant memory).

>>> import tempfile, pathlib, json
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "requirements.txt").write_text("torch==2.6.0\\n")
>>> doc = json.loads(render_bom(d))
>>> doc["specVersion"], doc["components"][0]["purl"]
('1.6', 'pkg:pypi/torch@2.6.0')
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from cyclonedx.model import HashAlgorithm, HashType, Property
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.output.json import JsonV1Dot6
from packageurl import PackageURL

from secplan import __version__
from secplan._io import sha256_file
from secplan.discovery import discover
from secplan.model import Artifact, ArtifactKind
from secplan.scanners.deps.files import collect
from secplan.scanners.deps.model import Dependency, DependencyFile

if TYPE_CHECKING:
    from secplan.governance.records import DatasetRecord


def _libraries(files: Iterable[DependencyFile]) -> list[Component]:
    pinned: dict[tuple[str, str], Dependency] = {}
    loose: dict[str, Dependency] = {}
    for f in files:
        for d in f.deps:
            if d.direct or not d.name or d.ecosystem != "pypi":
                continue
            if d.version is not None:
                pinned.setdefault((d.key, d.version), d)
            else:
                loose.setdefault(d.key, d)
    keys = {k for k, _ in pinned}
    out = []
    for (key, version), d in sorted(pinned.items()):
        out.append(_library(key, version, d))
    for key, d in sorted(loose.items()):
        if key not in keys:
            out.append(_library(key, None, d))
    return out


def _library(key: str, version: str | None, d: Dependency) -> Component:
    purl = PackageURL(type="pypi", name=key, version=version)
    return Component(
        type=ComponentType.LIBRARY,
        name=key,
        version=version,
        purl=purl,
        bom_ref=purl.to_string(),
        properties=[Property(name="secplan:declared-in", value=d.location.path)]
        + (
            [Property(name="secplan:specifier", value=d.specifier)]
            if d.specifier and not version
            else []
        ),
    )


def _artifact(a: Artifact) -> Component | None:
    kinds = {
        ArtifactKind.MODEL: ComponentType.MACHINE_LEARNING_MODEL,
        ArtifactKind.DATASET: ComponentType.DATA,
    }
    ctype = kinds.get(a.kind)
    if ctype is None:
        return None
    try:
        digest = sha256_file(a.path)
    except OSError:
        return None
    return Component(
        type=ctype,
        name=a.relpath,
        bom_ref=f"file:{a.relpath}",
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=digest)],
        properties=[
            Property(name="secplan:format", value=a.format),
            Property(name="secplan:size", value=str(a.size)),
        ],
    )


def build_bom(root: Path, *, serial: UUID | None = None, timestamp: datetime | None = None) -> Bom:
    """The bill of materials of the project at ``root``."""
    found = discover(root)
    files, _ = collect(root, found.artifacts)
    bom = Bom(serial_number=serial) if serial is not None else Bom()
    bom.metadata.timestamp = timestamp or datetime.now(UTC)
    bom.metadata.tools.components.add(
        Component(type=ComponentType.APPLICATION, name="secplan", version=__version__)
    )
    project = Component(
        type=ComponentType.APPLICATION, name=root.name or "project", bom_ref="project"
    )
    bom.metadata.component = project
    components = _libraries(files) + [c for a in found.artifacts if (c := _artifact(a)) is not None]
    for c in components:
        bom.components.add(c)
    bom.register_dependency(project, components)
    return bom


def render_bom(root: Path, *, serial: UUID | None = None, timestamp: datetime | None = None) -> str:
    """The CycloneDX 1.6 JSON text of :func:`build_bom`, with the ``modelCard`` of each model
    that has current signed results of ``secplan model test``."""
    bom = build_bom(root, serial=serial, timestamp=timestamp)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the library warns about optional data it would like
        text = JsonV1Dot6(bom).output_as_string(indent=2)
    return _with_model_cards(root, text)


def _with_model_cards(root: Path, text: str) -> str:
    """The library has no model cards yet: they are added to its JSON."""
    from secplan.governance.records import load_records

    records = load_records(root)
    if not any(e.test is not None for e in records.evidence):
        return text
    import json

    from secplan.assurance.bom import model_cards
    from secplan.assurance.evidence import check_model_tests

    cards = model_cards(root, check_model_tests(root, records))
    if not cards:
        return text
    doc = json.loads(text)
    for c in doc.get("components", []):
        if c.get("type") == "machine-learning-model" and c.get("name") in cards:
            c["modelCard"] = cards[c["name"]]
    return json.dumps(doc, indent=2)


def records_payload(root: Path, bom_text: str) -> dict[str, list[dict[str, Any]]]:
    """The project's model and dataset records as the server's third-party register takes
    them (``POST .../third-parties/records``): each with its source, licence and revision,
    and the files of its kind in ``bom_text`` (its BOM) that it covers, with their SHA-256."""
    import json

    from secplan.governance.records import ModelRecord, load_records, path_spec

    files: dict[str, dict[str, str]] = {"machine-learning-model": {}, "data": {}}
    for c in json.loads(bom_text).get("components", []):
        if c.get("type") in files and str(c.get("bom-ref", "")).startswith("file:"):
            sha = [h["content"] for h in c.get("hashes", []) if h.get("alg") == "SHA-256"]
            files[c["type"]][c["name"]] = sha[0] if sha else ""
    records = load_records(root)

    def one(rec: ModelRecord | DatasetRecord, kind: str) -> dict[str, Any]:
        covers = path_spec(rec.paths).match_file
        found = sorted(files[kind].items())
        return {
            "id": rec.id,
            "source": rec.source or "",
            "licence": rec.licence or "",
            "revision": (rec.revision if isinstance(rec, ModelRecord) else None) or "",
            "files": [{"path": p, "sha256": d} for p, d in found if covers(p)],
        }

    return {
        "models": [one(m, "machine-learning-model") for m in records.models],
        "datasets": [one(d, "data") for d in records.datasets],
    }
