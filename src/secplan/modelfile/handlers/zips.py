"""Zip archives: PyTorch checkpoints, TorchScript, NumPy .npz, Keras v3 and plain bundles.

PyTorch picks the pickle it loads by the top-level directory of the *first* central directory
entry (``<dir>/data.pkl``, matched without regard to case); every candidate is analysed, and
so is every other member that is, or looks like, a pickle. Storage members (``<dir>/data/N``)
are raw tensor bytes that no loader unpickles: they are skipped by length, never read.
"""

from __future__ import annotations

from dataclasses import dataclass

from secplan.model import Severity
from secplan.modelfile import formats
from secplan.modelfile.buffer import Buffer, Spill
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.members import check_member_name, isolated, ratio_bomb
from secplan.modelfile.handlers.torchcode import analyze_source
from secplan.modelfile.limits import LimitExceeded
from secplan.modelfile.pickle.streams import analyze_pickle
from secplan.modelfile.readers.zipread import (
    BZIP2,
    DEFLATED,
    LZMA,
    STORED,
    Directory,
    Local,
    Member,
    ZipError,
    content,
    crc_ok,
    head,
    local_header,
    read_directory,
)
from secplan.modelfile.registry import register
from secplan.modelfile.rules import (
    ARCHIVE_BOMB,
    ARCHIVE_LINK,
    MALFORMED,
    NOT_VERIFIED,
)

_SUPPORTED = (STORED, DEFLATED, BZIP2, LZMA)
_TORCH_SMALL = (  # small text records PyTorch reads as plain values, never unpickles
    "/version",
    "/byteorder",
    "/.format_version",
    "/.storage_alignment",
    "/.data/serialization_id",
    "/.data/version",
)


@dataclass(frozen=True, slots=True)
class _Torch:
    """What a zip archive's members say of it as a PyTorch archive."""

    like: bool
    candidates: frozenset[int]
    script: bool
    tops: frozenset[str] = frozenset()  # directories that hold a data.pkl (lower case)
    package: bool = False  # a torch.package archive: its .py members are executed


def _torch(members: list[Member], where: Where, ctx: Ctx) -> _Torch:
    pkls = [m.name.lower() for m in members if m.name.lower().endswith("data.pkl")]
    marks = (".data/version", ".data/extern_modules")
    package = any(m.name.lower().endswith(marks) for m in members)
    if not pkls or not members:
        return _Torch(False, frozenset(), False, package=package)
    tops = frozenset(n[: -len("data.pkl")] for n in pkls)
    first = members[0].name
    top = first.split("/", 1)[0] if "/" in first else None
    want = f"{top}/data.pkl".lower() if top is not None else None
    cands = frozenset(m.index for m in members if want is not None and m.name.lower() == want)
    script = any(m.name.lower().endswith(("constants.pkl", ".py")) for m in members)
    if not cands:
        ctx.sink.add(
            MALFORMED,
            where,
            "PyTorch archive without data.pkl under the first member's top-level directory",
            evidence=f"first member {first!r}; torch.load reads '<top>/data.pkl' only; "
            "every pickle member was analysed anyway",
        )
    elif len(cands) > 1:
        names = ", ".join(repr(members[i].name) for i in sorted(cands))
        ctx.sink.add(
            MALFORMED,
            where,
            "several members match the data.pkl that PyTorch loads",
            evidence=f"{names}: PyTorch matches names without regard to case and may pick "
            "any of them; all were analysed",
            severity=Severity.HIGH,
        )
    return _Torch(True, cands, script, tops, package)


def _role(buf: Buffer, size: int, m: Member, loc: Local, torch: _Torch) -> str:
    low = m.name.lower()
    base = low.rsplit("/", 1)[-1]
    if m.index in torch.candidates or low.endswith(_PKL):
        return "pickle"
    if low.endswith(".py") and (torch.package or (torch.script and "/code/" in low)):
        return "package" if torch.package else "script"
    if torch.like and (_storage(low, torch.tops) or low.endswith(_TORCH_SMALL)):
        return "skip"
    if m.usize == 0:
        return "skip"  # nothing any loader could act on
    if base.endswith(formats.MODEL_NAMES):
        return "dispatch"  # named as a model: analysed, or reported when unrecognised
    first = head(buf, size, m, loc, formats.HEAD_BYTES)
    if not first and m.usize:
        return "dispatch"  # cannot be decompressed here: content() reports why
    return "dispatch" if formats.detect(first, len(first), first, base) else "skip"


def _storage(low: str, tops: frozenset[str]) -> bool:
    """A tensor storage member, ``<dir>/data/<key>`` beside a ``<dir>/data.pkl``: raw bytes no
    loader unpickles, skipped unread (any other member is analysed)."""
    head, sep, key = low.rpartition("/data/")
    return bool(sep) and key.isdigit() and f"{head}/" in tops


_PKL = (".pkl", ".pickle", "debug_pkl")
_LIMITS = ("max_members", "max_member_bytes", "max_total_bytes", "max_ratio", "ratio_floor")


