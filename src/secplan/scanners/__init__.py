"""Scanners: built-ins plus whatever the ``secplan.scanners`` entry-point group adds."""

from secplan.importers.sarif import IMPORTED
from secplan.scanners import code, data_pii, deps, modelfile, platform_config
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
from secplan.scanners.encryption import EncryptionScanner
from secplan.scanners.governance import GovernanceScanner
from secplan.scanners.models import ModelScanner
from secplan.scanners.signatures import SignatureScanner
from secplan.scanners.state import StateScanner

BUILTINS: tuple[Scanner, ...] = (
    DatasetScanner(),
    DatasetRecordScanner(),
    *data_pii.SCANNERS,
    ModelScanner(),
    *modelfile.SCANNERS,
    SignatureScanner(),
    EncryptionScanner(),
    *code.SCANNERS,
    *deps.SCANNERS,
    *platform_config.SCANNERS,
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


def default_registry(*, plugins: bool = True, extra: tuple[Scanner, ...] = ()) -> Registry:
    """Built-in scanners and ``extra`` ones, plus entry-point plugins unless ``plugins`` is
    false."""
    return build_registry(
        (*BUILTINS, *extra), plugins=plugins, engine_rules=(NOT_VERIFIED, IMPORTED)
    )
