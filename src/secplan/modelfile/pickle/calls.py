"""What calls mean: nested loaders, name resolvers, and joblib's wrappers.

These are the places where the symbolic machine must know what a callable does at load time
to stay in step with the loader. Each is a pure function of the call's symbolic arguments;
the machine (:mod:`secplan.modelfile.pickle.vm`) acts on the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from secplan.modelfile.pickle.ops import Span
from secplan.modelfile.pickle.values import Blob, Call, Coll, Lit, Ref, render
from secplan.modelfile.pickle.values import text_of as _text
from secplan.modelfile.policy import Verdict

JOBLIB_WRAPPERS = frozenset(
    {
        "joblib.numpy_pickle.NumpyArrayWrapper",
        "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper",
    }
)
JOBLIB_FILE_WRAPPERS = frozenset(
    {
        "joblib.numpy_pickle.NDArrayWrapper",
        "joblib.numpy_pickle_compat.NDArrayWrapper",
        "joblib.numpy_pickle_compat.ZNDArrayWrapper",
    }
)
#: Loaders that deserialize their bytes argument: the bytes are analysed in turn.
NESTED_LOADERS = frozenset(
    {
        "pickle.loads",
        "_pickle.loads",
        "pickle._loads",
        "dill.loads",
        "dill._dill.loads",
        "cloudpickle.loads",
        "numpy.loads",
        "torch.load",
        "joblib.load",
    }
)
_GETATTR = frozenset({"builtins.getattr", "dill._dill._get_attr"})
_IMPORTERS = frozenset(
    {"importlib.import_module", "builtins.__import__", "importlib.__import__", "imp.load_module"}
)
_RESOLVE_NAME = frozenset({"pkgutil.resolve_name", "pydoc.locate"})
_BUILTIN_ALIASES = {
    "ListType": "list",
    "DictType": "dict",
    "TupleType": "tuple",
    "SetType": "set",
    "FrozenSetType": "frozenset",
    "IntType": "int",
    "FloatType": "float",
    "ComplexType": "complex",
    "StringType": "str",
    "UnicodeType": "str",
    "BytesType": "bytes",
    "ByteArrayType": "bytearray",
    "BooleanType": "bool",
    "SliceType": "slice",
    "ObjectType": "object",
    "TypeType": "type",
    "ClassType": "type",
    "NoneType": "NoneType",
    "EllipsisType": "Ellipsis",
}


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


def resolve(func: Ref, full: str, args: list[object]) -> Lit | Target | None:
    """What a call evaluates to when the machine can tell: a literal, or another name."""
    first = _text(args[0]) if args else None
    if full == "_codecs.encode" and first is not None and len(args) <= 2:
        codec = _text(args[1]) if len(args) == 2 else "utf-8"
        if codec in ("latin1", "latin-1", "utf-8", "utf8"):
            return Lit(first.encode(codec, "surrogatepass"))
    if full in _GETATTR and len(args) >= 2 and isinstance(args[0], Ref):
        attr = _text(args[1])
        if attr is None:
            return None
        base = args[0]
        name = attr if base.name.endswith("*") else f"{base.name}.{attr}"
        return Target(base.module, name, f"{full}({render(base)}, {attr!r})")
    if first is None:
        return None
    if full in _IMPORTERS:
        return Target(first, "*", f"{full}({first!r})")
    if full in _RESOLVE_NAME:
        mod, sep, name = first.partition(":")
        if not sep:
            mod, _, name = first.rpartition(".")
        return Target(mod, name or "*", f"{full}({first!r})")
    if func.decision.verdict is Verdict.RESOLVER and func.decision.kind == "type-name":
        if first in _BUILTIN_ALIASES:
            return Target("builtins", _BUILTIN_ALIASES[first], f"{full}({first!r})")
        module = "types" if first.endswith("Type") else "builtins"
        return Target(module, first, f"{full}({first!r})")
    return None


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
