"""Ray cluster-launcher configuration (``ray up cluster.yaml``): the commands every node
runs, and the container the nodes run them in.

A YAML file with ``cluster_name`` and ``provider`` at its top is a cluster-launcher file.
Each entry of its command lists (``setup_commands``, ``head_start_ray_commands``...) goes
through the command rules (a dashboard bound to ``0.0.0.0``, a script piped into a shell);
``docker.image`` is judged as a pinned image, and ``docker.run_options`` for a privileged
container or the host's namespaces. Packages the setup commands install are the dependency
scanner's.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.platform_config.commands import COMMAND_RULES, check_command
from secplan.scanners.platform_config.common import (
    as_list,
    as_map,
    at_line,
    hit_findings,
    image_finding,
    item_line,
    key_line,
    load_documents,
)
from secplan.scanners.platform_config.rules import (
    CONFIG_NOT_PARSED,
    HOST_NAMESPACE,
    PRIVILEGED,
    UNPINNED_BASE_IMAGE,
)

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


class RayClusterScanner:
    """The commands and container of a Ray cluster-launcher file."""

    name: ClassVar[str] = "ray-cluster"
    rules: ClassVar[tuple[Rule, ...]] = (
        PRIVILEGED,
        HOST_NAMESPACE,
        UNPINNED_BASE_IMAGE,
        CONFIG_NOT_PARSED,
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
        for doc in docs:
            if not is_cluster_config(doc):
                continue
            loc = Location(path=rel, line=1)
            for command, line in cluster_commands(doc):
                yield from hit_findings(check_command(command), at_line(loc, line))
            yield from _docker_findings(as_map(as_map(doc).get("docker")), loc)
