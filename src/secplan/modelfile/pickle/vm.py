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

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.limits import Budget, LimitExceeded, Limits
from secplan.modelfile.pickle.calls import Target, joblib_filenames, payload, resolve
from secplan.modelfile.pickle.joblib import array_layout, inline_length
from secplan.modelfile.pickle.ops import DECODERS, MAX_LINE, NAMES, Malformed, Op, read_op
from secplan.modelfile.pickle.stack import Stack
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
    cut,
    render,
)
from secplan.modelfile.pickle.values import text_of as _text
from secplan.modelfile.policy import Policy, Verdict
from secplan.modelfile.policy_names import Effect

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
MAX_HIGHER_DEPTH = 16  # higher-order calls verified inside one another
#: attributes that, planted on an object, are called by the unpickler's next opcode on it
PLANTABLE = frozenset({"__setstate__", "append", "extend", "__setitem__"})


def _pusher(maker: Callable[[], object]) -> Callable[[Stack, Op], None]:
    def push(vm: Stack, op: Op) -> None:
        vm.stack.append(maker())

    return push


_TABLES: dict[type[Machine], dict[int, Callable[[Machine, Op], None]]] = {}
#: MEMOIZE, MARK, BINPUT, BINGET, LONG_BINPUT, LONG_BINGET, PUT, GET, BININT1, SHORT_BINUNICODE,
#: FLOAT, UNICODE and SETITEM: run by the driver
_FAST = frozenset({0x94, 0x28, 0x71, 0x68, 0x72, 0x6A, 0x4B, 0x8C, 0x70, 0x67, 0x46, 0x56, 0x73})
_LINE = frozenset({0x70, 0x67, 0x46, 0x56})  # PUT, GET, FLOAT and UNICODE
_MISSING = object()  # no memo entry


