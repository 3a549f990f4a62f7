"""Helm chart values (``values*.yaml`` beside a ``Chart.yaml``, or a values file kept apart
from its chart, such as ``helm-values.yaml``, that sets an image's ``repository`` and
``tag``) and Zero to JupyterHub configuration, without rendering anything.

A chart's values are what its templates write into the pods, so the settings the Pod
Security Standards name are checked where they are set: a ``securityContext`` (or
``podSecurityContext``, ``containerSecurityContext``...) that is privileged, runs as user 0,
allows privilege escalation, adds capabilities or turns seccomp off; host namespaces and
``hostPath`` volumes; an ``image`` whose ``tag`` is ``latest``; ``resources`` with no CPU or
memory limit (when a template of the chart reads ``resources`` at all); server arguments
(``--trust-remote-code``); environment maps; and a model server's (or a Dask scheduler's)
``service`` of type ``LoadBalancer`` or ``NodePort``, or its ``serviceType``. A setting a
chart leaves out is not reported here: its template may set it. Zero to JupyterHub's
``singleuser`` section adds ``uid: 0`` and ``allowPrivilegeEscalation: true`` for every
user's server.

Other YAML configurations (and JSON ones, for the first) are read for three things only: a
training or serving configuration naming a Hub model with no commit beside it
(``base_model: org/model``, or a ``base_revision: main`` beside it), a Ray
Serve configuration's ``http_options.host`` on every interface, and literal secrets in a
Bento's ``envs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Confidence, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code.rules_load import UNPINNED_REVISION
from secplan.scanners.platform_config.common import (
    DANGEROUS_CAPS,
    MAX_CONFIG_BYTES,
    MODEL_SERVER,
    as_list,
    as_map,
    env_findings,
    host_path_finding,
    item_line,
    key_line,
    line_of,
    model_env_findings,
)
from secplan.scanners.platform_config.endpoints import CONFIG_MODEL_KEYS, config_lines_reported
from secplan.scanners.platform_config.rules import (
    ADDED_CAPABILITIES,
    ALL_INTERFACES,
    CONFIG_NOT_PARSED,
    EXPOSED_WITHOUT_TLS,
    GPU_DEVICE_MOUNT,
    HOST_NAMESPACE,
    HOST_PATH,
    LITERAL_SECRET,
    PASSWORDLESS_SUDO,
    PRIVILEGE_ESCALATION,
    PRIVILEGED,
    REMOTE_CODE_TRUSTED,
    RESOURCE_LIMITS,
    SECURITY_PROFILE_OFF,
    UNAUTHENTICATED_SERVER,
    UNPINNED_BASE_IMAGE,
    WORKLOAD_ROOT,
)
from secplan.scanners.platform_config.secrets import is_literal_secret, redact
from secplan.scanners.platform_config.servers import model_pin_hits
from secplan.scanners.platform_config.yamlsafe import YamlError, load_all
from secplan.textfile import TooLarge, read_text

_ENV_KEYS = frozenset({"extraEnv", "env", "extraEnvVars", "envVars"})
#: Keys beside a component's ``serviceType`` that give it a password or token of its own.
_AUTH_KEYS = frozenset({"password", "token", "auth", "apiKey", "basicAuth", "existingSecret"})
#: Cluster schedulers that accept work from anyone who reaches them (Dask's scheduler has
#: no authentication unless TLS client certificates are set up).
_NO_AUTH_SCHEDULER = re.compile(r"(^|[/\s])dask([/\s:-]|$)", re.IGNORECASE)
_VALUES = re.compile(r"^values([-._][\w.-]*)?\.ya?ml$")
_SECURITY_CONTEXT = re.compile(r"securitycontext$", re.IGNORECASE)
_TRUST = frozenset({"--trust-remote-code", "--trust_remote_code"})
MAX_DEPTH = 32
_MODEL_KEYS = ("model", "modelId", "model_id", "modelName", "model_name", "modelRepo", "hfModel")
_REVISION_KEYS = ("revision", "modelRevision", "model_revision")


def is_chart_values(artifact: Artifact) -> bool:
    """``values*.yaml`` of a Helm chart (a ``Chart.yaml`` beside it)."""
    if not _VALUES.match(artifact.name):
        return False
    try:
        return (artifact.path.parent / "Chart.yaml").is_file()
    except OSError:
        return False


#: A values file kept apart from its chart (``helm-values.yaml``, ``dask-values.yaml``,
#: ``values-prod.yaml``): read as chart values when it sets an image the Helm way. A bare
#: ``values.yaml`` outside a chart may be any application's values, and is not.
_VALUES_NAMED = re.compile(
    r"^(?:[\w.-]*[-_.]values(?:[-_.][\w.-]*)?|values[-_.][\w.-]+)\.ya?ml$", re.IGNORECASE
)
_HELM_REPOSITORY = re.compile(r"^[ \t]+repository:[ \t]*\S", re.MULTILINE)
_HELM_TAG = re.compile(r"^[ \t]+tag:[ \t]*\S", re.MULTILINE)


def is_detached_values(artifact: Artifact, text: str) -> bool:
    """A values file passed to ``helm install -f`` and kept outside the chart: named for
    values, and setting an image as a ``repository`` with a ``tag`` under it."""
    return bool(
        _VALUES_NAMED.match(artifact.name)
        and _HELM_REPOSITORY.search(text)
        and _HELM_TAG.search(text)
    )


def _is_z2jh(doc: object) -> bool:
    """Zero to JupyterHub's configuration: ``singleuser`` with ``hub`` or ``proxy``."""
    return isinstance(doc, dict) and "singleuser" in doc and ("hub" in doc or "proxy" in doc)


