"""A bounded zip reader that sees what loaders see, including what Python's zipfile refuses.

PyTorch reads zip archives with miniz: it takes the central directory at face value (no
adjustment for data prepended to the archive), skips the local header by the lengths the
local header gives, never compares the local and central file names, and finds records by a
case-insensitive name lookup. Python's ``zipfile`` (NumPy, Keras, most tools) shifts offsets
by any prepended data and refuses members whose CRC or local name disagrees. This module
reads the directory once and reports each of those differences, so the analyzer can look at
the bytes every loader would act on.
"""

from __future__ import annotations

import bz2
import dataclasses
import lzma
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from secplan.modelfile.buffer import Buffer, Spill, Window
from secplan.modelfile.limits import LZMA_MEMLIMIT, Budget, LimitExceeded, ZlibDecompressor
from secplan.modelfile.readers.zipend import MAX_COMMENT, rfind_end

EOCD64 = b"PK\x06\x06"
LOC64 = b"PK\x06\x07"
CDH = b"PK\x01\x02"
LFH = b"PK\x03\x04"
STORED, DEFLATED, BZIP2, LZMA = 0, 8, 12, 14


class ZipError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a zip archive's central directory."""

    index: int
    name: str
    method: int
    flags: int
    csize: int
    usize: int
    crc: int
    header_offset: int  # as written in the central directory
    external_attr: int
    create_system: int

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & 0x1)

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")

    @property
    def is_symlink(self) -> bool:
        return self.create_system == 3 and (self.external_attr >> 16) & 0o170000 == 0o120000


Decoder = ZlibDecompressor | bz2.BZ2Decompressor | lzma.LZMADecompressor


@dataclass(slots=True)
class Directory:
    """The members of a zip archive, as its central directory lists them."""

    members: list[Member]
    concat: int  # bytes before the archive that Python's zipfile adds to every offset
    total: int  # members declared by the end record
    notes: list[str] = field(default_factory=list)


def _u(fmt: str, buf: Buffer, pos: int, size: int) -> tuple[Any, ...]:
    n = struct.calcsize(fmt)
    if pos < 0 or pos + n > size:
        raise ZipError("structure runs past the end of the file")
    return struct.unpack(fmt, bytes(buf[pos : pos + n]))


def _record64(buf: Buffer, size: int, pos: int) -> tuple[int, int, int] | None:
    """``(entries, directory size, directory offset)`` of a ZIP64 end record at ``pos``."""
    if pos < 0 or pos + 56 > size or bytes(buf[pos : pos + 4]) != EOCD64:
        return None
    f = _u("<4sQHHIIQQQQ", buf, pos, size)
    return f[7], f[8], f[9]


@dataclass(slots=True)
class _View:
    """The central directory as one reader finds it."""

    members: list[tuple[int, Member]] = field(default_factory=list)  # (entry position, entry)
    error: str = ""


def read_directory(buf: Buffer, size: int, max_members: int) -> Directory:
    """The members either real reader would see, and how the readers disagree.

    CPython's ``zipfile`` takes the ZIP64 end record just before the ZIP64 locator, shifts
    every offset by the bytes that precede the archive, walks the central directory by its
    size whatever the entry count says, and lets the last of a repeated name win. PyTorch's
    reader (miniz) follows the locator's offset to the ZIP64 record, takes offsets at face
    value and reads exactly the declared number of entries. Members are listed PyTorch's
    first, then those only ``zipfile`` sees.
    """
    eocd = rfind_end(buf, max(0, size - 22 - MAX_COMMENT), size)
    if eocd < 0:
        raise ZipError("no end-of-central-directory record")
    _, _, _, _, total, cd_size, cd_off, _ = _u("<4sHHHHIIH", buf, eocd, size)
    notes: list[str] = []
    py = mz = (total, cd_size, cd_off)
    py_end = eocd
    if eocd >= 20 and bytes(buf[eocd - 20 : eocd - 16]) == LOC64:
        (_, _, off64, _) = _u("<4sIQI", buf, eocd - 20, size)
        before = eocd - 20 - 56
        rec_py, rec_mz = _record64(buf, size, before), _record64(buf, size, off64)
        if rec_py is not None:
            py, py_end = rec_py, before
        if rec_mz is not None:
            mz = rec_mz
        if off64 != before and rec_py != rec_mz:
            notes.append(
                f"the ZIP64 locator points at byte {off64}, but Python's zipfile reads the "
                f"ZIP64 record just before the locator (byte {before}): the readers use "
                "different central directories"
            )
    concat = py_end - py[1] - py[2]
    python = _python_view(buf, size, py, concat, max_members)
    want = min(mz[0], max_members)
    if mz == py and concat == 0 and not python.error and len(python.members) >= want:
        miniz = _View(python.members[:want])  # the same directory: its first entries
    else:
        miniz = _miniz_view(buf, size, mz, max_members)
    if python.error and miniz.error:
        raise ZipError(python.error)
    for who, view, other in (
        ("Python's zipfile", python, "PyTorch's reader"),
        ("PyTorch's reader", miniz, "Python's zipfile"),
    ):
        if view.error:
            notes.append(f"{who} refuses the archive ({view.error}); {other} reads it")
    if concat > 0 and not python.error:
        notes.append(
            f"{concat} bytes precede the archive: Python's zipfile shifts every offset by "
            "them, PyTorch's reader does not"
        )
    if not python.error and not miniz.error and len(python.members) != min(mz[0], max_members):
        notes.append(
            f"the end record declares {mz[0]} members but the central directory holds "
            f"{len(python.members)}: Python's zipfile reads them all, PyTorch's reader "
            f"{mz[0]}"
        )
    names: dict[str, int] = {}
    for _, m in python.members or miniz.members:
        names[m.name] = names.get(m.name, 0) + 1
    dupes = [n for n, c in names.items() if c > 1]
    if dupes:
        notes.append(
            "member names repeat (" + ", ".join(map(repr, dupes[:5])) + "): Python's "
            "zipfile reads the last of each, PyTorch's reader whichever its lookup finds"
        )
    seen: dict[int, Member] = {}
    for pos, m in (*miniz.members, *python.members):
        seen.setdefault(pos, m)
    members = [
        m if m.index == i else dataclasses.replace(m, index=i) for i, m in enumerate(seen.values())
    ]
    overlap = _overlap(members)
    if overlap:
        notes.append(overlap)
    return Directory(members, max(concat, 0), max(total, mz[0], py[0]), notes)


