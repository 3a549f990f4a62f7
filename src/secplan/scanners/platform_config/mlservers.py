"""ML servers' own configuration files: Jupyter (``jupyter_*_config.py`` / ``.json``),
JupyterHub (``jupyterhub_config.py``: its authenticator and the pods KubeSpawner starts),
Airflow (``airflow.cfg``),
TorchServe (``config.properties``) and Streamlit (``.streamlit/config.toml``). Python config
files are parsed with :mod:`ast`, never run.

>>> [h.rule.id for h in jupyter_py("c.ServerApp.token = ''\\nc.ServerApp.ip = '0.0.0.0'\\n")]
['CF117', 'CF118']
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator, Mapping
from typing import ClassVar

from secplan._toml import loads as toml_loads
from secplan.model import Artifact, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code.checks_net import plain_http_host, shown_url
from secplan.scanners.code.rules_run import PLAINTEXT_URL
from secplan.scanners.platform_config.commands import Hit, check_env
from secplan.scanners.platform_config.rules import (
    ALL_INTERFACES,
    CONFIG_NOT_PARSED,
    GPU_DEVICE_MOUNT,
    HOST_PATH,
    MANAGEMENT_API_EXPOSED,
    PASSWORDLESS_SUDO,
    PRIVILEGE_ESCALATION,
    PRIVILEGED,
    ROOT_NOTEBOOK,
    UNAUTHENTICATED_SERVER,
    UNPINNED_BASE_IMAGE,
    WORKLOAD_ROOT,
)
from secplan.textfile import TooLarge, read_text

MAX_CONFIG_BYTES = 1 << 20
JUPYTER_CONFIG = re.compile(r"^jupyter_(server|notebook|lab)_config\.(py|json)$")
JUPYTERHUB_CONFIG = re.compile(r"^jupyterhub_config[\w.-]*\.py$")
_APPS = ("ServerApp", "NotebookApp", "IdentityProvider", "PasswordIdentityProvider", "LabApp")
_ALL = ("0.0.0.0", "*", "", "::")  # noqa: S104 (what we look for)


def _jupyter_hits(settings: Mapping[str, tuple[object, int]]) -> list[tuple[Hit, int]]:
    """Hits from ``{"token": (value, line), ...}`` (trait names without the app prefix)."""
    hits: list[tuple[Hit, int]] = []
    token = settings.get("token")
    password = settings.get("password") or settings.get("hashed_password")
    if token is not None and token[0] == "" and not (password and password[0]):
        hits.append(
            (
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Jupyter token is empty and no password is set",
                    "token = ''",
                ),
                token[1],
            )
        )
    ip = settings.get("ip")
    if ip is not None and ip[0] in _ALL and ip[0] != "":
        hits.append(
            (
                Hit(
                    ALL_INTERFACES,
                    f"Jupyter listens on all interfaces (ip = {ip[0]!r})",
                    f"ip = {ip[0]!r}",
                ),
                ip[1],
            )
        )
    xsrf = settings.get("disable_check_xsrf")
    if xsrf is not None and xsrf[0] is True:
        hits.append(
            (
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Jupyter's XSRF check is off: any web page the user opens can send it "
                    "requests that run code",
                    "disable_check_xsrf = True",
                ),
                xsrf[1],
            )
        )
    root = settings.get("allow_root")
    if root is not None and root[0] is True:
        hits.append(
            (Hit(ROOT_NOTEBOOK, "Jupyter is allowed to run as root", "allow_root = True"), root[1])
        )
    return hits


_SPAWNERS = ("KubeSpawner", "DockerSpawner", "SystemUserSpawner", "Spawner")


def jupyterhub_py(text: str, rel: str) -> list[tuple[Hit, int]]:
    """``jupyterhub_config.py``: the hub's authenticator and the pods or containers its
    spawner starts for every user (KubeSpawner, DockerSpawner)."""
    from secplan.scanners.platform_config.common import host_path_finding, image_finding

    hits: list[tuple[Hit, int]] = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute)):
            continue
        owner, attr, line = target.value.attr, target.attr, node.lineno
        value = node.value.value if isinstance(node.value, ast.Constant) else None
        if (
            owner == "JupyterHub"
            and attr == "authenticator_class"
            and isinstance(value, str)
            and (value == "dummy" or value.endswith("DummyAuthenticator"))
        ):
            hits.append(
                (
                    Hit(
                        UNAUTHENTICATED_SERVER,
                        "JupyterHub uses the dummy authenticator: anyone who knows the "
                        "shared password (or any password, when none is set) gets a server "
                        "that runs code",
                        f"authenticator_class = {value!r}",
                    ),
                    line,
                )
            )
        if owner.endswith("Authenticator") and attr == "allow_all" and value is True:
            hits.append(
                (
                    Hit(
                        UNAUTHENTICATED_SERVER,
                        f"{owner}.allow_all lets every account of the identity provider log "
                        "in and start a server that runs code",
                        f"{owner}.allow_all = True",
                    ),
                    line,
                )
            )
        if owner not in _SPAWNERS:
            continue
        where = Location(path=rel, line=line)
        if isinstance(node.value, ast.Dict):
            hits += _spawner_dict(owner, attr, node.value, where)
        if attr == "image":
            f = image_finding(value, where, f"{owner} (every user's server)")
            if f is not None:
                hits.append((Hit(UNPINNED_BASE_IMAGE, f.message, f.evidence), line))
        elif attr in ("uid", "run_as_uid") and value == 0 and value is not False:
            hits.append(
                (
                    Hit(WORKLOAD_ROOT, "every user's server runs as root (uid 0)", f"{attr} = 0"),
                    line,
                )
            )
        elif attr == "privileged" and value is True:
            hits.append(
                (
                    Hit(
                        PRIVILEGED,
                        "every user's server is a privileged container",
                        "privileged = True",
                    ),
                    line,
                )
            )
        elif attr == "allow_privilege_escalation" and value is True:
            hits.append(
                (
                    Hit(
                        PRIVILEGE_ESCALATION,
                        "every user's server allows privilege escalation",
                        "allow_privilege_escalation = True",
                    ),
                    line,
                )
            )
        elif attr == "volumes" and isinstance(node.value, ast.List | ast.Tuple):
            for vol in ast.walk(node.value):
                path = _host_path(vol)
                f = host_path_finding(path, where, f"{owner} volume") if path else None
                if f is not None:
                    rule = GPU_DEVICE_MOUNT if f.rule == GPU_DEVICE_MOUNT.id else HOST_PATH
                    line = getattr(vol, "lineno", line)
                    hits.append((Hit(rule, f.message, f.evidence, f.severity), line))
    return hits


def _const_items(node: ast.Dict) -> Iterator[tuple[str, object, int]]:
    for k, v in zip(node.keys, node.values, strict=False):
        if isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(v, ast.Constant):
            yield k.value, v.value, k.lineno


def _spawner_dict(owner: str, attr: str, node: ast.Dict, where: Location) -> list[tuple[Hit, int]]:
    """DockerSpawner's dictionaries: the host config (``privileged``), the create arguments
    (``user``), the environment of every user's server and its volumes (``{host: mount}``)."""
    from secplan.scanners.platform_config.common import at_line, host_path_finding

    hits: list[tuple[Hit, int]] = []
    for key, value, line in _const_items(node):
        if attr == "extra_host_config" and key == "privileged" and value is True:
            hits.append(
                (
                    Hit(PRIVILEGED, "every user's server is a privileged container", "privileged"),
                    line,
                )
            )
        elif attr == "extra_create_kwargs" and key == "user" and str(value) in ("root", "0"):
            hits.append(
                (Hit(WORKLOAD_ROOT, "every user's server runs as root", f"user = {value!r}"), line)
            )
        elif attr == "environment" and isinstance(value, str | int) and not isinstance(value, bool):
            hits += [(h, line) for h in check_env(key, str(value))]
        elif attr == "volumes" and key.startswith("/"):
            f = host_path_finding(key, at_line(where, line), f"{owner} volume")
            if f is not None:
                rule = GPU_DEVICE_MOUNT if f.rule == GPU_DEVICE_MOUNT.id else HOST_PATH
                hits.append((Hit(rule, f.message, f.evidence, f.severity), line))
    return hits


