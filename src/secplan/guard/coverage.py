"""Which serving endpoints of a project a valid guard policy covers.

Policy files are the project's ``guard.toml`` and ``*.guard.toml`` files, and whatever file a
guard found in the project names with ``--policy`` (or ``build_gate(Path(...))``), matched by
file name: of several, the one sharing the most trailing folders with the name given, then
the one beside the guard. Each is validated with the guard's own loader
(:func:`~secplan.guard.policy.load_policy`): a bad one is kept with its one-line error.

An endpoint is covered when:

* a ``secplan guard serve`` (compose service, Kubernetes container, script) has an
  ``--upstream`` whose host is one of the endpoint's names (compose service and its aliases,
  Kubernetes Service or workload, the Services an operator creates, a cluster-internal name
  with its namespace; for a Python app, the service that runs its module), or a loopback
  address with the endpoint's port, and the port matches when both are known;
* or the app is wrapped in ``GuardMiddleware`` in its own module;
* or a route of a valid policy has its own ``upstream`` pointing at the endpoint that way;

and the guard's policy is valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from secplan.endpoints import (
    FORMATS,
    LOCAL_HOSTS,
    Endpoint,
    Found,
    Guard,
    discover,
    url_host_port,
)
from secplan.errors import ConfigError
from secplan.model.artifact import Artifact, ArtifactKind

if TYPE_CHECKING:  # the policy schema (pydantic) loads only when a policy file is read
    from secplan.guard.policy import Policy, RouteIn

POLICY_NAMES = ("guard.toml",)
POLICY_SUFFIX = ".guard.toml"
#: Input checks that validate a request; every one ``pass`` means nothing is checked.
INPUT_CHECKS = ("schema_", "range", "ood", "injection", "pii", "secrets", "tokens")


@dataclass(frozen=True, slots=True)
class PolicyFile:
    path: str  # relative to the project root
    policy: Policy | None
    error: str = ""  # why it is not a valid policy (one line)
    text: str = ""


@dataclass(frozen=True, slots=True)
class Cover:
    endpoint: Endpoint
    policy: PolicyFile | None = None  # the valid policy covering it
    guard: Guard | None = None  # the guard in front of it (None: a policy route's upstream)
    why_not: str = ""  # why it is not covered

    @property
    def covered(self) -> bool:
        return self.policy is not None and self.policy.policy is not None

    @property
    def how(self) -> str:
        if self.policy is None:
            return ""
        g = self.guard
        if g is None:
            return f"a route upstream in {self.policy.path}"
        if g.how == "middleware":
            return f"GuardMiddleware ({g.path}:{g.line}) with {self.policy.path}"
        who = f"guard service {g.service}" if g.service else "secplan guard serve"
        return f"{who} ({g.path}:{g.line}) with {self.policy.path}"


@dataclass(frozen=True, slots=True)
class Coverage:
    policies: tuple[PolicyFile, ...]
    covers: tuple[Cover, ...]
    guards: tuple[Guard, ...]

    @property
    def uncovered(self) -> tuple[Cover, ...]:
        return tuple(c for c in self.covers if not c.covered)

    def used_policies(self) -> tuple[PolicyFile, ...]:
        """Valid policies that cover at least one endpoint, in path order."""
        paths = {c.policy.path for c in self.covers if c.covered and c.policy}
        return tuple(p for p in self.policies if p.path in paths)


def _is_policy_name(name: str) -> bool:
    return name in POLICY_NAMES or name.endswith(POLICY_SUFFIX)


def _load(a: Artifact) -> PolicyFile:
    from secplan.textfile import TooLarge, read_text

    try:
        text = read_text(a.path, 1 << 20)
    except (OSError, TooLarge):
        text = ""
    from secplan.guard.policy import load_policy

    try:
        return PolicyFile(a.relpath, load_policy(a.path), text=text)
    except ConfigError as exc:
        msg = exc.message.replace(a.path.name + ": ", "", 1).splitlines()[0] if exc.message else ""
        return PolicyFile(a.relpath, None, msg[:300] or "not a valid guard policy", text)
    except ImportError as exc:  # a JSON schema to check, and no jsonschema installed
        why = f"cannot be checked without {exc.name or 'jsonschema'}: pip install 'secplan[guard]'"
        return PolicyFile(a.relpath, None, why, text)
    except (OSError, ValueError, RecursionError) as exc:  # a loader limit, never a traceback
        return PolicyFile(a.relpath, None, f"{type(exc).__name__}: {str(exc)[:200]}", text)


def policy_files(artifacts: Iterable[Artifact], guards: Iterable[Guard]) -> tuple[PolicyFile, ...]:
    named = {PurePosixPath(g.policy).name for g in guards if g.policy}
    return tuple(
        _load(a)
        for a in sorted(artifacts, key=lambda a: a.relpath)
        if a.kind is ArtifactKind.CONFIG
        and a.format == "toml"
        and (_is_policy_name(a.name) or a.name in named)
    )


def _policy_of(guard: Guard, policies: tuple[PolicyFile, ...]) -> tuple[PolicyFile | None, str]:
    if not guard.policy:
        if len(policies) == 1:
            return policies[0], ""
        return None, "the guard names no --policy found in the project"
    name = PurePosixPath(guard.policy).name
    same = [p for p in policies if PurePosixPath(p.path).name == name]
    if not same:
        return None, f"its policy {guard.policy} is not in the project"
    here = PurePosixPath(guard.path).parent
    wanted = PurePosixPath(guard.policy).parts[::-1]

    def closeness(p: PolicyFile) -> tuple[int, bool]:
        parts = PurePosixPath(p.path).parts[::-1]
        pairs = zip(parts, wanted, strict=False)
        shared = next((i for i, (a, b) in enumerate(pairs) if a != b), None)
        tail = min(len(parts), len(wanted)) if shared is None else shared
        return tail, PurePosixPath(p.path).parent == here

    return max(same, key=closeness), ""


def _targets(e: Endpoint, found: Found) -> tuple[set[str], set[int | None]]:
    """Names an upstream may use for ``e``, and its ports."""
    names = {n for n in (e.service, *e.aliases) if n}
    ports = {e.port}
    if e.module:
        for service, module, port in found.runners:
            if module == e.module or e.module in found.used_by(module):
                names.add(service)
                ports.add(port)
    return names, ports


def _short(host: str) -> str:
    """A cluster-internal name without its namespace and domain (``tgi.ml.svc.cluster.local``
    is ``tgi``); other names as they are."""
    if host.endswith((".svc", ".svc.cluster.local")):
        return host.split(".", 1)[0]
    return host


def _points_at(host: str, port: int | None, e: Endpoint, found: Found) -> bool:
    host = _short(host)
    names, ports = _targets(e, found)
    known = {p for p in ports if p is not None}
    port_ok = port is None or not known or port in known
    if host in names:
        return port_ok
    return host in LOCAL_HOSTS and not e.service and port is not None and port in known


def _route_upstreams(p: PolicyFile) -> list[tuple[str, int | None]]:
    routes = p.policy.spec.route if p.policy else ()
    return [url_host_port(r.upstream) for r in routes if r.upstream]


def _cover(e: Endpoint, found: Found, policies: tuple[PolicyFile, ...]) -> Cover:
    why = "no guard in front of it and no guard policy route points at it"
    for g in found.guards:
        if g.how == "middleware":
            same = g.module == e.module and g.path == e.path
            if not e.module or not (same or e.module in found.used_by(g.module)):
                continue
        elif not _points_at(g.host, g.port, e, found):
            continue
        policy, missing = _policy_of(g, policies)
        if policy is not None and policy.policy is not None:
            return Cover(e, policy, g)
        why = missing or f"the guard's policy {policy.path if policy else ''} is invalid"
    for p in policies:
        if p.policy is not None and any(
            _points_at(h, port, e, found) for h, port in _route_upstreams(p)
        ):
            return Cover(e, p, None)
    return Cover(e, None, None, why)


def _stamp(artifacts: tuple[Artifact, ...]) -> tuple[tuple[str, int, int], ...]:
    """What the files coverage reads are now: a scan and its posture share one result."""
    out = []
    for a in artifacts:
        if a.format in FORMATS or a.format == "toml":
            try:
                st = a.path.stat()
            except OSError:
                continue
            out.append((str(a.path), st.st_size, st.st_mtime_ns))
    return tuple(out)


_last: tuple[tuple[tuple[str, int, int], ...], Coverage] | None = None


def coverage(artifacts: tuple[Artifact, ...]) -> Coverage:
    """The project's endpoints, each with the guard policy covering it (or why none does)."""
    global _last
    stamp = _stamp(artifacts)
    last = _last
    if last is not None and last[0] == stamp:
        return last[1]
    result = _coverage(artifacts)
    _last = (stamp, result)
    return result


