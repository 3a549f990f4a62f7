"""Decode one pickle opcode at a time from a buffer, with offsets and without copying payloads.

This reader follows CPython's unpickler (``Modules/_pickle.c``) in what it accepts: argument
formats, line-terminated text arguments and length-prefixed payloads. Payloads are returned
as ``(start, length)`` spans into the buffer, so a gigabyte of tensor bytes costs nothing.

>>> import pickle
>>> ops = []
>>> pos = 0
>>> data = pickle.dumps(("a", 1), protocol=2)
>>> while True:
...     op = read_op(data, pos, len(data))
...     ops.append(op.name)
...     pos = op.end
...     if op.name == "STOP":
...         break
>>> ops
['PROTO', 'BINUNICODE', 'BINPUT', 'BININT1', 'TUPLE2', 'BINPUT', 'STOP']
"""

from __future__ import annotations

import codecs
import struct
from collections.abc import Callable
from dataclasses import dataclass

from secplan.modelfile.buffer import Buffer

#: Longest text argument read (CPython's unpickler reads a line of any length; protocol-0
#: pickles written by Python 2 hold whole model files as one ``S'...'`` string). Each line is
#: searched once and consumed, so the walk stays linear in the stream.
MAX_LINE = 256 << 20


class Malformed(Exception):
    """The stream stops being a valid pickle here; the real unpickler would raise too."""

    def __init__(self, offset: int, why: str) -> None:
        super().__init__(f"{why} at byte {offset}")
        self.offset = offset
        self.why = why