def _is_image(name: str, value: object) -> bool:
    """An image written as a mapping: ``image:``, ``agentImage:``, or any mapping with a
    ``repository`` and a ``tag``."""
    if not isinstance(value, dict):
        return False
    return name == "image" or (
        "repository" in value and ("tag" in value or name.lower().endswith("image"))
    )


MAX_TEMPLATES = 200
_CHART_VERSION = re.compile(r"\.Chart\.(?:App)?Version\b")
MAX_TEMPLATE_BYTES = 1 << 20


def _templates(chart_dir: Path) -> list[str] | None:
    """The texts of the chart's templates (``None``: some could not be listed or read)."""
    try:
        paths = sorted((chart_dir / "templates").rglob("*"))[:MAX_TEMPLATES]
        return [
            read_text(path, MAX_TEMPLATE_BYTES)
            for path in paths
            if path.suffix in (".yaml", ".yml", ".tpl")
        ]
    except (TooLarge, OSError):
        return None


def templates_default_tag(chart_dir: Path) -> bool:
    """Whether a template of the chart defaults an image's tag to the chart's appVersion
    (``.Values.image.tag | default .Chart.AppVersion``, or its version), so an empty tag is
    a pinned one."""
    texts = _templates(chart_dir)
    # templates that cannot be read: the empty tag is not judged
    return texts is None or any(_CHART_VERSION.search(t) for t in texts)


def templates_skip_resources(chart_dir: Path) -> bool:
    """Whether the chart has templates and none of them mentions ``resources``: the values'
    ``resources`` then reach no pod (the templates are judged for their limits themselves)."""
    texts = _templates(chart_dir)
    return bool(texts) and not any("resources" in t for t in texts or ())


