"""Artifacts: the files a scan looks at, classified by content first and name second."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class ArtifactKind(StrEnum):
    MODEL = "model"
    DATASET = "dataset"
    CODE = "code"
    NOTEBOOK = "notebook"
    DEPENDENCIES = "dependencies"
    CONTAINER = "container"
    DEPLOYMENT = "deployment"  # Kubernetes manifests, compose files
    CONFIG = "config"
    DOCUMENT = "document"
    ARCHIVE = "archive"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifact:
    """One file found by discovery.

    ``path`` is absolute; ``relpath`` is POSIX-style and relative to the scan root, which is what
    findings carry. ``format`` names the concrete format (``pickle``, ``pytorch-zip``, ``csv``,
    ``dockerfile``, ...); ``sniffed`` tells whether the content (rather than the name) decided.
    ``git_ignored`` marks a file scanned although ``.gitignore`` lists it (``.env`` files:
    they are where secrets sit on disk).
    """

    path: Path
    relpath: str
    kind: ArtifactKind
    format: str
    size: int
    mode: int
    sniffed: bool = True
    git_ignored: bool = False

    @property
    def name(self) -> str:
        return self.path.name


#: The kinds and formats of file in which a serving endpoint can be declared: the files
#: :func:`secplan.endpoints.discover` reads (a scan with none of them has no endpoint).
ENDPOINT_KINDS = (ArtifactKind.CODE, ArtifactKind.DEPLOYMENT, ArtifactKind.CONFIG)
ENDPOINT_FORMATS = frozenset({"python", "shell", "compose", "kubernetes", "properties"})


def may_declare_endpoints(a: Artifact) -> bool:
    return a.kind in ENDPOINT_KINDS and a.format in ENDPOINT_FORMATS
