"""requirements*.txt: PEP 508 lines, pip options, hashes, markers and ``-r``/``-c`` includes.

Includes are resolved relative to the including file, only inside the project and only
:data:`MAX_INCLUDE_DEPTH` levels deep; anything else is reported (DP106), never fetched.

>>> f = parse_requirements_text("torch==2.6.0; python_version>'3.8' --hash=sha256:ab\\n", "r")
>>> d = f.deps[0]
>>> (d.name, d.version, d.hashes, d.marker)
('torch', '2.6.0', ('sha256:ab',), 'python_version > "3.8"')
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement

from secplan.model import Finding, Location
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind, Include
from secplan.scanners.deps.rules import (
    INSECURE_INDEX,
    UNPARSEABLE_REQUIREMENT,
    UNRESOLVED_INCLUDE,
)
from secplan.scanners.platform import requirement_lines

MAX_INCLUDE_DEPTH = 8
MAX_LINE = 8192
_INCLUDE = {"-r": "r", "--requirement": "r", "-c": "c", "--constraint": "c"}
_INDEX = ("-i", "--index-url", "--extra-index-url", "-f", "--find-links")
_WITH_VALUE = {*_INCLUDE, *_INDEX, "-e", "--editable", "--trusted-host", "--hash", "--no-binary"}
_WITH_VALUE |= {"--only-binary", "--use-feature", "--config-settings", "--global-option"}


@dataclass(slots=True)
class _Acc:
    deps: list[Dependency] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    includes: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, target, line)
    require_hashes: bool = False


def _options(text: str) -> list[tuple[str, str]]:
    """``(option, value)`` pairs of an option string; raises ``ValueError`` on bad quoting."""
    tokens = shlex.split(text, posix=True)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if "=" in tok and tok.startswith("--"):
            name, _, value = tok.partition("=")
            out.append((name, value))
        elif tok in _WITH_VALUE:
            out.append((tok, tokens[i] if i < len(tokens) else ""))
            i += 1
        elif len(tok) > 2 and tok[:2] in ("-r", "-c", "-e", "-i", "-f"):
            out.append((tok[:2], tok[2:]))
        else:
            out.append((tok, ""))
    return out


def _split(content: str) -> tuple[str, str]:
    """The requirement and its per-line options (pip: options start at a ``-`` token)."""
    words = content.split(" ")
    for i, word in enumerate(words):
        if i and word.startswith("-"):
            return " ".join(words[:i]).strip(), " ".join(words[i:])
    return content.strip(), ""


def _is_direct(spec: str) -> bool:
    head = spec.split(";", 1)[0].strip()
    return (
        "://" in head.split(" @ ", 1)[0]
        or head.startswith((".", "/", "~", "file:"))
        or (head.endswith((".whl", ".zip", ".tar.gz")) and "@" not in head)
    )


def _option_line(content: str, rel: str, line: int, acc: _Acc) -> None:
    loc = Location(path=rel, line=line)
    try:
        opts = _options(content)
    except ValueError as exc:
        acc.findings.append(
            UNPARSEABLE_REQUIREMENT.at(
                loc, "pip option line cannot be parsed", evidence=f"{content[:200]!r}: {exc}"
            )
        )
        return
    for name, value in opts:
        if name in _INCLUDE:
            acc.includes.append((_INCLUDE[name], value, line))
        elif name == "--require-hashes":
            acc.require_hashes = True
        elif name in _INDEX and value.lower().startswith("http://"):
            acc.findings.append(
                INSECURE_INDEX.at(
                    loc,
                    f"packages are fetched over plain HTTP ({name})",
                    evidence=f"{name} {value}"[:300],
                )
            )
        elif name == "--trusted-host":
            acc.findings.append(
                INSECURE_INDEX.at(
                    loc, f"TLS verification is off for {value}", evidence=f"{name} {value}"[:300]
                )
            )


def _requirement(content: str, rel: str, line: int, acc: _Acc, kind: FileKind) -> None:
    spec, rest = _split(content)
    loc = Location(path=rel, line=line)
    hashes: list[str] = []
    if rest:
        try:
            hashes = [v for n, v in _options(rest) if n == "--hash" and v]
        except ValueError:
            hashes = []
    if _is_direct(spec):
        acc.deps.append(
            Dependency(name=spec[:100], direct=True, hashes=tuple(hashes), location=loc)
        )
        return
    try:
        req = Requirement(spec)
    except InvalidRequirement as exc:
        acc.findings.append(
            UNPARSEABLE_REQUIREMENT.at(
                loc, "requirement cannot be parsed", evidence=f"{spec!r}: {exc}"[:300]
            )
        )
        return
    acc.deps.append(_dependency(req, loc, tuple(hashes)))


def _dependency(
    req: Requirement, loc: Location, hashes: tuple[str, ...] = (), group: str = ""
) -> Dependency:
    pins = [s for s in req.specifier if s.operator in ("==", "===") and "*" not in s.version]
    return Dependency(
        name=req.name,
        specifier=str(req.specifier),
        version=pins[0].version if pins else None,
        hashes=hashes,
        marker=str(req.marker) if req.marker else "",
        direct=req.url is not None,
        group=group,
        location=loc,
    )


def requirement_dependency(text: str, loc: Location, group: str = "") -> Dependency | Finding:
    """One PEP 508 string (as in pyproject.toml) as a dependency, or a DP002 finding."""
    try:
        req = Requirement(text)
    except InvalidRequirement as exc:
        return UNPARSEABLE_REQUIREMENT.at(
            loc, "requirement cannot be parsed", evidence=f"{text!r}: {exc}"[:300]
        )
    return _dependency(req, loc, group=group)


def _parse_lines(text: str, rel: str, kind: FileKind) -> _Acc:
    acc = _Acc()
    for line, content in requirement_lines(text):
        if len(content) > MAX_LINE:
            acc.findings.append(
                UNPARSEABLE_REQUIREMENT.at(
                    Location(path=rel, line=line),
                    "line is too long to parse",
                    evidence=content[:100],
                )
            )
        elif content.startswith("-") and not content.startswith(("-e ", "--editable")):
            _option_line(content, rel, line, acc)
        elif content.startswith(("-e ", "--editable")):
            target = content.split(None, 1)[1] if " " in content else ""
            acc.deps.append(
                Dependency(name=target[:100], direct=True, location=Location(path=rel, line=line))
            )
        else:
            _requirement(content, rel, line, acc, kind)
    return acc


def parse_requirements_text(
    text: str, rel: str, kind: FileKind = FileKind.INSTALL
) -> DependencyFile:
    """One requirements file on its own (includes are listed, not followed)."""
    acc = _parse_lines(text, rel, kind)
    return DependencyFile(
        path=rel,
        kind=kind,
        deps=tuple(acc.deps),
        findings=tuple(acc.findings),
        includes=tuple(Include(t, n, constraint=k == "c") for k, t, n in acc.includes),
        require_hashes=acc.require_hashes,
    )


def resolve_include(root: Path, including: str, target: str) -> str | None:
    """The project-relative path of an include, or ``None`` when it leaves the project."""
    if "://" in target or not target:
        return None
    base = PurePosixPath(including).parent
    candidate = (root / base / target).resolve()
    try:
        return candidate.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def follow_includes(
    root: Path, file: DependencyFile, depth: int
) -> tuple[list[tuple[str, bool]], list[Finding]]:
    """Includes of ``file`` to follow (``(relpath, is_constraint)``) and those not followed."""
    follow: list[tuple[str, bool]] = []
    problems: list[Finding] = []
    for inc in file.includes:
        loc = Location(path=file.path, line=inc.line)
        evidence = f"{'-c' if inc.constraint else '-r'} {inc.target}"[:300]
        rel = resolve_include(root, file.path, inc.target)
        if rel is None:
            why = "a URL" if "://" in inc.target else "outside the project"
            problems.append(
                UNRESOLVED_INCLUDE.at(
                    loc, f"include is {why} and was not checked", evidence=evidence
                )
            )
        elif depth >= MAX_INCLUDE_DEPTH:
            problems.append(
                UNRESOLVED_INCLUDE.at(
                    loc, f"includes nest deeper than {MAX_INCLUDE_DEPTH} levels", evidence=evidence
                )
            )
        elif not (root / rel).is_file():
            problems.append(
                UNRESOLVED_INCLUDE.at(loc, "included file does not exist", evidence=evidence)
            )
        else:
            follow.append((rel, inc.constraint))
    return follow, problems
