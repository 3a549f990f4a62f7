"""The guard policy (``guard.toml``): routes, what each checks on the way in and out, who may
call it and how often. Data with a schema: a bad policy is a one-line error, and
:class:`PolicyHolder` keeps serving the last good policy when a reload fails.

>>> p = policy_from({"route": [{"name": "chat", "path": "/v1/chat/completions",
...                             "protocol": "openai-chat"}]}, "guard.toml")
>>> p.match("POST", "/v1/chat/completions").name
'chat'
>>> p.match("POST", "/admin") is None
True
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from secplan._toml import read_toml, validate
from secplan.errors import ConfigError
from secplan.guard.tabular import Schema, schema_from_profile

Action = Literal["reject", "flag", "pass"]
Protocol = Literal[
    "oip-v2", "openai-chat", "openai-completions", "openai-embeddings", "mlflow-invocations", "json"
]
#: Profiles and JSON schemas a policy names are small documents.
MAX_DOC_BYTES = 8 << 20


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeatureIn(_Strict):
    """Overrides of what the profile says about one feature."""

    type: Literal["number", "integer", "category", "text"] | None = None
    min: float | None = None
    max: float | None = None
    categories: list[str] | None = None
    missing: bool | None = None


class InputIn(_Strict):
    #: A ``secplan data profile`` manifest (relative to the policy file).
    profile: str | None = None
    #: Feature order for positional rows and tensors (default: the profile's column order).
    features: list[str] = Field(default_factory=list)
    feature: dict[str, FeatureIn] = Field(default_factory=dict)
    #: Features the model takes that are not in the request (the label column, ids).
    ignore: list[str] = Field(default_factory=list)
    schema_: Action = Field(default="reject", alias="schema")
    range: Action = "reject"
    range_margin: float = Field(default=0.0, ge=0.0, le=10.0)
    ood: Action = "flag"
    ood_threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    max_rows: int = Field(default=10_000, ge=1)
    max_elements: int = Field(default=1_000_000, ge=1)
    injection: Action = "reject"
    pii: Action = "flag"
    secrets: Action = "reject"
    max_prompt_tokens: int = Field(default=8192, ge=1)
    tokens: Action = "reject"
    #: For ``json`` routes: the dotted fields holding prompts (default: every string).
    prompt_fields: list[str] = Field(default_factory=list)


class OutputIn(_Strict):
    redact_pii: bool = True
    redact_secrets: bool = True
    #: Decimal places kept in scores and probabilities (None: unchanged).
    round: int | None = Field(default=None, ge=0, le=12)
    top_k: int | None = Field(default=None, ge=1)
    label_only: bool = False
    json_schema: str | None = None
    schema_action: Action = "reject"
    canary: str | None = Field(default=None, min_length=8)
    canary_action: Action = "reject"


class LimitsIn(_Strict):
    #: Requests per second and burst per identity; per model (all callers together).
    rate: float | None = Field(default=None, gt=0)
    burst: int | None = Field(default=None, ge=1)
    daily: int | None = Field(default=None, ge=1)
    model_rate: float | None = Field(default=None, gt=0)
    model_burst: int | None = Field(default=None, ge=1)
    model_daily: int | None = Field(default=None, ge=1)


class AbuseIn(_Strict):
    """Extraction and probing signals over each caller's last ``window`` queries."""

    action: Action = "pass"
    window: int = Field(default=100, ge=2, le=10_000)
    min_queries: int = Field(default=20, ge=2)
    #: Share of the window that repeats an earlier query (rows to two significant digits).
    duplicates: float = Field(default=0.5, gt=0.0, le=1.0)
    #: Share of the window one feature away from the query before.
    sweeps: float = Field(default=0.5, gt=0.0, le=1.0)
    #: Query entropy (0: every query alike, 1: spread evenly over the whole input space, as
    #: uniform-random extraction sampling is) at which the window trips ``query-entropy``;
    #: None: not measured. 0.95 separates uniform-random sampling from real traffic.
    entropy: float | None = Field(default=None, gt=0.0, le=1.0)
    #: What ``query-entropy`` does (default: ``action``).
    entropy_action: Action | None = None


