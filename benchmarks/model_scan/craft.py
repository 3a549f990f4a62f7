"""Byte-level builders for benchmark samples: pickle opcodes, zip members, protobuf fields.

Payloads are only ever written, never run; each names a canary marker file that would be
created if a loader executed it.
"""

from __future__ import annotations

import struct
import zlib


class Pickle:
    """Writes pickle opcodes one by one (no object is pickled, nothing is imported)."""

    def __init__(self, proto: int | None = 2) -> None:
        self.out = bytearray()
        if proto is not None and proto >= 2:
            self.out += b"\x80" + bytes([proto])

    def raw(self, data: bytes) -> Pickle:
        self.out += data
        return self

    def glob(self, module: str, name: str) -> Pickle:
        return self.raw(b"c" + module.encode() + b"\n" + name.encode() + b"\n")

    def string(self, text: str) -> Pickle:
        data = text.encode()
        if len(data) < 256:
            return self.raw(b"\x8c" + bytes([len(data)]) + data)
        return self.raw(b"X" + struct.pack("<I", len(data)) + data)

    def binbytes(self, data: bytes) -> Pickle:
        return self.raw(b"B" + struct.pack("<I", len(data)) + data)

    def stack_global(self, module: str, name: str) -> Pickle:
        return self.string(module).string(name).raw(b"\x93")

    def int(self, n: int) -> Pickle:
        return self.raw(b"J" + struct.pack("<i", n))

    def mark(self) -> Pickle:
        return self.raw(b"(")

    def tuple(self) -> Pickle:
        return self.raw(b"t")

    def tuple1(self) -> Pickle:
        return self.raw(b"\x85")

    def empty_tuple(self) -> Pickle:
        return self.raw(b")")

    def empty_dict(self) -> Pickle:
        return self.raw(b"}")

    def reduce(self) -> Pickle:
        return self.raw(b"R")

    def build(self) -> Pickle:
        return self.raw(b"b")

    def obj(self) -> Pickle:
        return self.raw(b"o")

    def newobj(self) -> Pickle:
        return self.raw(b"\x81")

    def pop(self) -> Pickle:
        return self.raw(b"0")

    def put(self, i: int) -> Pickle:
        return self.raw(b"q" + bytes([i]))

    def get(self, i: int) -> Pickle:
        return self.raw(b"h" + bytes([i]))

    def memoize(self) -> Pickle:
        return self.raw(b"\x94")

    def none(self) -> Pickle:
        return self.raw(b"N")

    def stop(self) -> bytes:
        return bytes(self.out + b".")

    def call(self, module: str, name: str, *args: str) -> Pickle:
        """``module.name(*args)`` with string arguments, via GLOBAL + REDUCE."""
        self.glob(module, name).mark()
        for a in args:
            self.string(a)
        return self.tuple().reduce()


def zip_member(
    name: str,
    data: bytes,
    *,
    method: int = 0,
    crc: int | None = None,
    local_name: str | None = None,
) -> tuple[bytes, bytes]:
    """(local header + data, central directory entry at offset 0) for one member."""
    comp = data if method == 0 else zlib.compress(data)[2:-4]
    real = zlib.crc32(data) & 0xFFFFFFFF
    c = real if crc is None else crc
    lname = (local_name or name).encode()
    local = (
        struct.pack(
            "<4sHHHHHIIIHH",
            b"PK\x03\x04",
            20,
            0,
            method,
            0,
            0x21,
            c,
            len(comp),
            len(data),
            len(lname),
            0,
        )
        + lname
        + comp
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        method,
        0,
        0x21,
        c,
        len(comp),
        len(data),
        len(name.encode()),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    return local, central + name.encode()


def build_zip(members: list[tuple[str, bytes, dict[str, object]]]) -> bytes:
    """A zip archive assembled by hand, so that deliberate faults survive."""
    body = bytearray()
    directory = bytearray()
    for name, data, opts in members:
        local, central = zip_member(name, data, **opts)  # type: ignore[arg-type]
        offset = len(body)
        body += local
        directory += central[:42] + struct.pack("<I", offset) + central[46:]
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def pb_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def pb_field(num: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return pb_varint(num << 3) + pb_varint(value)
    return pb_varint(num << 3 | 2) + pb_varint(len(value)) + value


def saved_model(ops: list[tuple[str, str]], function_ops: list[tuple[str, str]] = ()) -> bytes:  # type: ignore[assignment]
    """A SavedModel protobuf whose graph (and one library function) hold the given nodes."""
    nodes = b"".join(pb_field(1, pb_field(1, n.encode()) + pb_field(2, o.encode())) for n, o in ops)
    fn = b""
    if function_ops:
        sig = pb_field(1, pb_field(1, b"__inference_serving_1"))
        body = b"".join(
            pb_field(3, pb_field(1, n.encode()) + pb_field(2, o.encode())) for n, o in function_ops
        )
        fn = pb_field(2, pb_field(1, sig + body))
    graph = nodes + fn
    meta = pb_field(1, pb_field(1, b"serve")) + pb_field(2, graph)
    return pb_field(1, 1) + pb_field(2, meta)
