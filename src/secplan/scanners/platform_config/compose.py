"""Compose files: privileges, host namespaces and mounts, GPU devices, limits, secrets and the
ML servers each service starts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.platform_config.commands import COMMAND_RULES
from secplan.scanners.platform_config.common import (
    DANGEROUS_CAPS,
    as_list,
    as_map,
    at_line,
    command_findings,
    env_findings,
    host_path_finding,
    item_line,
    key_line,
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
    PRIVILEGED,
    RESOURCE_LIMITS,
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


def _environment(svc: dict[Any, Any]) -> list[tuple[str, object, int | None]]:
    """``(name, value, line)`` of each environment entry (value ``None`` when only named)."""
    env = svc.get("environment")
    if isinstance(env, dict):
        return [(str(k), v, key_line(env, k)) for k, v in env.items()]
    out: list[tuple[str, object, int | None]] = []
    for i, item in enumerate(as_list(env)):
        key, sep, value = str(item).partition("=")
        out.append((key, value if sep else None, item_line(env, i)))
    return out


def _mounts(svc: dict[Any, Any]) -> Iterator[tuple[str, int | None]]:
    volumes = svc.get("volumes")
    for i, vol in enumerate(as_list(volumes)):
        line = item_line(volumes, i)
        if isinstance(vol, str):
            yield vol.split(":", 1)[0], line
        elif (
            isinstance(vol, dict)
            and vol.get("type") == "bind"
            and isinstance(vol.get("source"), str)
        ):
            yield vol["source"], key_line(vol, "source", line)


def _sensitive(path: str) -> bool:
    if path == "/" or path.endswith(".sock") or path.startswith("/dev/"):
        return True
    return any(path == p or path.startswith(p + "/") for p in _SENSITIVE_PREFIXES)


def _memory_limited(svc: dict[Any, Any]) -> bool:
    limits = as_map(as_map(as_map(svc.get("deploy")).get("resources")).get("limits"))
    return "mem_limit" in svc or "memory" in limits


def _privileges(svc: dict[Any, Any], loc: Location, what: str) -> Iterator[Finding]:
    if svc.get("privileged") is True:
        yield PRIVILEGED.at(
            at_line(loc, key_line(svc, "privileged")),
            f"{what} is privileged",
            evidence="privileged: true",
        )
    for key in ("network_mode", "pid", "ipc"):
        if svc.get(key) == "host":
            yield HOST_NAMESPACE.at(
                at_line(loc, key_line(svc, key)),
                f"{what} shares the host's {key.replace('_mode', '')} namespace",
                evidence=f"{key}: host",
            )
    if str(svc.get("user", "")).strip() in _ROOT:
        yield WORKLOAD_ROOT.at(
            at_line(loc, key_line(svc, "user")),
            f"{what} runs as root",
            evidence=f"user: {svc['user']}",
        )
    caps = svc.get("cap_add")
    added = [str(c).upper().removeprefix("CAP_") for c in as_list(caps)]
    bad = sorted(set(added) & DANGEROUS_CAPS)
    if bad:
        first = next(i for i, c in enumerate(added) if c in DANGEROUS_CAPS)
        yield ADDED_CAPABILITIES.at(
            at_line(loc, item_line(caps, first, key_line(svc, "cap_add"))),
            f"{what} adds {', '.join(bad)}",
            evidence=f"cap_add: {bad}",
        )


def _host_access(svc: dict[Any, Any], loc: Location, what: str) -> Iterator[Finding]:
    for source, line in _mounts(svc):
        if source.startswith("/") and _sensitive(source):
            f = host_path_finding(source, at_line(loc, line), f"bind mount of {what}")
            if f is not None:
                yield f
    devices = svc.get("devices")
    for i, dev in enumerate(as_list(devices)):
        where = at_line(loc, item_line(devices, i))
        f = host_path_finding(str(dev).split(":", 1)[0], where, f"devices of {what}")
        if f is not None and f.rule == GPU_DEVICE_MOUNT.id:
            yield f


def service_findings(
    name: str, svc: dict[Any, Any], rel: str, line: int | None = None
) -> Iterator[Finding]:
    """Every finding of one service; each at the line of the key that causes it."""
    loc = Location(path=rel, line=line or line_of(svc))
    what = f"service {name}"
    yield from _privileges(svc, loc, what)
    yield from _host_access(svc, loc, what)
    if not _memory_limited(svc):
        yield RESOURCE_LIMITS.at(
            loc,
            f"{what} has no memory limit",
            evidence="no mem_limit / deploy.resources.limits.memory",
        )
    env = _environment(svc)
    for key, value, env_line in env:
        where = at_line(loc, env_line)
        if is_literal_secret(key, value):
            yield LITERAL_SECRET.at(
                where, f"{what} sets {key} to a literal value", evidence=f"{key}={redact(value)}"
            )
        yield from env_findings(key, value, where)
    for field in ("entrypoint", "command"):
        value = svc.get(field)
        if isinstance(value, str) or (isinstance(value, list) and value):
            cmd = value if isinstance(value, str) else [str(x) for x in value]
            where = at_line(loc, key_line(svc, field))
            yield from command_findings(cmd, {k for k, _, _ in env}, where)


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
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.DEPLOYMENT and artifact.format == "compose"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        docs, problem = load_documents(artifact)
        if problem is not None:
            yield problem
            return
        for doc in docs:
            services = as_map(as_map(doc).get("services"))
            for name, svc in services.items():
                if isinstance(svc, dict):
                    line = key_line(services, name)
                    yield from service_findings(str(name), svc, artifact.relpath, line)