def _coverage(artifacts: tuple[Artifact, ...]) -> Coverage:
    found = discover(artifacts)
    if not found.endpoints and not found.guards:
        policies: tuple[PolicyFile, ...] = policy_files(artifacts, ())
        return Coverage(policies, (), ())
    policies = policy_files(artifacts, found.guards)
    return Coverage(
        policies, tuple(_cover(e, found, policies) for e in found.endpoints), found.guards
    )


# --- what a covering policy does -------------------------------------------------------------


def validates(route: RouteIn) -> bool:
    """The route checks something on the way in and filters something on the way out."""
    inp, out = route.input, route.output
    checks_in = any(getattr(inp, name) != "pass" for name in INPUT_CHECKS)
    filters_out = (
        out.redact_pii
        or out.redact_secrets
        or out.json_schema is not None
        or out.round is not None
        or out.top_k is not None
        or out.label_only
    )
    return checks_in and filters_out


def rate_limited(route: RouteIn) -> bool:
    return route.limits.rate is not None or route.limits.model_rate is not None


def route_line(p: PolicyFile, name: str) -> int | None:
    """The line of ``name = "<name>"`` in the policy file, if it can be found."""
    for n, line in enumerate(p.text.splitlines(), 1):
        stripped = line.replace(" ", "")
        if stripped.startswith((f'name="{name}"', f"name='{name}'")):
            return n
    return None
