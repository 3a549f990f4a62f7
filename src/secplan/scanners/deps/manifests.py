"""Abstract manifests: pyproject.toml (PEP 621, PEP 735 groups, Poetry, PDM and uv
development groups) and Pipfile. Each dependency carries the line that declares it, found
within the table that holds it.

Their ranges are what a library should declare; pins come from lock files. Poetry's own
constraint syntax (``^1.2``, ``~1.2``, ``1.2.*``, ``>=1 <2``, ``a || b``) is turned into PEP 440.

>>> poetry_to_pep440("^1.2.3"), poetry_to_pep440("~0.4"), poetry_to_pep440("2.1.0")
('>=1.2.3,<2.0.0', '>=0.4,<0.5', '==2.1.0')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from secplan._toml import loads as toml_loads
from secplan.model import Finding, Location
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.requirements import requirement_dependency
from secplan.scanners.deps.rules import INSECURE_INDEX, UNPARSEABLE_REQUIREMENT
from secplan.scanners.deps.text import key_line, line_of, table_start

MAX_DEPS = 20_000
#: A version with an optional pre-, post- or dev-release part (``0.53b0``, ``1.0rc1``).
_VERSION = re.compile(
    r"^(\d+(?:\.\d+)*)(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|dev)[-_.]?\d*)*$", re.I
)
#: An operator and its version written apart (``> 2``): one term, not two.
_SPACED_OPERATOR = re.compile(r"(===|==|!=|<=|>=|~=|<|>|\^|~)\s+(?=\d)")


class ConstraintError(ValueError):
    """A Poetry constraint that cannot be expressed in PEP 440."""


def _release(v: str) -> list[int]:
    """The release numbers of a version (``0.53b0`` -> ``[0, 53]``)."""
    m = _VERSION.match(v)
    return [int(p) for p in (m.group(1) if m else v).split(".")]


def _caret(v: str) -> str:
    parts = _release(v)
    idx = next((i for i, p in enumerate(parts) if p != 0), len(parts) - 1)
    upper = [*parts[:idx], parts[idx] + 1] + [0] * (len(parts) - idx - 1)
    return f">={v},<{'.'.join(map(str, upper))}"


def _tilde(v: str) -> str:
    parts = _release(v)
    if len(parts) == 1:
        return f">={v},<{parts[0] + 1}"
    upper = [*parts[:1], parts[1] + 1] + ([0] * (len(parts) - 2) if len(parts) > 2 else [])
    return f">={v},<{'.'.join(map(str, upper))}"


def _one(term: str) -> str:
    term = term.strip()
    if term in ("", "*"):
        return ""
    if term.startswith("^") and _VERSION.match(term[1:].strip()):
        return _caret(term[1:].strip())
    if term.startswith("~") and not term.startswith("~=") and _VERSION.match(term[1:].strip()):
        return _tilde(term[1:].strip())
    if re.match(r"^\d", term):
        return f"=={term}"
    if re.match(r"^(==|!=|<=|>=|<|>|~=|===)\s*\S+$", term):
        return term.replace(" ", "")
    raise ConstraintError(f"unsupported constraint {term!r}")


def poetry_to_pep440(constraint: str) -> str:
    """A Poetry constraint as PEP 440 specifiers; alternatives (``||``) are kept as ``" || "``."""
    alternatives = []
    for alt in constraint.split("||"):
        alt = _SPACED_OPERATOR.sub(r"\1", alt)
        terms = [t for t in re.split(r"\s*,\s*|\s+(?=[<>=!~^\d])", alt.strip()) if t]
        alternatives.append(",".join(p for t in terms if (p := _one(t))))
    return " || ".join(alternatives)


def _poetry_dep(name: str, value: object, loc: Location, group: str) -> Dependency | Finding:
    direct = False
    if isinstance(value, list):
        value = value[0] if value else "*"  # multiple-constraint deps: judge the first
    if isinstance(value, Mapping):
        direct = any(k in value for k in ("git", "path", "url"))
        value = value.get("version", "*")
    if not isinstance(value, str):
        return UNPARSEABLE_REQUIREMENT.at(loc, "dependency version is not a string", evidence=name)
    try:
        spec = poetry_to_pep440(value)
    except ConstraintError as exc:
        return UNPARSEABLE_REQUIREMENT.at(
            loc, "Poetry constraint cannot be parsed", evidence=f"{name} = {value!r}: {exc}"[:300]
        )
    pins = re.fullmatch(r"==([^,*|]+)", spec)
    return Dependency(
        name=name,
        specifier=spec,
        version=pins.group(1) if pins else None,
        direct=direct,
        group=group,
        location=loc,
    )


def _name_line(lines: list[str], name: str, table: str) -> int | None:
    """The line of ``name = ...`` in ``[table]`` (else anywhere, as a last resort)."""
    return key_line(lines, name, table_start(lines, table)) or line_of(
        lines, f"{name} =", f'"{name}" ='
    )


def _poetry(tool: Mapping[str, Any], rel: str, lines: list[str]) -> list[Dependency | Finding]:
    poetry = tool.get("poetry")
    if not isinstance(poetry, Mapping):
        return []
    tables: list[tuple[str, object, str]] = [
        ("main", poetry.get("dependencies"), "tool.poetry.dependencies"),
        ("dev", poetry.get("dev-dependencies"), "tool.poetry.dev-dependencies"),
    ]
    groups = poetry.get("group")
    if isinstance(groups, Mapping):
        tables += [
            (str(g), t.get("dependencies"), f"tool.poetry.group.{g}.dependencies")
            for g, t in groups.items()
            if isinstance(t, Mapping)
        ]
    out: list[Dependency | Finding] = []
    for group, table, header in tables:
        if not isinstance(table, Mapping):
            continue
        for name, value in list(table.items())[:MAX_DEPS]:
            if str(name).lower() == "python":
                continue
            loc = Location(path=rel, line=_name_line(lines, str(name), header))
            out.append(_poetry_dep(str(name), value, loc, group))
    return out


def _pep508_list(
    items: object, rel: str, lines: list[str], group: str, where: tuple[str, str] = ("", "")
) -> list[Dependency | Finding]:
    """PEP 508 strings of a list; ``where`` is ``(table, key)`` of the list in the file."""
    if not isinstance(items, list):
        return []
    table, key = where
    at = key_line(lines, key, table_start(lines, table)) if table else None
    start = at - 1 if at else 0
    out: list[Dependency | Finding] = []
    for item in items[:MAX_DEPS]:
        if isinstance(item, str):
            needles = (f'"{item}"', f"'{item}'")
            line = line_of(lines, *needles, start=start) or line_of(lines, *needles)
            out.append(requirement_dependency(item, Location(path=rel, line=line), group))
    return out


def _groups(tables: object, rel: str, lines: list[str], header: str) -> list[Dependency | Finding]:
    """Named lists of PEP 508 strings: optional dependencies, dependency groups, PDM groups."""
    if not isinstance(tables, Mapping):
        return []
    out: list[Dependency | Finding] = []
    for group, reqs in tables.items():
        out += _pep508_list(reqs, rel, lines, str(group), (header, str(group)))
    return out


def _insecure_sources(sources: object, rel: str, lines: list[str]) -> list[Finding]:
    """An ``http://`` source, and a source with ``verify_ssl = false``: each at its own line
    (both may hold for one source)."""
    out: list[Finding] = []
    for src in sources if isinstance(sources, list) else []:
        if not isinstance(src, Mapping):
            continue
        address = src.get("url")
        url_line = line_of(lines, str(address)) if address else None
        if isinstance(address, str) and address.lower().startswith("http://"):
            out.append(
                INSECURE_INDEX.at(
                    Location(path=rel, line=url_line),
                    "packages are fetched over plain HTTP",
                    evidence=address[:300],
                )
            )
        if src.get("verify_ssl") is False:
            line = _key_line_after(lines, "verify_ssl", url_line) or url_line
            out.append(
                INSECURE_INDEX.at(
                    Location(path=rel, line=line),
                    "TLS verification is off for this source",
                    evidence=str(address)[:300],
                )
            )
    return out


def _key_line_after(lines: list[str], key: str, start: int | None) -> int | None:
    """The first line at or after ``start`` (1-based) that sets ``key``."""
    for i in range(max(0, (start or 1) - 1), len(lines)):
        if lines[i].lstrip().startswith(key):
            return i + 1
    return None


def split_items(
    items: list[Dependency | Finding],
) -> tuple[tuple[Dependency, ...], tuple[Finding, ...]]:
    deps = tuple(i for i in items if isinstance(i, Dependency))
    return deps, tuple(i for i in items if isinstance(i, Finding))


def parse_pyproject(doc: Mapping[str, Any], rel: str, text: str) -> DependencyFile:
    lines = text.splitlines()
    items: list[Dependency | Finding] = []
    project = doc.get("project")
    if isinstance(project, Mapping):
        deps = project.get("dependencies")
        items += _pep508_list(deps, rel, lines, "main", ("project", "dependencies"))
        optional = project.get("optional-dependencies")
        items += _groups(optional, rel, lines, "project.optional-dependencies")
    items += _groups(doc.get("dependency-groups"), rel, lines, "dependency-groups")
    tool = doc.get("tool")
    findings: list[Finding] = []
    if isinstance(tool, Mapping):
        items += _poetry(tool, rel, lines)
        pdm = tool.get("pdm")
        if isinstance(pdm, Mapping):
            items += _groups(pdm.get("dev-dependencies"), rel, lines, "tool.pdm.dev-dependencies")
            findings += _insecure_sources(pdm.get("source"), rel, lines)
        poetry = tool.get("poetry")
        if isinstance(poetry, Mapping):
            findings += _insecure_sources(poetry.get("source"), rel, lines)
        uv = tool.get("uv")
        if isinstance(uv, Mapping):
            findings += _insecure_sources(uv.get("index"), rel, lines)
            dev = uv.get("dev-dependencies")
            items += _pep508_list(dev, rel, lines, "dev", ("tool.uv", "dev-dependencies"))
    deps, problems = split_items(items)
    return DependencyFile(
        path=rel,
        kind=FileKind.MANIFEST,
        deps=deps,
        findings=(*problems, *findings),
        application=_is_application(doc),
    )


def _is_application(doc: Mapping[str, Any]) -> bool:
    """A pyproject.toml of an application: no build backend (``uv init`` of an app), or
    packaging turned off (PDM ``distribution = false``, Poetry ``package-mode = false``)."""
    tool = doc.get("tool")
    tool = tool if isinstance(tool, Mapping) else {}
    pdm, poetry = tool.get("pdm"), tool.get("poetry")
    if isinstance(pdm, Mapping) and pdm.get("distribution") is False:
        return True
    if isinstance(poetry, Mapping) and poetry.get("package-mode") is False:
        return True
    return "build-system" not in doc and "project" in doc


def parse_pipfile(doc: Mapping[str, Any], rel: str, text: str) -> DependencyFile:
    lines = text.splitlines()
    items: list[Dependency | Finding] = []
    for section, group in (("packages", "main"), ("dev-packages", "dev")):
        table = doc.get(section)
        if not isinstance(table, Mapping):
            continue
        for name, value in list(table.items())[:MAX_DEPS]:
            loc = Location(path=rel, line=_name_line(lines, str(name), section))
            direct = isinstance(value, Mapping) and any(k in value for k in ("git", "path", "file"))
            spec = value.get("version", "*") if isinstance(value, Mapping) else value
            if not isinstance(spec, str):
                items.append(
                    UNPARSEABLE_REQUIREMENT.at(
                        loc, "dependency version is not a string", evidence=str(name)
                    )
                )
                continue
            text_spec = "" if spec.strip() == "*" else spec.strip()
            item = requirement_dependency(f"{name}{text_spec}", loc, group)
            if isinstance(item, Dependency) and direct:
                item = Dependency(name=item.name, direct=True, group=group, location=loc)
            items.append(item)
    deps, problems = split_items(items)
    findings = _insecure_sources(doc.get("source"), rel, lines)
    return DependencyFile(
        path=rel,
        kind=FileKind.MANIFEST,
        deps=deps,
        findings=(*problems, *findings),
        application=True,  # Pipenv manages applications
    )


def load_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``; raises ``ValueError`` (``TOMLDecodeError``) on malformed input."""
    return toml_loads(text)
