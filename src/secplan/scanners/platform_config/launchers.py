"""YAML files that launch machines or builds: Ray cluster-launcher files, AWS CodeBuild
build specs, CloudFormation templates and ML platforms' job and deployment files.

**Ray** (``ray up cluster.yaml``): the commands every node runs, and the container the nodes
run them in.

A YAML file with ``cluster_name`` and ``provider`` at its top is a cluster-launcher file.
Each entry of its command lists (``setup_commands``, ``head_start_ray_commands``...) goes
through the command rules (a dashboard bound to ``0.0.0.0``, a script piped into a shell);
``docker.image`` is judged as a pinned image, and ``docker.run_options`` for a privileged
container or the host's namespaces. Packages the setup commands install are the dependency
scanner's.

**CodeBuild** (``buildspec.yml``: ``version`` and ``phases``): every ``commands`` entry of
every phase goes through the command rules. **CloudFormation** (``AWSTemplateFormatVersion``
or resources typed ``AWS::...``): every ``Image`` of a resource's properties (SageMaker
containers, ECS task definitions, Lambda) is judged as a pinned image. **ML platforms**
(Azure ML jobs, environments and online deployments, Vertex AI custom jobs, compiled Kubeflow
pipelines, BentoML's ``bentofile.yaml``): every ``image``, ``imageUri`` or ``base_image`` is
judged as a pinned image. **DVC** (``dvc.yaml``: ``stages`` whose entries have a ``cmd``):
every stage command (a string or a list, in a ``foreach``'s ``do`` too) goes through the
command rules, as ``dvc repro`` runs each through a shell. **Kubeflow Pipelines components**
(``component.yaml``: ``implementation.container``): the container's ``command`` and ``args``
go through the command rules (a ``sh -c`` script line by line) and its ``image`` is judged
as a pinned image.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code.rules_secrets import GENERIC_SECRET
from secplan.scanners.code.secret_generic import literal_secret
from secplan.scanners.code.secret_values import mask
from secplan.scanners.platform_config.commands import COMMAND_RULES, check_command
from secplan.scanners.platform_config.common import (
    MAX_CONFIG_BYTES,
    as_list,
    as_map,
    at_line,
    hit_findings,
    image_finding,
    item_line,
    key_line,
    line_of,
    load_documents,
    mappings,
)
from secplan.scanners.platform_config.rules import (
    CONFIG_NOT_PARSED,
    HOST_NAMESPACE,
    PIPED_SCRIPT,
    PRIVILEGED,
    UNPINNED_BASE_IMAGE,
)
from secplan.scanners.platform_config.servers import Hit
from secplan.textfile import TooLarge, read_text

#: The command lists of a cluster-launcher file, run on the head node, the workers or both.
COMMAND_KEYS = (
    "initialization_commands",
    "setup_commands",
    "head_setup_commands",
    "worker_setup_commands",
    "head_start_ray_commands",
    "worker_start_ray_commands",
)
_IMAGE_KEYS = ("image", "head_image", "worker_image")
_RUN_OPTIONS = ("run_options", "head_run_options", "worker_run_options")
MAX_COMMANDS = 500


def is_cluster_config(doc: object) -> bool:
    """Whether a YAML document is a Ray cluster-launcher file."""
    top = as_map(doc)
    return "cluster_name" in top and "provider" in top and any(k in top for k in COMMAND_KEYS)


def cluster_commands(doc: object) -> Iterator[tuple[str, int | None]]:
    """``(command, line)`` of every entry of the command lists of a cluster-launcher file."""
    top = as_map(doc)
    count = 0
    for key in COMMAND_KEYS:
        items = top.get(key)
        for i, item in enumerate(as_list(items)):
            if isinstance(item, str) and count < MAX_COMMANDS:
                count += 1
                yield item, item_line(items, i, key_line(top, key))


def is_buildspec(doc: object) -> bool:
    """Whether a YAML document is an AWS CodeBuild build spec."""
    top = as_map(doc)
    return "version" in top and isinstance(top.get("phases"), dict)


def buildspec_commands(doc: object) -> Iterator[tuple[str, int | None]]:
    """``(command, line)`` of every ``commands``/``finally`` entry of a build spec's phases."""
    count = 0
    for phase in as_map(as_map(doc).get("phases")).values():
        phase = as_map(phase)
        for key in ("commands", "finally"):
            items = phase.get(key)
            for i, item in enumerate(as_list(items)):
                if isinstance(item, str) and count < MAX_COMMANDS:
                    count += 1
                    yield item, item_line(items, i, key_line(phase, key))


