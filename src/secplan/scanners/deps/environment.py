"""An installed Python environment: the distributions ``importlib.metadata`` finds.

Only metadata files are read (never a module imported, nor a ``.pth`` file run). For a given
``site-packages`` directory each metadata file is size-checked before it is read.
"""

from __future__ import annotations

import importlib.metadata as md
from pathlib import Path

from secplan.model import Location
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind

MAX_METADATA_BYTES = 1 << 20
MAX_DISTRIBUTIONS = 50_000
ENV_PATH = "(environment)"


def _metadata_file(dist: md.Distribution) -> Path | None:
    path = getattr(dist, "_path", None)  # PathDistribution keeps its .dist-info directory here
    if not isinstance(path, Path):
        return None
    for name in ("METADATA", "PKG-INFO"):
        candidate = path / name if path.is_dir() else path
        if candidate.is_file():
            return candidate
    return None


def _small_enough(dist: md.Distribution) -> bool:
    meta = _metadata_file(dist)
    try:
        return meta is None or meta.stat().st_size <= MAX_METADATA_BYTES
    except OSError:
        return False


def installed(site_packages: Path | None = None) -> DependencyFile:
    """The distributions of the running interpreter, or of the ``site_packages`` directory."""
    paths = [str(site_packages)] if site_packages is not None else None
    found = md.distributions(path=paths) if paths is not None else md.distributions()
    deps: dict[str, Dependency] = {}
    for count, dist in enumerate(found):
        if count >= MAX_DISTRIBUTIONS:
            break
        if site_packages is not None and not _small_enough(dist):
            continue
        try:
            name = dist.metadata["Name"]
            version = dist.version
        except (OSError, UnicodeDecodeError, KeyError, ValueError):
            continue
        if not name or not isinstance(version, str):
            continue
        dep = Dependency(
            name=name,
            version=version,
            location=Location(path=ENV_PATH, member=f"{name}=={version}"),
        )
        deps.setdefault(dep.key, dep)  # the first on the path is the one imported
    shown = str(site_packages) if site_packages is not None else "current interpreter"
    return DependencyFile(
        path=f"{ENV_PATH} {shown}",
        kind=FileKind.ENVIRONMENT,
        deps=tuple(sorted(deps.values(), key=lambda d: d.key)),
    )