class _Walk:
    def __init__(
        self,
        rel: str,
        chart: bool,
        app_version_default: bool = True,
        reported: frozenset[tuple[str, int]] = frozenset(),
        resources_unused: bool = False,
    ) -> None:
        self.rel = rel
        self.chart = chart
        self.app_version_default = app_version_default
        #: no template of the chart reads ``resources``
        self.resources_unused = resources_unused
        #: ``(rule, line)`` the configuration-line scanner reports in this file already
        self.reported = reported

    def loc(self, mapping: object, key: str) -> Location:
        return Location(path=self.rel, line=key_line(mapping, key, line_of(mapping)))

    def security_context(self, sc: dict[Any, Any], where: str) -> Iterator[Finding]:
        if sc.get("privileged") is True:
            yield PRIVILEGED.at(
                self.loc(sc, "privileged"), f"{where} is privileged", evidence="privileged: true"
            )
        if sc.get("runAsUser") in (0, "0"):
            yield WORKLOAD_ROOT.at(
                self.loc(sc, "runAsUser"),
                f"{where} runs as root (runAsUser: 0)",
                evidence="runAsUser: 0",
            )
        elif sc.get("runAsNonRoot") is False:
            yield WORKLOAD_ROOT.at(
                self.loc(sc, "runAsNonRoot"),
                f"{where} may run as root (runAsNonRoot: false)",
                evidence="runAsNonRoot: false",
            )
        if sc.get("allowPrivilegeEscalation") is True:
            yield PRIVILEGE_ESCALATION.at(
                self.loc(sc, "allowPrivilegeEscalation"),
                f"{where} allows privilege escalation",
                evidence="allowPrivilegeEscalation: true",
            )
        add = as_map(sc.get("capabilities")).get("add")
        added = [str(x).upper().removeprefix("CAP_") for x in as_list(add)]
        bad = sorted(set(added) & DANGEROUS_CAPS)
        if bad:
            first = next(i for i, x in enumerate(added) if x in DANGEROUS_CAPS)
            yield ADDED_CAPABILITIES.at(
                Location(path=self.rel, line=item_line(add, first, line_of(add))),
                f"{where} adds {', '.join(bad)}",
                evidence=f"capabilities.add: {bad}",
            )
        profile = as_map(sc.get("seccompProfile"))
        if str(profile.get("type", "")).lower() == "unconfined":
            yield SECURITY_PROFILE_OFF.at(
                self.loc(profile, "type"),
                f"{where} runs without seccomp confinement",
                evidence="seccompProfile.type: Unconfined",
            )

    def image(self, image: dict[Any, Any], where: str) -> Iterator[Finding]:
        name = image.get("repository", image.get("name"))
        tag = image.get("tag")
        if not isinstance(name, str) or "@" in name or image.get("digest"):
            return
        if isinstance(tag, str) and tag.strip() == "latest":
            yield UNPINNED_BASE_IMAGE.at(
                self.loc(image, "tag"),
                f"{where} uses image {name} with the latest tag and no digest",
                evidence=f"image: {name}:latest",
            )
        elif (
            "tag" in image
            and tag in ("", None)
            and ":" not in name.rsplit("/", 1)[-1]
            and not self.app_version_default
        ):
            yield UNPINNED_BASE_IMAGE.at(
                self.loc(image, "tag"),
                f"{where} uses image {name} with an empty tag, which pulls latest "
                "(no template defaults it to the chart's appVersion)",
                evidence=f"image: {name} (tag empty)",
            )

    def resources(self, parent: dict[Any, Any], where: str) -> Iterator[Finding]:
        res = parent.get("resources")
        if not isinstance(res, dict):
            return
        limits = as_map(res.get("limits"))
        if not ({"cpu", "memory"} & set(limits)):
            yield RESOURCE_LIMITS.at(
                self.loc(parent, "resources"),
                f"{where} sets no CPU or memory limit",
                evidence="resources: {}" if not res else f"limits: {sorted(limits)}",
            )

    def service(self, parent: dict[Any, Any], key: str, where: str) -> Iterator[Finding]:
        svc = as_map(parent.get("service"))
        kind, owner, field = svc.get("type"), svc, "type"
        if kind is None and "image" in parent and not _AUTH_KEYS & set(map(str, parent)):
            # a component's own ``serviceType`` (Dask's and JupyterHub's charts), judged
            # where the component names its image and sets no password or token beside it
            kind, owner, field = parent.get("serviceType"), parent, "serviceType"
        if kind not in ("LoadBalancer", "NodePort"):
            return
        image = as_map(parent.get("image"))
        named = " ".join(str(x) for x in (key, image.get("repository", ""), image.get("name", "")))
        tls = any(
            w in " ".join(str(k) for k in as_map(svc.get("annotations"))).lower()
            for w in ("ssl-cert", "certificate", "tls")
        )
        if (MODEL_SERVER.search(named) or _NO_AUTH_SCHEDULER.search(named)) and not tls:
            yield EXPOSED_WITHOUT_TLS.at(
                self.loc(owner, field),
                f"{where} is exposed by a {kind} Service without TLS",
                evidence=f"{'service.type' if owner is svc else field}: {kind}",
            )

    def model(self, node: dict[Any, Any], where: str) -> Iterator[Finding]:
        """A Hub model the chart's server downloads, with no commit to pin it."""
        for key in _MODEL_KEYS:
            repo = node.get(key)
            if isinstance(repo, str):
                break
        else:
            return
        rev_key = next((k for k in _REVISION_KEYS if k in node), None)
        revision = node.get(rev_key) if rev_key else None
        for hit in model_pin_hits(
            repo.strip(), str(revision).strip() if revision is not None else None, where
        ):
            yield hit.rule.at(self.loc(node, rev_key or key), hit.message, evidence=hit.evidence)

    def env(self, env: dict[Any, Any] | list[Any]) -> Iterator[Finding]:
        """An environment written as a map, or in a pod's own form (``[{name, value}]``)."""
        pairs: list[tuple[str, object, int | None]] = []
        if isinstance(env, dict):
            pairs = [(str(k), v, key_line(env, str(k))) for k, v in env.items()]
        else:
            pairs = [
                (var["name"], var.get("value"), key_line(var, "value", line_of(var)))
                for var in env
                if isinstance(var, dict) and isinstance(var.get("name"), str)
            ]
        for name, value, line in pairs:
            for f in env_findings(name, value, Location(path=self.rel, line=line)):
                if (f.rule, line) not in self.reported:
                    yield f
        yield from model_env_findings(pairs, Location(path=self.rel))

    def walk(self, node: object, key: str, depth: int) -> Iterator[Finding]:
        if depth > MAX_DEPTH:
            return
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str) and item.split("=", 1)[0] in _TRUST:
                    yield REMOTE_CODE_TRUSTED.at(
                        Location(path=self.rel, line=item_line(node, i, line_of(node))),
                        f"{key} of the chart runs the model's own code (--trust-remote-code)",
                        evidence=item,
                    )
                else:
                    yield from self.walk(item, key, depth + 1)
            return
        if not isinstance(node, dict):
            return
        where = f"{key or 'chart'} (chart values)"
        for k, value in node.items():
            name = str(k)
            if _SECURITY_CONTEXT.search(name) and isinstance(value, dict):
                yield from self.security_context(value, where)
            elif name in ("hostNetwork", "hostPID", "hostIPC") and value is True:
                yield HOST_NAMESPACE.at(
                    self.loc(node, name), f"{where} sets {name}: true", evidence=f"{name}: true"
                )
            elif name == "allowPrivilegeEscalation" and value is True:
                yield PRIVILEGE_ESCALATION.at(
                    self.loc(node, name),
                    f"{where} allows privilege escalation",
                    evidence="allowPrivilegeEscalation: true",
                )
            elif name == "hostPath":
                path = value if isinstance(value, str) else as_map(value).get("path")
                if isinstance(path, str):
                    owner = value if isinstance(value, dict) else node
                    f = host_path_finding(
                        path, self.loc(owner, "path" if owner is value else name), where
                    )
                    if f is not None:
                        yield f
            elif _is_image(name, value):
                yield from self.image(value, f"{name} of {where}" if name != "image" else where)
            elif name in _ENV_KEYS and isinstance(value, dict | list):
                yield from self.env(value)
            if isinstance(value, dict | list) and not (
                _SECURITY_CONTEXT.search(name) or name == "image"
            ):
                yield from self.walk(value, name, depth + 1)
        if self.chart:
            yield from self.model(node, where)
            if "image" in node and not self.resources_unused:
                yield from self.resources(node, where)
            yield from self.service(node, key, where)


