"""Scanners: built-ins plus whatever the ``secplan.scanners`` entry-point group adds."""

from secplan.scanners._base import (
    ENTRY_POINT_GROUP,
    ArtifactScanner,
    ProjectScanner,
    Registry,
    ScanContext,
    Scanner,
    build_registry,
)
from secplan.scanners.coverage import NOT_VERIFIED
from secplan.scanners.data import DatasetRecordScanner, DatasetScanner
from secplan.scanners.governance import GovernanceScanner
from secplan.scanners.models import ModelScanner
from secplan.scanners.platform import DockerfileScanner, RequirementsScanner
from secplan.scanners.state import StateScanner

BUILTINS: tuple[Scanner, ...] = (
    DatasetScanner(),
    DatasetRecordScanner(),
    ModelScanner(),
    DockerfileScanner(),
    RequirementsScanner(),
    GovernanceScanner(),
    StateScanner(),
)

__all__ = [
    "BUILTINS",
    "ENTRY_POINT_GROUP",
    "NOT_VERIFIED",
    "ArtifactScanner",
    "ProjectScanner",
    "Registry",
    "ScanContext",
    "Scanner",
    "build_registry",
    "default_registry",
]


def default_registry(*, plugins: bool = True) -> Registry:
    """Built-in scanners, plus entry-point plugins unless ``plugins`` is false."""
    return build_registry(BUILTINS, plugins=plugins, engine_rules=(NOT_VERIFIED,))
