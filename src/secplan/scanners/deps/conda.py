"""conda environment files: conda match specs and the ``pip:`` section.

A conda spec is pinned when it names an exact version (``==1.2.3``, ``=1.2.3=build``, or
``=1.2.3`` with at least three release components); ``=1.24`` means any 1.24.x.

>>> [d.shown for d in parse_environment({"dependencies": ["numpy=1.26.4", "pandas>=2",
...      "conda-forge::pytorch=2.3.0=py3.11_cuda", {"pip": ["torch==2.6.0"]}]}, "env.yml").deps]
['numpy==1.26.4', 'pandas >=2', 'pytorch==2.3.0', 'torch==2.6.0']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from secplan.model import Finding, Location
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.requirements import parse_requirements_text
from secplan.scanners.deps.rules import UNPARSEABLE_REQUIREMENT

MAX_DEPS = 20_000
#: conda names of packages whose PyPI name differs, for matching PyPI advisories.
CONDA_TO_PYPI = {
    "pytorch": "torch",
    "pytorch-gpu": "torch",
    "pytorch-cpu": "torch",
    "py-xgboost": "xgboost",
}
_SKIP = {"python", "pip"}
_SPEC = re.compile(r"^(?:[\w.\-/:]+::)?(?P<name>[A-Za-z0-9_][A-Za-z0-9_.\-]*+)\s*+(?P<rest>.*)$")


def _pinned(rest: str) -> tuple[str, str | None]:
    """``(specifier shown, exact version or None)`` of the part after a conda name."""
    rest = rest.strip()
    if not rest:
        return "", None
    parts = rest.split()
    if len(parts) >= 2 and parts[0][0] not in "<>=!~":
        return f"=={parts[0]}", parts[0]  # "name 1.2.3 build" (space-separated form)
    if rest.startswith("=="):
        version = rest[2:].split("=")[0]
        return rest, version if "*" not in version else None
    if rest.startswith("=") and not rest.startswith("=="):
        version, _, build = rest[1:].partition("=")
        exact = "*" not in version and (bool(build) or len(version.split(".")) >= 3)
        return rest, version if exact else None
    if re.match(r"^\d", rest):
        exact = "*" not in rest and "," not in rest and "|" not in rest
        return rest, rest if exact else None
    return rest, None


def _conda_dep(spec: str, loc: Location) -> Dependency | Finding | None:
    match = _SPEC.match(spec.strip())
    if match is None:
        return UNPARSEABLE_REQUIREMENT.at(
            loc, "conda package spec cannot be parsed", evidence=spec[:200]
        )
    name = match.group("name")
    if name.lower() in _SKIP:
        return None
    shown, version = _pinned(match.group("rest"))
    return Dependency(name=name, specifier=shown, version=version, ecosystem="conda", location=loc)


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _item_line(items: object, index: int) -> int | None:
    """The line YAML positions give an item (lists read by the platform YAML loader)."""
    lines = getattr(items, "item_lines", ())
    return lines[index] if index < len(lines) else None


def parse_environment(doc: object, rel: str, text: str = "") -> DependencyFile:
    lines = _lines(text)
    deps: list[Dependency] = []
    findings: list[Finding] = []
    entries = doc.get("dependencies") if isinstance(doc, Mapping) else None
    for index, entry in enumerate(entries[:MAX_DEPS] if isinstance(entries, list) else []):
        line = _item_line(entries, index) or _line(lines, entry)
        loc = Location(path=rel, line=line)
        if isinstance(entry, str):
            item = _conda_dep(entry, loc)
            if isinstance(item, Dependency):
                deps.append(item)
            elif item is not None:
                findings.append(item)
        elif isinstance(entry, Mapping) and isinstance(entry.get("pip"), list):
            _pip_section(entry["pip"], rel, lines, deps, findings)
    return DependencyFile(
        path=rel, kind=FileKind.INSTALL, deps=tuple(deps), findings=tuple(findings)
    )


def _pip_section(
    items: list[Any], rel: str, lines: list[str], deps: list[Dependency], findings: list[Finding]
) -> None:
    for index, item in enumerate(items[:MAX_DEPS]):
        if not isinstance(item, str):
            continue
        parsed = parse_requirements_text(item, rel)
        line = _item_line(items, index) or _line(lines, item)
        for d in parsed.deps:
            deps.append(
                Dependency(
                    name=d.name,
                    specifier=d.specifier,
                    version=d.version,
                    hashes=d.hashes,
                    marker=d.marker,
                    direct=d.direct,
                    group="pip",
                    location=Location(path=rel, line=line),
                )
            )
        findings.extend(parsed.findings)


def _line(lines: list[str], entry: object) -> int | None:
    """The first ``- entry`` line (for documents that come without positions)."""
    if not isinstance(entry, str):
        return None
    for number, text in enumerate(lines, 1):
        if text.strip().lstrip("-").strip().strip("'\"") == entry:
            return number
    return None
