"""What dependency parsers produce: dependencies with where they were declared, per file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from secplan.model import Finding, Location
from secplan.vulndb.osv import normalize_name


class FileKind(StrEnum):
    INSTALL = "install"  # requirements files, conda environments: what an installer reads
    MANIFEST = "manifest"  # pyproject.toml, Pipfile: ranges that a lock file pins
    LOCK = "lock"  # poetry.lock, uv.lock, Pipfile.lock, pylock.toml
    ENVIRONMENT = "environment"  # an installed Python environment
    COMMAND = "command"  # pip install lines of a Dockerfile: what the image build installs


@dataclass(frozen=True, slots=True, kw_only=True)
class Dependency:
    """One declared, locked or installed package."""

    name: str
    specifier: str = ""  # PEP 440 specifier set ("" for any version); "a || b" alternatives
    version: str | None = None  # the exact version when pinned, locked or installed
    hashes: tuple[str, ...] = ()
    marker: str = ""
    direct: bool = False  # a URL, VCS or local path instead of an index release
    ecosystem: str = "pypi"  # or "conda"
    group: str = ""
    location: Location

    @property
    def key(self) -> str:
        return normalize_name(self.name)

    @property
    def shown(self) -> str:
        if self.version is not None:
            return f"{self.name}=={self.version}"
        return f"{self.name} {self.specifier or 'any version'}"


@dataclass(frozen=True, slots=True)
class Include:
    """A ``-r`` (``constraint=False``) or ``-c`` line naming another requirements file."""

    target: str
    line: int
    constraint: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class DependencyFile:
    """One parsed file: its dependencies and what parsing it found wrong."""

    path: str
    kind: FileKind
    deps: tuple[Dependency, ...] = ()
    findings: tuple[Finding, ...] = ()
    includes: tuple[Include, ...] = ()  # -r / -c lines of a requirements file
    require_hashes: bool = False
    #: the manifest says it is an application, not a library to publish (no build backend,
    #: PDM ``distribution = false``, Poetry ``package-mode = false``, a Pipfile)
    application: bool = False

    @property
    def fully_pinned(self) -> bool:
        """Every index dependency has an exact version (what makes a file lock-like)."""
        index = [d for d in self.deps if not d.direct]
        return bool(index) and all(d.version is not None for d in index)
