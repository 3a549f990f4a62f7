"""secplan: scan, enforce and prove the 30 controls of a Security Plan for ML systems.

>>> import secplan
>>> sorted(secplan.Severity, reverse=True)[0].label
'critical'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from secplan.errors import (
    CatalogError,
    ConfigError,
    SecplanError,
    TargetError,
    VerificationError,
)

if TYPE_CHECKING:
    from secplan.engine import Assessment, run
    from secplan.model import (
        Artifact,
        ArtifactKind,
        Confidence,
        Finding,
        Location,
        Posture,
        Rule,
        ScanReport,
        Severity,
        Status,
    )
    from secplan.safeload import LoadPolicy, LoadRefused, guarded_loads, safe_load

_MODEL = frozenset(
    {
        "Artifact",
        "ArtifactKind",
        "Confidence",
        "Finding",
        "Location",
        "Posture",
        "Rule",
        "ScanReport",
        "Severity",
        "Status",
    }
)

_SAFELOAD = frozenset({"LoadPolicy", "LoadRefused", "guarded_loads", "safe_load"})


def __getattr__(name: str) -> Any:
    """The core model and the engine (and everything they import) load on first use,
    keeping start-up fast."""
    if name in _MODEL:
        from secplan import model

        return getattr(model, name)
    if name in _SAFELOAD:
        from secplan import safeload

        return getattr(safeload, name)
    if name in ("Assessment", "run"):
        from secplan import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'secplan' has no attribute {name!r}")


__all__ = [
    "Artifact",
    "ArtifactKind",
    "Assessment",
    "CatalogError",
    "Confidence",
    "ConfigError",
    "Finding",
    "LoadPolicy",
    "LoadRefused",
    "Location",
    "Posture",
    "Rule",
    "ScanReport",
    "SecplanError",
    "Severity",
    "Status",
    "TargetError",
    "VerificationError",
    "__version__",
    "guarded_loads",
    "run",
    "safe_load",
]