class Machine(Stack):
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
        super().__init__(buf, start, end, budget)
        self.policy = policy
        self._higher_depth = 0
        self._planted: dict[int, set[str]] = {}  # id(Call) -> methods planted on its result
        self.joblib, self.depth = joblib, depth
        self._dispatch = self._table()

    # ------------------------------------------------------------------ driver
    def run(self) -> StreamResult:
        r = self.r
        tick = 0
        buf, end, budget, dispatch = self.buf, self.end, self.budget, self._dispatch
        max_stack = budget.limits.max_stack
        try:
            while True:
                pos = self.pos
                frame_end = self.frame_end
                if frame_end is not None and pos >= frame_end:
                    pos = self.pos = max(pos, frame_end + self.pending_raw)
                    frame_end = self.frame_end = None
                    self.pending_raw = 0
                code = buf[pos] if pos < end else -1
                nxt = 0  # past the opcode when it is run here
                if code in _FAST:
                    # the commonest data opcodes, run here with the checks and errors of
                    # their reader and handler, without an Op made for each; one this does
                    # not decode here (a text argument out of the ordinary) goes on below
                    arg, val = 0, cast(object, None)
                    if code == 0x94 or code == 0x28:  # MEMOIZE, MARK
                        nxt = pos + 1
                    elif code in _LINE:  # PUT, GET, FLOAT, UNICODE: a line of text
                        at = pos + 1
                        stop = at + MAX_LINE
                        nl = buf.find(b"\n", at, end if stop > end else stop)
                        if nl >= 0:
                            raw = bytes(buf[at:nl])
                            if code == 0x56:
                                val, nxt = raw.decode("raw-unicode-escape", "replace"), nl + 1
                            elif code == 0x46:
                                try:
                                    val, nxt = float(raw), nl + 1
                                except ValueError:  # the reader below raises the error
                                    nxt = 0
                            elif raw.isdigit() and len(raw) < 19 and raw != b"00" and raw != b"01":
                                arg, nxt = int(raw), nl + 1
                    elif code == 0x73:  # SETITEM into a dict or other collection
                        held = self.stack
                        if len(held) >= 3 and isinstance(held[-3], Coll):
                            nxt = pos + 1
                    elif code == 0x72 or code == 0x6A:  # LONG_BINPUT, LONG_BINGET
                        if pos + 5 > end:
                            raise Malformed(pos, "truncated opcode argument")
                        arg, nxt = int.from_bytes(buf[pos + 1 : pos + 5], "little"), pos + 5
                    elif pos + 2 > end:
                        raise Malformed(pos, "truncated opcode argument")
                    elif code == 0x8C:  # SHORT_BINUNICODE
                        nxt = pos + 2 + buf[pos + 1]
                        if nxt > end:
                            raise Malformed(
                                pos,
                                f"payload of {nxt - pos - 2} bytes runs past the end of the data",
                            )
                    else:  # BINPUT, BINGET, BININT1: a one-byte argument
                        arg, nxt = buf[pos + 1], pos + 2
                if nxt:
                    if frame_end is not None and nxt > frame_end > pos:
                        self._straddle(read_op(buf, pos, end), frame_end)
                    self.pos = nxt
                    r.ops += 1
                    tick += 1
                    if tick >= 2048:
                        budget.tick(tick)
                        tick = 0
                    stack = self.stack
                    if code == 0x94 or code == 0x71 or code == 0x72 or code == 0x70:  # the puts
                        memo = self.memo
                        key = len(memo) if code == 0x94 else arg
                        if len(memo) >= max_stack and key not in memo:
                            raise LimitExceeded("memo over its limit")
                        if not stack:
                            raise Malformed(pos, "unpickling stack underflow")
                        memo[key] = stack[-1]
                    elif code == 0x8C:
                        try:
                            text = bytes(buf[pos + 2 : nxt]).decode("utf-8", "surrogatepass")
                        except UnicodeDecodeError:
                            raise Malformed(pos, "string is not valid UTF-8") from None
                        stack.append(Lit(text))
                    elif code == 0x73:
                        value = stack.pop()
                        name = stack.pop()
                        cast(Coll, stack[-1]).add(name, value)
                    elif code == 0x46 or code == 0x56:
                        stack.append(Lit(val))
                    elif code == 0x28:
                        self.meta.append(stack)
                        self.below += len(stack)
                        self.stack = []
                    elif code == 0x4B:  # BININT1
                        stack.append(Lit(arg))
                    else:  # BINGET, LONG_BINGET, GET
                        value = self.memo.get(arg, _MISSING)
                        if value is _MISSING:
                            raise Malformed(pos, f"memo value not found at index {arg}")
                        stack.append(value)
                    if len(self.stack) + self.below > max_stack:
                        raise LimitExceeded("symbolic stack over its limit")
                    continue
                # read_op, inlined for the opcodes there are (it raises the error otherwise)
                decode = DECODERS[code] if code >= 0 else None
                if decode is None:
                    read_op(buf, pos, end)
                op = decode(buf, pos, end)  # type: ignore[misc]
                code = op.code
                if frame_end is not None and op.end > frame_end > pos:
                    self._straddle(op, frame_end)
                self.pos = op.end
                r.ops += 1
                tick += 1
                if tick >= 2048:
                    budget.tick(tick)
                    tick = 0
                if code == 0x2E:  # STOP
                    r.value = self._pop(op)
                    r.end = op.end
                    break
                dispatch[code](self, op)
                if len(self.stack) + self.below > max_stack:
                    raise LimitExceeded("symbolic stack over its limit")
        except Malformed as exc:
            r.error = exc
        except (LimitExceeded, MemoryError):
            raise
        except Exception as exc:  # an analyzer bug: keep what the stream showed up to here
            r.error = Malformed(self.pos, "the analyzer could not follow the stream")
            r.failure = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            budget.tick(tick)
        return r

    def _straddle(self, op: Op, frame_end: int) -> None:
        self._anomaly(
            op,
            "frame-straddle",
            f"{op.name} at byte {op.offset} runs past the end of its frame (byte {frame_end})",
        )

    @classmethod
    def _table(cls) -> dict[int, Callable[[Machine, Op], None]]:
        """Opcode -> unbound handler, built once per class (a file may hold many pickles)."""
        cached = _TABLES.get(cls)
        if cached is not None:
            return cached
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
            elif name in ("LONG1", "LONG4"):
                t[code] = cls.op_long
            elif name in ("BINUNICODE", "BINUNICODE8", "SHORT_BINUNICODE"):
                t[code] = cls.op_unicode
            elif name == "BYTEARRAY8":
                t[code] = cls.op_bytearray
            elif name in ("SHORT_BINBYTES", "BINBYTES", "BINBYTES8"):
                t[code] = cls.op_bytes
            else:
                t[code] = cls.op_value
        _TABLES[cls] = t
        return t

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
        if verdict is not Verdict.SAFE and verdict is not Verdict.INDEXED:
            self._keep(call)
        higher = self.policy.higher_order.get(full)
        if higher is not None:
            self._verify_arguments(op, call, higher.called, higher.arguments)
        effect = self.policy.effects.get(full)
        if effect is None and verdict is not Verdict.NESTED:
            return call  # most calls: a class or function that the machine does not follow
        if verdict is Verdict.NESTED or effect is Effect.LOAD_ARGUMENT:
            self.r.nested.append(Nested(op.offset, full, payload(args)))
        resolved = resolve(self.policy, effect, full, args)
        if isinstance(resolved, Target):
            return self.make_ref(resolved.module, resolved.name, op.offset, resolved.how)
        return resolved if resolved is not None else call

    def _verify_arguments(
        self, op: Op, outer: Call, called: tuple[int, ...], arguments: int | None
    ) -> None:
        """An allowed higher-order function calls some of its arguments: each must be proven
        safe as a call of its own, recursively; one computed at load time is not. Each such
        call remembers the call that made it (its state is the outer call's)."""
        full, args = cast(Ref, outer.func).full, outer.args
        inner: list[object] = []
        if arguments is not None and arguments < len(args):
            packed = args[arguments]
            inner = list(packed.items) if isinstance(packed, Coll) else [packed]
        for pos in called:
            if pos >= len(args):
                continue
            value = args[pos]
            if isinstance(value, Ref):
                if self._higher_depth >= MAX_HIGHER_DEPTH:
                    raise LimitExceeded("higher-order calls nested too deeply")
                self._higher_depth += 1
                try:
                    made = self._call(op, value, inner if pos == called[0] else [])
                    if isinstance(made, Call):
                        made.via = outer
                finally:
                    self._higher_depth -= 1
            elif isinstance(value, Call | Opaque):
                self._anomaly(
                    op,
                    "computed-callable",
                    f"{full} calls its argument {pos + 1}, a value computed at load time: "
                    f"{render(value)}",
                )

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
                f"BUILD sets state on the imported object {cut(target.full)} "
                f"(calls its __setstate__ or sets its attributes): {render(state)}",
            )
            return
        if isinstance(target, Call):
            self._plant(op, target, state)
            target.state = state
            target.builds += 1
            func = target.func
            if isinstance(func, Ref) and self.joblib:
                effect = self.policy.effects.get(func.full)
                if effect is Effect.JOBLIB_INLINE_ARRAY:
                    self._joblib_array(op, target)
                elif effect is Effect.JOBLIB_EXTERNAL_ARRAY:
                    for name in joblib_filenames(target):
                        self._anomaly(op, "joblib-external", name)

    def _plant(self, op: Op, target: Call, state: object) -> None:
        """BUILD on a call's result: a planted ``__setstate__`` is what the next BUILD calls,
        a planted ``append``/``extend`` what APPEND(S) calls."""
        planted = self._planted.get(id(target))
        if planted and "__setstate__" in planted:
            self._anomaly(
                op,
                "planted-method",
                f"BUILD calls the __setstate__ planted on {render(target)} with {render(state)}",
            )
        dicts = [state]
        if isinstance(state, Coll) and state.kind == "tuple" and len(state.items) == 2:
            dicts = list(state.items)  # (state, slotstate): slot values are set with setattr
        for d in dicts:
            if not (isinstance(d, Coll) and d.kind == "dict"):
                continue
            items = d.items
            for i in range(0, len(items) - 1, 2):
                key, value = _text(items[i]), items[i + 1]
                if key in PLANTABLE and not isinstance(value, Lit | Coll | Blob):
                    self._planted.setdefault(id(target), set()).add(key)
                    self._anomaly(
                        op,
                        "planted-method",
                        f"BUILD sets {key} on {render(target)} to {render(value)}",
                    )

    def planted(self, target: object) -> set[str]:
        return self._planted.get(id(target), set()) if isinstance(target, Call) else set()

    def _joblib_array(self, op: Op, wrapper: Call) -> None:
        """Skip the array bytes joblib reads straight from the file after the wrapper's
        ``BUILD``; an array of objects is a pickle stream of its own, run here too."""
        layout = array_layout(wrapper.state)
        if layout is None:
            raise Malformed(op.offset, "cannot tell the size of a joblib array stored inline")
        size, has_object, aligned = layout
        self.stack.pop()
        self.stack.append(Opaque("joblib array"))
        self.r.joblib_arrays += 1
        raw = self.frame_end + self.pending_raw if self.frame_end is not None else self.pos
        if has_object:
            sub = Machine(
                self.buf, raw, self.end, self.policy, self.budget, joblib=False, depth=self.depth
            ).run()
            self.r.sub_results.append(sub)
            if sub.end is None:
                err = sub.error or Malformed(raw, "object array stream malformed")
                raise Malformed(err.offset, "object array inside joblib file: " + err.why)
            length = sub.end - raw
        else:
            length = inline_length(self.buf, raw, self.end, size, aligned)
        if raw + length > self.end:
            raise Malformed(raw, f"joblib array of {length} bytes runs past the end of the data")
        if self.frame_end is not None:
            self.pending_raw += length
        else:
            self.pos = raw + length


