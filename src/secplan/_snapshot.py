"""Validated snapshots of the packaged data files (the control catalog, the pickle policy).

Validating a packaged TOML file with its schema costs more than a short scan itself (the
schema library, then the schema). ``scripts/snapshot_data.py`` validates each file once and
writes the validated document as JSON beside it, under ``catalog/snapshots/``, with the
SHA-256 of the text it came from. At run time a snapshot is used only when that digest is the
digest of the file as installed; a file changed since its snapshot is validated again, so a
broken edit still stops the program. ``tests/unit/test_snapshots.py`` keeps the snapshots
current.
"""

from __future__ import annotations

import hashlib
import json
from importlib import import_module
from typing import Any

from secplan._io import read_packaged

PACKAGE = "secplan.catalog"
FOLDER = "snapshots"
#: Each packaged source (relative to the catalog package), its snapshot's name, and the
#: function (module, name) that validates its text into JSON values with the schema.
SOURCES = {
    "controls.toml": ("controls.json", "secplan.catalog._schema", "checked_controls"),
    "frameworks.toml": ("frameworks.json", "secplan.catalog._schema", "checked_frameworks"),
    "lists/pickle_policy.toml": (
        "pickle_policy.json",
        "secplan.modelfile.policy_file",
        "checked",
    ),
}


def read_source(source: str) -> str:
    """The text of a packaged source file (newlines read as text files read them)."""
    text = read_packaged(PACKAGE, *source.split("/")).decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot_of(source: str, text: str) -> dict[str, Any] | None:
    """The validated document of ``source`` when its snapshot was made from ``text``; None
    when there is no snapshot or it is stale (validate ``text`` then)."""
    try:
        raw = read_packaged(PACKAGE, FOLDER, SOURCES[source][0])
        snap = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(snap, dict) or snap.get("source_sha256") != digest(text):
        return None
    doc = snap.get("document")
    return doc if isinstance(doc, dict) else None


def validate(source: str, text: str) -> dict[str, Any]:
    """``text`` of ``source`` checked against its schema (this loads the schema library);
    :class:`~secplan.errors.CatalogError` says what is wrong."""
    _, module, name = SOURCES[source]
    document: dict[str, Any] = getattr(import_module(module), name)(text)
    return document


def load(source: str) -> dict[str, Any]:
    """The validated document of a packaged source: its snapshot when current, else the file
    validated now."""
    text = read_source(source)
    doc = snapshot_of(source, text)
    return doc if doc is not None else validate(source, text)


def render(source: str, text: str, document: dict[str, Any]) -> str:
    """The snapshot file for ``document``, validated from ``text``."""
    snap = {"source": source, "source_sha256": digest(text), "document": document}
    return json.dumps(snap, indent=1, ensure_ascii=False) + "\n"
