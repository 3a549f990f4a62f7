"""Compose files: privileges, host namespaces and mounts, GPU devices, limits, secrets and the
ML servers each service starts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.platform_config.common import (
    DANGEROUS_CAPS,
    as_list,
    as_map,
    command_findings,
    host_path_finding,
    line_of,
    load_documents,
)
from secplan.scanners.platform_config.rules import (
    ADDED_CAPABILITIES,
    CONFIG_NOT_PARSED,
    GPU_DEVICE_MOUNT,
    HOST_NAMESPACE,
    HOST_PATH,
    LITERAL_SECRET,
    MANAGEMENT_API_EXPOSED,
    PRIVILEGED,
    REMOTE_CODE_TRUSTED,
    RESOURCE_LIMITS,
    ROOT_NOTEBOOK,
    UNAUTHENTICATED_SERVER,
    WORKLOAD_ROOT,
)
from secplan.scanners.platform_config.secrets import is_literal_secret, redact

_ROOT = {"root", "0", "0:0", "root:root"}
_SENSITIVE_PREFIXES = (
    "/etc",
    "/proc",
    "/sys",
    "/root",
    "/boot",
    "/var/lib/docker",
    "/var/run",
    "/run",
    "/dev",
    "/home",
)


def _environment(svc: dict[Any, Any]) -> dict[str, object]:
    env = svc.get("environment")
    if isinstance(env, dict):
        return {str(k): v for k, v in env.items()}
    out: dict[str, object] = {}
    for item in as_list(env):
        key, sep, value = str(item).partition("=")
        out[key] = value if sep else None
    return out


def _mount_sources(svc: dict[Any, Any]) -> Iterator[str]:
    for vol in as_list(svc.get("volumes")):
        if isinstance(vol, str):
            yield vol.split(":", 1)[0]
        elif (
            isinstance(vol, dict)
            and vol.get("type") == "bind"
            and isinstance(vol.get("source"), str)
        ):
            yield vol["source"]


def _sensitive(path: str) -> bool:
    if path == "/" or path.endswith(".sock") or path.startswith("/dev/"):
        return True
    return any(path == p or path.startswith(p + "/") for p in _SENSITIVE_PREFIXES)


def _memory_limited(svc: dict[Any, Any]) -> bool:
    limits = as_map(as_map(as_map(svc.get("deploy")).get("resources")).get("limits"))
    return "mem_limit" in svc or "memory" in limits


def service_findings(name: str, svc: dict[Any, Any], rel: str) -> Iterator[Finding]:
    loc = Location(path=rel, line=line_of(svc))
    what = f"service {name}"
    if svc.get("privileged") is True:
        yield PRIVILEGED.at(loc, f"{what} is privileged", evidence="privileged: true")
    for key in ("network_mode", "pid", "ipc"):
        if svc.get(key) == "host":
            yield HOST_NAMESPACE.at(
                loc,
                f"{what} shares the host's {key.replace('_mode', '')} namespace",
                evidence=f"{key}: host",
            )
    if str(svc.get("user", "")).strip() in _ROOT:
        yield WORKLOAD_ROOT.at(loc, f"{what} runs as root", evidence=f"user: {svc['user']}")
    bad = sorted(
        {str(c).upper().removeprefix("CAP_") for c in as_list(svc.get("cap_add"))} & DANGEROUS_CAPS
    )
    if bad:
        yield ADDED_CAPABILITIES.at(
            loc, f"{what} adds {', '.join(bad)}", evidence=f"cap_add: {bad}"
        )
    for source in _mount_sources(svc):
        if source.startswith("/") and _sensitive(source):
            f = host_path_finding(source, loc, f"bind mount of {what}")
            if f is not None:
                yield f
    for dev in as_list(svc.get("devices")):
        f = host_path_finding(str(dev).split(":", 1)[0], loc, f"devices of {what}")
        if f is not None and f.rule == GPU_DEVICE_MOUNT.id:
            yield f
    if not _memory_limited(svc):
        yield RESOURCE_LIMITS.at(
            loc,
            f"{what} has no memory limit",
            evidence="no mem_limit / deploy.resources.limits.memory",
        )
    env = _environment(svc)
    for key, value in env.items():
        if is_literal_secret(key, value):
            yield LITERAL_SECRET.at(
                loc, f"{what} sets {key} to a literal value", evidence=f"{key}={redact(value)}"
            )
    for field in ("entrypoint", "command"):
        value = svc.get(field)
        if isinstance(value, str) or (isinstance(value, list) and value):
            cmd = value if isinstance(value, str) else [str(x) for x in value]
            yield from command_findings(cmd, set(env), loc)


class ComposeScanner:
    """Every service of a compose file."""

    name: ClassVar[str] = "compose"
    rules: ClassVar[tuple[Rule, ...]] = (
        PRIVILEGED,
        HOST_NAMESPACE,
        WORKLOAD_ROOT,
        ADDED_CAPABILITIES,
        HOST_PATH,
        GPU_DEVICE_MOUNT,
        RESOURCE_LIMITS,
        LITERAL_SECRET,
        CONFIG_NOT_PARSED,
        UNAUTHENTICATED_SERVER,
        ROOT_NOTEBOOK,
        MANAGEMENT_API_EXPOSED,
        REMOTE_CODE_TRUSTED,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.DEPLOYMENT and artifact.format == "compose"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        docs, problem = load_documents(artifact)
        if problem is not None:
            yield problem
            return
        for doc in docs:
            for name, svc in as_map(as_map(doc).get("services")).items():
                if isinstance(svc, dict):
                    yield from service_findings(str(name), svc, artifact.relpath)