def runtime_envs(node: object) -> Iterator[dict[Any, Any]]:
    """Every Ray ``runtime_env`` mapping under ``node`` (a Serve configuration's
    applications, a job's settings), to :data:`MAX_WALK` levels."""
    for mapping in mappings(node, MAX_WALK):
        env = mapping.get("runtime_env")
        if isinstance(env, dict):
            yield env


#: A URL path that names a branch, not a fixed revision: a GitHub/GitLab branch archive
#: (``/archive/refs/heads/main.zip``, ``/-/archive/main/...``, ``/archive/master.zip``).
_MOVING_ARCHIVE = re.compile(
    r"/archive/refs/heads/|/-/archive/(?:main|master|develop|dev|trunk)/"
    r"|/archive/(?:main|master|develop|dev|trunk)\.(?:zip|tar\.gz)$|/zipball/(?:main|master)$",
    re.IGNORECASE,
)


def runtime_env_code_hits(env: dict[Any, Any]) -> Iterator[tuple[Hit, int | None]]:
    """``working_dir``/``py_modules`` of a Ray ``runtime_env`` fetched over HTTP(S) from a
    branch archive: every worker downloads and runs whatever the branch holds when the job
    starts, with no hash to check it against."""
    for key in ("working_dir", "py_modules"):
        value = env.get(key)
        items = [value] if isinstance(value, str) else as_list(value)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                continue
            url = item.strip()
            if url.lower().startswith(("http://", "https://")) and _MOVING_ARCHIVE.search(url):
                line = key_line(env, key) if isinstance(value, str) else item_line(value, i)
                yield (
                    Hit(
                        PIPED_SCRIPT,
                        f"Ray runtime_env {key} is a branch archive: the workers run whatever "
                        "the branch holds when the job starts, unverified",
                        f"{key}: {url[:120]}",
                    ),
                    line,
                )


def is_cloudformation(doc: object) -> bool:
    top = as_map(doc)
    if "AWSTemplateFormatVersion" in top:
        return True
    resources = as_map(top.get("Resources"))
    return any(str(as_map(r).get("Type", "")).startswith("AWS::") for r in resources.values())


MAX_WALK = 16


def _stack_images(node: object) -> Iterator[tuple[str, int | None]]:
    """``(image, line)`` of every ``Image`` key under a template's resources."""
    return _images(node, _STACK_IMAGE_KEYS)


_STACK_IMAGE_KEYS = frozenset({"Image", "ImageUri"})


def _images(node: object, keys: frozenset[str], depth: int = 0) -> Iterator[tuple[str, int | None]]:
    """``(image, line)`` of every string under one of ``keys``, at any depth."""
    if depth > MAX_WALK:
        return
    if isinstance(node, list):
        for item in node:
            yield from _images(item, keys, depth + 1)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                yield value, key_line(node, key)
            else:
                yield from _images(value, keys, depth + 1)


#: Keys that name the container image of an ML platform's job, deployment or step.
_PLATFORM_IMAGE_KEYS = frozenset(
    {"image", "imageUri", "image_uri", "base_image", "container_image", "docker_image"}
)


def is_ml_platform_config(doc: object, name: str = "") -> bool:
    """Whether a YAML document configures an ML platform's job or deployment: Azure ML
    (``$schema`` of azureml, or an online deployment's ``endpoint_name``), Vertex AI
    (``workerPoolSpecs``, ``containerSpec``), a compiled Kubeflow pipeline
    (``pipelineInfo`` with ``deploymentSpec``), a Ray Serve configuration (``applications``
    with ``http_options``; ``runtime_env.image_uri``), or a Bento's ``bentofile.yaml``."""
    top = as_map(doc)
    schema = str(top.get("$schema", "")).lower()
    return (
        "azureml" in schema
        or ("endpoint_name" in top and ("environment" in top or "model" in top))
        or ("pipelineInfo" in top and "deploymentSpec" in top)
        or bool({"workerPoolSpecs", "containerSpec", "trainingInput"} & set(top))
        or (isinstance(top.get("applications"), list) and "http_options" in top)
        or name.lower() in ("bentofile.yaml", "bentofile.yml")
    )


