"""Container hardening of ``docker run`` / ``podman run`` command lines.

The options of ``docker run``, ``docker create``, ``docker container run``, ``podman run``
and ``nerdctl run`` that the same settings in a compose file or a pod would be reported for:
``--privileged`` (CF105), the host's network, PID, IPC or UTS namespace (CF106), a dangerous
``--cap-add`` (CF109), a bind mount of a host system path or the runtime socket (CF110),
``/dev/nvidia*`` passed with ``--device`` (CF111), seccomp or AppArmor turned off (CF126)
and ``--user root`` (CF107); an image with no tag or the ``latest`` tag and no digest
(CF101); a known unauthenticated UI image (Kafka UI, Qdrant, Ollama...)
published beyond loopback (CF117). Only options before the image are read: what follows it is
the container's own command.

>>> [h.evidence for h in container_run_hits(
...     ["docker", "run", "-d", "--net=host", "-v", "/:/host:ro", "img:1.0", "--privileged"])]
['--net=host', '-v /:/host:ro']
>>> container_run_hits(["docker", "run", "--rm", "-v", "./data:/data", "-p", "8080:80", "img:1.0"])
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from secplan.model import Severity
from secplan.scanners.platform_config.rules import (
    ADDED_CAPABILITIES,
    GPU_DEVICE_MOUNT,
    HOST_NAMESPACE,
    HOST_PATH,
    PRIVILEGED,
    SECURITY_PROFILE_OFF,
    UNAUTHENTICATED_SERVER,
    UNPINNED_BASE_IMAGE,
    WORKLOAD_ROOT,
)
from secplan.scanners.platform_config.servers import Hit
from secplan.scanners.platform_config.uiservers import open_ui

#: Every rule a container command line can report.
CONTAINER_RUN_RULES = (
    UNAUTHENTICATED_SERVER,
    PRIVILEGED,
    HOST_NAMESPACE,
    ADDED_CAPABILITIES,
    HOST_PATH,
    GPU_DEVICE_MOUNT,
    SECURITY_PROFILE_OFF,
    WORKLOAD_ROOT,
    UNPINNED_BASE_IMAGE,
)
DANGEROUS_CAPS = frozenset(
    {"SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "NET_RAW", "ALL"}
)
_GPU_DEVICE = re.compile(r"^/dev/(nvidia|dri|kfd)")
_RUNTIME_SOCKETS = ("docker.sock", "containerd.sock", "crio.sock", "podman.sock")
#: Host paths whose bind mount (compose, ``docker run -v``) is reported at all.
SENSITIVE_PREFIXES = (
    "/etc",
    "/proc",
    "/sys",
    "/root",
    "/boot",
    "/var/lib/docker",
    "/var/lib/kubelet",
    "/var/run",
    "/run",
    "/dev",
    "/home",
)
#: Host paths whose mount is severe: the root, system configuration and binaries, kernel
#: interfaces.
_SEVERE = frozenset({"/", "/usr", "/bin", "/lib", *SENSITIVE_PREFIXES})
#: Entries of ``/etc`` that hold the host's own credentials, trust or control: a mount of
#: them is sensitive even read-only.
_HOST_ETC = frozenset(
    {
        "shadow", "gshadow", "passwd", "group", "sudoers", "sudoers.d", "ssh", "ssl", "pki",
        "kubernetes", "docker", "containerd", "cni", "security", "pam.d", "systemd", "cron.d",
        "crontab", "ca-certificates", "letsencrypt", "hosts", "resolv.conf", "ld.so.preload",
        "profile.d", "environment", "machine-id", "rancher", "kubelet",
    }
)  # fmt: skip
_ROOT = frozenset({"root", "0", "0:0", "root:root"})


def own_config(path: str) -> bool:
    """A directory or file of an application's own under ``/etc`` (``/etc/shelfcam``), not
    ``/etc`` itself or one of the host's entries: read-only, it lends the container nothing."""
    parts = PurePosixPath(path).parts
    return len(parts) >= 3 and parts[1] == "etc" and parts[2] not in _HOST_ETC


def sensitive_mount(path: str) -> bool:
    """Whether a bind mount of host ``path`` reaches the host's system, devices or sockets."""
    if path == "/" or path.endswith(".sock") or path.startswith("/dev/"):
        return True
    return any(path == p or path.startswith(p + "/") for p in SENSITIVE_PREFIXES)


