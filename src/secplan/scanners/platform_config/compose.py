"""Compose files: privileges, host namespaces and mounts, GPU devices, limits, secrets and the
ML servers each service starts."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Confidence, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.platform_config.commands import COMMAND_RULES
from secplan.scanners.platform_config.common import (
    DANGEROUS_CAPS,
    MAX_CONFIG_BYTES,
    as_list,
    as_map,
    at_line,
    command_findings,
    env_findings,
    host_path_finding,
    image_finding,
    item_line,
    key_line,
    line_of,
    load_documents,
    model_env_findings,
)
from secplan.scanners.platform_config.containerrun import own_config, sensitive_mount
from secplan.scanners.platform_config.rules import (
    ADDED_CAPABILITIES,
    ALL_INTERFACES,
    CONFIG_NOT_PARSED,
    GPU_DEVICE_MOUNT,
    HOST_NAMESPACE,
    HOST_PATH,
    LITERAL_SECRET,
    MANAGEMENT_API_EXPOSED,
    PRIVILEGED,
    RESOURCE_LIMITS,
    SECURITY_PROFILE_OFF,
    UNAUTHENTICATED_SERVER,
    UNPINNED_BASE_IMAGE,
    WORKLOAD_ROOT,
)
from secplan.scanners.platform_config.secrets import is_literal_secret, redact
from secplan.scanners.platform_config.uiservers import open_uis
from secplan.textfile import TooLarge, read_text

_ROOT = {"root", "0", "0:0", "root:root"}


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


def _mounts(svc: dict[Any, Any]) -> Iterator[tuple[str, int | None, bool]]:
    """``(host path, line, read-only)`` of each bind mount of a service."""
    volumes = svc.get("volumes")
    for i, vol in enumerate(as_list(volumes)):
        line = item_line(volumes, i)
        if isinstance(vol, str):
            parts = vol.split(":")
            read_only = len(parts) > 2 and "ro" in parts[-1].split(",")
            yield parts[0], line, read_only
        elif (
            isinstance(vol, dict)
            and vol.get("type") == "bind"
            and isinstance(vol.get("source"), str)
        ):
            yield vol["source"], key_line(vol, "source", line), vol.get("read_only") is True


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
    opts = svc.get("security_opt")
    for i, opt in enumerate(as_list(opts)):
        kind, _, profile = str(opt).replace("=", ":", 1).partition(":")
        if kind.strip() in ("seccomp", "apparmor") and profile.strip() == "unconfined":
            yield SECURITY_PROFILE_OFF.at(
                at_line(loc, item_line(opts, i, key_line(svc, "security_opt"))),
                f"{what} runs without {kind.strip()} confinement",
                evidence=f"security_opt: {opt}",
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
    for source, line, read_only in _mounts(svc):
        if read_only and own_config(source):
            continue
        if source.startswith("/") and sensitive_mount(source):
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
    name: str, svc: dict[Any, Any], rel: str, line: int | None = None, text: str = ""
) -> Iterator[Finding]:
    """Every finding of one service; each at the line of the key that causes it. ``text``
    is the file's text, to place a finding on the line of a multi-line command it is about."""
    loc = Location(path=rel, line=line or line_of(svc))
    what = f"service {name}"
    yield from _privileges(svc, loc, what)
    yield from _host_access(svc, loc, what)
    if "build" not in svc:
        image = image_finding(svc.get("image"), at_line(loc, key_line(svc, "image")), what)
        if image is not None:
            yield image
    if not _memory_limited(svc):
        yield RESOURCE_LIMITS.at(
            loc,
            f"{what} has no memory limit",
            evidence="no mem_limit / deploy.resources.limits.memory",
        )
    yield from _open_ui_findings(svc, name, what, loc)
    env = _environment(svc)
    for key, value, env_line in env:
        where = at_line(loc, env_line)
        if is_literal_secret(key, value):
            yield LITERAL_SECRET.at(
                where, f"{what} sets {key} to a literal value", evidence=f"{key}={redact(value)}"
            )
        for f in env_findings(key, value, where):
            if f.rule not in _EXPOSURE_RULES or _reachable(svc):
                yield f
    if not _names_model(svc.get("command")):  # options take precedence over the environment
        yield from model_env_findings(env, loc)
    for field in ("entrypoint", "command"):
        value = svc.get(field)
        if isinstance(value, str) or (isinstance(value, list) and value):
            cmd = value if isinstance(value, str) else [str(x) for x in value]
            where = at_line(loc, key_line(svc, field))
            lines = [item_line(value, i) for i in range(len(cmd))] if isinstance(cmd, list) else []
            image = svc.get("image") if field == "command" else None
            for f in command_findings(cmd, _set_names(env), where, image=image, lines=lines):
                placed = _exposure(f, svc, text, where.line)
                if placed is not None:
                    yield placed


