"""Scanners: built-ins plus whatever the ``secplan.scanners`` entry-point group adds.

The built-in scanners (and the libraries they use) are imported on first use, so a command
that needs one family — ``secplan model scan`` — does not pay for all of them.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

    BUILTINS: tuple[Scanner, ...]

#: Where the names this package offers live: imported when first asked for, so that a module
#: of one scanner (the credential patterns the personal-data detector uses) loads without
#: the registry, its models and its configuration.
_LAZY = {
    "ENTRY_POINT_GROUP": "secplan.scanners._base",
    "ArtifactScanner": "secplan.scanners._base",
    "ProjectScanner": "secplan.scanners._base",
    "Registry": "secplan.scanners._base",
    "ScanContext": "secplan.scanners._base",
    "Scanner": "secplan.scanners._base",
    "build_registry": "secplan.scanners._base",
    "NOT_VERIFIED": "secplan.scanners.coverage",
}

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
    "builtin_scanners",
    "default_registry",
]


@cache
def builtin_scanners() -> tuple[Scanner, ...]:
    """Every built-in scanner, in the order they run."""
    from secplan.scanners import code, data_pii, deps, modelfile, platform_config
    from secplan.scanners.assurance import AssuranceScanner
    from secplan.scanners.backup import BackupScanner
    from secplan.scanners.data import DatasetRecordScanner, DatasetScanner
    from secplan.scanners.encryption import EncryptionScanner
    from secplan.scanners.governance import GovernanceScanner
    from secplan.scanners.guard import GuardScanner
    from secplan.scanners.models import ModelScanner
    from secplan.scanners.signatures import SignatureScanner
    from secplan.scanners.state import StateScanner

    return (
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
        GuardScanner(),
        BackupScanner(),
        AssuranceScanner(),
        StateScanner(),
    )


def __getattr__(name: str) -> Any:
    if name == "BUILTINS":
        return builtin_scanners()
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_registry(*, plugins: bool = True, extra: tuple[Scanner, ...] = ()) -> Registry:
    """Built-in scanners and ``extra`` ones, plus entry-point plugins unless ``plugins`` is
    false."""
    from secplan.importers.sarif import IMPORTED
    from secplan.scanners._base import build_registry
    from secplan.scanners.coverage import NOT_VERIFIED
    from secplan.suppressions import RULES as SUPPRESSION_RULES

    return build_registry(
        (*builtin_scanners(), *extra),
        plugins=plugins,
        engine_rules=(NOT_VERIFIED, IMPORTED, *SUPPRESSION_RULES),
    )