def host_path_hit(path: str, how: str) -> Hit | None:
    """CF111 for GPU device nodes, CF110 for other host paths (runtime sockets critical)."""
    clean = str(PurePosixPath(path)) if path.startswith("/") else path
    if _GPU_DEVICE.match(clean):
        return Hit(GPU_DEVICE_MOUNT, f"GPU device {clean} is mounted from the host ({how})", clean)
    if clean.endswith(_RUNTIME_SOCKETS):
        return Hit(
            HOST_PATH,
            f"container runtime socket {clean} is mounted: root on the host",
            clean,
            severity=Severity.CRITICAL,
        )
    if not clean.startswith("/"):
        return None
    severe = clean in _SEVERE or clean.startswith(("/etc/", "/proc/", "/sys/"))
    return Hit(
        HOST_PATH,
        f"host directory {clean} is mounted ({how})",
        clean,
        severity=Severity.HIGH if severe else None,
    )


_ENGINES = frozenset({"docker", "podman", "nerdctl"})
_SUBCOMMANDS = frozenset({"run", "create"})
#: Options of ``docker run`` that take no value (every other long option without ``=``
#: takes the next word).
_FLAGS = frozenset(
    {
        "--rm", "--privileged", "--init", "--read-only", "--detach", "--interactive", "--tty",
        "--no-healthcheck", "--oom-kill-disable", "--publish-all", "--quiet", "--help",
        "--sig-proxy", "--disable-content-trust", "--no-hosts", "--replace", "--http-proxy",
        "--tls-verify", "--rootfs", "--use-api-version", "--systemd",
    }
)  # fmt: skip
_SHORT_FLAGS = frozenset("dhitPq")


def _subcommand_args(argv: Sequence[str]) -> Sequence[str] | None:
    """The arguments after ``run``/``create`` of a container engine's run command."""
    if not argv or argv[0].rsplit("/", 1)[-1] not in _ENGINES:
        return None
    rest = list(argv[1:])
    while rest and rest[0].startswith("-"):  # global options: ``docker --context x run``
        rest = rest[2:] if "=" not in rest[0] and rest[0] not in ("--debug", "-D") else rest[1:]
    if rest[:1] == ["container"]:
        rest = rest[1:]
    if not rest or rest[0] not in _SUBCOMMANDS:
        return None
    return rest[1:]


@dataclass(frozen=True, slots=True)
class RunCommand:
    """A container run command split: its options (``(option, value, as written)``, value
    ``""`` for a flag), the image, and the container's own command after it."""

    options: tuple[tuple[str, str, str], ...]
    image: str
    args: tuple[str, ...]


def parse_run(argv: Sequence[str]) -> RunCommand | None:
    """The parts of a ``docker``/``podman``/``nerdctl`` ``run``/``create`` command; ``None``
    for any other command, or one without an image."""
    args = _subcommand_args(argv)
    if args is None:
        return None
    options: list[tuple[str, str, str]] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            i += 1
            break
        if not arg.startswith("-") or len(arg) == 1:
            break
        if arg.startswith("--"):
            name, eq, value = arg.partition("=")
            if eq or name in _FLAGS:
                options.append((name, value, arg))
                i += 1
                continue
            value = args[i + 1] if i + 1 < len(args) else ""
            options.append((name, value, f"{arg} {value}"))
            i += 2
            continue
        flags = arg[1:]
        valued = next((k for k, ch in enumerate(flags) if ch not in _SHORT_FLAGS), None)
        if valued is None:
            options.extend((f"-{ch}", "", arg) for ch in flags)
            i += 1
            continue
        attached = flags[valued + 1 :]
        following = args[i + 1] if i + 1 < len(args) else ""
        value = attached.removeprefix("=") if attached else following
        options.append((f"-{flags[valued]}", value, f"{arg} {value}" if not attached else arg))
        i += 1 if attached else 2
    if i >= len(args):
        return None
    return RunCommand(tuple(options), args[i], tuple(args[i + 1 :]))


def run_options(argv: Sequence[str]) -> tuple[tuple[str, str, str], ...]:
    """``(option, value, as written)`` of each option of a container run command, up to the
    image (``value`` is ``""`` for a flag)."""
    run = parse_run(argv)
    return run.options if run is not None else ()


_NAMESPACES = {"--net": "network", "--network": "network", "--pid": "PID", "--ipc": "IPC"}
_NAMESPACES |= {"--uts": "UTS", "--userns": "user", "--cgroupns": "cgroup"}


def _mount_source(name: str, value: str) -> tuple[str, bool] | None:
    """``(host path, read-only)`` of a ``-v``/``--volume``/``--mount`` bind mount."""
    if name in ("-v", "--volume"):
        parts = value.split(":")
        return parts[0], len(parts) > 2 and "ro" in parts[-1].split(",")
    if name != "--mount":
        return None
    pairs = (f.partition("=") for f in value.split(","))
    fields = {k.strip().lower(): v.strip() for k, _, v in pairs}
    if fields.get("type", "volume") != "bind":
        return None
    source = fields.get("source", fields.get("src", ""))
    read_only = "readonly" in fields or "ro" in fields
    return source, read_only


