"""A symbolic pickle machine: it runs the opcode stream over symbols, never over objects.

Every object a pickle would import becomes a :class:`Ref`, every call a :class:`Call` with its
symbolic arguments, so ``os.system('touch x')`` is seen with its literal argument. Names built
through the memo, ``STACK_GLOBAL`` operands, ``INST``/``OBJ``/``NEWOBJ``/``REDUCE`` calls, ``BUILD``
(``__setstate__``), extension codes and nested loaders are all resolved the way CPython's
unpickler resolves them. Nothing is imported and nothing is called.

>>> import pickle
>>> from secplan.modelfile.policy import Policy
>>> from secplan.modelfile.limits import Budget, Limits
>>> class P:
...     def __reduce__(self):
...         import os
...         return (os.system, ("echo hi",))
>>> data = pickle.dumps(P(), protocol=4)
>>> r = Machine(data, 0, len(data), Policy.packaged(), Budget(Limits())).run()
>>> [render(c) for c in r.calls]
["posix.system('echo hi')"]
"""

from __future__ import annotations

import _compat_pickle
from collections.abc import Callable
from typing import cast

from secplan.modelfile.limits import Budget, LimitExceeded
from secplan.modelfile.pickle.calls import (
    JOBLIB_FILE_WRAPPERS,
    JOBLIB_WRAPPERS,
    NESTED_LOADERS,
    joblib_array,
    joblib_file,
    nested,
    resolve,
)
from secplan.modelfile.pickle.ops import Buffer, Malformed, Op, Span, long_value, read_op
from secplan.modelfile.pickle.values import (
    Anomaly,
    Blob,
    Call,
    Coll,
    Lit,
    Nested,
    Opaque,
    Ref,
    RefStat,
    StreamResult,
    render,
)
from secplan.modelfile.pickle.values import text_of as _text
from secplan.modelfile.policy import Policy, Verdict

__all__ = [
    "Anomaly",
    "Blob",
    "Call",
    "Coll",
    "Lit",
    "Machine",
    "Nested",
    "Opaque",
    "Ref",
    "RefStat",
    "StreamResult",
    "looks_like_pickle",
    "render",
]

CAP_CALLS = 4  # calls kept per callable
MAX_NAME = 4096
STR_PREVIEW = 1 << 16


def _pusher(maker: Callable[[], object]) -> Callable[[Machine, Op], None]:
    def push(vm: Machine, op: Op) -> None:
        vm.stack.append(maker())

    return push


_TABLES: dict[type[Machine], dict[int, Callable[[Machine, Op], None]]] = {}