def platform_images(node: object) -> Iterator[tuple[str, int | None]]:
    """``(image, line)`` of every image an ML platform configuration names (``image``,
    ``imageUri``, ``base_image``...), at any depth."""
    return _images(node, _PLATFORM_IMAGE_KEYS)


def _words(text: str) -> list[str]:
    try:
        return shlex.split(text[:4096])
    except ValueError:  # an open quote: the words as written
        return text[:4096].split()


def _docker_findings(docker: dict[Any, Any], loc: Location) -> Iterator[Finding]:
    for key in _IMAGE_KEYS:
        f = image_finding(docker.get(key), at_line(loc, key_line(docker, key)), f"Ray {key}")
        if f is not None:
            yield f
    for key in _RUN_OPTIONS:
        options = docker.get(key)
        for i, option in enumerate(as_list(options)):
            tokens = _words(str(option))
            where = at_line(loc, item_line(options, i, key_line(docker, key)))
            if "--privileged" in tokens or "--privileged=true" in tokens:
                yield PRIVILEGED.at(
                    where, "the Ray nodes' container is privileged", evidence="--privileged"
                )
            for j, tok in enumerate(tokens):
                name, eq, value = tok.partition("=")
                if not eq and j + 1 < len(tokens):
                    value = tokens[j + 1]
                if name in ("--net", "--network", "--pid", "--ipc") and value == "host":
                    yield HOST_NAMESPACE.at(
                        where,
                        f"the Ray nodes' container shares the host's {name[2:]} namespace",
                        evidence=f"{name}={value}",
                    )


def _parameter_secrets(params: dict[Any, Any], loc: Location) -> Iterator[Finding]:
    """CD208 for a template parameter named for a credential (``MonitoringDbPassword``) with
    a literal ``Default``: the credential is in the template, and without ``NoEcho`` the
    console and the API show it to anyone who can describe the stack."""
    for name, spec in params.items():
        default = as_map(spec).get("Default")
        if not isinstance(name, str) or not isinstance(default, str):
            continue
        if not literal_secret(name, default):
            continue
        echo = str(as_map(spec).get("NoEcho", "")).strip().lower() not in ("true", "yes")
        shown = " and shown in clear (no NoEcho)" if echo else ""
        yield GENERIC_SECRET.at(
            at_line(loc, key_line(spec, "Default")),
            f"stack parameter {name} has a credential as its default: written into the "
            f"template{shown}",
            evidence=f"{name} Default: {mask(default)}",
        )


def is_dvc_pipeline(doc: object) -> bool:
    """Whether a YAML document is a DVC pipeline: ``stages`` holding at least one ``cmd``."""
    stages = as_map(as_map(doc).get("stages"))
    return any("cmd" in _stage_body(stage) for stage in stages.values())


def _stage_body(stage: object) -> dict[Any, Any]:
    """A DVC stage's own keys, or those of the ``do`` of a ``foreach`` stage."""
    stage = as_map(stage)
    return as_map(stage.get("do")) if "foreach" in stage or "matrix" in stage else stage


def dvc_commands(doc: object) -> Iterator[tuple[str, int | None]]:
    """``(command, line)`` of every stage command of a DVC pipeline."""
    count = 0
    for stage in as_map(as_map(doc).get("stages")).values():
        body = _stage_body(stage)
        cmd = body.get("cmd")
        commands: list[tuple[object, int | None]] = [(cmd, key_line(body, "cmd"))]
        if not isinstance(cmd, str):
            commands = [
                (c, item_line(cmd, i, key_line(body, "cmd"))) for i, c in enumerate(as_list(cmd))
            ]
        for command, line in commands:
            if isinstance(command, str) and count < MAX_COMMANDS:
                count += 1
                yield command, line


def is_kfp_component(doc: object) -> bool:
    """Whether a YAML document is a Kubeflow Pipelines component specification."""
    container = as_map(as_map(as_map(doc).get("implementation")).get("container"))
    return isinstance(container.get("image"), str) and bool(
        container.get("command") or container.get("args")
    )


