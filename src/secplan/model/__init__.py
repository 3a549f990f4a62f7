"""Pure data types shared by every part of secplan (no I/O here)."""

from secplan.model.artifact import Artifact, ArtifactKind
from secplan.model.control import Control, Fact, Framework, Pillar
from secplan.model.finding import Confidence, ControlId, Finding, Location, RuleId, Severity
from secplan.model.posture import ControlPosture, Posture, Status
from secplan.model.report import RunInfo, ScanError, ScanReport, Skipped
from secplan.model.rule import Reference, Rule

__all__ = [
    "Artifact",
    "ArtifactKind",
    "Confidence",
    "Control",
    "ControlId",
    "ControlPosture",
    "Fact",
    "Finding",
    "Framework",
    "Location",
    "Pillar",
    "Posture",
    "Reference",
    "Rule",
    "RuleId",
    "RunInfo",
    "ScanError",
    "ScanReport",
    "Severity",
    "Skipped",
    "Status",
]