@register("zip", limits=(*_LIMITS, "max_nesting", "seconds"))
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    try:
        d = read_directory(buf, size, ctx.limits.max_members)
    except ZipError as exc:
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            f"zip structure cannot be read: {exc}",
            evidence="no member "
            "could be located; loaders that scan local headers may still read it",
        )
        return
    for note in d.notes:
        ctx.sink.add(
            MALFORMED,
            where,
            "zip readers disagree about the archive",
            evidence=note,
            severity=Severity.HIGH,
        )
    if d.total > ctx.limits.max_members:
        ctx.sink.add(
            ARCHIVE_BOMB,
            where,
            f"zip declares {d.total:,} members (limit {ctx.limits.max_members:,})",
            evidence=f"only the first {ctx.limits.max_members:,} were analysed",
        )
    torch = _torch(d.members, where, ctx)
    done: set[tuple[int, bool]] = set()
    # what a loader runs first is analysed first, so that a file's budget spent on other
    # members never leaves the pickle a loader would run unread
    for m in sorted(d.members, key=lambda m: m.index not in torch.candidates):
        ctx.budget.check_time()
        # a stored entry listed again (overlapping members) is analysed once as a pickle and
        # once as anything else, however often the directory repeats it: bounded work
        key = (m.header_offset, m.index in torch.candidates or m.name.lower().endswith(_PKL))
        if key in done:
            continue
        done.add(key)
        with isolated(where.child(m.name), ctx, "zip member"):
            _member(buf, size, d, m, where, ctx, torch)


def _locals(buf: Buffer, size: int, d: Directory, m: Member) -> list[Local]:
    found: list[Local] = []
    for shift in dict.fromkeys((0, d.concat)):
        try:
            found.append(local_header(buf, size, m, shift))
        except ZipError:
            continue
    return found


def _member(
    buf: Buffer,
    size: int,
    d: Directory,
    m: Member,
    where: Where,
    ctx: Ctx,
    torch: _Torch,
) -> None:
    child = where.child(m.name)
    check_member_name(m.name, child, ctx)
    if m.is_symlink:
        ctx.sink.add(ARCHIVE_LINK, child, "zip member is a symbolic link")
        return
    if m.is_dir:
        return
    if m.encrypted or m.method not in _SUPPORTED:
        why = "encrypted" if m.encrypted else f"compressed with method {m.method}"
        ctx.sink.add(NOT_VERIFIED, child, f"zip member is {why}; its content was not analysed")
        return
    if ratio_bomb(m.usize, m.csize, child, ctx):
        return
    locs = _locals(buf, size, d, m)
    if not locs:
        ctx.sink.add(
            MALFORMED,
            child,
            "zip member has no valid local header",
            evidence=f"central directory points to byte {m.header_offset}",
        )
        return
    for loc in locs:
        if loc.name != m.name:
            ctx.sink.add(
                MALFORMED,
                child,
                "zip member's local header names another file",
                evidence=f"central directory {m.name!r}, local header {loc.name!r}: Python's "
                "zipfile refuses the member, PyTorch reads it",
                severity=Severity.HIGH,
            )
        _content(buf, size, m, loc, child, ctx, torch)


def _content(
    buf: Buffer,
    size: int,
    m: Member,
    loc: Local,
    child: Where,
    ctx: Ctx,
    torch: _Torch,
) -> None:
    role = _role(buf, size, m, loc, torch)
    if role == "skip":
        return
    if child.depth > ctx.limits.max_nesting:
        ctx.sink.add(ARCHIVE_BOMB, child, f"archives nested deeper than {ctx.limits.max_nesting}")
        return
    with Spill() as out:
        try:
            data, length = content(buf, size, m, loc, ctx.limits.max_member_bytes, ctx.budget, out)
        except ZipError as exc:
            ctx.sink.add(
                NOT_VERIFIED,
                child,
                f"zip member cannot be decompressed: {exc}",
                evidence="its content was not analysed; the other members were",
            )
            return
        except LimitExceeded as exc:
            ctx.sink.add(NOT_VERIFIED, child, f"zip member not analysed: {exc}")
            return
        _analyze_content(data, length, m, child, ctx, torch, role)


def _analyze_content(
    data: Buffer, length: int, m: Member, child: Where, ctx: Ctx, torch: _Torch, role: str
) -> None:
    if not crc_ok(data, length, m):
        ctx.sink.add(
            MALFORMED,
            child,
            "zip member's CRC does not match its content",
            evidence="Python's zipfile (and scanners built on it) refuse the member; "
            "PyTorch does not check CRCs and loads it",
            severity=Severity.HIGH,
        )
    if role == "pickle":
        quiet = m.index not in torch.candidates and not m.name.lower().endswith(".pkl")
        analyze_pickle(data, 0, length, child, ctx, quiet_malformed=quiet)
    elif role in ("script", "package"):
        analyze_source(data[:length], child, ctx, package=role == "package")
    else:
        ctx.nested(data, length, child)
