"""The stack half of the symbolic pickle machine: literals, containers, the memo and marks.

:class:`Stack` keeps the unpickler's state (stack, mark stack, memo, framing) and implements the
opcodes that only move symbols around; :class:`~secplan.modelfile.pickle.vm.Machine` adds
imports, calls and ``BUILD``. Each opcode method is ``op_<NAME>``, as in ``pickletools``.
"""

from __future__ import annotations

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.limits import Budget, LimitExceeded
from secplan.modelfile.pickle.ops import Malformed, Op, Span, long_value
from secplan.modelfile.pickle.values import (
    Anomaly,
    Blob,
    Call,
    Coll,
    Lit,
    Opaque,
    Ref,
    StreamResult,
    cut,
    render,
)

STR_PREVIEW = 1 << 16  # longer strings are kept as spans of the buffer
MAX_ANOMALIES = 256
_MISSING = object()  # no memo entry


class Stack:
    """The unpickler's state for one stream from ``start``, and its data-only opcodes."""

    def __init__(self, buf: Buffer, start: int, end: int, budget: Budget) -> None:
        self.buf, self.pos, self.end = buf, start, end
        self.budget = budget
        self.stack: list[object] = []
        self.meta: list[list[object]] = []
        self.below = 0  # entries in the segments below the current MARK
        self.memo: dict[int, object] = {}
        self.r = StreamResult(start=start)
        self.frame_end: int | None = None
        self.pending_raw = 0

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
        self.below -= len(self.stack)
        return items

    def _anomaly(self, op: Op, kind: str, detail: str) -> None:
        if len(self.r.anomalies) < MAX_ANOMALIES:
            self.r.anomalies.append(Anomaly(op.offset, kind, detail))

    # ------------------------------------------------------------------ literals
    # literals, one handler for each kind of argument (the opcode decides it)
    def op_value(self, op: Op) -> None:
        self.stack.append(Lit(op.arg))

    def op_long(self, op: Op) -> None:
        self.stack.append(Lit(long_value(self.buf, op.arg)))  # type: ignore[arg-type]

    def op_unicode(self, op: Op) -> None:
        span = op.arg
        assert isinstance(span, Span)
        if span.length > STR_PREVIEW:
            self.stack.append(Blob(span, "str"))
            return
        try:
            raw = bytes(self.buf[span.start : span.start + span.length])
            self.stack.append(Lit(raw.decode("utf-8", "surrogatepass")))
        except UnicodeDecodeError:
            raise Malformed(op.offset, "string is not valid UTF-8") from None

    def op_bytes(self, op: Op) -> None:
        self.stack.append(Blob(op.arg, "bytes"))  # type: ignore[arg-type]

    def op_bytearray(self, op: Op) -> None:
        self.stack.append(Blob(op.arg, "bytearray"))  # type: ignore[arg-type]

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
        if self.frame_end is not None and op.offset < self.frame_end:
            self._anomaly(
                op,
                "frame-straddle",
                f"a new frame starts at byte {op.offset}, inside "
                f"the frame that ends at byte {self.frame_end}",
            )
        self.frame_end, self.pending_raw = op.end + op.arg, 0

    def op_MARK(self, op: Op) -> None:
        self.meta.append(self.stack)
        self.below += len(self.stack)
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
        key = op.arg
        assert isinstance(key, int)
        if key < 0:
            raise Malformed(op.offset, "negative PUT argument")
        memo = self.memo
        if len(memo) >= self.budget.limits.max_stack and key not in memo:
            raise LimitExceeded("memo over its limit")
        if not self.stack:
            raise Malformed(op.offset, "unpickling stack underflow")
        memo[key] = self.stack[-1]

    op_BINPUT = op_PUT
    op_LONG_BINPUT = op_PUT

    def op_MEMOIZE(self, op: Op) -> None:
        self._memo_put(op, len(self.memo))

    def _memo_put(self, op: Op, key: int) -> None:
        if len(self.memo) >= self.budget.limits.max_stack and key not in self.memo:
            raise LimitExceeded("memo over its limit")
        self.memo[key] = self._top(op)

    def op_GET(self, op: Op) -> None:
        value = self.memo.get(op.arg, _MISSING)  # type: ignore[call-overload]
        if value is _MISSING:
            raise Malformed(op.offset, f"memo value not found at index {op.arg}")
        self.stack.append(value)

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
            self._anomaly(op, "method-on-import", f"{op.name} applied to {cut(target.full)}")
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
        else:
            method = ("__setitem__",) if pairs else ("append", "extend")
            hit = sorted(set(method) & self.planted(target))
            if hit:
                self._anomaly(
                    op,
                    "planted-method",
                    f"{op.name} on {render(target)} calls the planted {hit[0]}",
                )

    def planted(self, target: object) -> set[str]:
        """Methods planted on ``target`` by an earlier BUILD (the machine tracks them)."""
        return set()

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
