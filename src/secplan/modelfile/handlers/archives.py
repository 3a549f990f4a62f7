"""Archives models travel in: tar (and legacy PyTorch tar checkpoints), 7z, and single-stream
compression (gzip, bzip2, xz, lzma, zlib: joblib's compressed files among them).

Tar archives are read with Python's ``tarfile``, which is what PyTorch's legacy loader uses,
so member selection matches (for a repeated name, the last member wins). Members are
analysed by content, with the chain of member names in the finding's location.
"""

from __future__ import annotations

import bz2
import io
import lzma
import re
import tarfile
import zlib
from collections.abc import Iterator

from secplan.model import Severity
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import LimitExceeded, ZlibDecompressor
from secplan.modelfile.pickle.ops import Buffer
from secplan.modelfile.rules import (
    ARCHIVE_BOMB,
    ARCHIVE_LINK,
    ARCHIVE_TRAVERSAL,
    MALFORMED,
    NOT_VERIFIED,
)

_DRIVE = re.compile(r"^[A-Za-z]:")
_TORCH_TAR = frozenset({"storages", "tensors", "pickle"})


def check_member_name(name: str, where: Where, ctx: Ctx) -> None:
    """MF105 when extracting ``name`` would write outside the target directory."""
    norm = name.replace("\\", "/")
    why = ""
    if norm.startswith("/") or _DRIVE.match(norm):
        why = "absolute path"
    elif ".." in norm.split("/"):
        why = "'..' component"
    elif "\x00" in norm:
        why = "NUL byte in the name"
    if why:
        ctx.sink.add(
            ARCHIVE_TRAVERSAL,
            where,
            f"archive member name escapes the extraction directory ({why})",
            evidence=repr(name),
        )


def ratio_bomb(usize: int, csize: int, where: Where, ctx: Ctx) -> bool:
    lim = ctx.limits
    ratio = usize / max(csize, 1)
    if usize > lim.max_member_bytes or (usize > lim.ratio_floor and ratio > lim.max_ratio):
        ctx.sink.add(
            ARCHIVE_BOMB,
            where,
            f"member expands to {usize:,} bytes from {csize:,} (ratio {ratio:,.0f})",
            evidence=f"limits: {lim.max_member_bytes:,} bytes per member, ratio "
            f"{lim.max_ratio} above {lim.ratio_floor:,} bytes; the member was not expanded",
        )
        return True
    return False


def _reader(buf: Buffer, size: int) -> io.BufferedIOBase:
    if isinstance(buf, bytes):
        return io.BytesIO(buf)
    return io.BufferedReader(_View(buf, size))


class _View(io.RawIOBase):
    """A read-only file over a memory map, with a position of its own."""

    def __init__(self, buf: Buffer, size: int) -> None:
        self.buf, self.size, self.pos = buf, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.pos, 2: self.size}[whence]
        self.pos = max(0, base + offset)
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        n = max(0, min(len(b), self.size - self.pos))
        b[:n] = self.buf[self.pos : self.pos + n]
        self.pos += n
        return n


def _tar_members(tf: tarfile.TarFile, where: Where, ctx: Ctx) -> Iterator[tarfile.TarInfo]:
    count = 0
    while True:
        try:
            info = tf.next()
        except tarfile.TarError as exc:
            ctx.sink.add(MALFORMED, where, f"tar archive breaks off: {exc}")
            return
        if info is None:
            return
        count += 1
        if count > ctx.limits.max_members:
            ctx.sink.add(
                ARCHIVE_BOMB, where, f"tar has more than {ctx.limits.max_members:,} members"
            )
            return
        ctx.budget.check_time()
        yield info


