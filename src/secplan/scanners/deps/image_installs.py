"""Packages a Dockerfile's ``RUN pip install`` lines install: what the image build pulls in.

Each package named on a ``pip install`` (``python -m pip``, ``uv pip``) line of a ``RUN``
instruction becomes a dependency at the physical line that names it, so a continued
``RUN pip install \\`` list is judged line by line. Requirement files (``-r``), local paths,
wheels and variables are left to the files they name. Conda installs are not read here.

>>> text = "FROM python:3.12\\nRUN pip install \\\\\\n  torch==2.5.1 \\\\\\n  captum\\n"
>>> found = parse_image_installs(text, "Dockerfile").deps
>>> [(d.name, d.version, d.location.line) for d in found]
[('torch', '2.5.1', 3), ('captum', None, 4)]
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from secplan.model import Artifact, ArtifactKind, Location
from secplan.scanners.code.shell_lines import install_words, vcs_unpinned
from secplan.scanners.deps.model import Dependency, DependencyFile, FileKind
from secplan.scanners.deps.requirements import requirement_dependency
from secplan.scanners.platform import dockerfile_instructions
from secplan.scanners.platform_config.shell import parse, script_lines
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all, load_all_lenient
from secplan.textfile import TooLarge, read_text

MAX_DOCKERFILE_BYTES = 1 << 20
MAX_PACKAGES = 2000
_NOT_A_PACKAGE = re.compile(r"^(?:\.|/|~)|\.(?:whl|zip|tar\.gz|tgz)$|[${}]")
_VCS = re.compile(r"^(?:git|hg|svn|bzr)\+")
#: A GitHub Actions expression (``${{ matrix.torch }}``): a value the runner fills in, which
#: the shell parser would otherwise split into words that look like package names.
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


def _line_of(lines: list[str], start: int, word: str) -> int:
    """The physical line, from the instruction's first line on, that holds ``word``."""
    for n in range(start, min(len(lines), start + 500) + 1):
        if word in lines[n - 1]:
            return n
        if not lines[n - 1].rstrip().endswith("\\"):
            break
    return start


def parse_image_installs(text: str, rel: str) -> DependencyFile:
    lines = text.splitlines()
    deps: list[Dependency] = []
    for ins in dockerfile_instructions(text):
        if ins.keyword != "RUN" or "install" not in ins.args:
            continue
        for cmd in parse(ins.args).commands():
            for word in install_words(cmd, pip_only=True):
                if len(deps) >= MAX_PACKAGES or _NOT_A_PACKAGE.search(word):
                    continue
                loc = Location(path=rel, line=_line_of(lines, ins.line, word))
                if _VCS.match(word) or "://" in word:
                    name = word.rsplit("#egg=", 1)[-1] if "#egg=" in word else word
                    # without a commit a VCS install moves like an unpinned one
                    direct = not vcs_unpinned(word)
                    deps.append(Dependency(name=name[:80], direct=direct, location=loc))
                    continue
                dep = requirement_dependency(word, loc, "main")
                if isinstance(dep, Dependency):
                    deps.append(dep)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(_distinct(deps)))


def _script_deps(script: str, rel: str, raw: list[str], start: int) -> list[Dependency]:
    """Packages the ``pip install`` lines of a script install, each at the line of the file
    (from ``start`` on) that names it."""
    from secplan.scanners.platform_config.commands import line_commands

    deps: list[Dependency] = []
    for first, text in script_lines(_EXPRESSION.sub("$EXPRESSION", script)):
        if "install" not in text:
            continue
        for cmd in line_commands(parse(text)):
            for word in install_words(cmd, pip_only=True):
                if len(deps) >= MAX_PACKAGES or _NOT_A_PACKAGE.search(word):
                    continue
                if _VCS.match(word) or "://" in word:
                    continue
                line = _word_line(raw, start, start + first - 1, word)
                dep = requirement_dependency(word, Location(path=rel, line=line), "main")
                if isinstance(dep, Dependency):
                    deps.append(dep)
    return _distinct(deps)


def _word_line(raw: list[str], start: int, near: int, word: str) -> int:
    """The line of the file that names ``word``: searched from ``near`` (where the script's
    command starts) on, so an earlier line that merely mentions the name (a URL, an
    ``export``) is not taken for the install; from ``start`` on where the command's line is
    not found (a script whose lines the file does not hold one for one)."""
    for origin in (near, start):
        for n in range(max(origin, 1), min(len(raw), origin + 2000) + 1):
            if word in raw[n - 1]:
                return n
    return start