def _z2jh(doc: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """``singleuser`` settings of Zero to JupyterHub that every user's server gets."""
    single = as_map(doc.get("singleuser"))
    uid = single.get("uid")
    if uid in (0, "0"):
        yield WORKLOAD_ROOT.at(
            Location(path=rel, line=key_line(single, "uid", line_of(single))),
            "every user's notebook server runs as root (singleuser.uid: 0)",
            evidence="singleuser.uid: 0",
        )
    hub = as_map(as_map(as_map(doc.get("hub")).get("config")).get("JupyterHub"))
    auth = hub.get("authenticator_class")
    if isinstance(auth, str) and (auth == "dummy" or auth.endswith("DummyAuthenticator")):
        yield UNAUTHENTICATED_SERVER.at(
            Location(path=rel, line=key_line(hub, "authenticator_class", line_of(hub))),
            "JupyterHub uses the dummy authenticator: anyone who knows the shared password (or "
            "any password, when none is set) gets a server that runs code",
            evidence=f"hub.config.JupyterHub.authenticator_class: {auth}",
        )


_CONFIG_REVISIONS = (
    "revision",
    "model_revision",
    "revision_of_model",
    "base_model_revision",
    "code_revision",
)


def config_models(node: object, rel: str, depth: int) -> Iterator[Finding]:
    """A training or serving configuration that names a Hub model to fetch with no commit
    beside it (``model_name_or_path: org/model`` without ``model_revision``)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from config_models(item, rel, depth + 1)
        return
    if not isinstance(node, dict):
        return
    for key in CONFIG_MODEL_KEYS:
        repo = node.get(key)
        if not isinstance(repo, str):
            continue
        # its own revision first (base_model: base_revision), then the configuration's
        own = (f"{key.split('_', 1)[0]}_revision", f"{key}_revision")
        rev_key = next((k for k in (*own, *_CONFIG_REVISIONS) if k in node), None)
        revision = node.get(rev_key) if rev_key else None
        for hit in model_pin_hits(
            repo.strip(),
            str(revision).strip() if revision is not None else None,
            f"configuration key {key}",
        ):
            yield hit.rule.at(
                Location(path=rel, line=key_line(node, rev_key or key, line_of(node))),
                hit.message,
                evidence=hit.evidence,
                confidence=Confidence.MEDIUM,
            )
    for value in node.values():
        if isinstance(value, dict | list):
            yield from config_models(value, rel, depth + 1)


def _deploy_config(doc: object, rel: str) -> Iterator[Finding]:
    """A Ray Serve configuration's ``http_options.host`` on every interface (Ray Serve has no
    authentication of its own), and literal secrets in a Bento's ``envs``."""
    if not isinstance(doc, dict):
        return
    http = as_map(doc.get("http_options"))
    host = http.get("host")
    if isinstance(doc.get("applications"), list) and str(host).strip() in _ALL_HOSTS:
        yield ALL_INTERFACES.at(
            Location(path=rel, line=key_line(http, "host", line_of(http))),
            "Ray Serve (no authentication of its own) listens on all interfaces",
            evidence=f"http_options.host: {host}",
        )
    for var in as_list(doc.get("envs")):
        var = as_map(var)
        name, value = var.get("name"), var.get("value")
        if isinstance(name, str) and is_literal_secret(name, value):
            yield LITERAL_SECRET.at(
                Location(path=rel, line=key_line(var, "value", line_of(var))),
                f"the Bento sets {name} to a literal value",
                evidence=f"{name}={redact(value)}",
            )


