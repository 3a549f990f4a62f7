"""Builders of hostile and benign model files for the analyzer's tests.

Payloads are canaries: each would create the marker file named by the test, nothing else.
Nothing here is ever loaded; the tests assert the marker never appears.
"""

from __future__ import annotations

import io
import json
import struct
import tarfile
import zipfile
import zlib
from pathlib import Path

from secplan.model import Finding
from secplan.modelfile import analyze_file
from secplan.modelfile.context import Where
from secplan.modelfile.dispatch import analyze_bytes, new_context
from secplan.modelfile.limits import Limits
from secplan.modelfile.policy import Policy


class P:
    """Pickle opcodes written by hand."""

    def __init__(self, proto: int | None = 2) -> None:
        self.out = bytearray(b"\x80" + bytes([proto]) if proto and proto >= 2 else b"")

    def raw(self, data: bytes) -> P:
        self.out += data
        return self

    def glob(self, module: str, name: str) -> P:
        return self.raw(b"c" + module.encode() + b"\n" + name.encode() + b"\n")

    def s(self, text: str) -> P:
        data = text.encode()
        return self.raw(b"X" + struct.pack("<I", len(data)) + data)

    def b(self, data: bytes) -> P:
        return self.raw(b"B" + struct.pack("<I", len(data)) + data)

    def call(self, module: str, name: str, *args: str) -> P:
        self.glob(module, name).raw(b"(")
        for a in args:
            self.s(a)
        return self.raw(b"tR")

    def stop(self) -> bytes:
        return bytes(self.out + b".")


def canary(tmp: Path) -> str:
    return f"touch {tmp / 'CANARY'}"


def system(tmp: Path, proto: int | None = 2) -> bytes:
    return P(proto).call("os", "system", canary(tmp)).stop()


def zip_bytes(
    members: list[tuple[str, bytes]],
    *,
    crc: dict[str, int] | None = None,
    local: dict[str, str] | None = None,
    deflate: bool = False,
) -> bytes:
    """A zip written by hand so that faults (CRC, local names) survive."""
    body, cd = bytearray(), bytearray()
    for name, data in members:
        comp = zlib.compress(data)[2:-4] if deflate else data
        c = (crc or {}).get(name, zlib.crc32(data) & 0xFFFFFFFF)
        lname = (local or {}).get(name, name).encode()
        method = 8 if deflate else 0
        off = len(body)
        body += (
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                0,
                method,
                0,
                0,
                c,
                len(comp),
                len(data),
                len(lname),
                0,
            )
            + lname
            + comp
        )
        cd += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0,
            c,
            len(comp),
            len(data),
            len(name.encode()),
            0,
            0,
            0,
            0,
            0,
            off,
        )
        cd += name.encode()
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(cd), len(body), 0
    )
    return bytes(body + cd + end)


