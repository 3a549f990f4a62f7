"""Symbolic values of the pickle machine, and their rendering as evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from secplan.modelfile.pickle.ops import Malformed, Span
from secplan.modelfile.policy import Decision

CAP_ITEMS = 64  # items kept per collection, for evidence; the rest are counted


@dataclass(slots=True, eq=False)
class Lit:
    """A literal value."""

    value: object


@dataclass(slots=True, eq=False)
class Blob:
    """Bytes or text, kept as the span of the stream that holds them."""

    span: Span
    kind: str  # bytes, bytearray, str


@dataclass(slots=True, eq=False)
class Ref:
    """A global name the pickle refers to, and the policy's decision on it."""

    module: str
    name: str
    offset: int
    how: str
    decision: Decision
    original: str = ""

    @property
    def full(self) -> str:
        return f"{self.module}.{self.name}" if self.module else self.name


@dataclass(slots=True, eq=False)
class Call:
    """A call the pickle asks for (REDUCE, NEWOBJ, ...), with its arguments."""

    func: object
    args: list[object]
    offset: int
    op: str
    kwargs: object = None
    state: object = None
    builds: int = 0  # BUILD opcodes run on the result
    via: Call | None = None  # the higher-order call that made this one (copyreg._reconstructor)


@dataclass(slots=True, eq=False)
class Coll:
    """A list, tuple, dict or set, with its first items."""

    kind: str  # list, tuple, dict, set, frozenset
    items: list[object] = field(default_factory=list)
    more: int = 0

    def add(self, *values: object) -> None:
        if len(self.items) < CAP_ITEMS * (2 if self.kind == "dict" else 1):
            self.items.extend(values)
        else:
            self.more += 1


@dataclass(slots=True, eq=False)
class Opaque:
    """A value the analysis does not follow."""

    what: str


@dataclass(frozen=True, slots=True)
class Anomaly:
    """Something unusual the stream does at an offset."""

    offset: int
    kind: str  # computed-global, computed-callable, build-on-import, method-on-import, ext, ...
    detail: str


@dataclass(slots=True)
class RefStat:
    """How often a global name is referred to and called."""

    ref: Ref
    count: int = 0
    called: int = 0


@dataclass(slots=True)
class Nested:
    """Data a pickle hands to a nested loader."""

    offset: int
    loader: str
    data: Span | bytes | None  # None: the argument is not a visible literal


@dataclass(slots=True)
class StreamResult:
    """What the analysis of one pickle stream found."""

    start: int
    end: int | None = None  # offset after STOP; None when the stream is malformed
    error: Malformed | None = None
    proto: int = 0
    value: object = None
    refs: dict[str, RefStat] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    nested: list[Nested] = field(default_factory=list)
    ops: int = 0
    joblib_arrays: int = 0
    sub_results: list[StreamResult] = field(default_factory=list)
    failure: str | None = None  # the analyzer could not follow the stream past ``error``


def render(v: object, depth: int = 0, budget: list[int] | None = None) -> str:
    """A short Python-like rendering of a symbolic value, for evidence."""
    left = budget if budget is not None else [400]
    if left[0] <= 0 or depth > 6:
        return "…"
    out = _render(v, depth, left)
    left[0] -= len(out)
    return out


def _render(v: object, depth: int, left: list[int]) -> str:
    if isinstance(v, Lit):
        return literal(v.value)
    if isinstance(v, Ref):
        return cut(v.full) if not v.name.endswith("*") else f"<module {cut(v.module)}>"
    if isinstance(v, Blob):
        return f"<{v.kind} of {v.span.length} bytes>"
    if isinstance(v, Call):
        args = ", ".join(render(a, depth + 1, left) for a in v.args)
        if isinstance(v.kwargs, Coll) and v.kwargs.items:
            kw = v.kwargs.items
            args += ", " + ", ".join(
                f"{_key(kw[i])}={render(kw[i + 1], depth + 1, left)}"
                for i in range(0, len(kw) - 1, 2)
            )
        return f"{render(v.func, depth + 1, left)}({args})"
    if isinstance(v, Coll):
        inner = v.items
        if v.kind == "dict":
            body = ", ".join(
                f"{render(inner[i], depth + 1, left)}: {render(inner[i + 1], depth + 1, left)}"
                for i in range(0, len(inner) - 1, 2)
            )
        else:
            body = ", ".join(render(x, depth + 1, left) for x in inner)
        if v.more:
            body += f", … {v.more} more"
        brackets = {"list": ("[", "]"), "tuple": ("(", ")"), "dict": ("{", "}")}
        o, c = brackets.get(v.kind, (v.kind + "({", "})"))
        return f"{o}{body}{',' if v.kind == 'tuple' and len(inner) == 1 else ''}{c}"
    if isinstance(v, Opaque):
        return f"<{v.what[:120]}>"
    return "<?>"


def _key(v: object) -> str:
    if isinstance(v, Lit) and isinstance(v.value, str):
        return v.value[:120]
    return literal(v.value) if isinstance(v, Lit) else "?"


def cut(text: str, limit: int = 200) -> str:
    """``text``, cut to ``limit`` characters for a message or evidence."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


MAX_INT_BITS = 256  # larger integers are shown by their size, never converted to digits


def literal(value: object, limit: int = 120) -> str:
    """``repr`` of a pickled literal, bounded: long text is cut, a huge integer (whose
    conversion to digits Python refuses or spends quadratic time on) is shown by its size."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            return f"<int of {value.bit_length():,} bits>"
    elif isinstance(value, (str, bytes, bytearray)) and len(value) > limit:
        value = value[:limit]
    try:
        text = repr(value)
    except (ValueError, RecursionError, MemoryError):
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "…"


def text_of(v: object) -> str | None:
    return v.value if isinstance(v, Lit) and isinstance(v.value, str) else None