def _distinct(deps: list[Dependency]) -> list[Dependency]:
    """One dependency per package, version and line: ``pip install black black[jupyter]``
    installs one package, so it is judged once."""
    seen: set[tuple[str, str, str | None, int | None]] = set()
    out = []
    for d in deps:
        key = (d.key, d.specifier, d.version, d.location.line)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def parse_workflow_installs(text: str, rel: str, pipeline: str = "") -> DependencyFile:
    """The ``pip install`` lines of a CI workflow's ``run:`` scripts (or, for another kind
    of ``pipeline``, its scripts: Drone ``commands``, CircleCI ``run``...): what each run
    pulls in."""
    from secplan.scanners.platform_config.ci_pipelines import pipeline_scripts
    from secplan.scanners.platform_config.workflows import run_scripts

    raw = text.splitlines()
    deps: list[Dependency] = []
    docs, _ = load_all_lenient(text)  # a file the runner refuses is read as its writer meant
    for doc in docs:
        scripts = pipeline_scripts(doc, pipeline) if pipeline else run_scripts(doc)
        for script, start in scripts:
            deps += _script_deps(script, rel, raw, start or 1)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def parse_terraform_installs(text: str, rel: str) -> DependencyFile:
    """The ``pip install`` lines of the provisioning scripts (``user_data``...) of a
    Terraform file: what every machine it creates installs."""
    from secplan.scanners.platform_config.terraform import SCRIPT_KEYS, heredocs

    raw = text.splitlines()
    deps: list[Dependency] = []
    for (key, first, body), _ in heredocs(raw):
        if key in SCRIPT_KEYS:
            deps += _script_deps("\n".join(body), rel, raw, first)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def parse_script_installs(text: str, rel: str) -> DependencyFile:
    """The ``pip install`` lines of a shell script: what every machine that runs it gets."""
    deps = _script_deps(text, rel, text.splitlines(), 1)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def parse_nix_installs(text: str, rel: str) -> DependencyFile:
    """The ``pip install`` lines of the shell hooks and build phases of a Nix file."""
    from secplan.scanners.platform_config.scripts import nix_scripts

    raw = text.splitlines()
    deps: list[Dependency] = []
    for first, script in nix_scripts(text):
        deps += _script_deps(script, rel, raw, first)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def parse_cluster_installs(text: str, rel: str, *, runtime_envs: bool = True) -> DependencyFile:
    """The ``pip install`` lines of a Ray cluster-launcher file's setup commands and of a
    CodeBuild build spec's phases (what every node, every build installs), and the ``pip``
    lists of Ray ``runtime_env`` settings (what the workers install when a job starts)."""
    from secplan.scanners.platform_config.launchers import (
        buildspec_commands,
        cluster_commands,
        dvc_commands,
        is_buildspec,
        is_cluster_config,
        is_dvc_pipeline,
        is_kfp_component,
        kfp_commands,
    )

    raw = text.splitlines()
    deps: list[Dependency] = []
    for doc in load_all(text):
        if is_cluster_config(doc):
            for command, line in cluster_commands(doc):
                deps += _script_deps(command, rel, raw, line or 1)
        elif is_buildspec(doc):
            for command, line in buildspec_commands(doc):
                deps += _script_deps(command, rel, raw, line or 1)
        elif is_dvc_pipeline(doc):
            for command, line in dvc_commands(doc):
                deps += _script_deps(command, rel, raw, line or 1)
        elif is_kfp_component(doc):
            for command, line in kfp_commands(doc, raw):
                deps += _script_deps(command, rel, raw, line or 1)
        for word, line in runtime_env_packages(doc) if runtime_envs else ():
            if len(deps) >= MAX_PACKAGES:
                break
            if _NOT_A_PACKAGE.search(word) or _VCS.match(word) or "://" in word:
                continue
            dep = requirement_dependency(word, Location(path=rel, line=line), "main")
            if isinstance(dep, Dependency):
                deps.append(dep)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def runtime_env_packages(node: object) -> Iterator[tuple[str, int | None]]:
    """``(requirement, line)`` of every entry of the ``pip`` list (or ``pip.packages``) of
    a Ray ``runtime_env`` mapping anywhere in a YAML document (Serve configs, job specs)."""
    from secplan.scanners.platform_config.common import as_list, item_line, key_line
    from secplan.scanners.platform_config.launchers import runtime_envs

    for env in runtime_envs(node):
        pip = env.get("pip")
        if isinstance(pip, dict):
            pip = pip.get("packages")
        for i, item in enumerate(as_list(pip)):
            if isinstance(item, str):
                yield item.strip(), item_line(pip, i, key_line(env, "pip"))


#: Keywords of pipeline-component decorators and factories that list packages pip installs
#: in the component's container when it runs (Kubeflow Pipelines).
_RUNTIME_PACKAGE_KEYWORDS = frozenset({"packages_to_install"})


#: Methods of an image builder in code (Modal's ``Image``) whose string arguments are
#: packages the build installs, and those whose string arguments are shell commands it runs.
IMAGE_PACKAGE_METHODS = frozenset({"pip_install", "uv_pip_install"})
IMAGE_COMMAND_METHODS = frozenset({"run_commands"})


