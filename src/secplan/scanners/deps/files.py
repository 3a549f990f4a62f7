"""Finding and parsing every dependency file of a project, following requirement includes."""

from __future__ import annotations

import configparser
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement

from secplan.model import Artifact, ArtifactKind, Finding, Location
from secplan.scanners.deps.conda import parse_environment
from secplan.scanners.deps.locks import (
    parse_conda_lock,
    parse_pipfile_lock,
    parse_poetry_lock,
    parse_pylock,
    parse_uv_lock,
)
from secplan.scanners.deps.manifests import load_toml, parse_pipfile, parse_pyproject
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.requirements import (
    follow_includes,
    parse_requirements_text,
    requirement_dependency,
)
from secplan.scanners.deps.rules import UNPARSEABLE_DEPENDENCY_FILE
from secplan.scanners.deps.setuptools_files import parse_setup_cfg, parse_setup_py
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all
from secplan.textfile import TooLarge, read_text

MAX_DEPENDENCY_FILE_BYTES = 16 << 20
MAX_FILES = 5_000
_REQUIREMENTS = re.compile(r"^(requirements.*\.(txt|in)|constraints.*\.txt)$", re.IGNORECASE)
_PYLOCK = re.compile(r"^pylock(\..+)?\.toml$", re.IGNORECASE)
_CONDA = re.compile(r"^(environment|conda)\.ya?ml$", re.IGNORECASE)
#: Also conda environments, when the content says so: environment-gpu.yml, conda_env.yaml.
_CONDA_LIKE = re.compile(r"^(environment|conda)[-_.][\w.-]*\.ya?ml$", re.IGNORECASE)
#: conda-lock's unified lock file (``conda-lock.yml``, ``gpu.conda-lock.yml``).
CONDA_LOCK = re.compile(r"^(?:[\w.-]+[.-])?conda-lock\.ya?ml$", re.IGNORECASE)


def _conda(text: str, rel: str) -> DependencyFile:
    docs = load_all(text)
    return parse_environment(docs[0] if docs else None, rel, text)


def _conda_like(text: str, rel: str) -> DependencyFile | None:
    """A YAML file named like an environment that is one (a ``dependencies`` list), else
    ``None``; what is not a conda environment is not this scanner's to report."""
    try:
        docs = load_all(text)
    except YamlError:
        return None
    doc = docs[0] if docs else None
    if not isinstance(doc, dict) or not isinstance(doc.get("dependencies"), list):
        return None
    return parse_environment(doc, rel, text)


def parse_text(name: str, text: str, rel: str) -> DependencyFile | None:
    """Parse one dependency file by its (lower-cased) name; ``None`` for unknown names.

    Raises ``ValueError`` (including TOML, JSON and YAML errors) on malformed content.
    """
    lower = name.lower()
    if _REQUIREMENTS.match(lower):
        return parse_requirements_text(text, rel)
    if lower == "pyproject.toml":
        return parse_pyproject(load_toml(text), rel, text)
    if lower == "pipfile":
        return parse_pipfile(load_toml(text), rel, text)
    if lower == "pipfile.lock":
        return parse_pipfile_lock(text, rel)
    if lower == "poetry.lock":
        return parse_poetry_lock(load_toml(text), rel, text)
    if lower == "pdm.lock":  # [[package]] name and version, as in poetry.lock
        return parse_poetry_lock(load_toml(text), rel, text)
    if lower == "uv.lock":
        return parse_uv_lock(load_toml(text), rel, text)
    if _PYLOCK.match(lower):
        return parse_pylock(load_toml(text), rel, text)
    if CONDA_LOCK.match(lower):
        docs = load_all(text)
        return parse_conda_lock(docs[0] if docs else None, rel, text)
    if _CONDA.match(lower):
        return _conda(text, rel)
    if _CONDA_LIKE.match(lower):
        return _conda_like(text, rel)
    if lower == "setup.cfg":
        return parse_setup_cfg(text, rel)
    if lower == "setup.py":
        return parse_setup_py(text, rel)
    return None


def _not_parsed(rel: str, why: str) -> DependencyFile:
    finding = UNPARSEABLE_DEPENDENCY_FILE.at(
        Location(path=rel), f"dependency file not verified: {why}", evidence=why[:300]
    )
    return DependencyFile(path=rel, kind=FileKind.INSTALL, findings=(finding,))


