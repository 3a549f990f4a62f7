"""The schema of ``catalog/lists/pickle_policy.toml``, checked when the file is loaded (the
analyzer reads the validated snapshot instead while the file is the one it was made from; see
:mod:`secplan._snapshot`).

Unknown keys, empty reasons, malformed or repeated patterns, wildcards where only exact names
work, effects and anomalies the analyzer does not know, and resolvers whose result the
machine could not name are errors: a broken policy must stop the analyzer, never weaken it.
"""

from __future__ import annotations

import tomllib
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from secplan.errors import CatalogError
from secplan.modelfile.policy_names import (
    ANOMALIES,
    RESOLVING,
    SAFE_NAMESPACES,
    SCHEMA_VERSION,
    Effect,
)

_NAME = r"^[A-Za-z_][\w.]*$"
_PATTERN = r"^[A-Za-z_*][\w.*]*$"
Name = Annotated[str, StringConstraints(pattern=_NAME)]
Pattern = Annotated[str, StringConstraints(pattern=_PATTERN)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]
SeverityName = Literal["critical", "high", "medium", "low", "info"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Group(_Strict):
    reason: Reason
    patterns: list[Pattern] = Field(min_length=1)
    ecosystem: str = ""


class Aliases(_Strict):
    reason: Reason
    leaves: list[Pattern] = Field(min_length=1)


class Dotted(_Strict):
    reason: Reason


class Call(_Strict):
    effect: Effect
    reason: Reason
    callables: list[Name] = Field(min_length=1)
    codecs: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _codecs_for_encode(self) -> Call:
        if (self.effect is Effect.ENCODE) != bool(self.codecs):
            raise ValueError("codecs are listed for the encode effect, and only there")
        return self


class HigherOrder(_Strict):
    """Allowed functions that call (or instantiate) some of their arguments at load time."""

    reason: Reason
    callables: list[Name] = Field(min_length=1)
    called: list[int] = Field(min_length=1)  # positions of the arguments it calls
    arguments: int | None = None  # position of the argument tuple the called value gets


class StateCheck(_Strict):
    """Classes whose load-time methods write or delete a file named by their own state.

    Their index verdict (a file sink) stands unless every instance a stream makes is proven
    to name only a fresh temporary file: then the call is reported at ``severity``."""

    reason: Reason  # what the class does with its state
    safe_reason: Reason  # why safe values make it harmless
    callables: list[Name] = Field(min_length=1)
    severity: Literal["low", "info"]
    # state keys (and constructor parameters) joined into a file name: literal text without
    # a path separator, "..", NUL, a drive or a leading "~"; absent or None is fine
    name_parts: list[str] = Field(min_length=1)
    # state keys (and constructor parameters) naming a file it writes or deletes: absent or None
    no_path: list[str] = Field(default_factory=list)
    # the constructor's positional parameters, so arguments are checked like state keys
    parameters: list[str] = Field(default_factory=list)
    # higher-order callables that make an instance without running code of their own
    # (BUILD then sets its state); any other way of making one is not verified
    constructors: list[Name] = Field(default_factory=list)
    # classes a constructor may be given besides this one (copyreg._reconstructor's base):
    # their __new__ ignores the rest and runs nothing of the pickle's choosing
    plain_bases: list[Name] = Field(default_factory=list)

    @model_validator(mode="after")
    def _disjoint(self) -> StateCheck:
        both = set(self.name_parts) & set(self.no_path)
        if both:
            raise ValueError(f"keys both a name part and a path: {sorted(both)}")
        return self


class Index(_Strict):
    """How names are looked up in the callable index built from source code."""

    reason: Reason
    renames: dict[Name, Name] = Field(default_factory=dict)  # old module path -> current
    module_leaves: list[Name] = Field(min_length=1)


class TypeNames(_Strict):
    reason: Reason
    names: dict[str, Name]


class Anomaly(_Strict):
    kind: str
    rule: Literal["MF101", "MF102"]
    severity: SeverityName
    message: str = Field(min_length=10)
    reason: Reason

    @model_validator(mode="after")
    def _known(self) -> Anomaly:
        if self.kind not in ANOMALIES:
            raise ValueError(
                f"unknown anomaly {self.kind!r} (known: {', '.join(sorted(ANOMALIES))})"
            )
        try:
            self.message.format(loader="x")
        except (KeyError, IndexError, ValueError):
            raise ValueError("a message may only name {loader}") from None
        return self


class Keras(_Strict):
    reason: Reason
    builtin_modules: list[Name] = Field(min_length=1)
    builtin_classes: list[str] = Field(min_length=1)
    code_classes: list[str] = Field(min_length=1)


class SavedModel(_Strict):
    critical_reason: Reason
    critical_ops: list[str] = Field(min_length=1)
    high_reason: Reason
    high_ops: list[str] = Field(min_length=1)
    # op -> index of the input that names the file it writes (or reads); flagged whatever
    # the op when that input is a constant path fixed in the model
    path_reason: Reason
    path_ops: dict[str, int] = Field(min_length=1)
    write_ops: list[str] = Field(min_length=1)


class Onnx(_Strict):
    reason: Reason
    standard_domains: list[str] = Field(min_length=1)


class TfLite(_Strict):
    reason: Reason
    # custom operators whose kernels TensorFlow Lite or MediaPipe ship (resolved by name by
    # the interpreter's own op resolver): no finding
    known_custom_ops: list[str] = Field(min_length=1)
    custom_reason: Reason  # what an unknown custom operator means


class PolicyFile(_Strict):
    schema_version: Literal[2]
    dangerous: list[Group] = Field(min_length=1)
    safe: list[Group] = Field(min_length=1)
    nested: list[Group] = Field(default_factory=list)
    resolver: list[Group] = Field(default_factory=list)
    aliases: Aliases
    dotted: Dotted
    call: list[Call] = Field(min_length=1)
    higher_order: list[HigherOrder] = Field(default_factory=list)
    state_check: list[StateCheck] = Field(default_factory=list)
    index: Index
    type_names: TypeNames
    anomaly: list[Anomaly]
    keras: Keras
    savedmodel: SavedModel
    onnx: Onnx
    tflite: TfLite

    @model_validator(mode="after")
    def _consistent(self) -> PolicyFile:
        _no_repeats(self)
        for group in self.safe:
            wild = [p for p in group.patterns if "*" in p and not p.startswith(SAFE_NAMESPACES)]
            if wild:
                raise ValueError(f"safe entries name exact callables, not prefixes: {wild}")
        seen: set[str] = set()
        for h in self.higher_order:
            for name in h.callables:
                if name in seen:
                    raise ValueError(f"{name} is listed twice in [[higher_order]]")
                seen.add(name)
        for group in (*self.nested, *self.resolver):
            wild = [p for p in group.patterns if "*" in p]
            if wild:
                raise ValueError(f"nested and resolver entries are exact names: {wild}")
        checked: set[str] = set()
        for sc in self.state_check:
            for name in sc.callables:
                if name in checked:
                    raise ValueError(f"{name} is listed twice in [[state_check]]")
                checked.add(name)
            loose = [c for c in sc.constructors if c not in seen]
            if loose:
                raise ValueError(f"state_check constructors must be [[higher_order]]: {loose}")
        effects = _effects(self.call)
        for group in self.resolver:
            for name in group.patterns:
                if effects.get(name) not in RESOLVING:
                    raise ValueError(f"resolver {name} has no [[call]] effect naming its result")
        kinds = [a.kind for a in self.anomaly]
        if sorted(kinds) != sorted(ANOMALIES):
            missing = sorted(ANOMALIES - set(kinds))
            raise ValueError(f"each anomaly once; missing {missing}, listed {sorted(kinds)}")
        return self


def _no_repeats(doc: PolicyFile) -> None:
    seen: dict[str, str] = {}
    for key in ("dangerous", "safe", "nested", "resolver"):
        for i, group in enumerate(getattr(doc, key)):
            for p in group.patterns:
                where = f"[[{key}]] {i + 1}"
                if p in seen:
                    raise ValueError(f"{p!r} is listed in {seen[p]} and in {where}")
                seen[p] = where


def _effects(calls: list[Call]) -> dict[str, Effect]:
    out: dict[str, Effect] = {}
    for c in calls:
        for name in c.callables:
            if name in out:
                raise ValueError(f"{name} has two effects: {out[name]} and {c.effect}")
            out[name] = c.effect
    return out


def parse(text: str, source: str = "pickle_policy.toml") -> PolicyFile:
    """The validated policy document; :class:`CatalogError` names what is wrong and where."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{source}: {exc}", "fix the TOML syntax") from exc
    return validate(doc, source)


def validate(doc: dict[str, Any], source: str = "pickle_policy.toml") -> PolicyFile:
    """``doc`` (the parsed TOML) checked against the schema."""
    try:
        return PolicyFile.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        raise CatalogError(
            f"{source}: {where}: {first['msg']}",
            f"fix the entry ({exc.error_count()} problem(s) in all); see the comments at the "
            "top of the file",
        ) from exc


def checked(text: str) -> dict[str, Any]:
    """The policy text parsed and validated, as JSON values (what the analyzer builds from)."""
    return parse(text).model_dump(mode="json")


__all__ = ["ANOMALIES", "SCHEMA_VERSION", "Effect", "PolicyFile", "checked", "parse", "validate"]