def _python_view(
    buf: Buffer, size: int, rec: tuple[int, int, int], concat: int, max_members: int
) -> _View:
    _, cd_size, cd_off = rec
    view = _View()
    if concat < 0:
        view.error = "central directory offsets point past the end record"
        return view
    pos = cd_off + concat
    end = pos + cd_size
    try:
        while pos < end and len(view.members) < max_members:
            m, length = _entry(buf, size, pos, len(view.members))
            view.members.append((pos, m))
            pos += length
    except ZipError as exc:
        view.error = str(exc)
    return view


def _miniz_view(buf: Buffer, size: int, rec: tuple[int, int, int], max_members: int) -> _View:
    total, cd_size, cd_off = rec
    view = _View()
    if cd_off + cd_size > size or cd_size < 46 * min(total, max_members):
        view.error = "the central directory does not fit the file"
        return view
    pos = cd_off
    try:
        for i in range(min(total, max_members)):
            m, length = _entry(buf, size, pos, i)
            if pos + length > cd_off + cd_size:
                raise ZipError(f"central directory entry at byte {pos} runs past the directory")
            view.members.append((pos, m))
            pos += length
    except ZipError as exc:
        view.error = str(exc)
    return view


def _entry(buf: Buffer, size: int, pos: int, index: int) -> tuple[Member, int]:
    f = _u("<4sBBHHHHHIIIHHHHHII", buf, pos, size)
    if f[0] != CDH:
        raise ZipError(f"bad central directory entry at byte {pos}")
    (_, _, system, _, flags, method, _, _, crc, csize, usize, nlen, xlen, clen) = f[:14]
    external, offset = f[16], f[17]
    if pos + 46 + nlen + xlen + clen > size:
        raise ZipError(f"central directory entry at byte {pos} runs past the end of the file")
    raw = bytes(buf[pos + 46 : pos + 46 + nlen])
    extra = bytes(buf[pos + 46 + nlen : pos + 46 + nlen + xlen])
    usize, csize, offset = _zip64(extra, usize, csize, offset)
    name = raw.decode("utf-8" if flags & 0x800 else "cp437", "replace")
    member = Member(index, name, method, flags, csize, usize, crc, offset, external, system)
    return member, 46 + nlen + xlen + clen


def _overlap(members: list[Member]) -> str:
    """A note when two members' data share bytes (one local entry listed twice, or entries
    laid over each other): sorted once, so a hostile directory costs n log n."""
    spans = sorted(
        (m.header_offset, m.header_offset + 30 + len(m.name.encode()) + m.csize, m.name)
        for m in members
        if not m.is_dir
    )
    end, last = -1, ""
    for start, stop, name in spans:
        if start < end:
            return (
                f"members {last!r} and {name!r} overlap (at byte {start}): one stored entry "
                "is read under several names, or entries hide inside each other"
            )
        if stop > end:
            end, last = stop, name
    return ""