def parse_file(root: Path, rel: str, *, as_requirements: bool = False) -> DependencyFile | None:
    """Read and parse ``root/rel``; problems become a DP105 finding, never an exception."""
    path = root / rel
    try:
        text = read_text(path, MAX_DEPENDENCY_FILE_BYTES)
    except TooLarge:
        return _not_parsed(rel, f"larger than {MAX_DEPENDENCY_FILE_BYTES} bytes")
    except OSError as exc:
        return _not_parsed(rel, f"cannot be read ({exc.strerror or exc})")
    try:
        if as_requirements:
            return parse_requirements_text(text, rel)
        return parse_text(PurePosixPath(rel).name, text, rel)
    except (ValueError, YamlError, configparser.Error, RecursionError) as exc:
        return _not_parsed(rel, f"{type(exc).__name__}: {str(exc)[:200]}")


_BENTOFILE = re.compile(r"^bentofile\.ya?ml$", re.IGNORECASE)
_SERVE_CONFIG = re.compile(r"^[\w.-]*serve[\w.-]*\.ya?ml$", re.IGNORECASE)


def _install_list(items: object, rel: str, out: list[Dependency]) -> None:
    lines = getattr(items, "item_lines", ())
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, str) and item.strip() and not item.startswith(("-", ".", "/", "$")):
            line = lines[i] if i < len(lines) else None
            dep = requirement_dependency(item.strip(), Location(path=rel, line=line), "main")
            if isinstance(dep, Dependency):
                out.append(dep)


def parse_deploy_config(text: str, rel: str) -> DependencyFile | None:
    """Packages a deployment installs from its own configuration: a Bento's
    ``python.packages`` (``bentofile.yaml``) and the ``runtime_env.pip`` lists of a Ray
    Serve configuration. ``None`` when the file holds none."""
    try:
        docs = load_all(text)
    except YamlError:
        return None  # not this scanner's to report
    deps: list[Dependency] = []
    for doc in docs:
        if not isinstance(doc, dict):
            continue
        python = doc.get("python")
        if isinstance(python, dict):
            _install_list(python.get("packages"), rel, deps)
        envs = [doc.get("runtime_env")]
        apps = doc.get("applications")
        envs += (
            [a.get("runtime_env") for a in apps if isinstance(a, dict)]
            if isinstance(apps, list)
            else []
        )
        for env in envs:
            if isinstance(env, dict):
                _install_list(env.get("pip"), rel, deps)
    if not deps:
        return None
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_FILES]))


#: The SDKs a Hugging Face Space's README front matter can pin (``sdk_version``): the
#: package the Space runtime installs at that version.
_SPACE_SDKS = frozenset({"gradio", "streamlit"})
_FRONT_MATTER_LINE = re.compile(r"^(sdk|sdk_version)\s*:\s*['\"]?([\w.+-]{1,40})['\"]?\s*(?:#.*)?$")
MAX_FRONT_MATTER_LINES = 200


