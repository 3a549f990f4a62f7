"""A bounded walk over Python ``marshal`` data (versions 0 to 5, Python 2 and 3), never
unmarshalled.

Each value is a type byte (``FLAG_REF``, 0x80, folded in) and a payload whose size the type
and its length fields give: the walk skips payloads by length, keeps the count of items each
open container still holds (a dict reads key and value items until its ``NULL``), and stops
at the first code object, whose layout depends on the Python version that wrote it. It is
iterative (no recursion), reads every length inside the buffer, and charges every item to a
limit.

>>> import marshal
>>> data = marshal.dumps({"a": [1, 2.5, ("x", None)]})
>>> walk(data, 0, len(data), 100) == (len(data), None)
True
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

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


def walk(buf: bytes | memoryview, start: int, end: int, max_items: int) -> tuple[int, int | None]:
    """``(end of the first value, offset of its first code object or None)``; raises
    :class:`MarshalError` (``why`` is :data:`TRUNCATED` when ``end`` cuts a value) and
    :class:`LimitExceeded` past ``max_items`` items."""
    stack = [1]
    top, pos, items, kind_of = 1, start, 0, KIND
    while True:
        if top == 0:
            stack.pop()
            if not stack:
                return pos, None
            top = stack[-1]
            continue
        if pos >= end:
            raise MarshalError(pos, TRUNCATED)
        k = kind_of[buf[pos]]
        pos += 1
        items += 1
        if items > max_items:
            raise LimitExceeded(f"more than {max_items:,} marshal items")
        if top == _DICT:
            if k == K_NULL:
                stack.pop()
                if not stack:
                    return pos, None
                top = stack[-1]
                continue
        else:
            top -= 1
            stack[-1] = top
        if k >= 0:
            pos += k
        elif k == K_LEN32:
            if pos + 4 > end:
                raise MarshalError(pos, TRUNCATED)
            pos += 4 + _U32(buf, pos)[0]
        elif k == K_DICT:
            stack.append(_DICT)
            top = _DICT
            if len(stack) > MAX_DEPTH:
                raise MarshalError(pos, "containers nested deeper than marshal reads")
        elif k == K_SEQ32:
            if pos + 4 > end:
                raise MarshalError(pos, TRUNCATED)
            top = _U32(buf, pos)[0]
            stack.append(top)
            pos += 4
            if len(stack) > MAX_DEPTH:
                raise MarshalError(pos, "containers nested deeper than marshal reads")
        elif k in (K_LEN8, K_FLOAT):
            if pos >= end:
                raise MarshalError(pos, TRUNCATED)
            pos += 1 + buf[pos]
        elif k == K_SEQ8:
            if pos >= end:
                raise MarshalError(pos, TRUNCATED)
            top = buf[pos]
            stack.append(top)
            pos += 1
            if len(stack) > MAX_DEPTH:
                raise MarshalError(pos, "containers nested deeper than marshal reads")
        elif k == K_LONG:
            if pos + 4 > end:
                raise MarshalError(pos, TRUNCATED)
            pos += 4 + 2 * abs(_I32(buf, pos)[0])
        elif k == K_COMPLEX:
            for _ in range(2):
                if pos >= end:
                    raise MarshalError(pos, TRUNCATED)
                pos += 1 + buf[pos]
        elif k == K_CODE:
            return pos, pos - 1
        else:
            raise MarshalError(pos - 1, f"unknown type byte {buf[pos - 1]:#04x}")
        if pos > end:
            raise MarshalError(end, TRUNCATED)


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
