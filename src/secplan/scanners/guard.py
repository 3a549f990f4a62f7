"""Guard coverage (MS2, MS5, MS6): every serving endpoint the project runs sits behind a valid
guard policy that validates requests and responses, records to the audit trail, asks callers
for a token and limits their rate.

Endpoints are found by :mod:`secplan.endpoints`, coverage is decided by
:mod:`secplan.guard.coverage`; neither imports or runs project code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from secplan.model import ControlId, Location, Rule, Severity
from secplan.model.finding import Finding
from secplan.model.rule import cwe
from secplan.scanners._base import ScanContext

C = ControlId
GUARD_CONTROLS = ("MS2", "MS5", "MS6")

UNGUARDED = Rule(
    id="GD001",
    name="unguarded-serving-endpoint",
    title="Serving endpoint without a guard policy",
    severity=Severity.MEDIUM,
    controls=(C("MS2"), C("MS5"), C("MS6")),
    summary="A model server found in the project (a FastAPI, Starlette, Flask or Litestar app "
    "with an inference route or a model, a BentoML, Gradio, Streamlit or Ray Serve app, a "
    "compose service or Kubernetes workload running Triton, TGI, vLLM, TorchServe, MLServer, "
    "KServe, Seldon, BentoML, Ollama or MLflow, a TorchServe `config.properties` inference "
    "address, or a launch line such as `vllm serve`) has no "
    "`secplan guard serve` in front of it, is not wrapped in `GuardMiddleware`, and no route of "
    "a valid guard policy points at it. High when it listens on all interfaces, is published "
    "by compose, or sits behind a LoadBalancer or NodePort Service. A script's launch line "
    "of a server the project builds itself (a Cargo package or binary, a `pyproject.toml` "
    "project or script of that name: the server's own source repository, whose scripts are "
    "its images' entrypoints) is not a deployment and is not reported.",
    rationale="Without a guard nothing checks what reaches the model or what leaves it, "
    "nobody is asked who they are, queries are not limited, and blocked or suspicious use "
    "leaves no record: extraction, prompt injection and abuse go unnoticed.",
    example="services:\n  llm:\n    image: vllm/vllm-openai:v0.6.3\n    ports: ['8000:8000']",
    remediation="Put `secplan guard serve --policy guard.toml --upstream http://llm:8000` in "
    "front of it (and stop publishing the server itself), or wrap the app: "
    "`app = GuardMiddleware(app, build_gate(Path('guard.toml'), open_services()))`.",
    references=(cwe(306), cwe(770)),
)
INVALID_POLICY = Rule(
    id="GD002",
    name="invalid-guard-policy",
    title="Guard policy that does not load",
    severity=Severity.MEDIUM,
    controls=(C("MS2"), C("MS5"), C("MS6")),
    summary="A `guard.toml` (or `*.guard.toml`, or a file a guard names with `--policy`) is not "
    "a valid guard policy: bad TOML, an unknown key, a value out of range, a duplicate route, "
    "or a profile or JSON schema it names that does not load.",
    rationale="A guard refuses to start on a bad policy, and a running one keeps its last good "
    "policy, so the edit the team believes is in force is not.",
    example='[[route]]\nname = "chat"\npath = "v1/chat"   # must start with /',
    remediation="Run `secplan guard check --policy guard.toml` and fix what it reports.",
)
NO_VALIDATION = Rule(
    id="GD003",
    name="guard-route-without-validation",
    title="Guard route that checks nothing in or out",
    severity=Severity.MEDIUM,
    controls=(C("MS2"),),
    summary="A route of a guard policy that covers a serving endpoint sets every input check "
    "(`schema`, `range`, `ood`, `injection`, `pii`, `secrets`, `tokens`) to `pass`, or turns "
    "off every output filter (redaction, `json_schema`, `round`, `top_k`, `label_only`).",
    rationale="A guard that passes everything through validates nothing: the model still gets "
    "malformed or hostile input and its answers still leak.",
    example='[route.input]\nschema = "pass"\ninjection = "pass"\nsecrets = "pass"\n...',
    remediation="Turn the checks that fit the route back on (`reject` or at least `flag`), and "
    "keep output redaction or score coarsening on.",
)
PUBLIC_ROUTE = Rule(
    id="GD004",
    name="public-guard-route",
    title="Guard route open without a token",
    severity=Severity.MEDIUM,
    controls=(C("MS6"),),
    summary="A route of a guard policy that covers a serving endpoint is `public = true`: "
    "callers need no token.",
    rationale="Anyone who reaches the route queries the model anonymously: rate limits per "
    "caller and the audit trail then name nobody.",
    example='[[route]]\nname = "demo"\npath = "/predict"\npublic = true',
    remediation="Remove `public = true` and give callers tokens (`secplan tokens create`); a "
    "route that must stay open is declared with a waiver of this finding.",
    references=(cwe(306),),
)
NO_RATE_LIMIT = Rule(
    id="GD005",
    name="guard-route-without-rate-limit",
    title="Guard route without a rate limit",
    severity=Severity.MEDIUM,
    controls=(C("MS6"),),
    summary="A route of a guard policy that covers a serving endpoint sets neither "
    "`limits.rate` (per caller) nor `limits.model_rate` (all callers).",
    rationale="Unlimited queries make extraction and denial of service cheap.",
    example='[[route]]\nname = "chat"\npath = "/v1/chat/completions"\n# no [route.limits]',
    remediation="Set `[route.limits] rate` and `burst` (and `model_rate` for all callers).",
    references=(cwe(770),),
)
NO_AUDIT = Rule(
    id="GD006",
    name="guard-without-audit-trail",
    title="Guard middleware that records nothing",
    severity=Severity.MEDIUM,
    controls=(C("MS5"),),
    summary="An app is wrapped in `GuardMiddleware` built with `build_gate(..., None)`: no "
    "access layer and no audit trail, so blocks and flags are not recorded and no caller is "
    "verified.",
    rationale="Monitoring needs a record of what was blocked and flagged; alerts (`secplan "
    "audit watch`) and `secplan guard report` read the audit trail.",
    example='app = GuardMiddleware(app, build_gate(Path("guard.toml"), None))',
    remediation="Pass the services: `build_gate(Path('guard.toml'), open_services())`.",
)
RULES = (UNGUARDED, INVALID_POLICY, NO_VALIDATION, PUBLIC_ROUTE, NO_RATE_LIMIT, NO_AUDIT)


class GuardScanner:
    """Serving endpoints and the guard policies covering them."""

    name: ClassVar[str] = "guard-coverage"
    rules: ClassVar[tuple[Rule, ...]] = RULES

    def scan_project(self, ctx: ScanContext) -> Iterator[Finding]:
        from secplan.guard.coverage import coverage, rate_limited, route_line, validates

        cov = coverage(ctx.artifacts)
        for p in cov.policies:
            if p.policy is None:
                yield INVALID_POLICY.at(
                    Location(path=p.path), f"not a valid guard policy: {p.error}"
                )
        for c in cov.uncovered:
            e = c.endpoint
            yield UNGUARDED.at(
                Location(path=e.path, line=e.line),
                f"{e.kind} endpoint{' ' + e.service if e.service else ''} is not covered by a "
                f"guard policy: {c.why_not}",
                evidence=e.label + (", reachable from all interfaces" if e.public else ""),
                severity=Severity.HIGH if e.public else None,
            )
        for c in cov.covers:
            if c.covered and c.guard is not None and not c.guard.audited:
                g = c.guard
                yield NO_AUDIT.at(
                    Location(path=g.path, line=g.line),
                    f"GuardMiddleware in front of {c.endpoint.kind} endpoint records no audit "
                    "trail (build_gate without services)",
                    evidence=c.endpoint.label,
                )
        for p in cov.used_policies():
            assert p.policy is not None
            for r in p.policy.spec.route:
                loc = Location(path=p.path, line=route_line(p, r.name))
                if not validates(r):
                    yield NO_VALIDATION.at(
                        loc, f"route {r.name} ({r.path}) checks nothing on the way in or out"
                    )
                if r.public:
                    yield PUBLIC_ROUTE.at(loc, f"route {r.name} ({r.path}) needs no token")
                if not rate_limited(r):
                    yield NO_RATE_LIMIT.at(loc, f"route {r.name} ({r.path}) has no rate limit")
