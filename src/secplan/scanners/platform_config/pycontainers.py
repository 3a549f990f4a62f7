"""Containers started from Python with host-level access: Airflow's ``DockerOperator``,
the Docker SDK's ``client.containers.run(...)``, with ``privileged=True`` or the host's
network, PID or IPC namespace (``network_mode="host"``). The module is parsed, never
imported, and only when its text mentions one of those keywords."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code._hit import CallSite, Hit, hit
from secplan.scanners.code.pyindex import ModuleIndex
from secplan.scanners.platform_config.rules import HOST_NAMESPACE, PRIVILEGED
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


def check_container_call(idx: ModuleIndex, site: CallSite) -> Iterator[Hit]:
    """CF105 for ``privileged=True`` and CF106 for a host namespace, at the keyword."""
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


def container_hits(text: str) -> list[Hit]:
    """The hits of :func:`check_container_call` over one module's text (``[]`` when it
    does not parse or mentions none of the keywords)."""
    if "privileged" not in text and "_mode" not in text:
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
    return hits


class PythonContainerScanner:
    """Containers that Python code starts privileged or in a host namespace."""

    name: ClassVar[str] = "python-containers"
    rules: ClassVar[tuple[Rule, ...]] = (PRIVILEGED, HOST_NAMESPACE)

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