class RouteIn(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    #: An exact path or a glob (``/v2/models/*/infer``: ``*`` stays within one segment,
    #: ``**`` crosses segments).
    path: str = Field(pattern=r"^/")
    methods: list[str] = Field(default_factory=lambda: ["POST"])
    protocol: Protocol = "json"
    #: The model behind the route, for per-model limits and metrics (default: the name).
    model: str | None = None
    public: bool = False
    #: This route's model server, when it is not the guard's ``--upstream``.
    upstream: str | None = Field(default=None, pattern=r"^https?://[^/\s]+")
    #: Seconds the upstream has to answer on this route (default: ``server.timeout_s``).
    timeout_s: float | None = Field(default=None, gt=0, le=3600)
    input: InputIn = InputIn()
    output: OutputIn = OutputIn()
    limits: LimitsIn = LimitsIn()
    abuse: AbuseIn = AbuseIn()

    @field_validator("methods")
    @classmethod
    def _upper(cls, v: list[str]) -> list[str]:
        return [m.upper() for m in v]


class ServerIn(_Strict):
    max_body_bytes: int = Field(default=1 << 20, ge=1, le=1 << 30)
    max_response_bytes: int = Field(default=16 << 20, ge=1, le=1 << 30)
    timeout_s: float = Field(default=30.0, gt=0, le=3600)
    connect_timeout_s: float = Field(default=5.0, gt=0, le=600)
    #: What happens to a request no route matches: refused (404) or passed through (only
    #: sensible for the middleware, in front of an app's own health and docs pages).
    unmatched: Literal["reject", "pass"] = "reject"
    metrics_path: str = Field(default="/metrics", pattern=r"^/")


class IdentityIn(_Strict):
    #: Seconds a verified token is trusted before the access layer is asked again.
    cache_s: float = Field(default=30.0, ge=0, le=3600)


class AuditIn(_Strict):
    buffer: int = Field(default=10_000, ge=1, le=10_000_000)
    flush_s: float = Field(default=1.0, gt=0, le=600)
    #: Share of allowed requests recorded too (blocks are always recorded).
    sample_allowed: float = Field(default=0.0, ge=0.0, le=1.0)


class PolicyIn(_Strict):
    version: Literal[1] = 1
    server: ServerIn = ServerIn()
    identity: IdentityIn = IdentityIn()
    audit: AuditIn = AuditIn()
    route: list[RouteIn] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Route:
    spec: RouteIn
    schema: Schema | None = None
    json_schema: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def model(self) -> str:
        return self.spec.model or self.spec.name


@dataclass(frozen=True, slots=True)
class Policy:
    spec: PolicyIn
    routes: tuple[Route, ...]
    source: str = ""
    _exact: dict[str, tuple[Route, ...]] = field(default_factory=dict)
    _globs: tuple[tuple[re.Pattern[str], Route], ...] = ()

    def match(self, method: str, path: str) -> Route | None:
        """The first route whose path and method match, or None. A path with dot segments,
        empty segments or a backslash matches nothing (an upstream could resolve it to a
        path the policy does not cover)."""
        if _UNSAFE_PATH.search(path):
            return None
        for r in self._exact.get(path, ()):
            if method in r.spec.methods:
                return r
        for pattern, r in self._globs:
            if method in r.spec.methods and pattern.fullmatch(path):
                return r
        return None


#: Dot segments, empty segments, backslashes and control characters in a request path.
_UNSAFE_PATH = re.compile(r"(?:^|/)\.{1,2}(?:/|$)|//|\\|[\x00-\x1f\x7f]")


def _glob(path: str) -> re.Pattern[str]:
    """``*`` matches within one path segment, ``**`` across segments, ``?`` one character."""
    out = []
    for part in re.split(r"(\*\*|\*|\?)", path):
        out.append({"**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part)))
    return re.compile("".join(out))


def _read_json(base: Path, name: str, shown: str, what: str) -> dict[str, Any]:
    path = (base / name).resolve()
    try:
        if path.exists() and not path.is_file():  # a device or FIFO (/dev/zero) never ends
            raise ConfigError(f"{shown}: {what} {name} is not a regular file", "")
        with path.open("rb") as fh:
            data = fh.read(MAX_DOC_BYTES + 1)
        if len(data) > MAX_DOC_BYTES:
            raise ConfigError(f"{shown}: {what} {name} is over {MAX_DOC_BYTES} bytes", "")
        doc = json.loads(data.decode("utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"{shown}: {what} {name}: cannot read ({exc.strerror})",
            "paths in the policy are relative to the policy file",
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{shown}: {what} {name} is not JSON ({str(exc)[:80]})", "") from exc
    if not isinstance(doc, dict):
        raise ConfigError(f"{shown}: {what} {name} is not a JSON object", "")
    return doc


def _route(spec: RouteIn, base: Path, shown: str) -> Route:
    schema = None
    inp = spec.input
    if inp.profile or inp.feature:
        profile = _read_json(base, inp.profile, shown, "profile") if inp.profile else {}
        try:
            schema = schema_from_profile(profile, inp)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"{shown}: route {spec.name}: profile {inp.profile} is not a secplan data "
                f"profile ({exc})",
                "write it with secplan data profile",
            ) from exc
    js = None
    if spec.output.json_schema:
        js = _read_json(base, spec.output.json_schema, shown, "JSON schema")
        from jsonschema import exceptions, validators

        try:
            validators.validator_for(js).check_schema(js)
        except exceptions.SchemaError as exc:
            raise ConfigError(
                f"{shown}: route {spec.name}: invalid JSON schema ({exc.message[:80]})", ""
            ) from exc
    return Route(spec, schema, js)


def policy_from(doc: dict[str, Any], shown: str, base: Path | None = None) -> Policy:
    """``doc`` (a parsed ``guard.toml``) validated and compiled."""
    spec = validate(PolicyIn, doc, shown)
    names = [r.name for r in spec.route]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup:
        raise ConfigError(f"{shown}: route {dup} is defined twice", "give each route its own name")
    routes = tuple(_route(r, base or Path(), shown) for r in spec.route)
    exact: dict[str, tuple[Route, ...]] = {}
    globs = []
    for r in routes:
        if any(c in r.spec.path for c in "*?"):
            globs.append((_glob(r.spec.path), r))
        else:
            exact[r.spec.path] = (*exact.get(r.spec.path, ()), r)
    return Policy(spec, routes, shown, exact, tuple(globs))


def load_policy(path: Path) -> Policy:
    """Read and compile the policy at ``path``; :class:`ConfigError` when it is bad."""
    return policy_from(read_toml(path, path.name), path.name, path.parent)


class PolicyHolder:
    """The policy in force. :meth:`reload` swaps in a new one only when it loads cleanly."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.policy = load_policy(path)
        self._stamp = self._mtime()

    def _mtime(self) -> tuple[int, int]:
        try:
            st = self.path.stat()
        except OSError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def changed(self) -> bool:
        return self._mtime() != self._stamp

    def reload(self) -> str | None:
        """Load the file again: None when the new policy is in force, else why not (the last
        good policy stays)."""
        with self._lock:
            self._stamp = self._mtime()
            try:
                self.policy = load_policy(self.path)
            except ConfigError as exc:
                return f"{exc.message} ({exc.hint})" if exc.hint else exc.message
            return None