def handle_tar(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    from secplan.modelfile.dispatch import analyze

    try:
        tf = tarfile.open(fileobj=_reader(buf, size), mode="r:")  # noqa: SIM115
    except (tarfile.TarError, OSError, ValueError) as exc:
        ctx.sink.add(NOT_VERIFIED, where, f"tar archive cannot be read: {exc}")
        return
    seen: dict[str, int] = {}
    with tf:
        for info in _tar_members(tf, where, ctx):
            child = where.child(info.name)
            check_member_name(info.name, child, ctx)
            seen[info.name] = seen.get(info.name, 0) + 1
            if info.issym() or info.islnk():
                kind = "symbolic" if info.issym() else "hard"
                ctx.sink.add(
                    ARCHIVE_LINK,
                    child,
                    f"tar member is a {kind} link",
                    evidence=f"{info.name!r} -> {info.linkname!r}",
                )
                check_member_name(info.linkname, child, ctx)
                continue
            if not info.isreg():
                continue
            data = _tar_data(tf, info, child, ctx)
            if data is None:
                continue
            if info.name in _TORCH_TAR and info.name != "pickle":
                from secplan.modelfile.handlers.torchlegacy import analyze_legacy_member

                analyze_legacy_member(info.name, data, child, ctx)
            else:
                analyze(data, len(data), child, ctx)
    dupes = sorted(n for n, c in seen.items() if c > 1)
    if dupes:
        ctx.sink.add(
            MALFORMED,
            where,
            "tar archive repeats member names",
            evidence=", ".join(map(repr, dupes[:10])) + ": extraction keeps the last one, "
            "some readers the first; all were analysed",
            severity=Severity.HIGH,
        )


def _tar_data(tf: tarfile.TarFile, info: tarfile.TarInfo, where: Where, ctx: Ctx) -> bytes | None:
    if info.size > ctx.limits.max_member_bytes:
        ctx.sink.add(NOT_VERIFIED, where, f"tar member of {info.size:,} bytes was not analysed")
        return None
    ctx.budget.inflate(info.size)
    fh = tf.extractfile(info)
    if fh is None:
        return None
    try:
        return fh.read(info.size)
    except (tarfile.TarError, OSError) as exc:
        ctx.sink.add(MALFORMED, where, f"tar member cannot be read: {exc}")
        return None


def _decompressor(kind: str) -> ZlibDecompressor | bz2.BZ2Decompressor | lzma.LZMADecompressor:
    if kind == "gzip":
        return zlib.decompressobj(31)
    if kind == "zlib":
        return zlib.decompressobj(15)
    if kind == "bzip2":
        return bz2.BZ2Decompressor()
    if kind == "lzma":
        return lzma.LZMADecompressor(lzma.FORMAT_ALONE)
    return lzma.LZMADecompressor(lzma.FORMAT_XZ)


def _kind(head: bytes) -> str:
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"\xfd7zXZ"):
        return "xz"
    if head.startswith(b"\x5d\x00\x00"):
        return "lzma"
    return "zlib"


def decompress(buf: Buffer, size: int, ctx: Ctx, limit: int) -> tuple[bytes, int, bool]:
    """(content, compressed bytes consumed, whether more data follows the stream)."""
    kind = _kind(bytes(buf[:8]))
    dec = _decompressor(kind)
    out = bytearray()
    pos = 0
    while pos < size:
        chunk = bytes(buf[pos : pos + (1 << 20)])
        pos += len(chunk)
        while chunk:
            part = dec.decompress(chunk, limit + 1 - len(out))
            ctx.budget.inflate(len(part))
            out += part
            if len(out) > limit:
                raise LimitExceeded(f"expands to more than {limit:,} bytes")
            chunk = dec.unconsumed_tail if isinstance(dec, ZlibDecompressor) else b""
            if getattr(dec, "eof", False):
                rest = dec.unused_data
                if kind == "gzip" and rest.lstrip(b"\x00"):
                    dec, chunk = _decompressor(kind), rest  # another gzip member
                    continue
                return bytes(out), pos - len(rest), bool(rest.strip(b"\x00"))
        ctx.budget.check_time()
    return bytes(out), pos, False


def handle_compressed(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    from secplan.modelfile.dispatch import analyze

    kind = _kind(bytes(buf[:8]))
    child = where.child(f"<{kind} content>")
    if child.depth > ctx.limits.max_nesting:
        ctx.sink.add(
            ARCHIVE_BOMB, where, f"compression nested deeper than {ctx.limits.max_nesting}"
        )
        return
    try:
        data, _, trailing = decompress(buf, size, ctx, ctx.limits.max_member_bytes)
    except LimitExceeded as exc:
        ctx.sink.add(
            ARCHIVE_BOMB, where, f"{kind} stream {exc}", evidence=f"compressed size {size:,} bytes"
        )
        return
    except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError) as exc:
        ctx.sink.add(MALFORMED, where, f"{kind} stream is corrupt: {exc}")
        return
    if trailing:
        ctx.sink.add(MALFORMED, where, f"data follows the end of the {kind} stream")
    ratio_bomb(len(data), size, where, ctx)
    if not analyze(data, len(data), child, ctx):
        ctx.sink.add(NOT_VERIFIED, child, f"the {kind} content's format is not recognised")


def handle_7z(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        import py7zr
    except ImportError:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            "7z archive not analysed: the py7zr package is not installed",
            evidence="install secplan with 7z support (py7zr) to analyse 7z archives",
        )
        return
    from secplan.modelfile.handlers.sevenzip import analyze_7z

    analyze_7z(py7zr, _reader(buf, size), size, where, ctx)
