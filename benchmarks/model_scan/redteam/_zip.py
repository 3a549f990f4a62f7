"""Byte-level edits of ZIP archives (local headers, central directory) for parser tricks."""

from __future__ import annotations

import struct
import zipfile
from io import BytesIO

LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def members(data: bytes) -> dict[str, tuple[int, int]]:
    """name -> (local header offset, central header offset)."""
    zf = zipfile.ZipFile(BytesIO(data))
    out = {}
    pos = data.rfind(b"PK\x05\x06")
    cd_off = struct.unpack_from("<I", data, pos + 16)[0]
    p = cd_off
    for info in zf.infolist():
        assert data[p : p + 4] == CENTRAL
        n, e, k = struct.unpack_from("<HHH", data, p + 28)
        out[info.filename] = (info.header_offset, p)
        p += 46 + n + e + k
    return out


def patch(
    data: bytes, name: str, *, flag_or: int = 0, crc_xor: int = 0, local_name: str = ""
) -> bytes:
    buf = bytearray(data)
    loc, cen = members(data)[name]
    for off, flag_at, crc_at in ((loc, 6, 14), (cen, 8, 16)):
        if flag_or:
            (f,) = struct.unpack_from("<H", buf, off + flag_at)
            struct.pack_into("<H", buf, off + flag_at, f | flag_or)
        if crc_xor:
            (crc,) = struct.unpack_from("<I", buf, off + crc_at)
            struct.pack_into("<I", buf, off + crc_at, crc ^ crc_xor)
    if local_name:
        n = struct.unpack_from("<H", buf, loc + 26)[0]
        assert len(local_name.encode()) == n
        buf[loc + 30 : loc + 30 + n] = local_name.encode()
    return bytes(buf)


def rewrite(
    data: bytes,
    *,
    compression: int = zipfile.ZIP_STORED,
    extra: dict[str, bytes] | None = None,
    first: dict[str, bytes] | None = None,
) -> bytes:
    """Copy an archive member by member; ``first`` members are written before the others."""
    src = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression) as dst:
        for name, content in (first or {}).items():
            dst.writestr(name, content)
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()