def _host_path(node: ast.AST) -> str | None:
    """The path of a volume written as ``{"hostPath": {"path": "/x"}}`` (or ``"/x"``)."""
    if not isinstance(node, ast.Dict):
        return None
    for k, v in zip(node.keys, node.values, strict=False):
        if not (isinstance(k, ast.Constant) and k.value == "hostPath"):
            continue
        if isinstance(v, ast.Constant) and isinstance(v.value, str):
            return v.value
        if isinstance(v, ast.Dict):
            for k2, v2 in zip(v.keys, v.values, strict=False):
                if (
                    isinstance(k2, ast.Constant)
                    and k2.value == "path"
                    and isinstance(v2, ast.Constant)
                    and isinstance(v2.value, str)
                ):
                    return v2.value
    return None


def jupyter_py(text: str) -> list[Hit]:
    return [h for h, _ in _jupyter_py_lines(text)]


def _jupyter_py_lines(text: str) -> list[tuple[Hit, int]]:
    tree = ast.parse(text)
    settings: dict[str, tuple[object, int]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute)):
            continue
        if target.value.attr in _APPS and isinstance(node.value, ast.Constant):
            settings[target.attr] = (node.value.value, node.lineno)
    return _jupyter_hits(settings)


def _jupyter_json_lines(text: str) -> list[tuple[Hit, int]]:
    doc = json.loads(text)
    settings: dict[str, tuple[object, int]] = {}
    lines = text.splitlines()
    for app in _APPS:
        section = doc.get(app) if isinstance(doc, dict) else None
        if isinstance(section, dict):
            for key, value in section.items():
                # only the settings the checks read need a line: looking up every key of a
                # file with thousands of them would take time quadratic in its size
                line = (
                    next((i for i, t in enumerate(lines, 1) if f'"{key}"' in t), 0)
                    if key in _JSON_CHECKED
                    else 0
                )
                settings[str(key)] = (value, line)
    return _jupyter_hits(settings)


