"""Dependency scanning: requirements, pyproject, Pipfile, lock files, conda environments and
installed environments, checked for pins, hashes, lock files and known vulnerabilities
against the offline OSV database (:mod:`secplan.vulndb`)."""

from secplan.scanners.deps.environment import installed
from secplan.scanners.deps.files import collect, parse_text
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.rules import RULES
from secplan.scanners.deps.scanner import DependencyScanner, EnvironmentScanner, is_deployable

#: The dependency scanners a default scan runs (``EnvironmentScanner`` is added for ``--env``).
SCANNERS: tuple[DependencyScanner, ...] = (DependencyScanner(),)

__all__ = [
    "RULES",
    "SCANNERS",
    "Dependency",
    "DependencyFile",
    "DependencyScanner",
    "EnvironmentScanner",
    "FileKind",
    "collect",
    "installed",
    "is_deployable",
    "parse_text",
]
