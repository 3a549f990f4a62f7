"""secplan: scan, enforce and prove the 30 controls of a Security Plan for ML systems.

>>> import secplan
>>> sorted(secplan.Severity, reverse=True)[0].label
'critical'
"""

__version__ = "0.1.0"

from secplan.engine import Assessment, run
from secplan.errors import (
    CatalogError,
    ConfigError,
    SecplanError,
    TargetError,
    VerificationError,
)
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

__all__ = [
    "Artifact",
    "ArtifactKind",
    "Assessment",
    "CatalogError",
    "Confidence",
    "ConfigError",
    "Finding",
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
    "run",
]
