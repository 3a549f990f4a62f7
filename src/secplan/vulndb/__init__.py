"""An offline vulnerability database in the OSV format, for PyPI packages.

``secplan vulndb import FILE.zip|DIR`` validates an OSV export and stores it in one SQLite file
under secplan's state directory; ``secplan vulndb update`` downloads the PyPI export first.
Dependency scanning then matches pinned versions against it with PEP 440 ordering.
"""

from secplan.vulndb.download import DEFAULT_URL, DownloadError, download, update
from secplan.vulndb.match import Match, match_range, match_version, severity_of
from secplan.vulndb.osv import Advisory, Affected, InvalidEntry, normalize_name, parse_entry
from secplan.vulndb.ranges import Event, Range, parse_version
from secplan.vulndb.sources import ImportStats, SourceError, import_osv
from secplan.vulndb.store import DatabaseError, DatabaseInfo, DatabaseWriter, VulnDB, default_path

__all__ = [
    "DEFAULT_URL",
    "Advisory",
    "Affected",
    "DatabaseError",
    "DatabaseInfo",
    "DatabaseWriter",
    "DownloadError",
    "Event",
    "ImportStats",
    "InvalidEntry",
    "Match",
    "Range",
    "SourceError",
    "VulnDB",
    "default_path",
    "download",
    "import_osv",
    "match_range",
    "match_version",
    "normalize_name",
    "parse_entry",
    "parse_version",
    "severity_of",
    "update",
]
