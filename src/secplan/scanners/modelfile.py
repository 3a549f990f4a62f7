"""The artifact scanner that plugs the model-file analyzer (:mod:`secplan.modelfile`) into
every secplan scan. The analyzer owns its rules (MF101 and up) and returns findings; this
adapter only selects the files and passes the project's settings on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from secplan.model import Artifact, Finding, Rule
from secplan.modelfile import RULES, Limits, analyze_file, applies
from secplan.scanners._base import ScanContext


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


SCANNERS: tuple[ModelFileScanner, ...] = (ModelFileScanner(),)

__all__ = ["RULES", "SCANNERS", "ModelFileScanner"]
