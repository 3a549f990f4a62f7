"""What calls mean: nested loaders, name resolvers, and joblib's inline arrays.

These are the places where the symbolic machine must know what a callable does at load time
to stay in step with the loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from secplan.modelfile.pickle.ops import Malformed, Op, Span
from secplan.modelfile.pickle.values import (
    Blob,
    Call,
    Coll,
    Lit,
    Nested,
    Opaque,
    Ref,
    render,
)
from secplan.modelfile.pickle.values import text_of as _text
from secplan.modelfile.policy import Verdict

if TYPE_CHECKING:
    from secplan.modelfile.pickle.vm import Machine

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


def nested(m: Machine, op: Op, full: str, args: list[object]) -> None:
    arg = args[0] if args else None
    data: Span | bytes | None = None
    if isinstance(arg, Blob) and arg.kind != "str":
        data = arg.span
    elif isinstance(arg, Lit) and isinstance(arg.value, (bytes, str)):
        v = arg.value
        data = v.encode("latin-1", "replace") if isinstance(v, str) else v
    m.r.nested.append(Nested(op.offset, full, data))


def resolve(m: Machine, op: Op, func: Ref, full: str, args: list[object]) -> object | None:
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
        how = f"{full}({render(base)}, {attr!r})"
        return m.make_ref(base.module, name, op.offset, how)
    if first is None:
        return None
    if full in _IMPORTERS:
        return m.make_ref(first, "*", op.offset, f"{full}({first!r})")
    if full in _RESOLVE_NAME:
        mod, sep, name = first.partition(":")
        if not sep:
            mod, _, name = first.rpartition(".")
        return m.make_ref(mod, name or "*", op.offset, f"{full}({first!r})")
    if func.decision.verdict is Verdict.RESOLVER and func.decision.kind == "type-name":
        if first in _BUILTIN_ALIASES:
            return m.make_ref("builtins", _BUILTIN_ALIASES[first], op.offset, f"{full}({first!r})")
        module = "types" if first.endswith("Type") else "builtins"
        return m.make_ref(module, first, op.offset, f"{full}({first!r})")
    return None


def joblib_array(m: Machine, op: Op, wrapper: Call) -> None:
    from secplan.modelfile.pickle.joblib import array_layout

    layout = array_layout(wrapper.state)
    if layout is None:
        raise Malformed(op.offset, "cannot tell the size of a joblib array stored inline")
    size, has_object, aligned = layout
    m.stack.pop()
    m.stack.append(Opaque("joblib array"))
    m.r.joblib_arrays += 1
    raw = m.frame_end + m.pending_raw if m.frame_end is not None else m.pos
    if has_object:
        sub = type(m)(m.buf, raw, m.end, m.policy, m.budget, joblib=False, depth=m.depth).run()
        m.r.sub_results.append(sub)
        if sub.end is None:
            err = sub.error or Malformed(raw, "object array stream malformed")
            raise Malformed(err.offset, "object array inside joblib file: " + err.why)
        length = sub.end - raw
    else:
        pad = 0
        if aligned:
            if raw >= m.end:
                raise Malformed(raw, "truncated joblib array padding")
            pad = 1 + m.buf[raw]
        length = pad + size
    if raw + length > m.end:
        raise Malformed(raw, f"joblib array of {length} bytes runs past the end of the data")
    if m.frame_end is not None:
        m.pending_raw += length
    else:
        m.pos = raw + length


def joblib_file(m: Machine, op: Op, wrapper: Call) -> None:
    state = wrapper.state
    if isinstance(state, Coll) and state.kind == "dict":
        items = state.items
        for i in range(0, len(items) - 1, 2):
            if _text(items[i]) == "filename":
                name = _text(items[i + 1]) or render(items[i + 1])
                m._anomaly(op, "joblib-external", name)
