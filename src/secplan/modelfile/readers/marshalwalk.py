"""A bounded walk over Python ``marshal`` data (versions 0 to 5, Python 2 and 3), never
unmarshalled.

Each value is a type byte (``FLAG_REF``, 0x80, folded in) and a payload whose size the type
and its length fields give: the walk skips payloads by length, keeps the count of items each
open container still holds (a dict reads key and value items until its ``NULL``), and stops
at the first code object, whose layout depends on the Python version that wrote it. It is
iterative (no recursion), reads every length inside the buffer, and charges every item to a
limit. In large data, runs of small values (short strings, numbers and small tuples of them,
as models written with marshal are made of) are matched whole by regular expressions that
spell out every type byte and length: C speed, and still no value is built.

>>> import marshal
>>> data = marshal.dumps({"a": [1, 2.5, ("x", None)]})
>>> walk(data, 0, len(data), 100) == (len(data), None)
True
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from functools import cache

from secplan.modelfile.limits import LimitExceeded

_U32 = struct.Struct("<I").unpack_from
_I32 = struct.Struct("<i").unpack_from


class MarshalError(Exception):
    """Not well-formed marshal data; ``offset`` is where the walk stopped."""

    def __init__(self, offset: int, why: str) -> None:
        super().__init__(f"{why} at byte {offset}")
        self.offset, self.why = offset, why


TRUNCATED = "truncated"

# What each type byte is: >= 0, a payload of that many bytes; otherwise one of these.
K_LEN32, K_LEN8, K_SEQ32, K_SEQ8, K_DICT, K_LONG, K_FLOAT, K_COMPLEX, K_NULL, K_CODE, K_BAD = range(
    -1, -12, -1
)
_KINDS = {
    "N": 0, "F": 0, "T": 0, "S": 0, ".": 0,  # None, False, True, StopIteration, Ellipsis
    "i": 4, "I": 8, "g": 8, "y": 16,  # int32, int64, binary float and complex
    "r": 4, "R": 4,  # a reference to an earlier object (R: Python 2's string reference)
    "s": K_LEN32, "t": K_LEN32, "u": K_LEN32, "a": K_LEN32, "A": K_LEN32,  # strings
    "z": K_LEN8, "Z": K_LEN8,  # short ASCII strings
    "(": K_SEQ32, "[": K_SEQ32, "<": K_SEQ32, ">": K_SEQ32,  # tuple, list, set, frozenset
    ")": K_SEQ8, "{": K_DICT, "l": K_LONG, "f": K_FLOAT, "x": K_COMPLEX, "0": K_NULL,
    "c": K_CODE,
}  # fmt: skip
KIND: Sequence[int] = tuple(_KINDS.get(chr(b & 0x7F), K_BAD) for b in range(256))
_DICT = -1  # the open container is a dict: items until NULL
#: marshal's own MAX_MARSHAL_STACK_DEPTH: deeper data is refused by the loader.
MAX_DEPTH = 2000

# ---- small values skipped whole by a regular expression (C speed, no unmarshalling)
#
# A *small value* is a leaf (a constant, a fixed-size number, a string or float text of at most
# SMALL_TEXT bytes) or a container of at most SMALL_ITEMS small values, two levels deep at
# most. Every type byte and length is spelled out, so the expression matches exactly the bytes
# the item-by-item walk would skip, and its alternatives are disjoint (no backtracking blow-up).
# Marshal data is prefix-free: at any byte at most one small value starts, read one way only.
# The repeats are therefore possessive (``{n}+``): they keep no state to backtrack into, which
# nothing could use, and match exactly what the plain repeats match, faster.
SMALL_TEXT = 15
SMALL_ITEMS = 3
RUN = 64  # small values a container's run is skipped by at a time
#: Data smaller than this is walked item by item (compiling the expressions costs more).
BULK_MIN = 1 << 20


def _types(chars: str) -> bytes:
    """A character class of the type bytes, with and without FLAG_REF."""
    codes = sorted({ord(c) for c in chars} | {ord(c) | 0x80 for c in chars})
    return b"[" + b"".join(re.escape(bytes([c])) for c in codes) + b"]"


def _sized(length: Callable[[int], bytes]) -> bytes:
    return (
        b"(?:"
        + b"|".join(
            re.escape(length(n)) + (b".{%d}" % n if n else b"") for n in range(SMALL_TEXT + 1)
        )
        + b")"
    )


def _container(child: bytes, *, spelled: bool) -> bytes:
    """A container of at most SMALL_ITEMS ``child`` values. The type class is tested once and
    each count is a literal, so a failing alternative costs one byte comparison; ``spelled``
    writes the children out rather than repeating them (faster, and a larger expression)."""

    def items(n: int) -> bytes:
        if not n:
            return b""
        if spelled:
            return b"".join(b"(?:" + child + b")" for _ in range(n))
        return b"(?:" + child + b"){%d}+" % n

    counts = range(SMALL_ITEMS + 1)
    return (
        b"(?:"
        + _types("([<>")
        + b"(?:"
        + b"|".join(re.escape(struct.pack("<I", n)) + items(n) for n in counts)
        + b")|"
        + _types(")")
        + b"(?:"
        + b"|".join(re.escape(bytes([n])) + items(n) for n in counts)
        + b"))"
    )


@cache
def _small_values() -> tuple[Callable[..., re.Match[bytes] | None], ...]:
    """``(run, container)``: the matchers of RUN small values and of one small container."""
    kinds = (  # tried in this order: the most common leaves of data models first
        _types("stuaA") + _sized(lambda n: struct.pack("<I", n)),
        _types("irR") + b".{4}",
        _types("NFTS."),
        _types("zZf") + _sized(lambda n: bytes([n])),
        _types("Ig") + b".{8}",
        _types("y") + b".{16}",
    )
    leaf = b"(?:" + b"|".join(kinds) + b")"
    inner = _container(leaf, spelled=True)
    small = _container(b"(?:" + inner + b"|" + leaf + b")", spelled=False)
    run = re.compile(b"(?:" + small + b"|" + leaf + b"){%d}+" % RUN, re.DOTALL).match
    return run, re.compile(small, re.DOTALL).match


def walk(buf: bytes | memoryview, start: int, end: int, max_items: int) -> tuple[int, int | None]:
    """``(end of the first value, offset of its first code object or None)``; raises
    :class:`MarshalError` (``why`` is :data:`TRUNCATED` when ``end`` cuts a value) and
    :class:`LimitExceeded` past ``max_items`` items.

    Leaves (numbers, strings, constants) are by far the most common items: each open
    container's leaves are skipped in a tight loop that touches no stack; in data of
    :data:`BULK_MIN` bytes or more, runs of small values and small containers are skipped
    whole by regular expressions (each small value counts as one item); only a larger
    container or a dict's end goes back to the general loop."""
    stack: list[int] = []  # what each enclosing container still holds (or _DICT)
    top, pos, items, kind_of, u32 = 1, start, 0, KIND, _U32
    bulk = end - start >= BULK_MIN
    run, small = _small_values() if bulk else (None, None)
    while True:
        # a small value nests two levels deeper: near the depth limit, go item by item
        shallow = bulk and len(stack) + 3 < MAX_DEPTH
        # ---- runs of small values, RUN at a time
        while (top >= RUN or top == _DICT) and shallow and items + RUN <= max_items:
            m = run(buf, pos, end)  # type: ignore[misc]
            if m is None:
                break
            pos = m.end()
            items += RUN
            if top > 0:
                top -= RUN
        # ---- the leaves (and small containers) that follow: at most ``room`` of them
        room = max_items - items
        dict_open = top == _DICT
        left = room + 1 if dict_open or top > room else top
        want = left
        while left:
            if pos >= end:
                raise MarshalError(end, TRUNCATED)
            k = kind_of[buf[pos]]
            if k >= 0:
                pos += 1 + k
            elif k == K_LEN32:
                if pos + 5 > end:
                    raise MarshalError(pos + 1, TRUNCATED)
                pos += 5 + u32(buf, pos + 1)[0]
            elif k in (K_LEN8, K_FLOAT):
                if pos + 1 >= end:
                    raise MarshalError(pos + 1, TRUNCATED)
                pos += 2 + buf[pos + 1]
            elif k in (K_SEQ32, K_SEQ8) and shallow:
                m = small(buf, pos, end)  # type: ignore[misc]
                if m is None:
                    break
                pos = m.end()
            else:
                break
            left -= 1
        items += want - left
        if not dict_open:
            top -= want - left
        if items > max_items:
            raise LimitExceeded(f"more than {max_items:,} marshal items")
        if pos > end:
            raise MarshalError(end, TRUNCATED)
        if top == 0:  # the container is complete
            if not stack:
                return pos, None
            top = stack.pop()
            continue
        # ---- one item that is not a leaf (or the dict's end)
        if pos >= end:
            raise MarshalError(end, TRUNCATED)
        k = kind_of[buf[pos]]
        pos += 1
        items += 1
        if items > max_items:
            raise LimitExceeded(f"more than {max_items:,} marshal items")
        if dict_open:
            if k == K_NULL:
                if not stack:
                    return pos, None
                top = stack.pop()
                continue
        else:
            top -= 1
        if k == K_DICT:
            stack.append(top)
            top = _DICT
        elif k == K_SEQ32:
            if pos + 4 > end:
                raise MarshalError(pos, TRUNCATED)
            stack.append(top)
            top = u32(buf, pos)[0]
            pos += 4
        elif k == K_SEQ8:
            if pos >= end:
                raise MarshalError(pos, TRUNCATED)
            stack.append(top)
            top = buf[pos]
            pos += 1
        elif k == K_LONG:
            if pos + 4 > end:
                raise MarshalError(pos, TRUNCATED)
            pos += 4 + 2 * abs(_I32(buf, pos)[0])
            continue
        elif k == K_COMPLEX:
            for _ in range(2):
                if pos >= end:
                    raise MarshalError(pos, TRUNCATED)
                pos += 1 + buf[pos]
            continue
        elif k == K_NULL:
            raise MarshalError(pos - 1, "a NULL outside a dict")
        elif k == K_CODE:
            return pos, pos - 1
        else:
            raise MarshalError(pos - 1, f"unknown type byte {buf[pos - 1]:#04x}")
        if len(stack) >= MAX_DEPTH:
            raise MarshalError(pos, "containers nested deeper than marshal reads")


def looks_like_marshal(head: bytes, size: int) -> bool:
    """Whether the head starts marshal data: a container first (a bare string or number says
    too little), and the walk either ends exactly at ``size``, reaches a code object after
    some data, or runs well into the head before the head cuts it."""
    if len(head) < 8 or KIND[head[0]] not in (K_DICT, K_SEQ32, K_SEQ8):
        return False
    try:
        end, code = walk(head, 0, len(head), 1 << 20)
    except MarshalError as exc:
        return exc.why == TRUNCATED and len(head) < size and exc.offset > 256
    except LimitExceeded:
        return False
    return end == size or (code is not None and code >= 8)  # data, then a code object