_EXPOSURE_RULES = frozenset(
    {UNAUTHENTICATED_SERVER.id, ALL_INTERFACES.id, MANAGEMENT_API_EXPOSED.id}
)
_LOOPBACK = ("127.", "localhost:", "[::1]:")
MAX_COMMAND_LINES = 60


def _container_port(port: object) -> tuple[int | None, bool]:
    """The container port of a ``ports`` entry, and whether the host side is loopback."""
    if isinstance(port, dict):
        host = str(port.get("host_ip", ""))
        target = str(port.get("target", ""))
        local = host.startswith("127.") or host in ("::1", "localhost")
    else:
        text = str(port).strip().strip("'\"")
        local = text.startswith(_LOOPBACK)
        target = text.rsplit(":", 1)[-1]
    target = target.split("/", 1)[0]
    return (int(target) if target.isdigit() else None), local


def _command_words(value: object) -> str:
    return " ".join(str(w) for w in value) if isinstance(value, list) else str(value)


def _open_ui_findings(
    svc: dict[Any, Any], name: str, what: str, loc: Location
) -> Iterator[Finding]:
    """UIs without authentication (Kafka UI, a Gradio app, Flower...) published on every
    interface: the app is known by the service's image, or by the words of its command and
    name."""
    words = [svc.get("command"), svc.get("entrypoint"), name]
    command = " ".join(_command_words(x) for x in words if x is not None)
    ports = svc.get("ports")
    for ui in open_uis(svc.get("image"), command, _set_names(_environment(svc))):
        for i, port in enumerate(as_list(ports)):
            target, local = _container_port(port)
            if target == ui.port and not local:
                yield UNAUTHENTICATED_SERVER.at(
                    at_line(loc, item_line(ports, i, key_line(svc, "ports"))),
                    f"{what} publishes {ui.title} (no authentication of its own) on every "
                    "interface",
                    evidence=f"ports: {port}"[:200],
                    confidence=Confidence.MEDIUM,
                )
                break


def _published(svc: dict[Any, Any]) -> list[tuple[bool, int | None]]:
    """``(on loopback only, line)`` of each port the service publishes on the host."""
    ports = svc.get("ports")
    out: list[tuple[bool, int | None]] = []
    for i, port in enumerate(as_list(ports)):
        if isinstance(port, dict):
            host = str(port.get("host_ip", ""))
            local = host.startswith("127.") or host in ("::1", "localhost")
        else:
            local = str(port).strip().startswith(_LOOPBACK)
        out.append((local, item_line(ports, i, key_line(svc, "ports"))))
    return out


def _reachable(svc: dict[Any, Any]) -> bool:
    """Whether a server in the service can be reached from beyond the host: a port published
    on other than loopback, the host's network, or nothing published that says otherwise."""
    published = _published(svc)
    host_network = svc.get("network_mode") == "host"
    return host_network or not published or not all(local for local, _ in published)


