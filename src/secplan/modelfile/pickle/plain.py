"""A first pass over a pickle stream that proves it plain data, far cheaper than the machine.

Most pickles met in practice that are large and hold no tensor are data: dictionaries of words
and numbers, vocabularies, lookup tables. Their opcodes build literals and containers and
nothing else, so the symbolic machine (:mod:`secplan.modelfile.pickle.vm`) finds in them no
import, no call and no anomaly. :func:`plain_stream` walks such a stream with what the machine
needs to reach that conclusion and nothing more: for each stack entry whether it is a container
(a method such as ``APPEND`` on anything else is an anomaly), the memo's keys, the MARK segments
and the frames. No symbol is built.

It gives up, and returns ``None`` so that the machine runs the stream, at the first opcode that
imports, calls or builds (``GLOBAL``, ``STACK_GLOBAL``, ``REDUCE``, ``BUILD``, ``INST``,
``OBJ``, ``NEWOBJ``, ``NEWOBJ_EX``, the extension codes, persistent ids, out-of-band
buffers), at anything the machine would report (an opcode that runs past its frame, a frame
inside a frame, a method applied to a value that is not a container), at anything malformed
(the machine's error message is the report), at a stack or memo over its limit, where the
objects the machine would hold could pass their limit, and when the stream's value is not a
container (the value of a short stream, such as legacy PyTorch's magic number, is read by the
callers). What it returns is what the machine returns for the stream, except the value: a
container of the same kind, whose items are not kept.

>>> import pickle
>>> from secplan.modelfile.limits import Budget, Limits
>>> data = pickle.dumps({"a": [1, 2.5, ("x", None)]}, protocol=0)
>>> r = plain_stream(data, 0, len(data), Budget(Limits()))
>>> r.end == len(data), r.ops, r.value.kind
(True, 21, 'dict')
>>> plain_stream(pickle.dumps(print), 0, 30, Budget(Limits())) is None
True
"""

from __future__ import annotations

import mmap
import re
import struct
import sys
from typing import cast

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.limits import Budget
from secplan.modelfile.pickle.ops import DECODERS, MAX_LINE, Malformed
from secplan.modelfile.pickle.stack import STR_PREVIEW
from secplan.modelfile.pickle.values import Coll, StreamResult

#: Stack entries: 0 for a literal (a number, text, bytes, None or a boolean), otherwise the
#: kind of container.
_KINDS = ("", "list", "dict", "tuple", "set", "frozenset")
LIST, DICT, TUPLE, SET, FROZENSET = 1, 2, 3, 4, 5
#: Memory blocks the machine allocates for one opcode at most (a symbol, its value, a
#: container's list of items, a memo key): the bound of what it would hold.
BLOCKS_PER_OP = 4
#: Opcodes between two looks at the clock.
CLOCK_EVERY = 1 << 16

#: A run of protocol 0's dictionary entries from a text key to a number: ``UNICODE`` (a line
#: of at most 4096 bytes), ``PUT`` (up to 18 digits, what the machine reads as a plain index),
#: ``FLOAT`` or ``INT`` (forms that ``float`` and ``int`` read), ``SETITEM``. Four opcodes that
#: leave the stack as it was, onto the container below: a regular expression checks many of
#: them at C speed; only the memo indexes are read.
_ENTRIES = re.compile(
    rb"(?:V[^\n]{0,4096}+\np[0-9]{1,18}\n(?:F-?[0-9]{1,20}\.[0-9]{1,20}(?:e[-+]?[0-9]{1,3})?"
    rb"|I-?[1-9][0-9]{0,17}|I0)\ns)++"
).match
_KEYS = re.compile(rb"\np([0-9]+)\n").findall
#: A run of protocol 0's tuples of text: ``MARK``, one or more ``UNICODE`` each followed by
#: ``PUT``, ``TUPLE``, ``PUT``. Each line that starts with ``p`` or ``tp`` is a ``PUT``
#: (text holds no newline), read by :data:`_PUTS` in order.
_TUPLES = re.compile(rb"(?:\((?:V[^\n]{0,4096}+\np[0-9]{1,18}\n)++tp[0-9]{1,18}\n)++").match
_PUTS = re.compile(rb"\n(t?)p([0-9]+)(?=\n)").findall
_TEXT_PUTS = re.compile(rb"\np([0-9]+)(?=\n)").findall
_TUPLE_PUTS = re.compile(rb"\ntp([0-9]+)(?=\n)").findall
#: Runs tried one after another that did not match, after which a stream is read opcode by
#: opcode only.
MAX_MISSES = 64
_U32 = struct.Struct("<I").unpack_from
_U64 = struct.Struct("<Q").unpack_from

