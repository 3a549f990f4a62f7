"""Archives models travel in: tar (and legacy PyTorch tar checkpoints) and single-stream
compression (gzip, bzip2, xz, lzma, zlib, lz4: joblib's compressed files among them).

Tar archives are read with Python's ``tarfile``, which is what PyTorch's legacy loader uses,
so member selection matches (for a repeated name, the last member wins). Members are
analysed by content, with the chain of member names in the finding's location.
"""

from __future__ import annotations

import lzma
import re
import tarfile
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from secplan.model import Severity
from secplan.modelfile import formats
from secplan.modelfile.buffer import Buffer, Spill, Window, file_view
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.members import check_member_name, isolated, ratio_bomb
from secplan.modelfile.limits import LimitExceeded, ZlibDecompressor
from secplan.modelfile.registry import register
from secplan.modelfile.rules import (
    ARCHIVE_BOMB,
    ARCHIVE_LINK,
    MALFORMED,
    NOT_VERIFIED,
)

_TORCH_TAR = frozenset({"storages", "tensors", "pickle"})

# pax extended headers are parsed by tarfile with regular expressions that backtrack
# (CVE-2024-6232: quadratic time in Python before 3.11.10 and 3.12.6, which secplan's
# supported versions still include). Each pax header is checked here before tarfile parses
# it, on every Python version, with the rules of the fixed parser: well-formed records whose
# keyword ends inside the record, and no run of digits longer than any real value needs.
MAX_PAX_BYTES = 1 << 20
MAX_PAX_DIGITS = 64
_PAX_RECORD = re.compile(rb"([0-9]{1,20}) ")
_PAX_DIGITS = re.compile(rb"[0-9]{%d}" % (MAX_PAX_DIGITS + 1))
REFUSED = "extended header refused"


def pax_problem(buf: bytes) -> str | None:
    """Why tarfile must not parse the pax header ``buf`` (None: it may)."""
    if _PAX_DIGITS.search(buf):
        return f"a run of more than {MAX_PAX_DIGITS} digits"
    pos, size = 0, len(buf)
    while pos < size and buf[pos] != 0:
        m = _PAX_RECORD.match(buf, pos)
        if m is None:
            return f"a malformed record at byte {pos}"
        length = int(m.group(1))
        end = pos + length
        if length <= len(m.group(0)) or end > size or buf[end - 1] != 0x0A:
            return f"a record at byte {pos} whose length does not match its content"
        if buf.find(b"=", m.end(), end) < 0:
            return f"a record at byte {pos} without a keyword"
        pos = end
    return None


class GuardedTarInfo(tarfile.TarInfo):
    """A tar header that checks each extended header (pax, GNU long name) before tarfile's
    parser reads it."""

    def _proc_pax(self, tf: tarfile.TarFile) -> tarfile.TarInfo:
        fh = tf.fileobj
        assert fh is not None
        if self.size > MAX_PAX_BYTES:
            raise _Refused(f"{REFUSED}: {self.size:,} bytes (limit {MAX_PAX_BYTES:,})")
        at = fh.tell()
        why = pax_problem(fh.read(self.size))
        fh.seek(at)
        if why is not None:
            raise _Refused(f"{REFUSED}: {why}")
        return super()._proc_pax(tf)  # type: ignore[misc,no-any-return]

    def _proc_gnulong(self, tf: tarfile.TarFile) -> tarfile.TarInfo:
        # tarfile reads the whole name in one call sized by the header: gigabytes on request
        if self.size > MAX_PAX_BYTES:
            raise _Refused(f"{REFUSED}: a GNU long name of {self.size:,} bytes")
        return super()._proc_gnulong(tf)  # type: ignore[misc,no-any-return]


if TYPE_CHECKING:
    _SubsequentHeaderError = tarfile.HeaderError
else:  # tarfile turns it into a ReadError with its message; not in the type stubs
    _SubsequentHeaderError = tarfile.SubsequentHeaderError


class _Refused(_SubsequentHeaderError):
    pass


def _broken(exc: Exception, where: Where, ctx: Ctx) -> None:
    if str(exc).startswith(REFUSED):
        ctx.sink.add(
            MALFORMED,
            where,
            f"tar archive carries an extended header built to stall or exhaust tar readers ({exc})",
            evidence="pax headers: CVE-2024-6232, Python's tarfile before 3.11.10/3.12.6 takes "
            "quadratic time on them; the header and the members after it were not analysed",
            severity=Severity.HIGH,
        )
    else:
        ctx.sink.add(MALFORMED, where, f"tar archive breaks off: {exc}")