_JSON_CHECKED = frozenset({"token", "password", "hashed_password", "ip", "allow_root"})


def torchserve_properties(text: str) -> list[tuple[Hit, int]]:
    props: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith(("#", "!")) and "=" in line:
            key, _, value = line.partition("=")
            props[key.strip()] = (value.strip(), number)
    hits: list[tuple[Hit, int]] = []
    mgmt = props.get("management_address")
    if mgmt and re.search(r"//(0\.0\.0\.0|\[::\])", mgmt[0]):
        hits.append(
            (
                Hit(
                    MANAGEMENT_API_EXPOSED,
                    "TorchServe management API (register and replace models) listens on all "
                    "interfaces",
                    mgmt[0],
                ),
                mgmt[1],
            )
        )
    infer = props.get("inference_address")
    token_off = (props.get("disable_token_authorization") or ("",))[0].lower() == "true"
    # over https, with token authorization on (TorchServe's default), the inference API on
    # every interface is a server meant to be reached: encrypted and authenticated
    served = infer is not None and infer[0].lower().startswith("https://") and not token_off
    if infer and not served and re.search(r"//(0\.0\.0\.0|\[::\])", infer[0]):
        hits.append(
            (
                Hit(ALL_INTERFACES, "TorchServe inference API listens on all interfaces", infer[0]),
                infer[1],
            )
        )
    allowed = props.get("allowed_urls")
    plain = [u for u in (allowed[0].split(",") if allowed else []) if _plain_http(u.strip())]
    if allowed and plain:
        hits.append(
            (
                Hit(
                    PLAINTEXT_URL,
                    "TorchServe may register model archives (code) from a plain-HTTP location",
                    f"allowed_urls: {shown_url(plain[0].strip())}",
                ),
                allowed[1],
            )
        )
    token = props.get("disable_token_authorization")
    if token and token[0].lower() == "true":
        hits.append(
            (
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "TorchServe token authorization is disabled",
                    "disable_token_authorization=true",
                ),
                token[1],
            )
        )
    return hits


def airflow_cfg(text: str) -> list[tuple[Hit, int]]:
    """``airflow.cfg``: the REST API's ``auth_backends`` set to the backend that lets every
    request through (``airflow.api.auth.backend.default``); Celery Flower with its basic
    auth emptied while it listens on every interface (its default); a secrets backend
    reached over plain HTTP (``backend_kwargs = {"url": "http://vault..."}``)."""
    hits: list[tuple[Hit, int]] = []
    section = ""
    flower: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        key, eq, value = line.partition("=")
        if not eq or line.startswith(("#", ";")):
            continue
        key, value = key.strip().lower(), value.strip()
        if section == "celery" and key in ("flower_host", "flower_basic_auth"):
            flower[key] = (value, number)
        if section == "secrets" and key == "backend_kwargs":
            hits += [(h, number) for h in _backend_url_hits(value)]
        if section == "api" and key in ("auth_backends", "auth_backend"):
            backends = [b.strip() for b in value.split(",")]
            if "airflow.api.auth.backend.default" in backends:
                hits.append(
                    (
                        Hit(
                            UNAUTHENTICATED_SERVER,
                            "Airflow's REST API accepts every request without authentication: "
                            "anyone who reaches it can trigger DAGs and read connections",
                            f"{key} = airflow.api.auth.backend.default",
                        ),
                        number,
                    )
                )
    auth = flower.get("flower_basic_auth")
    host = flower.get("flower_host", ("0.0.0.0", 0))[0]  # noqa: S104 - Airflow's default
    if auth is not None and not auth[0] and host in ("0.0.0.0", "::", "[::]", ""):  # noqa: S104
        hits.append(
            (
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Celery Flower (task arguments, results, worker control) listens on every "
                    "interface with flower_basic_auth empty",
                    "flower_basic_auth =",
                ),
                auth[1],
            )
        )
    return hits


