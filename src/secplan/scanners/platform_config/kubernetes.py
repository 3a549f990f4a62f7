"""Kubernetes manifests: pod security settings of every workload, and (project-wide) exposed
model servers and missing network policies."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from secplan.model import Artifact, ArtifactKind, Confidence, Finding, Location, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.code.checks_net import plain_http_host, shown_url
from secplan.scanners.code.rules_run import PLAINTEXT_URL
from secplan.scanners.platform_config.argo import argo_injections
from secplan.scanners.platform_config.commands import (
    COMMAND_RULES,
    service_url_hits,
    tls_setting_hits,
)
from secplan.scanners.platform_config.common import (
    ANY_SETTING,
    DANGEROUS_CAPS,
    MAX_CONFIG_BYTES,
    MODEL_SERVER,
    as_list,
    as_map,
    at_line,
    command_findings,
    entrypoint_of,
    env_findings,
    hit_findings,
    host_path_finding,
    image_finding,
    item_line,
    key_line,
    line_of,
    load_documents,
    mappings,
    model_env_findings,
)
from secplan.scanners.platform_config.rules import (
    ADDED_CAPABILITIES,
    ALL_INTERFACES,
    CONFIG_NOT_PARSED,
    EXPOSED_WITHOUT_TLS,
    GPU_DEVICE_MOUNT,
    HOST_NAMESPACE,
    HOST_PATH,
    LITERAL_SECRET,
    MANAGEMENT_API_EXPOSED,
    NETWORK_POLICY_MISSING,
    PRIVILEGE_ESCALATION,
    PRIVILEGED,
    PSS_RESTRICTED,
    RESOURCE_LIMITS,
    SECURITY_PROFILE_OFF,
    UNAUTHENTICATED_SERVER,
    UNPINNED_BASE_IMAGE,
    WORKFLOW_INJECTION,
    WORKLOAD_ROOT,
)
from secplan.scanners.platform_config.secrets import is_literal_secret, redact
from secplan.scanners.platform_config.servers import DEFAULT_BIND, model_pin_hits
from secplan.scanners.platform_config.uiservers import ui_server_hits
from secplan.textfile import TooLarge, read_text

WORKLOAD_KINDS = frozenset(
    {
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "Pod",
        "ReplicationController",
    }
)
MAX_OBJECTS = 10_000
_EXPOSURE_RULES = frozenset({UNAUTHENTICATED_SERVER.id, ALL_INTERFACES.id})


@dataclass(frozen=True, slots=True)
class Workload:
    kind: str
    name: str
    labels: dict[Any, Any]
    spec: dict[Any, Any]  # the pod spec
    line: int | None


def objects(docs: list[Any]) -> Iterator[dict[Any, Any]]:
    """Top-level objects, with ``kind: List`` items unpacked."""
    count = 0
    for doc in docs:
        items = (
            as_list(doc.get("items"))
            if isinstance(doc, dict) and doc.get("kind") == "List"
            else [doc]
        )
        for item in items:
            if isinstance(item, dict) and count < MAX_OBJECTS:
                count += 1
                yield item


def workload(obj: dict[Any, Any]) -> Workload | None:
    kind = obj.get("kind")
    if kind not in WORKLOAD_KINDS:
        return None
    spec = as_map(obj.get("spec"))
    meta = as_map(obj.get("metadata"))
    labels = as_map(meta.get("labels"))
    if kind == "CronJob":
        spec = as_map(as_map(spec.get("jobTemplate")).get("spec"))
    if kind != "Pod":
        template = as_map(spec.get("template"))
        labels = as_map(as_map(template.get("metadata")).get("labels")) or labels
        spec = as_map(template.get("spec"))
    return Workload(str(kind), str(meta.get("name", "")), labels, spec, line_of(obj))


_CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")
#: Keys of a container, one of which (with ``image``) makes a mapping a container.
_CONTAINER_KEYS = frozenset(
    {"command", "args", "securityContext", "resources", "env", "ports", "volumeMounts", "script"}
)
MAX_WALK_DEPTH = 24
#: Keys of a KServe predictor's model (``model``, or a framework key such as ``sklearn``):
#: a container whose image the serving runtime supplies.
_SERVING_MODEL_KEYS = frozenset({"modelFormat", "storageUri", "runtime", "protocolVersion"})


def _is_serving_model(node: dict[Any, Any]) -> bool:
    """A KServe ``model`` (or framework predictor) written without an ``image``: the
    runtime's container, with this mapping's arguments, resources and security context."""
    keys = set(node)
    return "modelFormat" in keys or bool(_SERVING_MODEL_KEYS & keys and _CONTAINER_KEYS & keys)


def embedded_workloads(obj: dict[Any, Any]) -> Iterator[Workload]:
    """Pod specs inside an object of another kind: the pod templates of custom resources
    (RayCluster and RayService head and worker groups, Kubeflow jobs, Argo and Tekton
    steps), containers written straight into them (a KServe predictor's ``model``), and
    the host namespaces and host-path volumes they set for the pods they make.

    A mapping with a ``containers`` list is a pod spec; a mapping with an ``image`` and a
    container's settings is a container, whose pod settings are its parent's."""
    kind = str(obj.get("kind", ""))
    meta = as_map(obj.get("metadata"))
    name = str(meta.get("name", ""))

    def walk(node: object, parent: dict[Any, Any], depth: int) -> Iterator[Workload]:
        if depth > MAX_WALK_DEPTH:
            return
        if isinstance(node, list):
            for item in node:
                yield from walk(item, parent, depth + 1)
            return
        if not isinstance(node, dict):
            return
        if any(isinstance(node.get(k), list) for k in _CONTAINER_LISTS):
            labels = as_map(as_map(parent.get("metadata")).get("labels")) or as_map(
                meta.get("labels")
            )
            yield Workload(kind, name, labels, node, line_of(node, line_of(obj)))
            return
        if (_CONTAINER_KEYS & set(node) and isinstance(node.get("image"), str)) or (
            _is_serving_model(node)
        ):
            spec = {"containers": [node]}
            if isinstance(parent.get("securityContext"), dict) and parent is not node:
                spec["securityContext"] = parent["securityContext"]
            yield Workload(kind, name, as_map(meta.get("labels")), spec, line_of(node))
            return
        if _pod_settings(node):
            # settings a custom resource gives every pod it makes (an Argo workflow's
            # ``hostNetwork``, a template's ``volumes``): judged where they are written
            yield Workload(kind, name, as_map(meta.get("labels")), node, line_of(node))
        for key, value in node.items():
            if key not in ("metadata", "status"):
                yield from walk(value, node, depth + 1)

    yield from walk(obj.get("spec"), obj, 0)


def _pod_settings(node: dict[Any, Any]) -> bool:
    """A mapping without containers that sets a host namespace or mounts a host path."""
    if any(node.get(k) is True for k in ("hostNetwork", "hostPID", "hostIPC")):
        return True
    return any("hostPath" in as_map(v) for v in as_list(node.get("volumes")))


def _ray_params(obj: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """KubeRay ``rayStartParams``: a dashboard (and its job API, which runs code without
    authentication) bound to every interface."""
    if "ray.io" not in str(obj.get("apiVersion", "")):
        return

    def walk(node: object, depth: int) -> Iterator[Finding]:
        if depth > MAX_WALK_DEPTH:
            return
        if isinstance(node, list):
            for item in node:
                yield from walk(item, depth + 1)
        elif isinstance(node, dict):
            params = as_map(node.get("rayStartParams"))
            host = params.get("dashboard-host")
            if isinstance(host, str) and host.strip() in ("0.0.0.0", "::", "[::]"):  # noqa: S104
                yield MANAGEMENT_API_EXPOSED.at(
                    Location(path=rel, line=key_line(params, "dashboard-host", line_of(params))),
                    "Ray dashboard (and its job submission API, which runs code and has no "
                    "authentication) listens on all interfaces",
                    evidence=f"dashboard-host: {host}",
                )
            head_type = node.get("serviceType") if "rayStartParams" in node else None
            if head_type in ("LoadBalancer", "NodePort"):
                # KubeRay makes the head's Service of this type: dashboard (job API), client
                # and GCS ports, none of them authenticated
                yield EXPOSED_WITHOUT_TLS.at(
                    Location(path=rel, line=key_line(node, "serviceType", line_of(node))),
                    f"Ray head service ({head_type}) exposes the dashboard, its job API "
                    "(which runs code) and the client port, with no authentication",
                    evidence=f"headGroupSpec.serviceType: {head_type}",
                )
            for key in ("serveService", "headService"):
                svc = as_map(node.get(key))
                svc_spec = as_map(svc.get("spec"))
                kind = svc_spec.get("type")
                if kind in ("LoadBalancer", "NodePort") and not _has_tls(svc):
                    yield EXPOSED_WITHOUT_TLS.at(
                        Location(path=rel, line=key_line(svc_spec, "type", line_of(svc))),
                        f"Ray {key} ({kind}) exposes Ray Serve, which has no authentication, "
                        "without TLS",
                        evidence=f"{key}.spec.type: {kind}",
                    )
            for key, value in node.items():
                if key != "rayStartParams":
                    yield from walk(value, depth + 1)

    yield from walk(obj.get("spec"), 0)


#: Labels that select a UI with no authentication of its own, installed by its platform
#: (so its Deployment is not in the project): the Kubeflow Pipelines UI.
_OPEN_UI_LABELS = {"ml-pipeline-ui": "the Kubeflow Pipelines UI (runs, artifacts, pipelines)"}
_LABEL_KEYS = ("app", "app.kubernetes.io/name", "app.kubernetes.io/component", "component")
_RAY_DASHBOARD_PORT = 8265
_ANYWHERE = ("0.0.0.0/0", "::/0")


def _open_ui_service(svc: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """A LoadBalancer or NodePort Service in front of a UI without authentication: the
    Kubeflow Pipelines UI, or a Ray head's dashboard port (its job API runs code). Load
    balancers limited by ``loadBalancerSourceRanges`` and TLS ports are left alone."""
    spec = as_map(svc.get("spec"))
    kind = spec.get("type")
    if kind not in ("LoadBalancer", "NodePort") or _has_tls(svc):
        return
    ranges = [str(r).strip() for r in as_list(spec.get("loadBalancerSourceRanges"))]
    if ranges and not set(ranges) & set(_ANYWHERE):
        return
    selector = as_map(spec.get("selector"))
    ui = next(
        (
            _OPEN_UI_LABELS[str(selector[k])]
            for k in _LABEL_KEYS
            if str(selector.get(k)) in _OPEN_UI_LABELS
        ),
        None,
    )
    if ui is None and str(selector.get("ray.io/node-type")) == "head":
        ports = [as_map(p) for p in as_list(spec.get("ports"))]
        if any(
            _RAY_DASHBOARD_PORT in (p.get("port"), p.get("targetPort"))
            or str(p.get("name", "")).lower() == "dashboard"
            for p in ports
        ):
            ui = "the Ray dashboard (its job API runs submitted code)"
    if ui is None:
        return
    yield _at_type(
        UNAUTHENTICATED_SERVER,
        svc,
        rel,
        f"puts {ui}, which has no authentication of its own, outside the cluster",
        confidence=Confidence.MEDIUM,
    )


def _at_type(
    rule: Rule, svc: dict[Any, Any], rel: str, what: str, confidence: Confidence | None = None
) -> Finding:
    """A finding about Service ``svc``, placed at its ``type``."""
    spec = as_map(svc.get("spec"))
    kind, selector = spec.get("type"), as_map(spec.get("selector"))
    name = as_map(svc.get("metadata")).get("name", "?")
    return rule.at(
        Location(path=rel, line=key_line(spec, "type", line_of(svc))),
        f"Service {name} ({kind}) {what}",
        evidence=f"type: {kind}, selector: {dict(selector)}"[:200],
        confidence=confidence,
    )


#: Pod labels a serving platform puts on the model-server pods it creates (so their
#: Deployment is not in the project): a Service selecting by one fronts that model server.
_SERVING_POD_LABELS = {
    "serving.kserve.io/inferenceservice": "the KServe InferenceService",
    "seldon-deployment-id": "the Seldon deployment",
}


def _platform_model_service(svc: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """A LoadBalancer or NodePort Service, without TLS, that selects the pods of a serving
    platform's model server by the label the platform gives them."""
    spec = as_map(svc.get("spec"))
    kind = spec.get("type")
    if kind not in ("LoadBalancer", "NodePort") or _has_tls(svc):
        return
    selector = as_map(spec.get("selector"))
    label = next((k for k in _SERVING_POD_LABELS if k in selector), None)
    if label is None:
        return
    yield _at_type(
        EXPOSED_WITHOUT_TLS,
        svc,
        rel,
        f"exposes {_SERVING_POD_LABELS[label]} {selector[label]!s} outside the cluster without TLS",
    )


def _kustomize_images(obj: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """A Kustomization's ``images`` entry that retags an image to ``latest`` (without a
    digest): every build of the overlay deploys whatever was pushed last."""
    for entry in as_list(obj.get("images")):
        entry = as_map(entry)
        tag = entry.get("newTag")
        if entry.get("digest") or not isinstance(tag, str) or tag.strip() != "latest":
            continue
        image = entry.get("newName") or entry.get("name") or "?"
        yield UNPINNED_BASE_IMAGE.at(
            Location(path=rel, line=key_line(entry, "newTag", line_of(entry))),
            f"kustomize retags image {image} to latest, with no digest",
            evidence=f"newTag: {tag}",
        )


def _containers(spec: dict[Any, Any]) -> Iterator[tuple[dict[Any, Any], bool]]:
    for key in _CONTAINER_LISTS:
        for c in as_list(spec.get(key)):
            if isinstance(c, dict):
                yield c, key == "containers"


def _runs_as_root(
    pod_sc: dict[Any, Any], sc: dict[Any, Any], line: int | None
) -> tuple[str, int | None] | None:
    """Why a container may run as root, and the line that says so (``line`` when unset)."""
    non_root = sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot"))
    user = sc.get("runAsUser", pod_sc.get("runAsUser"))
    owner = sc if "runAsUser" in sc else pod_sc
    if user == 0 or user == "0":
        return "runAsUser is 0 (root)", key_line(owner, "runAsUser", line)
    owner = sc if "runAsNonRoot" in sc else pod_sc
    if non_root is False and user is None:
        return "runAsNonRoot is false", key_line(owner, "runAsNonRoot", line)
    if non_root is not True and user is None:
        return "neither runAsNonRoot: true nor a non-root runAsUser is set", line
    return None


def _privileges(
    c: dict[Any, Any], pod_sc: dict[Any, Any], loc: Location, name: str
) -> Iterator[Finding]:
    sc = as_map(c.get("securityContext"))
    # an absent setting is reported where the container's securityContext is written, if it is
    sc_line = key_line(c, "securityContext", loc.line)
    privileged = sc.get("privileged") is True
    if privileged:
        yield PRIVILEGED.at(
            at_line(loc, key_line(sc, "privileged", line_of(sc))),
            f"{name} is privileged",
            evidence="privileged: true",
        )
    root = _runs_as_root(pod_sc, sc, sc_line)
    if root:
        why, line = root
        yield WORKLOAD_ROOT.at(at_line(loc, line), f"{name} may run as root: {why}", evidence=why)
    if sc.get("allowPrivilegeEscalation") is not False:
        why = " (and is privileged, which always allows it)" if privileged else ""
        yield PRIVILEGE_ESCALATION.at(
            at_line(loc, key_line(sc, "allowPrivilegeEscalation", sc_line)),
            f"{name} does not set allowPrivilegeEscalation: false{why}",
            evidence=f"allowPrivilegeEscalation: {sc.get('allowPrivilegeEscalation', 'unset')}",
        )
    for owner in (sc, pod_sc):
        profile = as_map(owner.get("seccompProfile"))
        if str(profile.get("type", "")).lower() == "unconfined":
            yield SECURITY_PROFILE_OFF.at(
                at_line(loc, key_line(profile, "type", key_line(owner, "seccompProfile"))),
                f"{name} runs without seccomp confinement",
                evidence="seccompProfile.type: Unconfined",
            )
            break
    add = as_map(sc.get("capabilities")).get("add")
    added = [str(x).upper().removeprefix("CAP_") for x in as_list(add)]
    bad = sorted(set(added) & DANGEROUS_CAPS)
    if bad:
        first = next(i for i, x in enumerate(added) if x in DANGEROUS_CAPS)
        yield ADDED_CAPABILITIES.at(
            at_line(loc, item_line(add, first)),
            f"{name} adds {', '.join(bad)}",
            evidence=f"capabilities.add: {bad}",
        )
    missing = _restricted_gaps(sc, pod_sc)
    if missing:
        yield PSS_RESTRICTED.at(
            at_line(loc, sc_line),
            f"{name} misses the Restricted profile's {' and '.join(missing)}",
            evidence=", ".join(f"{m} unset" for m in missing),
        )
    for i, port in enumerate(as_list(c.get("ports"))):
        host_port = as_map(port).get("hostPort")
        if isinstance(host_port, int) and host_port > 0:
            yield HOST_NAMESPACE.at(
                at_line(loc, key_line(port, "hostPort", item_line(c.get("ports"), i))),
                f"{name} publishes port {host_port} on the node's own interfaces (hostPort)",
                evidence=f"hostPort: {host_port}",
            )


def _restricted_gaps(sc: dict[Any, Any], pod_sc: dict[Any, Any]) -> list[str]:
    """What the Pod Security Standards' Restricted profile requires that a container lacks
    (beyond what other rules report): dropping ALL capabilities, and a seccomp profile."""
    missing = []
    drop = [str(x).upper() for x in as_list(as_map(sc.get("capabilities")).get("drop"))]
    if "ALL" not in drop:
        missing.append("capabilities.drop: [ALL]")
    profile = as_map(sc.get("seccompProfile")) or as_map(pod_sc.get("seccompProfile"))
    if str(profile.get("type", "")) not in ("RuntimeDefault", "Localhost"):
        missing.append("seccompProfile RuntimeDefault")
    return missing


#: Server options that name the model or its revision (they take precedence over MODEL_ID).
_MODEL_OPTIONS = ("--model", "--revision", "--model_id", "--model-id")


def _container_findings(
    c: dict[Any, Any], regular: bool, pod_sc: dict[Any, Any], rel: str, what: str
) -> Iterator[Finding]:
    loc = Location(path=rel, line=line_of(c))
    name = f"{what} container {c.get('name', '?')}"
    yield from _privileges(c, pod_sc, loc, name)
    resources = as_map(c.get("resources"))
    limits = as_map(resources.get("limits"))
    if regular and not ({"memory", "cpu"} & set(limits)):
        # with requests only, at the request to mirror into limits (memory first)
        requests = as_map(resources.get("requests"))
        line = key_line(requests, "memory", key_line(requests, "cpu"))
        yield RESOURCE_LIMITS.at(
            at_line(loc, line or key_line(resources, "requests") or key_line(c, "resources")),
            f"{name} has no CPU or memory limit",
            evidence="resources.limits unset" if not limits else f"limits: {sorted(limits)}",
        )
    image = image_finding(c.get("image"), at_line(loc, key_line(c, "image")), name)
    if image is not None:
        yield image
    env_names = set()
    env: list[tuple[str, object, int | None]] = []
    for var in as_list(c.get("env")):
        if isinstance(var, dict) and isinstance(var.get("name"), str):
            if "value" not in var or str(var["value"]).strip():
                env_names.add(var["name"])  # an empty value sets nothing
            # a value from a Secret or a field is set, but not known here
            env.append((var["name"], var.get("value"), key_line(var, "value", line_of(var))))
            if "value" not in var:
                continue
            where = at_line(loc, key_line(var, "value", line_of(var)))
            if is_literal_secret(var["name"], var["value"]):
                yield LITERAL_SECRET.at(
                    where,
                    f"{name} sets {var['name']} to a literal value",
                    evidence=f"{var['name']}={redact(var['value'])}",
                )
            yield from env_findings(var["name"], var["value"], where)
    argv: list[str] = []
    lines: list[int | None] = []
    for key in ("command", "args"):
        items = as_list(c.get(key))
        argv += [str(x) for x in items]
        lines += [item_line(c.get(key), i, key_line(c, key)) for i in range(len(items))]
    if not any(w.startswith(_MODEL_OPTIONS) for w in argv):  # options override the env
        yield from model_env_findings(env, loc)
    uri = c.get("storageUri")
    if isinstance(uri, str) and uri.strip().lower().startswith("hf://"):
        # KServe's Hub storage: hf://org/model, pinned as hf://org/model:<commit>
        repo, _, revision = uri.strip()[5:].partition(":")
        hits = model_pin_hits(repo, revision or None, "storageUri")
        yield from hit_findings(hits, at_line(loc, key_line(c, "storageUri")))
    if argv:
        where = at_line(loc, key_line(c, "command", key_line(c, "args")))
        for f in command_findings(argv, env_names, where, image=_image_of(c), lines=lines):
            # a server in a pod must listen on the pod's interfaces: its default bind says
            # nothing (exposure outside the cluster is CF114's, by Service type)
            if f.rule in _EXPOSURE_RULES and f.evidence.startswith(DEFAULT_BIND):
                continue
            yield f


def pod_findings(w: Workload, rel: str) -> Iterator[Finding]:
    what = f"{w.kind} {w.name}".strip()
    loc = Location(path=rel, line=line_of(w.spec, w.line))
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if w.spec.get(key) is True:
            yield HOST_NAMESPACE.at(
                at_line(loc, key_line(w.spec, key)),
                f"{what} sets {key}: true",
                evidence=f"{key}: true",
            )
    pod_sc = as_map(w.spec.get("securityContext"))
    for c, regular in _containers(w.spec):
        yield from _container_findings(c, regular, pod_sc, rel, what)
    for vol in as_list(w.spec.get("volumes")):
        host = as_map(as_map(vol).get("hostPath"))
        if isinstance(host.get("path"), str):
            f = host_path_finding(
                host["path"],
                Location(path=rel, line=key_line(host, "path", line_of(vol, loc.line))),
                f"hostPath volume of {what}",
            )
            if f is not None:
                yield f


class KubernetesScanner:
    """Pod security of every workload in a Kubernetes manifest."""

    name: ClassVar[str] = "kubernetes"
    rules: ClassVar[tuple[Rule, ...]] = (
        PRIVILEGED,
        HOST_NAMESPACE,
        WORKLOAD_ROOT,
        PRIVILEGE_ESCALATION,
        ADDED_CAPABILITIES,
        HOST_PATH,
        GPU_DEVICE_MOUNT,
        RESOURCE_LIMITS,
        LITERAL_SECRET,
        CONFIG_NOT_PARSED,
        UNPINNED_BASE_IMAGE,
        SECURITY_PROFILE_OFF,
        PSS_RESTRICTED,
        EXPOSED_WITHOUT_TLS,
        WORKFLOW_INJECTION,
        *COMMAND_RULES,
    )

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.kind is ArtifactKind.DEPLOYMENT and artifact.format == "kubernetes"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        docs, problem = load_documents(artifact)
        if problem is not None:
            yield problem
            return
        raw = _argo_lines(artifact)
        for doc in docs:
            injected: frozenset[str] = getattr(doc, "injected", frozenset())
            for f in self._objects_findings(objects([doc]), artifact.relpath, raw):
                if not _may_be_templated(f, injected):
                    yield f

    @staticmethod
    def _objects_findings(
        objs: Iterator[dict[Any, Any]], rel: str, raw: Sequence[str] = ()
    ) -> Iterator[Finding]:
        for obj in objs:
            yield from _settings(obj, rel)
            w = workload(obj)
            if w is not None:
                yield from pod_findings(w, rel)
                continue
            for embedded in embedded_workloads(obj):
                yield from pod_findings(embedded, rel)
            if obj.get("kind") == "InferenceService":
                yield from _inference_service(obj, rel)
            elif obj.get("kind") == "Service":
                yield from _open_ui_service(obj, rel)
                yield from _platform_model_service(obj, rel)
            elif obj.get("kind") == "Kustomization":
                yield from _kustomize_images(obj, rel)
            yield from _ray_params(obj, rel)
            yield from argo_injections(obj, rel, raw)


def _argo_lines(artifact: Artifact) -> list[str]:
    """The lines of an Argo manifest as written (its ``{{ }}`` expressions included)."""
    try:
        text = read_text(artifact.path, MAX_CONFIG_BYTES)
    except (TooLarge, OSError):
        return []
    return text.splitlines() if "argoproj.io" in text and "workflow.parameters" in text else []


def _settings(obj: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """Settings an object hands to clients: its annotations (KServe's
    ``serving.kserve.io/s3-usehttps: "0"`` on a storage Secret), and the values of a
    ConfigMap's ``data`` or a Secret's ``stringData``, which pods take as their environment
    (``S3_USE_HTTPS``, ``MLFLOW_TRACKING_URI: http://...``)."""
    annotations = as_map(as_map(obj.get("metadata")).get("annotations"))
    for key, value in annotations.items():
        where = Location(path=rel, line=key_line(annotations, key, line_of(obj)))
        yield from hit_findings(tls_setting_hits(str(key), value), where)
    for uri, line in _model_uris(obj.get("spec")):
        if plain_http_host(uri):
            yield PLAINTEXT_URL.at(
                Location(path=rel, line=line),
                "the model is fetched over plain HTTP: anyone on the path can swap its weights",
                evidence=f"model URI {shown_url(uri)}",
            )
    for name, value, line in _parameters(obj.get("spec")):
        yield from hit_findings(service_url_hits(name, value), Location(path=rel, line=line))
    kind = obj.get("kind")
    values = as_map(obj.get("data" if kind == "ConfigMap" else "stringData"))
    if kind in ("ConfigMap", "Secret"):
        for key, value in values.items():
            where = Location(path=rel, line=key_line(values, key, line_of(obj)))
            yield from env_findings(str(key), value, where)


#: Keys of serving resources that name where the model is fetched from (KServe's
#: ``storageUri``, Seldon's ``modelUri``).
_MODEL_URI_KEYS = frozenset({"storageUri", "modelUri", "storageUris", "modelUris"})


def _parameters(node: object) -> Iterator[tuple[str, str, int | None]]:
    """``(name, value, line)`` of each ``- name: / value:`` item of a ``parameters`` or
    ``params`` list (Argo workflow arguments, Tekton params): values the steps receive."""
    for mapping in mappings(node, MAX_WALK_DEPTH):
        for key in ("parameters", "params"):
            for item in as_list(mapping.get(key)):
                item = as_map(item)
                name, value = item.get("name"), item.get("value")
                if isinstance(name, str) and isinstance(value, str):
                    yield name, value, key_line(item, "value", line_of(item))


def _model_uris(node: object) -> Iterator[tuple[str, int | None]]:
    """``(uri, line)`` of every model URI under ``node``."""
    for mapping in mappings(node, MAX_WALK_DEPTH):
        for key in _MODEL_URI_KEYS & set(mapping):
            value = mapping[key]
            for uri in value if isinstance(value, list) else [value]:
                if isinstance(uri, str):
                    yield uri.strip(), key_line(mapping, key, line_of(mapping))


def _may_be_templated(f: Finding, injected: frozenset[str]) -> bool:
    """A finding about a setting that is not written, where a template action inserts YAML
    that may write it (a resources block for a missing limit, a security context for the
    rest)."""
    if not injected or not ("unset" in f.evidence or f.evidence.startswith("neither")):
        return False
    topic = "resources" if f.rule == RESOURCE_LIMITS.id else "securityContext"
    return ANY_SETTING in injected or topic in injected


#: KServe model formats whose serving runtime is a server the command rules know.
_RUNTIME_IMAGES = {"huggingface": "kserve/huggingfaceserver"}


def _image_of(c: dict[Any, Any]) -> object:
    """A container's image; for a KServe model written without one, the image of its
    format's serving runtime, whose server gets the model's ``args``."""
    if "image" in c or not _is_serving_model(c):
        return c.get("image")
    return _RUNTIME_IMAGES.get(str(as_map(c.get("modelFormat")).get("name", "")).lower())


def _inference_service(obj: dict[Any, Any], rel: str) -> Iterator[Finding]:
    """KServe: ``serving.kserve.io/enable-auth: "false"`` turns its authentication off;
    the runtime's arguments are checked with its container."""
    annotations = as_map(as_map(obj.get("metadata")).get("annotations"))
    for key, value in annotations.items():
        if str(key).endswith("/enable-auth") and str(value).strip().lower() == "false":
            name = as_map(obj.get("metadata")).get("name", "?")
            yield UNAUTHENTICATED_SERVER.at(
                Location(path=rel, line=key_line(annotations, key, line_of(obj))),
                f"InferenceService {name} has authentication turned off",
                evidence=f"{key}: false",
            )


def _is_model_server(w: Workload) -> bool:
    for c, _ in _containers(w.spec):
        text = " ".join(
            str(x)
            for x in (c.get("image", ""), *as_list(c.get("command")), *as_list(c.get("args")))
        )
        if MODEL_SERVER.search(text):
            return True
    return False


def _has_tls(svc: dict[Any, Any]) -> bool:
    annotations = " ".join(str(k) for k in as_map(as_map(svc.get("metadata")).get("annotations")))
    if any(word in annotations.lower() for word in ("ssl-cert", "certificate", "tls")):
        return True
    for port in as_list(as_map(svc.get("spec")).get("ports")):
        p = as_map(port)
        if (
            p.get("port") == 443
            or "https" in str(p.get("name", "")).lower()
            or "tls" in str(p.get("name", "")).lower()
        ):
            return True
    return False


def _selects(selector: dict[Any, Any], labels: dict[Any, Any]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


class KubernetesProjectScanner:
    """Across all manifests: model servers exposed without TLS, and no NetworkPolicy at all."""

    name: ClassVar[str] = "kubernetes-project"
    rules: ClassVar[tuple[Rule, ...]] = (EXPOSED_WITHOUT_TLS, NETWORK_POLICY_MISSING)

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        workloads: list[tuple[str, Workload]] = []
        services: list[tuple[str, dict[Any, Any]]] = []
        made: list[tuple[str, Workload]] = []  # pods a custom resource's controller makes
        has_policy = False
        for a in ctx.artifacts:
            if a.kind is not ArtifactKind.DEPLOYMENT or a.format != "kubernetes":
                continue
            docs, _ = load_documents(a)  # parse problems are the artifact scanner's to report
            for obj in objects(docs):
                kind = obj.get("kind")
                has_policy = has_policy or kind in (
                    "NetworkPolicy",
                    "CiliumNetworkPolicy",
                    "AuthorizationPolicy",
                )
                if kind == "Service":
                    services.append((a.relpath, obj))
                elif (w := workload(obj)) is not None:
                    workloads.append((a.relpath, w))
                else:
                    made += [(a.relpath, w) for w in _controller_pods(obj)]
        yield from _exposed([*workloads, *made], services)
        if workloads and not has_policy:
            rel, w = workloads[0]
            yield NETWORK_POLICY_MISSING.at(
                Location(path=rel, line=w.line),
                f"{len(workloads)} workloads are defined but no NetworkPolicy restricts "
                "their traffic",
                evidence=", ".join(f"{x.kind}/{x.name}" for _, x in workloads[:5]),
            )


def _controller_pods(obj: dict[Any, Any]) -> Iterator[Workload]:
    """The pods a custom resource's controller makes, with the labels it gives them: a
    Kubeflow ``Notebook``'s pods carry ``notebook-name`` (and ``statefulset``) set to its
    name, which the Services in front of them select; other resources' pod templates keep
    their own labels."""
    extra: dict[str, str] = {}
    name = str(as_map(obj.get("metadata")).get("name", ""))
    if obj.get("kind") == "Notebook" and "kubeflow.org" in str(obj.get("apiVersion", "")):
        extra = {"notebook-name": name, "statefulset": name}
    for count, w in enumerate(embedded_workloads(obj)):
        if count >= MAX_CONTROLLER_PODS:
            break
        if isinstance(w.spec.get("containers"), list):
            yield Workload(w.kind, w.name, {**w.labels, **extra}, w.spec, w.line)


MAX_CONTROLLER_PODS = 100


def _exposed(
    workloads: list[tuple[str, Workload]], services: list[tuple[str, dict[Any, Any]]]
) -> Iterator[Finding]:
    for rel, svc in services:
        spec = as_map(svc.get("spec"))
        kind = spec.get("type")
        if kind not in ("LoadBalancer", "NodePort") or _has_tls(svc):
            continue
        selector = as_map(spec.get("selector"))
        selected = [w for _, w in workloads if _selects(selector, w.labels)]
        served = [w for w in selected if _is_model_server(w)]
        what = "model server"
        if not served:
            served = [w for w in selected if _serves_without_auth(w)]
            what = "server without client authentication"
        if served:
            name = as_map(svc.get("metadata")).get("name", "?")
            yield EXPOSED_WITHOUT_TLS.at(
                Location(path=rel, line=key_line(spec, "type", line_of(svc))),
                f"Service {name} ({kind}) exposes {what} "
                f"{served[0].kind}/{served[0].name} without TLS",
                evidence=f"type: {kind}, selector: {dict(selector)}",
            )


def _serves_without_auth(w: Workload) -> bool:
    """A workload one of whose containers starts a server with its authentication off
    (``argo server --auth-mode=server``)."""
    for c, _ in _containers(w.spec):
        words = [str(x) for x in (*as_list(c.get("command")), *as_list(c.get("args")))]
        if words:
            words = [*entrypoint_of(c.get("image"), words[0]), *words]
        if any(h.rule is UNAUTHENTICATED_SERVER for h in ui_server_hits(words, ())):
            return True
    return False