def _exposure(f: Finding, svc: dict[Any, Any], text: str, at: int | None) -> Finding | None:
    """A server's exposure, judged by what the service publishes: a server inside a
    container must listen on all of its interfaces, so what counts is the host side. Ports
    published on loopback only (and no host network) expose nothing; otherwise the finding
    goes to the line of the option it is about, or the first published port."""
    if f.rule not in _EXPOSURE_RULES:
        return f
    if not _reachable(svc):
        return None
    port = _listen_port(f.evidence, _command_words(svc.get("command", "")))
    if port is not None and not _port_published(svc, port):
        return None  # that server's port is published on loopback only, or not at all
    published = _published(svc)
    line = _option_line(text, at, f.evidence)
    if line is None:
        line = next((ln for local, ln in published if not local), None)
    if line is None:
        return f
    return dataclasses.replace(f, location=at_line(f.location, line))


#: Options that bind a server of its own to an address, the option that sets its port, and
#: the port it listens on by default (``ray start --dashboard-host``).
_OWN_PORTS = {"--dashboard-host": ("--dashboard-port", 8265)}


def _listen_port(evidence: str, command: str) -> int | None:
    """The port of the server an exposure finding is about, where the command says it:
    ``--dashboard-host`` with ``--dashboard-port`` (or its default), ``--host`` with
    ``--port``. ``None`` when unknown."""
    flag = evidence.split()[0].split("=", 1)[0] if evidence.startswith("-") else ""
    option, default = _OWN_PORTS.get(flag, ("--port" if flag in ("--host", "--ip") else "", 0))
    if not option:
        return None
    m = re.search(rf"(?:^|\s){re.escape(option)}[=\s]+['\"]?(\d{{2,5}})\b", command)
    if m:
        return int(m.group(1))
    return default or None


def _port_published(svc: dict[Any, Any], port: int) -> bool:
    """Whether container port ``port`` is published beyond loopback (or the service uses the
    host's network)."""
    if svc.get("network_mode") == "host":
        return True
    targets = [_container_port(p) for p in as_list(svc.get("ports"))]
    return any(t == port and not local for t, local in targets) or all(
        t is None for t, _ in targets
    )


def _option_line(text: str, at: int | None, evidence: str) -> int | None:
    """The line, from ``at`` on, of a multi-line command that holds the option named in
    ``evidence`` (``--host 0.0.0.0`` is on its own line of a folded ``command: >``)."""
    if not text or at is None or not evidence.startswith("-"):
        return None
    flag = evidence.split()[0].split("=", 1)[0]
    lines = text.splitlines()
    if at > len(lines):
        return None
    indent = len(lines[at - 1]) - len(lines[at - 1].lstrip())
    for n in range(at, min(len(lines), at + MAX_COMMAND_LINES) + 1):
        line = lines[n - 1]
        if n > at and line.strip() and len(line) - len(line.lstrip()) <= indent:
            break  # the next key: the command ended
        if flag in line.replace("=", " ").replace("'", " ").replace('"', " ").split():
            return n
    return None


def _names_model(command: object) -> bool:
    """Whether a command names the model or its revision by option (``--model-id``)."""
    words = command.split() if isinstance(command, str) else [str(w) for w in as_list(command)]
    return any(w.startswith(("--model", "--revision")) for w in words)


def _set_names(env: list[tuple[str, object, int | None]]) -> set[str]:
    """Variables given a value (an empty one, ``JUPYTER_TOKEN=""``, sets nothing)."""
    return {k for k, v, _ in env if v is None or str(v).strip().strip("'\"")}


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
        UNPINNED_BASE_IMAGE,
        SECURITY_PROFILE_OFF,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.DEPLOYMENT and artifact.format == "compose"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        docs, problem = load_documents(artifact)
        if problem is not None:
            yield problem
            return
        try:
            text = read_text(artifact.path, MAX_CONFIG_BYTES)
        except (TooLarge, OSError):
            text = ""
        for doc in docs:
            services = as_map(as_map(doc).get("services"))
            for name, svc in services.items():
                if isinstance(svc, dict):
                    line = key_line(services, name)
                    yield from service_findings(str(name), svc, artifact.relpath, line, text)
