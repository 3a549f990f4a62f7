"""Results of other scanners, imported into the posture report."""

from secplan.importers.sarif import IMPORTED, import_sarif

__all__ = ["IMPORTED", "import_sarif"]