#: Opcodes with a fixed-size argument that push one literal: opcode -> argument bytes.
_FIXED_LITERAL = {0x4A: 4, 0x4B: 1, 0x4D: 2, 0x47: 8}
#: Opcodes without an argument that push one value: opcode -> what they push.
_PUSH = {0x4E: 0, 0x88: 0, 0x89: 0, 0x5D: LIST, 0x7D: DICT, 0x29: TUPLE, 0x8F: SET}
#: Opcodes that pop the items above the last MARK into a new container.
_FROM_MARK = {0x6C: LIST, 0x74: TUPLE, 0x91: FROZENSET, 0x64: DICT}
#: Length-prefixed payloads skipped by their length: opcode -> (width of the length, text).
_PAYLOAD = {
    0x8C: (1, True),
    0x58: (4, True),
    0x8D: (8, True),
    0x43: (1, False),
    0x42: (4, False),
    0x8E: (8, False),
    0x96: (8, False),
    0x55: (1, False),
}
#: Opcodes read through the machine's own reader (uncommon ones, whose argument checks are
#: best left to one place) that push one literal.
_READ_LITERAL = frozenset({0x49, 0x4C, 0x53, 0x54, 0x8A, 0x8B})
_LINES = frozenset({0x46, 0x56, 0x70, 0x67})  # FLOAT, UNICODE, PUT, GET
_PUT = frozenset({0x71, 0x72, 0x94})
_GET = frozenset({0x68, 0x6A})