def _tar_members(tf: tarfile.TarFile, where: Where, ctx: Ctx) -> Iterator[tarfile.TarInfo]:
    count = 0
    while True:
        try:
            info = tf.next()
        except (tarfile.TarError, ValueError, OverflowError) as exc:
            _broken(exc, where, ctx)
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


_ARCHIVE_LIMITS = ("max_members", "max_member_bytes", "max_total_bytes", "seconds")
_STREAM_LIMITS = ("max_member_bytes", "max_total_bytes", "max_ratio", "ratio_floor")


@register("tar", limits=_ARCHIVE_LIMITS)
def handle_tar(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        tf = tarfile.open(  # noqa: SIM115
            fileobj=file_view(buf, size), mode="r:", tarinfo=GuardedTarInfo
        )
    except (tarfile.TarError, OSError, ValueError, OverflowError) as exc:
        if str(exc).startswith(REFUSED):
            _broken(exc, where, ctx)
        else:
            ctx.sink.add(NOT_VERIFIED, where, f"tar archive cannot be read: {exc}")
        return
    seen: dict[str, int] = {}
    with tf:
        for info in _tar_members(tf, where, ctx):
            child = where.child(info.name)
            seen[info.name] = seen.get(info.name, 0) + 1
            with isolated(child, ctx, "tar member"):
                _tar_member(tf, info, buf, size, child, ctx)
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


def _tar_member(
    tf: tarfile.TarFile, info: tarfile.TarInfo, buf: Buffer, size: int, child: Where, ctx: Ctx
) -> None:
    check_member_name(info.name, child, ctx)
    if info.issym() or info.islnk():
        kind = "symbolic" if info.issym() else "hard"
        ctx.sink.add(
            ARCHIVE_LINK,
            child,
            f"tar member is a {kind} link",
            evidence=f"{info.name!r} -> {info.linkname!r}",
        )
        check_member_name(info.linkname, child, ctx)
        return
    if not info.isreg() or info.size == 0:  # nothing any loader could act on
        return
    data = _tar_data(tf, info, buf, size, child, ctx)
    if data is None:
        return
    if info.name in _TORCH_TAR and info.name != "pickle":
        from secplan.modelfile.handlers.torchlegacy import analyze_legacy_member

        analyze_legacy_member(info.name, data, info.size, child, ctx)
    else:
        ctx.nested(data, info.size, child)


def _tar_data(
    tf: tarfile.TarFile, info: tarfile.TarInfo, buf: Buffer, size: int, where: Where, ctx: Ctx
) -> Buffer | None:
    """The member's bytes: a window into the archive (nothing copied), or for a sparse
    member the bytes tarfile assembles."""
    if info.size > ctx.limits.max_member_bytes:
        ctx.sink.add(NOT_VERIFIED, where, f"tar member of {info.size:,} bytes was not analysed")
        return None
    if not info.issparse():
        if info.offset_data + info.size > size:
            ctx.sink.add(MALFORMED, where, "tar member runs past the end of the archive")
            return None
        return Window(buf, info.offset_data, info.size)
    ctx.budget.inflate(info.size)
    fh = tf.extractfile(info)
    if fh is None:
        return None
    try:
        return fh.read(info.size)
    except (tarfile.TarError, OSError) as exc:
        ctx.sink.add(MALFORMED, where, f"tar member cannot be read: {exc}")
        return None


CHUNK = 1 << 20  # compressed bytes fed at a time
OUT_CHUNK = 4 << 20  # decompressed bytes taken at a time


def decompress(
    kind: str,
    buf: Buffer,
    size: int,
    ctx: Ctx,
    limit: int,
    out: Spill,
    *,
    start: int = 0,
    opener: formats.Decompressor | None = None,
    complete: bool = False,
) -> bool:
    """Decompress the stream of format ``kind`` in ``buf[start:size]`` into ``out`` (with
    ``opener``, else the format's decompressor); whether more data follows the stream. Raises
    :class:`LimitExceeded` past ``limit`` bytes, or as soon as the content is larger than the
    ratio limit allows for the compressed bytes: the content is never held beyond that, and
    never twice. With ``complete``, a stream cut before its end raises :class:`ValueError`
    (as a loader that decompresses the whole file at once fails)."""
    new = opener or formats.get(kind).decompressor
    assert new is not None, f"{kind} is not a compressed stream"
    lim = ctx.limits
    most = max(lim.ratio_floor, lim.max_ratio * (size - start))
    dec = new()
    pos = start
    pending = b""
    while True:
        if not pending and (isinstance(dec, ZlibDecompressor) or dec.needs_input):
            if pos >= size:
                if isinstance(dec, ZlibDecompressor) and not dec.eof:
                    if complete:
                        raise ValueError("the stream is cut before its end")
                    out.write(dec.flush())
                return False
            pending = bytes(buf[pos : pos + CHUNK])
            pos += len(pending)
        part = dec.decompress(pending, OUT_CHUNK)
        pending = dec.unconsumed_tail if isinstance(dec, ZlibDecompressor) else b""
        ctx.budget.inflate(len(part))
        out.write(part)
        if out.size > limit:
            raise LimitExceeded(f"expands to more than {limit:,} bytes")
        if out.size > most:
            raise LimitExceeded(
                f"expands to more than {out.size:,} bytes from {size:,} (ratio over "
                f"{lim.max_ratio}); it was not expanded further"
            )
        ctx.budget.check_time()
        if getattr(dec, "eof", False):
            rest = dec.unused_data or b""  # lz4 gives None when nothing follows
            if kind == "gzip" and rest.lstrip(b"\x00"):
                dec, pending = new(), rest  # another gzip member
                continue
            return bool(rest.strip(b"\x00"))


def handle_compressed(kind: str, buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    """Decompress a single-stream file of format ``kind`` and analyse its content."""
    child = where.child(f"<{kind} content>")
    if child.depth > ctx.limits.max_nesting:
        ctx.sink.add(
            ARCHIVE_BOMB, where, f"compression nested deeper than {ctx.limits.max_nesting}"
        )
        return
    with Spill() as out:
        try:
            trailing = decompress(kind, buf, size, ctx, ctx.limits.max_member_bytes, out)
        except LimitExceeded as exc:
            ctx.sink.add(
                ARCHIVE_BOMB,
                where,
                f"{kind} stream {exc}",
                evidence=f"compressed size {size:,} bytes",
            )
            return
        except formats.Unavailable as exc:
            ctx.sink.add(NOT_VERIFIED, where, str(exc))
            return
        except (zlib.error, OSError, EOFError, lzma.LZMAError, ValueError, RuntimeError) as exc:
            ctx.sink.add(MALFORMED, where, f"{kind} stream is corrupt: {exc}")
            return
        if trailing:
            ctx.sink.add(MALFORMED, where, f"data follows the end of the {kind} stream")
        ratio_bomb(out.size, size, where, ctx)
        content = out.result()
        if ctx.nested(content, out.size, child):
            return
        inner = where.name.lower().rsplit(".", 1)[0]  # the name without its compression suffix
        if is_text(bytes(content[: formats.HEAD_BYTES])) and not _claims_code(inner):
            ctx.sink.add(
                NOT_VERIFIED,
                child,
                f"the {kind} content is text in no model format (like a text file, not analysed)",
                evidence=f"{out.size:,} bytes decompressed",
                severity=Severity.INFO,
            )
            return
        ctx.sink.add(NOT_VERIFIED, child, f"the {kind} content's format is not recognised")


def _claims_code(name: str) -> bool:
    """Whether a file name claims a model format, a configuration loaders act on, or Python
    source: compressed text under such a name is not let through as plain text."""
    base = name.rsplit("/", 1)[-1]
    return (
        name.endswith((*formats.MODEL_NAMES, *formats.YAML_SUFFIXES, ".py", ".jinja"))
        or base in formats.CONFIG_NAMES
    )


#: Control characters text does not hold (tab, line feed, form feed, carriage return apart).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def is_text(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of some content) is UTF-8 text: no NUL, valid UTF-8
    (a character cut at the end of the head apart), at most one byte in ten a control
    character; as discovery judges a file it leaves out as not a model file."""
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data" or exc.start < len(head) - 4:
            return False
    return len(head) - len(head.translate(None, _CONTROL)) <= len(head) // 10


def _stream_handler(kind: str) -> None:
    def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
        handle_compressed(kind, buf, size, where, ctx)

    register(kind, limits=(*_STREAM_LIMITS, "max_nesting", "seconds"))(handle)


for _format in formats.FORMATS:
    if _format.decompressor is not None:
        _stream_handler(_format.name)
