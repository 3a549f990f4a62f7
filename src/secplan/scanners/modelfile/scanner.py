"""The artifact scanner that plugs the model-file analyzer into every secplan scan."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.modelfile.core import Ctx, Where
from secplan.scanners.modelfile.dispatch import analyze_path
from secplan.scanners.modelfile.limits import LimitExceeded, Limits
from secplan.scanners.modelfile.policy import Policy
from secplan.scanners.modelfile.rules import NOT_VERIFIED, RULES

log = logging.getLogger(__name__)
DATA_FORMATS = frozenset({"npy", "npz", "hdf5"})


def analyze_file(
    path: Path, relpath: str, *, allow: tuple[str, ...] = (), limits: Limits | None = None
) -> list[Finding]:
    """Findings for one file on disk (``relpath`` is what locations carry). Never raises on
    hostile content: whatever stops the analysis becomes an MF104 finding."""
    c = Ctx.make(Policy.packaged().with_project(allow), limits or Limits(), path.parent)
    where = Where(relpath, None, path.parent, 0, path.name)
    try:
        analyze_path(path, where, c)
    except LimitExceeded as exc:
        c.sink.add(NOT_VERIFIED, where, f"analysis stopped at a limit: {exc}")
    except OSError as exc:
        c.sink.add(NOT_VERIFIED, where, f"file cannot be read: {exc.strerror or exc}")
    except (RecursionError, MemoryError) as exc:
        c.sink.add(NOT_VERIFIED, where, f"analysis ran out of resources: {type(exc).__name__}")
    except Exception as exc:  # a parser bug must not pass a file as clean
        log.debug("model-file analysis failed on %s", relpath, exc_info=True)
        c.sink.add(
            NOT_VERIFIED,
            where,
            f"analysis failed: {type(exc).__name__}: {exc}",
            evidence="report this file to the secplan maintainers if it is legitimate",
        )
    if c.sink.dropped:
        c.sink.add(NOT_VERIFIED, where, f"{c.sink.dropped} further findings were not recorded")
    return c.sink.findings


def applies(artifact: Artifact) -> bool:
    kind = artifact.kind
    return kind in (ArtifactKind.MODEL, ArtifactKind.ARCHIVE) or artifact.format in DATA_FORMATS


class ModelFileScanner:
    """Malicious code and malformed structure in model files and the archives they ship in."""

    name: ClassVar[str] = "modelfile"
    rules: ClassVar[tuple[Rule, ...]] = RULES

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()

    def applies_to(self, artifact: Artifact) -> bool:
        return applies(artifact)

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        yield from analyze_file(
            artifact.path, artifact.relpath, allow=ctx.settings.model_allow, limits=self.limits
        )