def std_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def tar_bytes(members: list[tuple[str, bytes | None, str]], mode: str = "w") -> bytes:
    """(name, data, link target or "") triples; data None with a target makes a symlink."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:  # type: ignore[call-overload]
        for name, data, link in members:
            info = tarfile.TarInfo(name)
            if link:
                info.type, info.linkname = tarfile.SYMTYPE, link
                tf.addfile(info)
            else:
                assert data is not None
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def safetensors(header: dict[str, object], data_len: int) -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + b"\x00" * data_len


def gguf(kv: list[tuple[str, str]], version: int = 3) -> bytes:
    def s(text: str) -> bytes:
        data = text.encode()
        return struct.pack("<Q", len(data)) + data

    out = b"GGUF" + struct.pack("<IQQ", version, 0, len(kv))
    for k, v in kv:
        out += s(k) + struct.pack("<I", 8) + s(v)
    return out


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def pb(num: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    return varint(num << 3 | 2) + varint(len(value)) + value


# A FlatBuffer table for :func:`flatbuffer`: field number -> (kind, value), kind one of
# "i8", "i32", "u32", "u64" (scalars), "str", "bytes", "table" and "tables".
FbTable = dict[int, tuple[str, object]]
_FB_SCALARS = {"i8": "<b", "i32": "<i", "u32": "<I", "u64": "<Q"}


def flatbuffer(root: FbTable, ident: bytes = b"TFL3") -> bytes:
    """A FlatBuffer laid out front to back (every offset points forward, as the format
    requires); each field takes 8 bytes of its table."""
    out = bytearray(struct.pack("<I", 0) + ident)
    struct.pack_into("<I", out, 0, _fb_table(out, root))
    return bytes(out)


def _fb_align(out: bytearray) -> None:
    out += bytes(-len(out) % 8)


def _fb_table(out: bytearray, fields: FbTable) -> int:
    n = max(fields) + 1 if fields else 0
    offsets = [0] * n
    for k, i in enumerate(sorted(fields)):
        offsets[i] = 8 + 8 * k
    _fb_align(out)
    vt = len(out)
    out += struct.pack(f"<HH{n}H", 4 + 2 * n, 8 + 8 * len(fields), *offsets)
    _fb_align(out)
    pos = len(out)
    out += struct.pack("<i", pos - vt) + bytes(4 + 8 * len(fields))
    for i, (kind, value) in sorted(fields.items()):
        at = pos + offsets[i]
        if kind in _FB_SCALARS:
            struct.pack_into(_FB_SCALARS[kind], out, at, value)
        else:
            struct.pack_into("<I", out, at, _fb_child(out, kind, value) - at)
    return pos


def _fb_child(out: bytearray, kind: str, value: object) -> int:
    if kind == "table":
        return _fb_table(out, value)  # type: ignore[arg-type]
    _fb_align(out)
    pos = len(out)
    if kind in ("str", "bytes"):
        data = value.encode() if isinstance(value, str) else bytes(value)  # type: ignore[call-overload]
        out += struct.pack("<I", len(data)) + data + (b"\x00" if kind == "str" else b"")
        return pos
    items: list[FbTable] = value  # type: ignore[assignment]
    out += struct.pack("<I", len(items)) + bytes(4 * len(items))
    for k, item in enumerate(items):
        at = pos + 4 + 4 * k
        struct.pack_into("<I", out, at, _fb_table(out, item) - at)
    return pos


def tflite(
    codes: list[tuple[int, str | None]],
    operators: list[int] | None = None,
    buffers: list[FbTable] | None = None,
) -> bytes:
    """A TensorFlow Lite model: operator codes as (builtin code, custom name), one subgraph
    whose operators use the given code indexes (default: each code once)."""
    op_codes: list[FbTable] = []
    for builtin, custom in codes:
        code: FbTable = {0: ("i8", min(builtin, 127)), 2: ("i32", 1), 3: ("i32", builtin)}
        if custom is not None:
            code[1] = ("str", custom)
        op_codes.append(code)
    ops = [{0: ("u32", i)} for i in (range(len(codes)) if operators is None else operators)]
    return flatbuffer(
        {
            0: ("u32", 3),
            1: ("tables", op_codes),
            2: ("tables", [{3: ("tables", ops), 4: ("str", "main")}]),
            3: ("str", "built for a test"),
            4: ("tables", buffers if buffers is not None else [{}, {0: ("bytes", b"\x01" * 16)}]),
        }
    )


def scan_file(root: Path, name: str, data: bytes, **kw: object) -> list[Finding]:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return analyze_file(path, name, **kw)  # type: ignore[arg-type]


def scan_bytes(data: bytes, limits: Limits | None = None, name: str = "x") -> list[Finding]:
    ctx = new_context(Policy.packaged(), limits or Limits())
    analyze_bytes(data, Where("x", None, None, 0, name), ctx)
    return ctx.sink.findings


def rules(findings: list[Finding]) -> list[str]:
    return sorted({f.rule for f in findings})


def worst(findings: list[Finding]) -> int:
    return max((int(f.severity) for f in findings), default=-1)