def parse_python_installs(text: str, rel: str) -> DependencyFile:
    """The packages a Python module's pipeline components install when they run
    (``@dsl.component(packages_to_install=[...])``) and those an image built in code
    installs (``Image.debian_slim().pip_install("torch==2.3.1")``, or ``pip install`` in
    its ``run_commands``): read from the syntax tree, never run."""
    from secplan.scanners.code.python import parse as parse_python

    words = ("packages_to_install", "runtime_env", *IMAGE_PACKAGE_METHODS, *IMAGE_COMMAND_METHODS)
    if not any(w in text for w in words):
        return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=())
    tree = parse_python(text, rel)
    if isinstance(tree, str):
        return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=())
    raw = text.splitlines()
    deps: list[Dependency] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in _RUNTIME_PACKAGE_KEYWORDS:
            deps += _package_words([node.value], rel)
        elif isinstance(node, ast.keyword) and node.arg == "runtime_env":
            deps += _package_words(_runtime_env_pip(node.value), rel)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in IMAGE_PACKAGE_METHODS:
                deps += _package_words(node.args, rel)
            elif node.func.attr in IMAGE_COMMAND_METHODS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        deps += _script_deps(arg.value, rel, raw, arg.lineno)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def _runtime_env_pip(node: ast.expr) -> list[ast.expr]:
    """The package list of a Ray ``runtime_env`` dictionary written in code:
    ``{"pip": [...]}`` or ``{"pip": {"packages": [...]}}`` (what each worker installs)."""
    if not isinstance(node, ast.Dict):
        return []
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant) and key.value in ("pip", "uv"):
            if isinstance(value, ast.Dict):
                return [
                    v
                    for k, v in zip(value.keys, value.values, strict=True)
                    if isinstance(k, ast.Constant) and k.value == "packages"
                ]
            return [value]
    return []


def _package_words(values: list[ast.expr], rel: str) -> list[Dependency]:
    """Dependencies for the string constants among ``values`` (or in the lists among them),
    each at its own line."""
    elements: list[ast.expr] = []
    for value in values:
        elements += value.elts if isinstance(value, ast.List | ast.Tuple) else [value]
    deps: list[Dependency] = []
    for element in elements[:MAX_PACKAGES]:
        if not isinstance(element, ast.Constant) or not isinstance(element.value, str):
            continue
        word = element.value.strip()
        if not word or _NOT_A_PACKAGE.search(word) or _VCS.match(word) or "://" in word:
            continue
        dep = requirement_dependency(word, Location(path=rel, line=element.lineno), "main")
        if isinstance(dep, Dependency):
            deps.append(dep)
    return deps


def _cluster_candidate(a: Artifact) -> bool:
    return a.kind is ArtifactKind.CONFIG and a.path.suffix.lower() in (".yaml", ".yml")


_REQUIREMENT_OPTIONS = ("-r", "--requirement")
_CONSTRAINT_OPTIONS = ("-c", "--constraint")


def _option_values(argv: tuple[str, ...] | list[str], names: tuple[str, ...]) -> list[str]:
    """Values of the options ``names`` in ``argv``: ``-r x``, ``-rx``, ``--requirement=x``."""
    values = []
    for i, word in enumerate(argv):
        for name in names:
            if word == name and i + 1 < len(argv):
                values.append(argv[i + 1])
            elif name.startswith("--") and word.startswith(name + "="):
                values.append(word[len(name) + 1 :])
            elif not name.startswith("--") and word.startswith(name) and len(word) > len(name):
                values.append(word[len(name) :])
    return values


def constrained_requirements(text: str) -> set[str]:
    """File names of the requirement files a Dockerfile installs under a constraints file
    (``pip install -r requirements.txt -c constraints.txt``, or a constraints URL such as
    Airflow's): pip takes each package's version from the constraints, so the ranges the
    requirement file states are pinned there.

    >>> constrained_requirements("FROM x\\nRUN pip install -r /req.txt -c https://h/c.txt")
    {'req.txt'}
    """
    from secplan.scanners.platform_config.commands import line_commands

    names: set[str] = set()
    for ins in dockerfile_instructions(text):
        if ins.keyword != "RUN" or "install" not in ins.args:
            continue
        for cmd in line_commands(parse(ins.args)):
            if "install" not in cmd.argv or not _option_values(cmd.argv, _CONSTRAINT_OPTIONS):
                continue
            for path in _option_values(cmd.argv, _REQUIREMENT_OPTIONS):
                names.add(path.rsplit("/", 1)[-1])
    return names


#: Environment variables whose packages an image installs each time a container starts:
#: the official Airflow image's ``_PIP_ADDITIONAL_REQUIREMENTS``.
_START_INSTALL = re.compile(
    r"^\s*+-?\s*+[\"']?(_PIP_ADDITIONAL_REQUIREMENTS)[\"']?\s*+[:=]\s*+(.{1,2000})$"
)