def _ckey(c: Call) -> str:
    return c.func.full if isinstance(c.func, Ref) else "<computed>"


_TRUNCATED = ("truncated", "runs past the end", "no STOP")
#: A protocol-0 string (``S'...'``) longer than the head: the head cuts it, wherever it starts.
_NO_NEWLINE = "(no newline)"


_HEAD_LIMITS = Limits(seconds=5)


def looks_like_pickle(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts a pickle stream: a protocol
    header, or opcodes that a real unpickler would accept up to STOP or up to the point where
    the head is cut off. Stack semantics are checked too, so text rarely passes."""
    if len(head) >= 2 and head[0] == 0x80 and 0 <= head[1] <= 5:
        return True
    # a head of n bytes runs at most n opcodes and builds O(n) objects: the budget's count of
    # the heap (which costs time in the size of the heap, on every file a scan lists) is off
    budget = Budget(_HEAD_LIMITS, objects=0, _next_count=_HEAD_LIMITS.max_ops + 1)
    try:
        r = Machine(head, 0, len(head), Policy.packaged(), budget).run()
    except LimitExceeded:
        return False
    if r.end is not None:
        return r.ops >= 2 and r.end > 4
    err = r.error
    if err is None or r.ops < 8:
        return False
    if _NO_NEWLINE in err.why:  # a text argument that runs on to the end of the head
        return True
    return any(t in err.why for t in _TRUNCATED) and err.offset > len(head) - 4096