def kfp_commands(doc: object, raw: list[str]) -> Iterator[tuple[str, int | None]]:
    """``(command, line)`` of a component's container: each line of a ``sh -c`` script at
    its own line of the file, else the whole command with its placeholders
    (``{inputValue: x}``) read as variables."""
    container = as_map(as_map(as_map(doc).get("implementation")).get("container"))
    items = [*as_list(container.get("command")), *as_list(container.get("args"))]
    words = [w if isinstance(w, str) else "$INPUT" for w in items]
    shell = len(words) > 2 and words[0].rsplit("/", 1)[-1] in ("sh", "bash") and words[1] == "-c"
    if not shell:
        if words:
            yield shlex.join(words), key_line(container, "command", line_of(container))
        return
    script_items = as_list(container.get("command")) or as_list(container.get("args"))
    start = item_line(script_items, 2, key_line(container, "command")) or 1
    for count, text in enumerate(words[2].splitlines()):
        if count >= MAX_COMMANDS:
            break
        probe = text.strip()[:60]
        if not probe or probe.startswith("#"):
            continue
        line = next(
            (n for n in range(start, min(len(raw), start + 2000) + 1) if probe in raw[n - 1]),
            start,
        )
        yield text, line


def _raw_lines(artifact: Artifact) -> list[str]:
    try:
        return read_text(artifact.path, MAX_CONFIG_BYTES).splitlines()
    except (TooLarge, OSError):
        return []


class LauncherScanner:
    """The commands and images of Ray cluster, CodeBuild and CloudFormation files."""

    name: ClassVar[str] = "launchers"
    rules: ClassVar[tuple[Rule, ...]] = (
        PRIVILEGED,
        HOST_NAMESPACE,
        UNPINNED_BASE_IMAGE,
        CONFIG_NOT_PARSED,
        GENERIC_SECRET,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.CONFIG and artifact.path.suffix.lower() in (
            ".yaml",
            ".yml",
        )

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        docs, problem = load_documents(artifact)
        if problem is not None:
            return  # not every YAML file is a cluster file; the others report their own
        rel = artifact.relpath
        loc = Location(path=rel, line=1)
        for doc in docs:
            for env in runtime_envs(doc):
                for hit, line in runtime_env_code_hits(env):
                    yield from hit_findings([hit], at_line(loc, line))
            if is_cluster_config(doc):
                for command, line in cluster_commands(doc):
                    yield from hit_findings(check_command(command), at_line(loc, line))
                yield from _docker_findings(as_map(as_map(doc).get("docker")), loc)
            elif is_buildspec(doc):
                for command, line in buildspec_commands(doc):
                    yield from hit_findings(check_command(command), at_line(loc, line))
            elif is_dvc_pipeline(doc):
                for command, line in dvc_commands(doc):
                    yield from hit_findings(check_command(command), at_line(loc, line))
            elif is_kfp_component(doc):
                raw = _raw_lines(artifact)
                for command, line in kfp_commands(doc, raw):
                    yield from hit_findings(check_command(command), at_line(loc, line))
                container = as_map(as_map(as_map(doc).get("implementation")).get("container"))
                where = at_line(loc, key_line(container, "image", line_of(container)))
                f = image_finding(container.get("image"), where, "pipeline component image")
                if f is not None:
                    yield f
            elif is_cloudformation(doc):
                params = as_map(as_map(doc).get("Parameters"))
                resources = as_map(doc).get("Resources")
                yield from _parameter_secrets(params, loc)
                for written, line in _stack_images(resources):
                    image: object = written
                    if written in params or written in as_map(resources):
                        # ``!Ref ScorerImage``: the image is a parameter (judged by its
                        # default) or another resource, not a repository named ScorerImage
                        image = as_map(params.get(written)).get("Default")
                    f = image_finding(image, at_line(loc, line), "stack resource image")
                    if f is not None:
                        yield f
            elif is_ml_platform_config(doc, artifact.name):
                for image, line in platform_images(doc):
                    if image.startswith(("azureml:", "azureml://")):
                        continue  # a registered environment or asset, versioned by Azure ML
                    f = image_finding(image, at_line(loc, line), "ML platform job image")
                    if f is not None:
                        yield f
