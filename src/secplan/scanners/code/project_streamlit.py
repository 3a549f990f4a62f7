"""Whether the project serves a Streamlit app on every interface, so that an app without
authentication (CD143) is open to the network, not just to its developer.

The app is served where the project starts it: ``streamlit run APP`` in a shell script,
Makefile, Procfile, CI file or a Dockerfile ``CMD``, or in a compose service's command.
Streamlit listens on every interface unless ``--server.address`` (or ``address`` in
``.streamlit/config.toml``) says otherwise. Where a compose service runs the app (by its
command, or by building an image whose ``CMD`` does), what it publishes decides: ports
published on loopback only, or none, keep the app off the network. An app the project never
starts is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from secplan.model import ArtifactKind
from secplan.scanners._base import ScanContext
from secplan.textfile import TooLarge, read_text

MAX_FILES = 5_000
MAX_BYTES = 512 << 10
_START = re.compile(r"\bstreamlit\s+run\s+(\S+)((?:[ \t][^\n]*)?)")
_ADDRESS = re.compile(r"--server\.address[= ]\s*(\S+)")
_CONFIG_ADDRESS = re.compile(r'^[ \t]*address[ \t]*=[ \t]*["\']([^"\'\n]*)["\']', re.MULTILINE)
_ALL = frozenset({"0.0.0.0", "::", "[::]", ""})  # noqa: S104 (what we look for)
_LOOPBACK = ("127.", "localhost", "[::1]", "::1")


Start = tuple[str, bool | None]  # (app, on every interface; None: the configuration decides)


@dataclass(slots=True)
class _Serving:
    config_all: bool = True  # Streamlit's default: every interface
    starts: list[Start] = field(default_factory=list)  # scripts, Makefiles, Procfiles, CI
    image_starts: list[Start] = field(default_factory=list)  # Dockerfile CMD/ENTRYPOINT
    compose: list[tuple[str, bool | None, bool]] = field(default_factory=list)  # + reachable
    built_services: list[bool] = field(default_factory=list)  # reachable, per built service


_cache: dict[int, tuple[ScanContext, _Serving]] = {}


def _plain(line: str) -> str:
    """An exec-form command (``["streamlit", "run", "a.py"]``) read as words."""
    return re.sub(r"[\"',\[\]]", " ", line)


def _starts(text: str) -> Iterable[tuple[str, bool | None]]:
    """``(app, on every interface)`` of each ``streamlit run`` in ``text``; ``None`` when no
    address is given (the configuration decides)."""
    for m in _START.finditer(_plain(text)):
        address = _ADDRESS.search(m.group(2))
        yield m.group(1), (address.group(1) in _ALL) if address else None


def _reachable(svc: dict[Any, Any]) -> bool:
    if svc.get("network_mode") == "host":
        return True
    ports = svc.get("ports")
    for port in ports if isinstance(ports, list) else []:
        host = str(port.get("host_ip", "")) if isinstance(port, dict) else str(port)
        if not host.strip().strip("'\"").startswith(_LOOPBACK):
            return True
    return False


def _compose(text: str, out: _Serving) -> None:
    from secplan.scanners.platform_config.yamlsafe import YamlError, load_all

    try:
        docs = load_all(text)
    except YamlError:
        return
    for doc in docs:
        services = doc.get("services") if isinstance(doc, dict) else None
        for svc in services.values() if isinstance(services, dict) else []:
            if not isinstance(svc, dict):
                continue
            command = svc.get("command")
            words = " ".join(map(str, command)) if isinstance(command, list) else str(command or "")
            starts = list(_starts(words))
            for app, everywhere in starts:
                out.compose.append((app, everywhere, _reachable(svc)))
            if not starts and not command and "build" in svc:
                out.built_services.append(_reachable(svc))


def _serving(ctx: ScanContext) -> _Serving:
    cached = _cache.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    out = _Serving()
    for artifact in ctx.artifacts[:MAX_FILES]:
        if artifact.path.suffix in (".py", ".ipynb") or artifact.size > MAX_BYTES:
            continue
        try:
            text = read_text(artifact.path, MAX_BYTES)
        except (TooLarge, OSError, ValueError):
            continue
        if artifact.name == "config.toml" and ".streamlit" in artifact.relpath:
            m = _CONFIG_ADDRESS.search(text)
            out.config_all = m is None or m.group(1) in _ALL
            continue
        if "streamlit" not in text:
            continue
        if artifact.kind is ArtifactKind.DEPLOYMENT and artifact.format == "compose":
            _compose(text, out)
            continue
        target = out.image_starts if artifact.kind is ArtifactKind.CONTAINER else out.starts
        target.extend(_starts(text))
    if len(_cache) > 16:
        _cache.clear()
    _cache[id(ctx)] = (ctx, out)
    return out


def _names(app: str, relpath: str) -> bool:
    """Whether the ``streamlit run`` argument ``app`` is the file at ``relpath``."""
    app = app.strip("'\"").removeprefix("./")
    return bool(app) and (
        relpath == app or relpath.endswith("/" + app) or app.endswith("/" + relpath)
    )


def streamlit_served_openly(ctx: ScanContext, relpath: str) -> bool:
    """Whether the project starts the Streamlit app at ``relpath`` on every interface."""
    serving = _serving(ctx)

    def everywhere(bound: bool | None) -> bool:
        return bound if bound is not None else serving.config_all

    image = [everywhere(b) for app, b in serving.image_starts if _names(app, relpath)]
    composed = [
        reachable and everywhere(b) for app, b, reachable in serving.compose if _names(app, relpath)
    ]
    if image:
        composed += [reachable and any(image) for reachable in serving.built_services]
    if composed:
        return any(composed)
    starts = [*serving.starts, *serving.image_starts]
    return any(everywhere(b) for app, b in starts if _names(app, relpath))


__all__ = ["streamlit_served_openly"]