# Spans and opcodes are made once per opcode read: plain (not frozen) slotted dataclasses, whose
# constructor is several times cheaper than a frozen one's; nothing ever changes them.
@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A payload inside the buffer (bytes, str or a long's two's-complement digits)."""

    start: int
    length: int


@dataclass(slots=True, unsafe_hash=True)
class Op:
    """One opcode of a pickle stream, with its offsets and argument."""

    code: int
    name: str
    offset: int
    end: int
    arg: object = None


# opcode -> (name, argument format)
_TABLE: dict[int, tuple[str, str]] = {
    0x28: ("MARK", ""), 0x2E: ("STOP", ""), 0x30: ("POP", ""), 0x31: ("POP_MARK", ""),
    0x32: ("DUP", ""), 0x46: ("FLOAT", "floatnl"), 0x49: ("INT", "intnl"),
    0x4A: ("BININT", "<i"), 0x4B: ("BININT1", "<B"), 0x4C: ("LONG", "longnl"),
    0x4D: ("BININT2", "<H"), 0x4E: ("NONE", ""), 0x50: ("PERSID", "line"),
    0x51: ("BINPERSID", ""), 0x52: ("REDUCE", ""), 0x53: ("STRING", "stringnl"),
    0x54: ("BINSTRING", "bytes<i"), 0x55: ("SHORT_BINSTRING", "bytes<B"),
    0x56: ("UNICODE", "unicodenl"), 0x58: ("BINUNICODE", "str<I"), 0x61: ("APPEND", ""),
    0x62: ("BUILD", ""), 0x63: ("GLOBAL", "pair"), 0x64: ("DICT", ""),
    0x7D: ("EMPTY_DICT", ""), 0x65: ("APPENDS", ""), 0x67: ("GET", "intnl"),
    0x68: ("BINGET", "<B"), 0x69: ("INST", "pair"), 0x6A: ("LONG_BINGET", "<I"),
    0x6C: ("LIST", ""), 0x5D: ("EMPTY_LIST", ""), 0x6F: ("OBJ", ""), 0x70: ("PUT", "intnl"),
    0x71: ("BINPUT", "<B"), 0x72: ("LONG_BINPUT", "<I"), 0x73: ("SETITEM", ""),
    0x74: ("TUPLE", ""), 0x29: ("EMPTY_TUPLE", ""), 0x75: ("SETITEMS", ""),
    0x47: ("BINFLOAT", ">d"), 0x80: ("PROTO", "<B"), 0x81: ("NEWOBJ", ""),
    0x82: ("EXT1", "<B"), 0x83: ("EXT2", "<H"), 0x84: ("EXT4", "<i"), 0x85: ("TUPLE1", ""),
    0x86: ("TUPLE2", ""), 0x87: ("TUPLE3", ""), 0x88: ("NEWTRUE", ""), 0x89: ("NEWFALSE", ""),
    0x8A: ("LONG1", "long<B"), 0x8B: ("LONG4", "long<i"), 0x43: ("SHORT_BINBYTES", "bytes<B"),
    0x42: ("BINBYTES", "bytes<I"), 0x8C: ("SHORT_BINUNICODE", "str<B"),
    0x8D: ("BINUNICODE8", "str<Q"), 0x8E: ("BINBYTES8", "bytes<Q"),
    0x8F: ("EMPTY_SET", ""), 0x90: ("ADDITEMS", ""), 0x91: ("FROZENSET", ""),
    0x92: ("NEWOBJ_EX", ""), 0x93: ("STACK_GLOBAL", ""), 0x94: ("MEMOIZE", ""),
    0x95: ("FRAME", "<Q"), 0x96: ("BYTEARRAY8", "bytes<Q"), 0x97: ("NEXT_BUFFER", ""),
    0x98: ("READONLY_BUFFER", ""),
}  # fmt: skip
NAMES: dict[int, str] = {code: name for code, (name, _) in _TABLE.items()}
OPCODES = frozenset(_TABLE)


def _line(buf: Buffer, pos: int, end: int) -> tuple[bytes, int]:
    nl = buf.find(b"\n", pos, min(end, pos + MAX_LINE))
    if nl < 0:
        if end - pos >= MAX_LINE:
            raise Malformed(pos, f"text argument longer than {MAX_LINE} bytes")
        raise Malformed(pos, "truncated text argument (no newline)")
    return bytes(buf[pos:nl]), nl + 1


def _int_text(text: bytes, offset: int) -> int | bool:
    if text == b"00":
        return False
    if text == b"01":
        return True
    try:
        return int(text.rstrip(b"L"), 0)
    except ValueError:
        try:
            return int(text.rstrip(b"L"))
        except ValueError:
            raise Malformed(offset, "invalid integer literal") from None


def _decode_text(fmt: str, buf: Buffer, pos: int, end: int, offset: int) -> tuple[object, int]:
    text, nxt = _line(buf, pos, end)
    if fmt == "intnl" or fmt == "longnl":
        return _int_text(text, offset), nxt
    if fmt == "floatnl":
        try:
            return float(text), nxt
        except ValueError:
            raise Malformed(offset, "invalid float literal") from None
    if fmt == "stringnl":
        if len(text) < 2 or text[0] != text[-1] or text[:1] not in (b"'", b'"'):
            raise Malformed(offset, "the STRING opcode argument must be quoted")
        try:
            raw: bytes = codecs.escape_decode(text[1:-1])[0]
        except ValueError:
            raise Malformed(offset, "invalid escape in STRING argument") from None
        return raw, nxt
    if fmt == "unicodenl":
        return text.decode("raw-unicode-escape", "replace"), nxt
    if fmt == "pair":
        second, nxt2 = _line(buf, nxt, end)
        try:
            return (text.decode("utf-8"), second.decode("utf-8")), nxt2
        except UnicodeDecodeError:
            raise Malformed(offset, "module or name is not valid UTF-8") from None
    return text.decode("latin-1"), nxt  # "line": a persistent id


def _decoder(code: int, name: str, fmt: str) -> Callable[[Buffer, int, int], Op]:
    """The reader of one opcode's argument: the format is looked at once, here, not for each
    opcode read."""
    if not fmt:

        def plain(buf: Buffer, pos: int, end: int) -> Op:
            return Op(code, name, pos, pos + 1)

        return plain
    if fmt == "<B":

        def byte(buf: Buffer, pos: int, end: int) -> Op:
            if pos + 2 > end:
                raise Malformed(pos, "truncated opcode argument")
            return Op(code, name, pos, pos + 2, buf[pos + 1])

        return byte
    if fmt[0] in "<>":
        unpack, width = struct.Struct(fmt).unpack, struct.calcsize(fmt)

        def fixed(buf: Buffer, pos: int, end: int) -> Op:
            at = pos + 1
            if at + width > end:
                raise Malformed(pos, "truncated opcode argument")
            return Op(code, name, pos, at + width, unpack(buf[at : at + width])[0])

        return fixed
    if fmt[-2:-1] == "<" and fmt[:-2] in ("bytes", "str", "long"):
        kind = fmt[:-2]
        unpack, width = struct.Struct(fmt[-2:]).unpack, struct.calcsize(fmt[-2:])

        def payload(buf: Buffer, pos: int, end: int) -> Op:
            start = pos + 1 + width
            if start > end:
                raise Malformed(pos, "truncated opcode argument")
            length: int = unpack(buf[pos + 1 : start])[0]
            if length < 0:
                if kind == "long":
                    raise Malformed(pos, "LONG4 byte count < 0")
                raise Malformed(pos, "negative byte count")
            if start + length > end:
                raise Malformed(pos, f"payload of {length} bytes runs past the end of the data")
            return Op(code, name, pos, start + length, Span(start, length))

        return payload

    if fmt in ("intnl", "longnl", "unicodenl"):
        number = fmt != "unicodenl"

        # protocol 0's memo indexes, integers and text: _decode_text's answer, for the
        # common case (a line within the limit, plain decimal digits) without its detours
        def line(buf: Buffer, pos: int, end: int) -> Op:
            at = pos + 1
            stop = at + MAX_LINE
            nl = buf.find(b"\n", at, end if stop > end else stop)
            if nl < 0:
                _line(buf, at, end)  # raises the error for a missing newline
            raw = bytes(buf[at:nl])
            if not number:
                return Op(code, name, pos, nl + 1, raw.decode("raw-unicode-escape", "replace"))
            if raw.isdigit() and len(raw) < 19 and raw != b"00" and raw != b"01":
                return Op(code, name, pos, nl + 1, int(raw))
            return Op(code, name, pos, nl + 1, _int_text(raw, pos))

        return line

    def text(buf: Buffer, pos: int, end: int) -> Op:
        value, nxt = _decode_text(fmt, buf, pos + 1, end, pos)
        return Op(code, name, pos, nxt, value)

    return text


#: opcode byte -> its reader; ``None`` for a byte that is no opcode
DECODERS: list[Callable[[Buffer, int, int], Op] | None] = [None] * 256
for _code, (_name, _fmt) in _TABLE.items():
    DECODERS[_code] = _decoder(_code, _name, _fmt)


def read_op(buf: Buffer, pos: int, end: int) -> Op:
    """The opcode at ``pos``; raises :class:`Malformed` where the unpickler would fail."""
    if pos >= end:
        raise Malformed(pos, "pickle data was truncated (no STOP opcode)")
    code = buf[pos]
    decode = DECODERS[code]
    if decode is None:
        raise Malformed(pos, f"invalid opcode 0x{code:02x}")
    return decode(buf, pos, end)


def long_value(buf: Buffer, span: Span) -> int:
    if span.length > 4096:
        return 1 << 32768  # effectively "huge"; never needed exactly
    raw = bytes(buf[span.start : span.start + span.length])
    return int.from_bytes(raw, "little", signed=True)