def parse_space_readme(text: str, rel: str) -> DependencyFile | None:
    """The SDK a Hugging Face Space runs, from its ``README.md`` front matter (``sdk:
    gradio`` with ``sdk_version: 3.50.2``), as a dependency at the ``sdk_version`` line;
    ``None`` for a README without one. Only the ``---`` block at the top is read."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    found: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(lines[1:MAX_FRONT_MATTER_LINES], 2):
        if raw.strip() == "---":
            break
        m = _FRONT_MATTER_LINE.match(raw.strip())
        if m is not None:
            found[m.group(1)] = (m.group(2), number)
    else:
        return None  # no closing line: not front matter
    sdk, version = found.get("sdk"), found.get("sdk_version")
    if sdk is None or version is None or sdk[0].lower() not in _SPACE_SDKS:
        return None
    dep = requirement_dependency(
        f"{sdk[0].lower()}=={version[0]}", Location(path=rel, line=version[1]), "main"
    )
    if not isinstance(dep, Dependency):
        return None
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=(dep,))


def is_space_readme(a: Artifact) -> bool:
    return a.name == "README.md"


def is_deploy_config(a: Artifact) -> bool:
    """``bentofile.yaml`` and Ray Serve configurations (``serve_config.yaml``...)."""
    return a.kind is ArtifactKind.CONFIG and bool(
        _BENTOFILE.match(a.name) or _SERVE_CONFIG.match(a.name)
    )


def is_conda_name(name: str) -> bool:
    """``environment.yml``, ``conda.yaml``, ``environment-gpu.yml``, ``conda_env.yaml``."""
    return bool(_CONDA.match(name) or _CONDA_LIKE.match(name))


#: Folders whose text files are requirement files (``requirements/dev.txt``).
_REQUIREMENTS_DIRS = frozenset({"requirements", "requirement", "reqs"})
_OPTION_LINE = ("-r ", "-c ", "-e ", "-f ", "--")


def _reads_as_requirement(line: str) -> bool:
    """A requirement-file line: an option (``-r base.txt``), a URL, or a PEP 508
    requirement (parsed by ``packaging``, never matched by pattern)."""
    if line.startswith(_OPTION_LINE) or "://" in line:
        return True
    text = line.split(" #", 1)[0].strip()
    if not text or len(text) > 1000:
        return False
    try:
        Requirement(text)
    except InvalidRequirement:
        return False
    return True


def in_requirements_dir(a: Artifact, root: Path | None = None) -> bool:
    """A ``.txt`` or ``.in`` file in a ``requirements/`` folder whose lines read as
    requirements (a README there does not)."""
    p = PurePosixPath(a.relpath)
    if p.suffix.lower() not in (".txt", ".in") or p.parent.name.lower() not in _REQUIREMENTS_DIRS:
        return False
    try:
        text = read_text(a.path, 256 << 10)
    except (TooLarge, OSError):
        return False
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(_reads_as_requirement(ln) for ln in lines)


def is_dependency_file(a: Artifact) -> bool:
    """Dependency files by kind, plus ``setup.py`` and YAML files named like environments."""
    if a.kind is ArtifactKind.DEPENDENCIES or a.name.lower() == "pdm.lock":
        return True
    if a.kind is ArtifactKind.CODE:
        return a.name.lower() == "setup.py"
    return a.kind is ArtifactKind.CONFIG and bool(
        _CONDA_LIKE.match(a.name) or CONDA_LOCK.match(a.name)
    )


def collect(root: Path, artifacts: Iterable[Artifact]) -> tuple[list[DependencyFile], set[str]]:
    """Every dependency file (and every requirements file they include), each parsed once.

    Returns the files and the paths that are only used as constraints (``-c``).
    """
    files: dict[str, DependencyFile] = {}
    constraint_only: set[str] = set()
    required: set[str] = set()
    queue: list[tuple[str, int, bool]] = []
    for a in sorted(artifacts, key=lambda a: a.relpath):
        if is_deploy_config(a) and len(files) < MAX_FILES:
            try:
                config = parse_deploy_config(
                    read_text(a.path, MAX_DEPENDENCY_FILE_BYTES), a.relpath
                )
            except (TooLarge, OSError):
                config = None
            if config is not None:
                files[a.relpath] = config
            continue
        if is_space_readme(a) and len(files) < MAX_FILES:
            try:
                space = parse_space_readme(read_text(a.path, 64 << 10), a.relpath)
            except (TooLarge, OSError):
                space = None
            if space is not None:
                files[a.relpath] = space
            continue
        listed = is_dependency_file(a)
        if (listed or in_requirements_dir(a)) and len(files) < MAX_FILES:
            parsed = parse_file(root, a.relpath, as_requirements=not listed)
            if parsed is not None:
                files[a.relpath] = parsed
                required.add(a.relpath)
                queue.append((a.relpath, 0, False))
    extra: list[Finding] = []
    while queue:
        rel, depth, _ = queue.pop(0)
        follow, problems = follow_includes(root, files[rel], depth)
        extra.extend(problems)
        for target, constraint in follow:
            (constraint_only if constraint else required).add(target)
            if target not in files and len(files) < MAX_FILES:
                parsed = parse_file(root, target, as_requirements=True)
                if parsed is not None:
                    files[target] = parsed
                    queue.append((target, depth + 1, constraint))
    out = list(files.values())
    if extra:
        out.append(DependencyFile(path=".", kind=FileKind.INSTALL, findings=tuple(extra)))
    return out, constraint_only - required
