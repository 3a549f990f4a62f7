"""Lock files: poetry.lock, uv.lock, Pipfile.lock, pylock.toml (PEP 751) and conda-lock.yml.

Every locked package becomes a pinned :class:`Dependency` with the hashes the lock records;
packages from a VCS, a local path or the project itself are marked ``direct``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from secplan.model import Location
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.text import line_of

MAX_PACKAGES = 50_000


def _hash_values(items: object, key: str = "hash") -> list[str]:
    out: list[str] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get(key), str):
            out.append(item[key])
    return out


def _packages(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = doc.get(key)
    if not isinstance(items, list):
        return []
    return [
        p for p in items[:MAX_PACKAGES] if isinstance(p, Mapping) and isinstance(p.get("name"), str)
    ]


def parse_poetry_lock(doc: Mapping[str, Any], rel: str, text: str) -> DependencyFile:
    lines = text.splitlines()
    legacy = (
        doc.get("metadata", {}).get("files", {}) if isinstance(doc.get("metadata"), Mapping) else {}
    )
    cursor = [0]
    deps = []
    for pkg in _packages(doc, "package"):
        name = pkg["name"]
        source = pkg.get("source")
        kind = source.get("type") if isinstance(source, Mapping) else None
        hashes = _hash_values(pkg.get("files")) or (
            _hash_values(legacy.get(name)) if isinstance(legacy, Mapping) else []
        )
        version = pkg.get("version")
        deps.append(
            Dependency(
                name=name,
                version=version if isinstance(version, str) else None,
                hashes=tuple(hashes),
                direct=kind in ("git", "directory", "file", "url"),
                group=str(pkg.get("category", "")),
                location=Location(path=rel, line=_line(lines, name, cursor)),
            )
        )
    return DependencyFile(path=rel, kind=FileKind.LOCK, deps=tuple(deps))


def _line(lines: list[str], name: str, cursor: list[int]) -> int | None:
    line = line_of(lines, f'name = "{name}"', start=cursor[0])
    if line is not None:
        cursor[0] = line
    return line


def parse_uv_lock(doc: Mapping[str, Any], rel: str, text: str) -> DependencyFile:
    lines = text.splitlines()
    cursor = [0]
    deps = []
    for pkg in _packages(doc, "package"):
        source = pkg.get("source")
        src = set(source) if isinstance(source, Mapping) else set()
        if src & {"editable", "virtual"}:
            continue  # the project itself, or a workspace member
        hashes = _hash_values(pkg.get("wheels"))
        sdist = pkg.get("sdist")
        if isinstance(sdist, Mapping) and isinstance(sdist.get("hash"), str):
            hashes.append(sdist["hash"])
        version = pkg.get("version")
        deps.append(
            Dependency(
                name=pkg["name"],
                version=version if isinstance(version, str) else None,
                hashes=tuple(hashes),
                direct=bool(src & {"git", "path", "directory", "url"}),
                location=Location(path=rel, line=_line(lines, pkg["name"], cursor)),
            )
        )
    return DependencyFile(path=rel, kind=FileKind.LOCK, deps=tuple(deps))


def _pylock_hashes(pkg: Mapping[str, Any]) -> list[str]:
    tables: list[object] = [pkg.get("sdist"), pkg.get("archive")]
    wheels = pkg.get("wheels")
    if isinstance(wheels, list):
        tables += wheels
    out = []
    for table in tables:
        if isinstance(table, Mapping) and isinstance(table.get("hashes"), Mapping):
            out += [f"{alg}:{h}" for alg, h in table["hashes"].items() if isinstance(h, str)]
    return out


def parse_pylock(doc: Mapping[str, Any], rel: str, text: str) -> DependencyFile:
    lines = text.splitlines()
    cursor = [0]
    deps = []
    for pkg in _packages(doc, "packages"):
        version = pkg.get("version")
        deps.append(
            Dependency(
                name=pkg["name"],
                version=version if isinstance(version, str) else None,
                hashes=tuple(_pylock_hashes(pkg)),
                marker=str(pkg.get("marker", "")),
                direct=("vcs" in pkg or "directory" in pkg)
                or ("archive" in pkg and "index" not in pkg),
                location=Location(path=rel, line=_line(lines, pkg["name"], cursor)),
            )
        )
    return DependencyFile(path=rel, kind=FileKind.LOCK, deps=tuple(deps))


def parse_pipfile_lock(text: str, rel: str) -> DependencyFile:
    """Pipfile.lock (JSON); raises ``ValueError`` when it is not JSON."""
    doc = json.loads(text)
    if not isinstance(doc, Mapping):
        raise ValueError("Pipfile.lock is not a JSON object")
    lines = text.splitlines()
    deps = []
    for section, group in (("default", "main"), ("develop", "dev")):
        table = doc.get(section)
        if not isinstance(table, Mapping):
            continue
        for name, entry in list(table.items())[:MAX_PACKAGES]:
            if not isinstance(entry, Mapping):
                continue
            version = entry.get("version")
            pinned = version[2:] if isinstance(version, str) and version.startswith("==") else None
            hashes = entry.get("hashes")
            deps.append(
                Dependency(
                    name=str(name),
                    specifier=version if isinstance(version, str) else "",
                    version=pinned,
                    hashes=tuple(h for h in hashes if isinstance(h, str))
                    if isinstance(hashes, list)
                    else (),
                    marker=str(entry.get("markers", "")),
                    direct=any(k in entry for k in ("git", "path", "file")),
                    group=group,
                    location=Location(path=rel, line=line_of(lines, f'"{name}": {{')),
                )
            )
    return DependencyFile(path=rel, kind=FileKind.LOCK, deps=tuple(deps))


def parse_conda_lock(doc: object, rel: str, text: str) -> DependencyFile:
    """conda-lock's unified lock file (``conda-lock.yml``): every ``package`` entry, conda or
    pip, pinned at the line of its ``version``. The environment files it was generated from
    (``metadata.sources``, beside it) hold the ranges it locks."""
    lines = text.splitlines()
    packages = doc.get("package") if isinstance(doc, Mapping) else None
    cursor = 0
    deps = []
    for pkg in packages[:MAX_PACKAGES] if isinstance(packages, list) else []:
        if not isinstance(pkg, Mapping) or not isinstance(pkg.get("name"), str):
            continue
        name, version = pkg["name"], pkg.get("version")
        at = line_of(lines, f"name: {name}", start=cursor)
        if at is not None:
            cursor = at
            at = line_of(lines, "version:", start=at) or at
        digests = pkg.get("hash")
        manager = pkg.get("manager")
        deps.append(
            Dependency(
                name=name,
                version=str(version) if isinstance(version, str | int | float) else None,
                hashes=tuple(f"{alg}:{h}" for alg, h in digests.items() if isinstance(h, str))
                if isinstance(digests, Mapping)
                else (),
                ecosystem="pypi" if manager == "pip" else "conda",
                group=str(pkg.get("category", "")),
                location=Location(path=rel, line=at),
            )
        )
    return DependencyFile(path=rel, kind=FileKind.LOCK, deps=tuple(deps))