def _option_hit(name: str, value: str, shown: str, what: str) -> Hit | None:
    low = value.strip().lower()
    if name == "--privileged" and low in ("", "true"):
        return Hit(PRIVILEGED, f"{what} runs a privileged container", shown)
    if name in _NAMESPACES and low == "host":
        return Hit(HOST_NAMESPACE, f"{what} shares the host's {_NAMESPACES[name]} namespace", shown)
    if name == "--cap-add":
        cap = low.upper().removeprefix("CAP_")
        if cap in DANGEROUS_CAPS:
            return Hit(ADDED_CAPABILITIES, f"{what} adds {cap}", shown)
    if name == "--security-opt":
        kind, _, profile = low.replace("=", ":", 1).partition(":")
        if (kind, profile) in (("seccomp", "unconfined"), ("apparmor", "unconfined")):
            return Hit(SECURITY_PROFILE_OFF, f"{what} runs without {kind} confinement", shown)
        if (kind, profile) == ("label", "disable"):
            return Hit(SECURITY_PROFILE_OFF, f"{what} turns SELinux labelling off", shown)
    if name in ("-u", "--user") and low in _ROOT:
        return Hit(WORKLOAD_ROOT, f"{what} runs the container as root", shown)
    if name == "--device" and _GPU_DEVICE.match(value):
        hit = host_path_hit(value.split(":", 1)[0], f"{what} --device")
        return Hit(hit.rule, hit.message, shown) if hit else None
    mount = _mount_source(name, value)
    if mount is None:
        return None
    source, read_only = mount
    if not source.startswith("/") or (read_only and own_config(source)):
        return None
    if not sensitive_mount(source):
        return None
    hit = host_path_hit(source, f"{what} bind mount")
    return Hit(hit.rule, hit.message, shown, severity=hit.severity) if hit else None


_LOOPBACK = ("127.", "localhost:", "[::1]:", "::1:")


def _open_ui_hit(run: RunCommand, what: str) -> Hit | None:
    """A known unauthenticated UI (an image such as Kafka UI, Qdrant or Ollama, or a Gradio
    app the container's command runs) published beyond loopback."""
    env = {v.split("=", 1)[0] for n, v, _ in run.options if n in ("-e", "--env")}
    ui = open_ui(run.image, " ".join(run.args), env)
    if ui is None:
        return None
    for name, value, shown in run.options:
        target = value.rsplit(":", 1)[-1].split("/", 1)[0]
        published = name in ("-p", "--publish") and target == str(ui.port)
        if published and not value.startswith(_LOOPBACK):
            return Hit(
                UNAUTHENTICATED_SERVER,
                f"{what} publishes {ui.title} (no authentication of its own) on every interface",
                shown[:200],
            )
    return None


def container_run_hits(argv: Sequence[str], *, image: bool = True) -> list[Hit]:
    """Hits for the options of one ``docker run``-like command (wrappers already off);
    ``image``: the image too (not where the caller put a stand-in for it)."""
    run = parse_run(argv)
    if run is None:
        return []
    what = f"{argv[0].rsplit('/', 1)[-1]} run"
    hits: list[Hit] = []
    for name, value, shown in run.options:
        hit = _option_hit(name, value, shown[:200], what)
        if hit is not None:
            hits.append(hit)
    tag = _image_hit(run.image, what) if image else None
    if tag is not None:
        hits.append(tag)
    ui = _open_ui_hit(run, what)
    return [*hits, ui] if ui is not None else hits


def _image_hit(image: str, what: str) -> Hit | None:
    """CF101 for the image of a run command with no tag or ``latest``, and no digest (an
    image named by a variable is left alone)."""
    from secplan.scanners.platform_config.common import image_parts  # common imports this module

    if not image or any(c in image for c in "${\x00"):
        return None  # a variable, a template or a substitution ($(IMAGE)) the parser kept out
    name, tag, digest = image_parts(image)
    if digest or (tag and tag != "latest"):
        return None
    shown = "no tag" if not tag else "the latest tag"
    return Hit(
        UNPINNED_BASE_IMAGE,
        f"{what} starts image {name} with {shown} and no digest: each pull may get a "
        "different image",
        f"{what} {image}",
    )


__all__ = [
    "CONTAINER_RUN_RULES",
    "DANGEROUS_CAPS",
    "RunCommand",
    "container_run_hits",
    "host_path_hit",
    "own_config",
    "parse_run",
    "run_options",
    "sensitive_mount",
]
