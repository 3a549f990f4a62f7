"""What calls mean: nested loaders, name resolvers, and joblib's wrappers.

These are the places where the symbolic machine must know what a callable does at load time
to stay in step with the loader. Which callable does what is policy data (the ``[[call]]``
entries of ``pickle_policy.toml``); how each effect is followed is here, as pure functions of
the call's symbolic arguments. The machine (:mod:`secplan.modelfile.pickle.vm`) acts on the
answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from secplan.modelfile.pickle.ops import Span
from secplan.modelfile.pickle.values import Blob, Call, Coll, Lit, Ref, render
from secplan.modelfile.pickle.values import text_of as _text
from secplan.modelfile.policy import Policy
from secplan.modelfile.policy_names import Effect


@dataclass(frozen=True, slots=True)
class Target:
    """A name a call resolves to, to be referenced as if the stream had imported it."""

    module: str
    name: str
    how: str


def payload(args: list[object]) -> Span | bytes | None:
    """The bytes a nested loader deserializes: its first argument, when it is a literal."""
    arg = args[0] if args else None
    if isinstance(arg, Blob) and arg.kind != "str":
        return arg.span
    if isinstance(arg, Lit) and isinstance(arg.value, (bytes, str)):
        v = arg.value
        return v.encode("latin-1", "replace") if isinstance(v, str) else v
    return None


def resolve(
    policy: Policy, effect: Effect | None, full: str, args: list[object]
) -> Lit | Target | None:
    """What a call of ``full`` (whose policy ``effect`` is given) evaluates to when the
    machine can tell: a literal, or another name (referenced and classified in turn)."""
    if effect is None or effect is Effect.LOAD_ARGUMENT:
        return None
    first = _text(args[0]) if args else None
    if effect is Effect.ENCODE:
        if first is not None and len(args) <= 2:
            codec = _text(args[1]) if len(args) == 2 else "utf-8"
            if codec in policy.codecs:
                try:
                    return Lit(first.encode(codec, "surrogatepass"))
                except (UnicodeError, LookupError):
                    return None  # the loader raises here; the call is left as it is
        return None
    if effect is Effect.ATTRIBUTE:
        return _attribute(full, args)
    if first is None:
        return None
    if effect is Effect.IMPORT:
        return Target(first, "*", f"{full}({first!r})")
    if effect is Effect.QUALIFIED_NAME:
        mod, sep, name = first.partition(":")
        if not sep:
            mod, _, name = first.rpartition(".")
        return Target(mod, name or "*", f"{full}({first!r})")
    if effect is Effect.TYPE_NAME:
        if first in policy.type_names:
            return Target("builtins", policy.type_names[first], f"{full}({first!r})")
        module = "types" if first.endswith("Type") else "builtins"
        return Target(module, first, f"{full}({first!r})")
    return None


def _attribute(full: str, args: list[object]) -> Target | None:
    if len(args) < 2 or not isinstance(args[0], Ref):
        return None
    attr = _text(args[1])
    if attr is None:
        return None
    base = args[0]
    name = attr if base.name.endswith("*") else f"{base.name}.{attr}"
    return Target(base.module, name, f"{full}({render(base)}, {attr!r})")


def joblib_filenames(wrapper: Call) -> list[str]:
    """The external files an old joblib wrapper names in its state (each is loaded with
    ``allow_pickle``)."""
    state = wrapper.state
    names: list[str] = []
    if isinstance(state, Coll) and state.kind == "dict":
        items = state.items
        for i in range(0, len(items) - 1, 2):
            if _text(items[i]) == "filename":
                names.append(_text(items[i + 1]) or render(items[i + 1]))
    return names
