"""Personal data, sensitivity labels and data integrity, as scanners of ``secplan scan``."""

from secplan.scanners._base import Scanner
from secplan.scanners.data_pii.rules import ALL as RULES
from secplan.scanners.data_pii.scanners import (
    DataIntegrityScanner,
    DataProfileScanner,
    MalwareCoverageScanner,
    PersonalDataScanner,
)

SCANNERS: tuple[Scanner, ...] = (
    PersonalDataScanner(),
    DataIntegrityScanner(),
    DataProfileScanner(),
    MalwareCoverageScanner(),
)

__all__ = [
    "RULES",
    "SCANNERS",
    "DataIntegrityScanner",
    "DataProfileScanner",
    "MalwareCoverageScanner",
    "PersonalDataScanner",
]