def _env_candidate(a: Artifact) -> bool:
    """A compose file, Kubernetes manifest or ``.env`` file that may set such a variable."""
    return a.kind in (ArtifactKind.DEPLOYMENT, ArtifactKind.CONFIG) and (
        a.path.suffix.lower() in (".yml", ".yaml") or a.format == "dotenv"
    )


def parse_start_installs(text: str, rel: str) -> DependencyFile:
    """Packages a container installs when it starts, from ``_PIP_ADDITIONAL_REQUIREMENTS``
    set to a literal list (``apache-airflow-providers-x papermill==2.6.0``); a value taken
    from the host's environment (``${_PIP_ADDITIONAL_REQUIREMENTS:-}``) is not judged.

    >>> text = "x:\\n  environment:\\n    _PIP_ADDITIONAL_REQUIREMENTS: a-b c==1.0\\n"
    >>> [(d.name, d.version) for d in parse_start_installs(text, "c.yml").deps]
    [('a-b', None), ('c', '1.0')]
    """
    deps: list[Dependency] = []
    if "_PIP_ADDITIONAL_REQUIREMENTS" not in text:
        return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=())
    for number, raw in enumerate(text.splitlines(), 1):
        m = _START_INSTALL.match(raw)
        if m is None:
            continue
        value = m.group(2).split(" #", 1)[0].strip().strip("'\"")
        if "$" in value or "{" in value:
            continue
        for word in value.split()[:MAX_PACKAGES]:
            if word.startswith("-") or _NOT_A_PACKAGE.search(word):
                continue
            dep = requirement_dependency(word, Location(path=rel, line=number), "main")
            if isinstance(dep, Dependency):
                deps.append(dep)
    return DependencyFile(path=rel, kind=FileKind.COMMAND, deps=tuple(deps[:MAX_PACKAGES]))


def _start_installs(root: Path, a: Artifact) -> DependencyFile:
    try:
        return parse_start_installs(read_text(root / a.relpath, MAX_DOCKERFILE_BYTES), a.relpath)
    except (TooLarge, OSError):
        return DependencyFile(path=a.relpath, kind=FileKind.COMMAND, deps=())


def image_installs(root: Path, artifacts: Iterable[Artifact]) -> list[DependencyFile]:
    """The pip installs of every Dockerfile, CI workflow or pipeline, Terraform provisioning
    script, shell script, Nix shell hook and Ray cluster-launcher file among ``artifacts``
    that has any."""
    from secplan.scanners.deps.files import is_deploy_config
    from secplan.scanners.platform_config.ci_pipelines import pipeline_kind
    from secplan.scanners.platform_config.workflows import is_workflow

    out: list[DependencyFile] = []
    for a in sorted(artifacts, key=lambda a: a.relpath):
        if _env_candidate(a):
            env_deps = _start_installs(root, a)
            if env_deps.deps:
                out.append(env_deps)
        workflow = a.kind is not ArtifactKind.CONTAINER and is_workflow(a)
        pipeline = "" if workflow or a.kind is ArtifactKind.CONTAINER else pipeline_kind(a)
        terraform = a.path.suffix.lower() == ".tf"
        script = a.kind is ArtifactKind.CODE and a.format == "shell"
        cluster = not workflow and not pipeline and _cluster_candidate(a)
        python = a.kind is ArtifactKind.CODE and a.format == "python"
        nix = a.path.suffix.lower() == ".nix"
        if a.kind is not ArtifactKind.CONTAINER and not (
            workflow or pipeline or terraform or script or cluster or python or nix
        ):
            continue
        try:
            text = read_text(root / a.relpath, MAX_DOCKERFILE_BYTES)
            if cluster and not any(
                k in text
                for k in ("cluster_name", "phases", "runtime_env", "cmd", "implementation")
            ):
                continue
            if workflow or pipeline:
                parsed = parse_workflow_installs(text, a.relpath, pipeline)
            elif script:
                parsed = parse_script_installs(text, a.relpath)
            elif cluster:
                # a Serve configuration's own reader already lists its runtime_env packages
                parsed = parse_cluster_installs(
                    text, a.relpath, runtime_envs=not is_deploy_config(a)
                )
            elif python:
                parsed = parse_python_installs(text, a.relpath)
            elif terraform:
                parsed = parse_terraform_installs(text, a.relpath)
            elif nix:
                parsed = parse_nix_installs(text, a.relpath)
            else:
                parsed = parse_image_installs(text, a.relpath)
        except (TooLarge, OSError, YamlError):
            continue  # the file's own scanner reports what it could not read
        if parsed.deps:
            out.append(parsed)
    return out


__all__ = ["image_installs", "parse_image_installs"]