def plain_stream(buf: Buffer, start: int, end: int, budget: Budget) -> StreamResult | None:
    """The machine's result for the stream at ``start`` if it is plain data, else ``None``
    (nothing is charged to ``budget`` then). Raises what the machine raises for a budget
    spent (too many opcodes, time)."""
    max_stack = budget.limits.max_stack
    stack: list[int] = []
    marks: list[list[int]] = []
    below = 0
    memo: dict[int, int] = {}
    frame_end = -1
    proto = 0
    ops = 0
    clock = CLOCK_EVERY
    pos = start
    direct = isinstance(buf, bytes | mmap.mmap)  # what regular expressions read in place
    misses = tmisses = 0
    while True:
        if frame_end >= 0 and pos >= frame_end:
            frame_end = -1
        if pos >= end:
            return None
        code = buf[pos]
        ops += 1
        if ops >= clock:
            clock = ops + CLOCK_EVERY
            budget.check_time()
        nxt = pos + 1
        if code == 0x56 and misses < MAX_MISSES and stack and stack[-1] and frame_end < 0:
            # protocol 0's dictionary entries, text key to number, a run of them at a time
            m = _ENTRIES(buf, pos, end) if direct else None  # type: ignore[call-overload]
            if m is not None and len(stack) + below + 2 <= max_stack:
                keys = _KEYS(buf, pos, m.end())  # type: ignore[call-overload]
                memo.update(dict.fromkeys(map(int, keys), 0))
                if len(memo) > max_stack:
                    return None
                ops += 4 * len(keys) - 1
                pos, misses = m.end(), 0
                continue
            misses += 1
        elif code == 0x28 and tmisses < MAX_MISSES and frame_end < 0:
            # protocol 0's tuples of text, memoised, a run of them at a time
            m = _TUPLES(buf, pos, end) if direct else None  # type: ignore[call-overload]
            if m is not None:
                texts = _TEXT_PUTS(buf, pos, m.end())  # type: ignore[call-overload]
                tuples = _TUPLE_PUTS(buf, pos, m.end())  # type: ignore[call-overload]
                puts = len(texts) + len(tuples)
                if len(stack) + below + puts + 1 <= max_stack:  # the most it holds
                    _memoise(memo, texts, tuples, buf, pos, m.end())
                    if len(memo) > max_stack:
                        return None
                    stack.extend([TUPLE] * len(tuples))
                    ops += 2 * puts + len(tuples) - 1  # + MARK, - PUT for each tuple
                    pos, tmisses = m.end(), 0
                    continue
            tmisses += 1
        if code in _LINES:  # protocol 0's text: FLOAT, UNICODE, PUT and GET
            stop = nxt + MAX_LINE
            nl = buf.find(b"\n", nxt, end if stop > end else stop)
            if nl < 0:
                return None
            if code == 0x56:
                stack.append(0)
            elif code == 0x46:
                try:
                    float(buf[nxt:nl])
                except ValueError:
                    return None
                stack.append(0)
            else:
                raw = buf[nxt:nl]  # a memo index: plain digits read here, as the machine does
                if raw.isdigit() and len(raw) < 19 and raw != b"00" and raw != b"01":
                    key = int(raw)
                else:
                    key = _index(buf, pos, end, code)[0]
                    if key < 0:
                        return None
                if code == 0x70:
                    if not stack or (len(memo) >= max_stack and key not in memo):
                        return None
                    memo[key] = stack[-1]
                else:
                    tag = memo.get(key)
                    if tag is None:
                        return None
                    stack.append(tag)
            nxt = nl + 1
        elif code in _PAYLOAD:
            width, text = _PAYLOAD[code]
            at = nxt + width
            if at > end:
                return None
            if width == 1:
                length = buf[nxt]
            elif width == 4:
                length = _U32(buf[nxt:at])[0]
            else:
                length = _U64(buf[nxt:at])[0]
            nxt = at + length
            if nxt > end:
                return None
            if text and length <= STR_PREVIEW:
                try:
                    buf[at:nxt].decode("utf-8", "surrogatepass")
                except UnicodeDecodeError:
                    return None
            stack.append(0)
        elif code == 0x73:  # SETITEM
            if len(stack) < 3 or not stack[-3]:
                return None
            del stack[-2:]
        elif code in _PUT:  # BINPUT, LONG_BINPUT, MEMOIZE
            if code == 0x71:
                if nxt >= end:
                    return None
                key = buf[nxt]
                nxt += 1
            elif code == 0x94:
                key = len(memo)
            else:
                key, nxt = _index(buf, pos, end, code)
                if key < 0:
                    return None
            if not stack or (len(memo) >= max_stack and key not in memo):
                return None
            memo[key] = stack[-1]
        elif code in _GET:  # BINGET, LONG_BINGET
            if code == 0x68:
                if nxt >= end:
                    return None
                key = buf[nxt]
                nxt += 1
            else:
                key, nxt = _index(buf, pos, end, code)
            tag = memo.get(key)
            if tag is None:
                return None
            stack.append(tag)
        elif code == 0x28:  # MARK
            marks.append(stack)
            below += len(stack)
            stack = []
        elif code in _PUSH:
            stack.append(_PUSH[code])
        elif code in _FIXED_LITERAL:
            nxt += _FIXED_LITERAL[code]
            if nxt > end:
                return None
            stack.append(0)
        elif code in _FROM_MARK:
            if not marks:
                return None
            items = len(stack)
            stack = marks.pop()
            below -= len(stack)
            if code == 0x64 and items % 2:
                return None
            stack.append(_FROM_MARK[code])
        elif code == 0x61:  # APPEND
            if len(stack) < 2 or not stack[-2]:
                return None
            stack.pop()
        elif code == 0x65 or code == 0x90 or code == 0x75:  # APPENDS, ADDITEMS, SETITEMS
            if not marks:
                return None
            items = len(stack)
            stack = marks.pop()
            below -= len(stack)
            if not stack or not stack[-1] or (code == 0x75 and items % 2):
                return None
        elif code == 0x85 or code == 0x86 or code == 0x87:  # TUPLE1, TUPLE2, TUPLE3
            n = code - 0x84
            if len(stack) < n:
                return None
            del stack[-n:]
            stack.append(TUPLE)
        elif code == 0x2E:  # STOP
            if not stack or not stack[-1]:
                return None
            # the machine would have held at most BLOCKS_PER_OP blocks for each opcode: where
            # that could pass the limit on the objects held, the machine decides
            held = sys.getallocatedblocks() - budget.objects
            if held + BLOCKS_PER_OP * ops > budget.limits.max_objects:
                return None
            budget.tick(ops)
            return StreamResult(
                start=start, end=nxt, proto=proto, value=Coll(_KINDS[stack[-1]]), ops=ops
            )
        elif code == 0x30 or code == 0x31:  # POP, POP_MARK
            if code == 0x30 and stack:
                stack.pop()
            elif not marks:
                return None
            else:
                stack = marks.pop()
                below -= len(stack)
        elif code == 0x32:  # DUP
            if not stack:
                return None
            stack.append(stack[-1])
        elif code == 0x80:  # PROTO
            if nxt >= end or buf[nxt] > 5:
                return None
            proto = buf[nxt]
            nxt += 1
        elif code == 0x95:  # FRAME
            at = nxt + 8
            if at > end:
                return None
            length = _U64(buf[nxt:at])[0]
            if at + length > end or frame_end >= 0:  # a frame inside a frame: the machine says
                return None
            nxt, frame_end = at, at + length
        elif code in _READ_LITERAL:
            try:
                nxt = DECODERS[code](buf, pos, end).end  # type: ignore[misc]
            except Malformed:
                return None
            stack.append(0)
        else:  # imports, calls, BUILD, persistent ids, buffers, extension codes, no opcode
            return None
        if frame_end >= 0 and nxt > frame_end > pos:  # runs past its frame: the machine says
            return None
        if len(stack) + below > max_stack:
            return None
        pos = nxt