class Machine:
    """Runs one pickle stream from ``start`` symbolically; see :meth:`run`."""

    def __init__(
        self,
        buf: Buffer,
        start: int,
        end: int,
        policy: Policy,
        budget: Budget,
        *,
        joblib: bool = True,
        depth: int = 0,
    ) -> None:
        self.buf, self.pos, self.end = buf, start, end
        self.policy, self.budget = policy, budget
        self.joblib, self.depth = joblib, depth
        self.stack: list[object] = []
        self.meta: list[list[object]] = []
        self.memo: dict[int, object] = {}
        self.r = StreamResult(start=start)
        self.frame_end: int | None = None
        self.pending_raw = 0
        self._dispatch = self._table()

    # ------------------------------------------------------------------ driver
    def run(self) -> StreamResult:
        r = self.r
        tick = 0
        try:
            while True:
                if self.frame_end is not None and self.pos >= self.frame_end:
                    self.pos = max(self.pos, self.frame_end + self.pending_raw)
                    self.frame_end, self.pending_raw = None, 0
                op = read_op(self.buf, self.pos, self.end)
                self.pos = op.end
                r.ops += 1
                tick += 1
                if tick >= 2048:
                    self.budget.tick(tick)
                    tick = 0
                if op.code == 0x2E:  # STOP
                    r.value = self._pop(op)
                    r.end = op.end
                    break
                self._dispatch[op.code](self, op)
                if len(self.stack) > self.budget.limits.max_stack:
                    raise LimitExceeded("symbolic stack over its limit")
        except Malformed as exc:
            r.error = exc
        finally:
            self.budget.tick(tick)
        return r

    @classmethod
    def _table(cls) -> dict[int, Callable[[Machine, Op], None]]:
        """Opcode -> unbound handler, built once per class (a file may hold many pickles)."""
        cached = _TABLES.get(cls)
        if cached is not None:
            return cached
        from secplan.modelfile.pickle.ops import NAMES

        simple_push: dict[str, Callable[[], object]] = {
            "NONE": lambda: Lit(None),
            "NEWTRUE": lambda: Lit(True),
            "NEWFALSE": lambda: Lit(False),
            "EMPTY_LIST": lambda: Coll("list"),
            "EMPTY_DICT": lambda: Coll("dict"),
            "EMPTY_TUPLE": lambda: Coll("tuple"),
            "EMPTY_SET": lambda: Coll("set"),
        }
        t: dict[int, Callable[[Machine, Op], None]] = {}
        for code, name in NAMES.items():
            handler = getattr(cls, "op_" + name, None)
            if name in simple_push:
                t[code] = _pusher(simple_push[name])
            elif handler is not None:
                t[code] = handler
            else:
                t[code] = cls.op_literal
        _TABLES[cls] = t
        return t

    # ------------------------------------------------------------------ stack operations
    def _pop(self, op: Op) -> object:
        if not self.stack:
            raise Malformed(op.offset, "unpickling stack underflow")
        return self.stack.pop()

    def _top(self, op: Op) -> object:
        if not self.stack:
            raise Malformed(op.offset, "unpickling stack underflow")
        return self.stack[-1]

    def _pop_mark(self, op: Op) -> list[object]:
        if not self.meta:
            raise Malformed(op.offset, "could not find MARK")
        items = self.stack
        self.stack = self.meta.pop()
        return items

    def _anomaly(self, op: Op, kind: str, detail: str) -> None:
        if len(self.r.anomalies) < 256:
            self.r.anomalies.append(Anomaly(op.offset, kind, detail))

    # ------------------------------------------------------------------ literals
    def op_literal(self, op: Op) -> None:
        arg = op.arg
        if isinstance(arg, Span):
            if op.name in ("LONG1", "LONG4"):
                self.stack.append(Lit(long_value(self.buf, arg)))
            elif op.name in ("BINUNICODE", "BINUNICODE8", "SHORT_BINUNICODE"):
                self.stack.append(self._str(arg, op.offset))
            elif op.name == "BYTEARRAY8":
                self.stack.append(Blob(arg, "bytearray"))
            else:
                self.stack.append(Blob(arg, "bytes"))
        else:
            self.stack.append(Lit(arg))

    def _str(self, span: Span, offset: int) -> object:
        if span.length > STR_PREVIEW:
            return Blob(span, "str")
        raw = bytes(self.buf[span.start : span.start + span.length])
        try:
            return Lit(raw.decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError:
            raise Malformed(offset, "string is not valid UTF-8") from None

    def op_STRING(self, op: Op) -> None:
        raw = op.arg
        assert isinstance(raw, bytes)
        self.stack.append(Lit(raw.decode("latin-1")))

    def op_SHORT_BINSTRING(self, op: Op) -> None:
        assert isinstance(op.arg, Span)
        raw = bytes(self.buf[op.arg.start : op.arg.start + op.arg.length])
        self.stack.append(Lit(raw.decode("latin-1")))

    op_BINSTRING = op_SHORT_BINSTRING

    # ------------------------------------------------------------------ structure
    def op_PROTO(self, op: Op) -> None:
        assert isinstance(op.arg, int)
        if op.arg > 5:
            raise Malformed(op.offset, f"unsupported pickle protocol: {op.arg}")
        self.r.proto = op.arg

    def op_FRAME(self, op: Op) -> None:
        assert isinstance(op.arg, int)
        if op.end + op.arg > self.end:
            raise Malformed(op.offset, "frame runs past the end of the data")
        self.frame_end, self.pending_raw = op.end + op.arg, 0

    def op_MARK(self, op: Op) -> None:
        self.meta.append(self.stack)
        self.stack = []

    def op_POP(self, op: Op) -> None:
        if self.stack:
            self.stack.pop()
        else:
            self._pop_mark(op)

    def op_POP_MARK(self, op: Op) -> None:
        self._pop_mark(op)

    def op_DUP(self, op: Op) -> None:
        self.stack.append(self._top(op))

    def op_PUT(self, op: Op) -> None:
        assert isinstance(op.arg, int)
        if op.arg < 0:
            raise Malformed(op.offset, "negative PUT argument")
        self._memo_put(op, op.arg)

    op_BINPUT = op_PUT
    op_LONG_BINPUT = op_PUT

    def op_MEMOIZE(self, op: Op) -> None:
        self._memo_put(op, len(self.memo))

    def _memo_put(self, op: Op, key: int) -> None:
        if len(self.memo) >= self.budget.limits.max_stack and key not in self.memo:
            raise LimitExceeded("memo over its limit")
        self.memo[key] = self._top(op)

    def op_GET(self, op: Op) -> None:
        assert isinstance(op.arg, int)
        if op.arg not in self.memo:
            raise Malformed(op.offset, f"memo value not found at index {op.arg}")
        self.stack.append(self.memo[op.arg])

    op_BINGET = op_GET
    op_LONG_BINGET = op_GET

    def op_TUPLE(self, op: Op) -> None:
        c = Coll("tuple")
        for x in self._pop_mark(op):
            c.add(x)
        self.stack.append(c)

    def _tuple_n(self, op: Op, n: int) -> None:
        if len(self.stack) < n:
            raise Malformed(op.offset, "unpickling stack underflow")
        items = self.stack[-n:]
        del self.stack[-n:]
        self.stack.append(Coll("tuple", items))

    def op_TUPLE1(self, op: Op) -> None:
        self._tuple_n(op, 1)

    def op_TUPLE2(self, op: Op) -> None:
        self._tuple_n(op, 2)

    def op_TUPLE3(self, op: Op) -> None:
        self._tuple_n(op, 3)

    def op_LIST(self, op: Op) -> None:
        c = Coll("list")
        for x in self._pop_mark(op):
            c.add(x)
        self.stack.append(c)

    def op_DICT(self, op: Op) -> None:
        items = self._pop_mark(op)
        if len(items) % 2:
            raise Malformed(op.offset, "odd number of items for DICT")
        c = Coll("dict")
        for i in range(0, len(items), 2):
            c.add(items[i], items[i + 1])
        self.stack.append(c)

    def op_FROZENSET(self, op: Op) -> None:
        c = Coll("frozenset")
        for x in self._pop_mark(op):
            c.add(x)
        self.stack.append(c)

    def _into(self, op: Op, target: object, values: list[object], pairs: bool) -> None:
        if isinstance(target, Ref):
            self._anomaly(op, "method-on-import", f"{op.name} applied to {target.full}")
            return
        if isinstance(target, Coll):
            if pairs:
                for i in range(0, len(values) - 1, 2):
                    target.add(values[i], values[i + 1])
            else:
                for v in values:
                    target.add(v)
        elif not isinstance(target, Call):
            self._anomaly(op, "method-on-value", f"{op.name} applied to {render(target)}")

    def op_APPEND(self, op: Op) -> None:
        v = self._pop(op)
        self._into(op, self._top(op), [v], False)

    def op_APPENDS(self, op: Op) -> None:
        items = self._pop_mark(op)
        self._into(op, self._top(op), items, False)

    def op_ADDITEMS(self, op: Op) -> None:
        items = self._pop_mark(op)
        self._into(op, self._top(op), items, False)

    def op_SETITEM(self, op: Op) -> None:
        v = self._pop(op)
        k = self._pop(op)
        self._into(op, self._top(op), [k, v], True)

    def op_SETITEMS(self, op: Op) -> None:
        items = self._pop_mark(op)
        if len(items) % 2:
            raise Malformed(op.offset, "odd number of items for SETITEMS")
        self._into(op, self._top(op), items, True)

    def op_PERSID(self, op: Op) -> None:
        self.stack.append(Opaque(f"persistent id {op.arg!r}"))

    def op_BINPERSID(self, op: Op) -> None:
        self.stack.append(Opaque(f"persistent id {render(self._pop(op))}"))

    def op_NEXT_BUFFER(self, op: Op) -> None:
        self.stack.append(Opaque("out-of-band buffer"))

    def op_READONLY_BUFFER(self, op: Op) -> None:
        self._top(op)

    # ------------------------------------------------------------------ references
    def make_ref(self, module: str, name: str, offset: int, how: str) -> Ref:
        original = ""
        if self.r.proto < 3:
            key = (module, name)
            if key in _compat_pickle.NAME_MAPPING:
                original = f"{module}.{name}"
                module, name = _compat_pickle.NAME_MAPPING[key]
            elif module in _compat_pickle.IMPORT_MAPPING:
                original = f"{module}.{name}"
                module = _compat_pickle.IMPORT_MAPPING[module]
        ref = Ref(module, name, offset, how, self.policy.classify(module, name), original)
        stat = self.r.refs.get(ref.full)
        if stat is None:
            stat = self.r.refs[ref.full] = RefStat(ref)
        stat.count += 1
        return ref

    def op_GLOBAL(self, op: Op) -> None:
        module, name = cast(tuple[str, str], op.arg)
        self.stack.append(self.make_ref(module, name, op.offset, "GLOBAL"))

    def op_STACK_GLOBAL(self, op: Op) -> None:
        name, module = self._pop(op), self._pop(op)
        m, n = _text(module), _text(name)
        if m is None or n is None or len(m) > MAX_NAME or len(n) > MAX_NAME:
            self._anomaly(
                op,
                "computed-global",
                f"STACK_GLOBAL on {render(module)}, {render(name)}: a name computed at load time",
            )
            self.stack.append(Opaque("computed import"))
            return
        self.stack.append(self.make_ref(m, n, op.offset, "STACK_GLOBAL"))

    def _ext(self, op: Op) -> None:
        self._anomaly(op, "ext", f"extension code {op.arg} (resolved through copyreg at load time)")
        self.stack.append(Opaque(f"extension {op.arg}"))

    op_EXT1 = _ext
    op_EXT2 = _ext
    op_EXT4 = _ext

    # ------------------------------------------------------------------ calls
    def op_REDUCE(self, op: Op) -> None:
        args = self._pop(op)
        func = self._pop(op)
        items = args.items if isinstance(args, Coll) else [args]
        self.stack.append(self._call(op, func, list(items)))

    def op_NEWOBJ(self, op: Op) -> None:
        args = self._pop(op)
        cls = self._pop(op)
        self.stack.append(self._call(op, cls, list(args.items) if isinstance(args, Coll) else []))

    def op_NEWOBJ_EX(self, op: Op) -> None:
        kwargs = self._pop(op)
        args = self._pop(op)
        cls = self._pop(op)
        items = list(args.items) if isinstance(args, Coll) else []
        self.stack.append(self._call(op, cls, items, kwargs))

    def op_INST(self, op: Op) -> None:
        module, name = cast(tuple[str, str], op.arg)
        args = self._pop_mark(op)
        ref = self.make_ref(module, name, op.offset, "INST")
        self.stack.append(self._call(op, ref, args))

    def op_OBJ(self, op: Op) -> None:
        items = self._pop_mark(op)
        if not items:
            raise Malformed(op.offset, "OBJ without a class")
        self.stack.append(self._call(op, items[0], items[1:]))

    def _call(self, op: Op, func: object, args: list[object], kwargs: object = None) -> object:
        call = Call(func, args, op.offset, op.name, kwargs)
        if not isinstance(func, Ref):
            self._anomaly(
                op, "computed-callable", f"calls a value computed at load time: {render(call)}"
            )
            self._keep(call)
            return call
        stat = self.r.refs.get(func.full)
        if stat is not None:
            stat.called += 1
        full, verdict = func.full, func.decision.verdict
        if verdict is not Verdict.SAFE:
            self._keep(call)
        if full in NESTED_LOADERS or verdict is Verdict.NESTED:
            nested(self, op, full, args)
        resolved = resolve(self, op, func, full, args)
        return resolved if resolved is not None else call

    def _keep(self, call: Call) -> None:
        key = call.func.full if isinstance(call.func, Ref) else "<computed>"
        if sum(1 for c in self.r.calls if _ckey(c) == key) < CAP_CALLS and len(self.r.calls) < 512:
            self.r.calls.append(call)

    def op_BUILD(self, op: Op) -> None:
        state = self._pop(op)
        target = self._top(op)
        if isinstance(target, Ref):
            self._anomaly(
                op,
                "build-on-import",
                f"BUILD sets state on the imported object {target.full} "
                f"(calls its __setstate__ or sets its attributes): {render(state)}",
            )
            return
        if isinstance(target, Call):
            target.state = state
            func = target.func
            if isinstance(func, Ref) and self.joblib:
                if func.full in JOBLIB_WRAPPERS:
                    joblib_array(self, op, target)
                elif func.full in JOBLIB_FILE_WRAPPERS:
                    joblib_file(self, op, target)


def _ckey(c: Call) -> str:
    return c.func.full if isinstance(c.func, Ref) else "<computed>"


_TRUNCATED = ("truncated", "runs past the end", "no STOP")


def looks_like_pickle(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts a pickle stream: a protocol
    header, or opcodes that a real unpickler would accept up to STOP or up to the point where
    the head is cut off. Stack semantics are checked too, so text rarely passes."""
    if len(head) >= 2 and head[0] == 0x80 and 0 <= head[1] <= 5:
        return True
    from secplan.modelfile.limits import Limits

    try:
        r = Machine(head, 0, len(head), Policy.packaged(), Budget(Limits(seconds=5))).run()
    except LimitExceeded:
        return False
    if r.end is not None:
        return r.ops >= 2 and r.end > 4
    err = r.error
    if err is None or r.ops < 8:
        return False
    return any(t in err.why for t in _TRUNCATED) and err.offset > len(head) - 4096
