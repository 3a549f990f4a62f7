"""Containers started from Python with host-level access: Airflow's ``DockerOperator``,
the Docker SDK's ``client.containers.run(...)``, with ``privileged=True`` or the host's
network, PID or IPC namespace (``network_mode="host"``); and images named in code without a
fixed tag (``image="registry.example.com/train:latest"`` given to Metaflow's
``@kubernetes``, Vertex AI's ``container_uri``, a pipeline step). The module is parsed,
never imported, and only when its text mentions one of those keywords."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code.pyindex import ModuleIndex
from secplan.scanners.platform_config.rules import (
    HOST_NAMESPACE,
    PRIVILEGED,
    UNPINNED_BASE_IMAGE,
)
from secplan.textfile import TooLarge, read_text

#: Classes and functions that start a container with the Docker API's keywords.
_CONTAINER_CALLS = frozenset(
    {
        "airflow.providers.docker.operators.docker.DockerOperator",
        "airflow.providers.docker.operators.docker_swarm.DockerSwarmOperator",
        "airflow.operators.docker_operator.DockerOperator",
        "docker.models.containers.ContainerCollection.run",
        "docker.models.containers.ContainerCollection.create",
    }
)
#: Keywords that share one of the host's namespaces when set to ``"host"``.
_NAMESPACE_KEYWORDS = ("network_mode", "pid_mode", "ipc_mode", "userns_mode", "uts_mode")


def _starts_container(site: CallSite) -> bool:
    if site.qualname in _CONTAINER_CALLS:
        return True
    func = site.call.func
    # ``client.containers.run(...)`` / ``docker.from_env().containers.create(...)``
    return (
        isinstance(func, ast.Attribute)
        and func.attr in ("run", "create")
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "containers"
    )


#: Keywords of a call that starts a Kubernetes pod (Airflow's ``KubernetesPodOperator``) or
#: builds its spec (the Kubernetes client's ``V1PodSpec``) that share a host namespace.
_POD_NAMESPACE_KEYWORDS = ("host_network", "hostnetwork", "host_pid", "host_ipc")
_SECURITY_CONTEXT_KEYWORDS = ("container_security_context", "security_context")


def _starts_pod(site: CallSite) -> bool:
    name = (site.qualname or "").rsplit(".", 1)[-1]
    return name in ("KubernetesPodOperator", "V1PodSpec") and (site.qualname or "").startswith(
        ("airflow.", "kubernetes.")
    )


def check_pod_call(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """A pod started from Python (Airflow's ``KubernetesPodOperator``, a ``V1PodSpec``) with
    a host namespace (``host_network=True``), or whose security context (a dictionary or a
    ``V1SecurityContext``) is privileged."""
    name = (site.qualname or "").rsplit(".", 1)[-1]
    if name == "V1SecurityContext" and (site.qualname or "").startswith("kubernetes."):
        node = idx.arg(site.call, "privileged")
        if node is not None and idx.const(node) is True:
            yield _privileged_hit(site, node, "the security context")
        return
    if not _starts_pod(site):
        return
    for keyword in _POD_NAMESPACE_KEYWORDS:
        node = idx.arg(site.call, keyword)
        if node is not None and idx.const(node) is True:
            yield hit(
                HOST_NAMESPACE,
                node,
                site.cell,
                f"{site.shown} runs its pod in the host's "
                f"{keyword.removeprefix('host').strip('_')} namespace",
                f"{site.shown}(..., {keyword}=True)",
            )
    for keyword in _SECURITY_CONTEXT_KEYWORDS:
        node = idx.arg(site.call, keyword)
        items = idx.dict_items(node) if node is not None else None
        flag = items[0].get("privileged") if items is not None else None
        if flag is not None and idx.const(flag) is True:
            yield _privileged_hit(site, flag, keyword)


def _privileged_hit(site: CallSite, node: ast.expr, where: str) -> Hit:
    return hit(
        PRIVILEGED,
        node,
        site.cell,
        f"{site.shown} makes a privileged container ({where}): every capability and host "
        "device, root on the node if anything in it is compromised",
        f"{site.shown}(..., {where}: privileged=True)",
    )


def check_container_call(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """CF105 for ``privileged=True`` and CF106 for a host namespace, at the keyword."""
    yield from check_pod_call(idx, site)
    if not _starts_container(site):
        return
    privileged = idx.arg(site.call, "privileged")
    if privileged is not None and idx.const(privileged) is True:
        yield hit(
            PRIVILEGED,
            privileged,
            site.cell,
            f"{site.shown} starts a privileged container: every capability and host device, "
            "root on the host if anything in it is compromised",
            f"{site.shown}(..., privileged=True)",
        )
    for keyword in _NAMESPACE_KEYWORDS:
        node = idx.arg(site.call, keyword)
        if node is not None and idx.const(node) == "host":
            yield hit(
                HOST_NAMESPACE,
                node,
                site.cell,
                f"{site.shown} shares the host's {keyword.split('_')[0]} namespace with the "
                "container",
                f'{site.shown}(..., {keyword}="host")',
            )


#: An image reference with a registry host (``host.tld/...``, ``host:5000/...``).
_REGISTRY_IMAGE = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?/[a-z0-9._/-]+(?::[\w.-]+)?$")


#: A Docker Hub image with no tag (``pytorch/pytorch``, ``python``).
_HUB_IMAGE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,100}(?:/[a-z0-9][a-z0-9_-]{0,100})?$")


def _image_keyword(name: str) -> bool:
    """``image``, ``container_uri``, ``serving_container_image_uri``, ``base_image``..."""
    return name in ("image", "base_image") or name.endswith(("image_uri", "container_uri"))


def check_image_keywords(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """CF101 for an image given to a call by keyword with the ``latest`` tag, or with none
    while naming its registry, and no digest."""
    for kw in site.call.keywords:
        if kw.arg is None or not _image_keyword(kw.arg):
            continue
        value = idx.str_const(kw.value)
        if value is None or "@" in value:
            continue
        ref = value.strip()
        latest = ref.endswith(":latest") and " " not in ref
        untagged = bool(_REGISTRY_IMAGE.match(ref)) and ":" not in ref.rsplit("/", 1)[-1]
        # a keyword that holds nothing but an image: a Docker Hub name with no tag too
        untagged = untagged or (kw.arg != "image" and bool(_HUB_IMAGE.match(ref)))
        if latest or untagged:
            shown = "the latest tag" if latest else "no tag"
            yield hit(
                UNPINNED_BASE_IMAGE,
                kw.value,
                site.cell,
                f"{site.shown} runs image {ref} with {shown} and no digest: each run may get a "
                "different image",
                f"{kw.arg}={ref!r}",
            )


def container_hits(text: str) -> list[Hit]:
    """The hits of :func:`check_container_call` over one module's text (``[]`` when it
    does not parse or mentions none of the keywords)."""
    if not any(
        w in text for w in ("privileged", "_mode", "image", "container_uri", "host_", "hostnetwork")
    ):
        return []
    from secplan.scanners.code.python import new_index, parse  # the code package imports rules

    tree = parse(text)
    if isinstance(tree, str):
        return []  # the Python scanner reports files it cannot parse
    idx = new_index()
    idx.add(tree)
    hits: list[Hit] = []
    for call, cell in idx.calls:
        if not call.keywords:
            continue
        qn = idx.qualname(call.func)
        site = CallSite(call=call, cell=cell, qualname=qn, shown=qn or "container call")
        hits.extend(check_container_call(idx, site))
        hits.extend(check_image_keywords(idx, site))
    return hits


class PythonContainerScanner:
    """Containers that Python code starts privileged or in a host namespace, and images it
    names without a fixed tag."""

    name: ClassVar[str] = "python-containers"
    rules: ClassVar[tuple[Rule, ...]] = (PRIVILEGED, HOST_NAMESPACE, UNPINNED_BASE_IMAGE)

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.CODE and artifact.format == "python"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        from secplan.scanners.code.python import MAX_PYTHON_BYTES
        from secplan.scanners.code.scanners import hit_finding

        try:
            text = read_text(artifact.path, MAX_PYTHON_BYTES)
        except (TooLarge, OSError, UnicodeDecodeError):
            return  # the Python scanner reports files it cannot read
        for h in container_hits(text):
            yield hit_finding(h, artifact.relpath)


__all__ = ["PythonContainerScanner", "check_container_call", "container_hits"]