def _memoise(
    memo: dict[int, int], texts: list[bytes], tuples: list[bytes], buf: Buffer, start: int, end: int
) -> None:
    """Record a run of tuples of text in the memo: each text's index holds a literal, each
    tuple's a tuple. Where an index is put more than once in the run, the last put wins, as
    in the machine: the puts are then read again in order."""
    plain = dict.fromkeys(map(int, texts), 0)
    built = dict.fromkeys(map(int, tuples), TUPLE)
    if plain.keys().isdisjoint(built):
        memo.update(plain)
        memo.update(built)
    else:
        puts = _PUTS(buf, start, end)  # type: ignore[call-overload]
        memo.update((int(k), TUPLE if t else 0) for t, k in puts)


def _index(buf: Buffer, pos: int, end: int, code: int) -> tuple[int, int]:
    """A memo index: ``LONG_BINGET``/``LONG_BINPUT``'s four bytes or a line of text
    (``GET``/``PUT``), and where the opcode ends; ``(-1, pos)`` where the machine's reader
    fails."""
    if code == 0x6A or code == 0x72:
        if pos + 5 > end:
            return -1, pos
        return _U32(buf[pos + 1 : pos + 5])[0], pos + 5
    at = pos + 1
    stop = at + MAX_LINE
    nl = buf.find(b"\n", at, end if stop > end else stop)
    if nl < 0:
        return -1, pos
    raw = buf[at:nl]
    if raw.isdigit() and len(raw) < 19 and raw != b"00" and raw != b"01":
        return int(raw), nl + 1
    try:
        op = DECODERS[code](buf, pos, end)  # type: ignore[misc]
    except Malformed:
        return -1, pos
    return int(cast(int, op.arg)), op.end