def _zip64(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, ln = struct.unpack_from("<HH", extra, pos)
        if tag == 1:
            data = extra[pos + 4 : pos + 4 + ln]
            vals = [struct.unpack_from("<Q", data, i)[0] for i in range(0, len(data) - 7, 8)]
            it = iter(vals)
            if usize == 0xFFFFFFFF:
                usize = next(it, usize)
            if csize == 0xFFFFFFFF:
                csize = next(it, csize)
            if offset == 0xFFFFFFFF:
                offset = next(it, offset)
            break
        pos += 4 + ln
    return usize, csize, offset


@dataclass(frozen=True, slots=True)
class Local:
    """Where a member's data starts, and the name its local header gives."""

    data_offset: int
    name: str


def local_header(buf: Buffer, size: int, m: Member, shift: int) -> Local:
    pos = m.header_offset + shift
    f = _u("<4sHHHHHIIIHH", buf, pos, size)
    if f[0] != LFH:
        raise ZipError(f"no local file header at byte {pos} for {m.name!r}")
    nlen, xlen = f[9], f[10]
    raw = bytes(buf[pos + 30 : pos + 30 + nlen])
    name = raw.decode("utf-8" if f[2] & 0x800 else "cp437", "replace")
    start = pos + 30 + nlen + xlen
    if start + m.csize > size:
        raise ZipError(f"member {m.name!r} runs past the end of the file")
    return Local(start, name)


def _decoder(buf: Buffer, m: Member, loc: Local) -> tuple[Decoder | None, int]:
    """The decompressor a loader would use for this member (None: stored), and where its
    compressed data starts."""
    if m.method == STORED:
        return None, loc.data_offset
    if m.method == DEFLATED:
        return zlib.decompressobj(-15), loc.data_offset
    if m.method == BZIP2:
        return bz2.BZ2Decompressor(), loc.data_offset
    if m.method == LZMA:
        props = bytes(buf[loc.data_offset : loc.data_offset + 4])
        if len(props) < 4:
            raise ZipError("truncated LZMA header")
        (psize,) = struct.unpack("<H", props[2:4])
        try:
            filt = lzma._decode_filter_properties(  # type: ignore[attr-defined]
                lzma.FILTER_LZMA1,
                bytes(buf[loc.data_offset + 4 : loc.data_offset + 4 + psize]),
            )
            if filt.get("dict_size", 0) > LZMA_MEMLIMIT:
                raise ValueError(f"a dictionary of {filt['dict_size']:,} bytes is over the limit")
            dec = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[filt])
        except (lzma.LZMAError, ValueError, TypeError, MemoryError) as exc:
            raise ZipError(f"invalid LZMA properties: {exc}") from None
        return dec, loc.data_offset + 4 + psize
    raise ZipError(f"compression method {m.method} is not supported")


def head(buf: Buffer, size: int, m: Member, loc: Local, n: int) -> bytes:
    """Up to ``n`` bytes of the member's content (decompressing only what is needed); empty
    when the data cannot be decompressed."""
    try:
        dec, start = _decoder(buf, m, loc)
        if dec is None:
            return bytes(buf[start : start + min(n, m.csize)])
        with Spill() as out:
            _inflate(dec, buf, start, loc.data_offset + m.csize, min(n, m.usize), None, out)
            return bytes(out.result()[:n])
    except ZipError:
        return b""


def content(
    buf: Buffer, size: int, m: Member, loc: Local, limit: int, budget: Budget, out: Spill
) -> tuple[Buffer, int]:
    """The member's bytes as a loader would read them (at most ``m.usize``), and their length;
    CRC unchecked.
    A stored member is a window into ``buf``; a compressed one is decompressed into ``out``
    (held once, in memory or in a temporary file) and valid while ``out`` is open."""
    want = min(m.usize, limit)
    if m.usize > limit:
        raise LimitExceeded(f"member {m.name!r} is larger than {limit:,} bytes")
    dec, start = _decoder(buf, m, loc)
    if dec is None:
        budget.inflate(want)
        length = min(want, max(0, size - start))
        return Window(buf, start, length), length
    _inflate(dec, buf, start, loc.data_offset + m.csize, want, budget, out)
    return out.result(), out.size


CHUNK = 1 << 20  # compressed bytes fed at a time
OUT_CHUNK = 4 << 20  # decompressed bytes taken at a time


def _inflate(
    dec: Decoder, buf: Buffer, start: int, end: int, want: int, budget: Budget | None, out: Spill
) -> None:
    """Decompress from ``buf[start:end]`` into ``out`` until ``want`` bytes; ``budget`` (when
    given) is charged for every byte produced."""
    pos = start
    pending = b""
    while out.size < want:
        if not pending and (isinstance(dec, ZlibDecompressor) or dec.needs_input):
            if pos >= end:
                break
            pending = bytes(buf[pos : min(end, pos + CHUNK)])
            pos += len(pending)
        try:
            chunk = dec.decompress(pending, min(OUT_CHUNK, want - out.size))
        except (zlib.error, OSError, EOFError, lzma.LZMAError) as exc:
            raise ZipError(f"corrupt compressed data: {exc}") from None
        pending = dec.unconsumed_tail if isinstance(dec, ZlibDecompressor) else b""
        if budget is not None:
            budget.inflate(len(chunk))
            budget.check_time()
        out.write(chunk)
        if dec.eof:
            break


def crc_ok(data: Buffer, size: int, m: Member) -> bool:
    crc = 0
    for pos in range(0, size, CHUNK):
        crc = zlib.crc32(data[pos : min(size, pos + CHUNK)], crc)
    return (crc & 0xFFFFFFFF) == m.crc