def _backend_url_hits(value: str) -> list[Hit]:
    """Plain-HTTP addresses among the JSON ``backend_kwargs`` of a secrets backend."""
    try:
        kwargs = json.loads(value)
    except ValueError:
        return []
    if not isinstance(kwargs, dict):
        return []
    return [
        Hit(
            PLAINTEXT_URL,
            "Airflow's secrets backend (connections, variables) is reached over plain HTTP",
            f"backend_kwargs {k}: {shown_url(v)}",
        )
        for k, v in kwargs.items()
        if isinstance(v, str)
        and ("url" in str(k).lower() or "endpoint" in str(k).lower())
        and plain_http_host(v) is not None
    ]


def _is_torchserve(name: str, text: str) -> bool:
    return name.endswith(".properties") and bool(
        # blanks, not \s: with MULTILINE, ``^\s*`` runs over every following newline from
        # each line start, quadratic in a file of empty lines
        re.search(r"^[ \t\f]*(inference|management)_address[ \t\f]*=", text, re.MULTILINE)
    )


def _plain_http(pattern: str) -> bool:
    """An ``allowed_urls`` entry (a regular expression) of a non-local ``http://`` host."""
    return plain_http_host(pattern.replace("\\.", ".")) is not None


def streamlit_config(text: str) -> list[tuple[Hit, int]]:
    """``.streamlit/config.toml``: Streamlit has no authentication of its own."""
    doc = toml_loads(text)
    server = doc.get("server")
    if not isinstance(server, dict):
        return []
    lines = text.splitlines()

    def line(key: str) -> int:
        return next((i for i, t in enumerate(lines, 1) if t.strip().startswith(key)), 0)

    hits: list[tuple[Hit, int]] = []
    if server.get("address") in _ALL and server.get("address") != "":
        hits.append(
            (
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Streamlit app (no built-in authentication) listens on all interfaces",
                    f"address = {server['address']!r}",
                ),
                line("address"),
            )
        )
    if server.get("enableXsrfProtection") is False:
        hits.append(
            (
                Hit(
                    UNAUTHENTICATED_SERVER,
                    "Streamlit's XSRF protection is off: other sites can drive the app",
                    "enableXsrfProtection = false",
                ),
                line("enableXsrfProtection"),
            )
        )
    return hits


def _is_streamlit(artifact: Artifact) -> bool:
    return artifact.name == "config.toml" and artifact.relpath.replace("\\", "/").endswith(
        ".streamlit/config.toml"
    )


class MLServerConfigScanner:
    """Jupyter and TorchServe configuration files."""

    name: ClassVar[str] = "ml-server-config"
    rules: ClassVar[tuple[Rule, ...]] = (
        UNAUTHENTICATED_SERVER,
        ALL_INTERFACES,
        ROOT_NOTEBOOK,
        MANAGEMENT_API_EXPOSED,
        CONFIG_NOT_PARSED,
        PLAINTEXT_URL,
        UNPINNED_BASE_IMAGE,
        WORKLOAD_ROOT,
        PRIVILEGED,
        PRIVILEGE_ESCALATION,
        HOST_PATH,
        GPU_DEVICE_MOUNT,
        PASSWORDLESS_SUDO,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return (
            bool(JUPYTER_CONFIG.match(artifact.name))
            or bool(JUPYTERHUB_CONFIG.match(artifact.name))
            or artifact.name == "airflow.cfg"
            or artifact.name.endswith(".properties")
            or _is_streamlit(artifact)
        )

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        loc = Location(path=artifact.relpath)
        try:
            text = read_text(artifact.path, MAX_CONFIG_BYTES)
        except TooLarge:
            yield CONFIG_NOT_PARSED.at(
                loc, f"file larger than {MAX_CONFIG_BYTES} bytes was not verified"
            )
            return
        try:
            if JUPYTERHUB_CONFIG.match(artifact.name):
                hits = jupyterhub_py(text, artifact.relpath)
            elif artifact.name == "airflow.cfg":
                hits = airflow_cfg(text)
            elif artifact.name.endswith(".py"):
                hits = _jupyter_py_lines(text)
            elif artifact.name.endswith(".json"):
                hits = _jupyter_json_lines(text)
            elif _is_torchserve(artifact.name, text):
                hits = torchserve_properties(text)
            elif _is_streamlit(artifact):
                hits = streamlit_config(text)
            else:
                return
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            yield CONFIG_NOT_PARSED.at(
                loc, f"not verified: {type(exc).__name__}", evidence=str(exc)[:300]
            )
            return
        for hit, line in hits:
            yield hit.rule.at(
                Location(path=artifact.relpath, line=line or None),
                hit.message,
                evidence=hit.evidence,
                severity=hit.severity,
                confidence=hit.confidence,
            )