_ALL_HOSTS = frozenset({"0.0.0.0", "::", "[::]"})  # noqa: S104 (what we look for)


class HelmValuesScanner:
    """Pod security settings in Helm chart values and Zero to JupyterHub configuration."""

    name: ClassVar[str] = "helm-values"
    rules: ClassVar[tuple[Rule, ...]] = (
        PRIVILEGED,
        WORKLOAD_ROOT,
        PRIVILEGE_ESCALATION,
        ADDED_CAPABILITIES,
        SECURITY_PROFILE_OFF,
        HOST_NAMESPACE,
        HOST_PATH,
        GPU_DEVICE_MOUNT,
        UNPINNED_BASE_IMAGE,
        RESOURCE_LIMITS,
        EXPOSED_WITHOUT_TLS,
        REMOTE_CODE_TRUSTED,
        PASSWORDLESS_SUDO,
        UNPINNED_REVISION,
        ALL_INTERFACES,
        LITERAL_SECRET,
        CONFIG_NOT_PARSED,
        UNAUTHENTICATED_SERVER,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.CONFIG and (
            (artifact.format == "yaml" and artifact.path.suffix.lower() in (".yaml", ".yml"))
            # a JSON training or serving configuration is YAML too, with its lines
            or (artifact.format == "json" and artifact.path.suffix.lower() == ".json")
        )

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        is_json = artifact.format == "json"
        chart = not is_json and is_chart_values(artifact)
        detached = False
        try:
            text = read_text(artifact.path, MAX_CONFIG_BYTES)
            detached = not (is_json or chart) and is_detached_values(artifact, text)
            chart = chart or detached
        except TooLarge:
            if chart:
                yield CONFIG_NOT_PARSED.at(
                    Location(path=artifact.relpath),
                    f"chart values larger than {MAX_CONFIG_BYTES} bytes were not verified",
                )
            return
        serve = not is_json and "applications" in text and "http_options" in text
        models = not chart and any(k in text for k in CONFIG_MODEL_KEYS)
        bento = artifact.name.lower() in ("bentofile.yaml", "bentofile.yml")
        if is_json and not models:
            return
        if not (chart or serve or bento or models) and "singleuser" not in text:
            return
        try:
            docs = load_all(text)
        except YamlError as exc:
            if chart:
                yield CONFIG_NOT_PARSED.at(
                    Location(path=artifact.relpath),
                    f"not verified: {exc}",
                    evidence=str(exc)[:300],
                )
            return
        # a detached values file's chart is not at hand: an empty tag is not judged
        default_tag = not chart or detached or templates_default_tag(artifact.path.parent)
        reported = config_lines_reported(artifact, text) if chart else frozenset()
        for doc in docs:
            if models:
                yield from config_models(doc, artifact.relpath, 0)
            if serve or bento:
                yield from _deploy_config(doc, artifact.relpath)
            z2jh = _is_z2jh(doc)
            if not (chart or z2jh):
                continue
            unused = chart and not detached and templates_skip_resources(artifact.path.parent)
            yield from _Walk(artifact.relpath, chart, default_tag, reported, unused).walk(
                doc, "", 0
            )
            if z2jh:
                yield from _z2jh(doc, artifact.relpath)
