"""Recognise a file (or member) by its content and run every handler that applies.

A file can be valid as several formats at once (a pickle that is also a zip, a tar whose first
header is a pickle): different loaders then act on different bytes. Every interpretation a
loader could take is analysed, and a file that has more than one is reported.

Formats and their signatures come from the format table (:mod:`secplan.modelfile.formats`),
handlers from the registry (:mod:`secplan.modelfile.registry`); handlers reach back here for
nested content through the context this module makes (:func:`new_context`).
"""

from __future__ import annotations

import dataclasses
import mmap
from pathlib import Path

from secplan.model import Severity
from secplan.modelfile import formats, signatures
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.isolation import isolated
from secplan.modelfile.limits import Budget, LimitExceeded, Limits
from secplan.modelfile.pickle.streams import walk_streams
from secplan.modelfile.policy import Policy
from secplan.modelfile.registry import handler
from secplan.modelfile.rules import MALFORMED, NOT_VERIFIED


def new_context(policy: Policy, limits: Limits, root: Path | None = None) -> Ctx:
    """A fresh context (findings, budget) whose nested content comes back to :func:`analyze`."""
    return Ctx.make(policy, limits, analyze, root)


def analyze(buf: Buffer, size: int, where: Where, ctx: Ctx, *, top: bool = False) -> bool:
    """Run every handler the content calls for; False when the format is not recognised."""
    head = bytes(buf[: formats.HEAD_BYTES])
    kinds = formats.detect(buf, size, head, where.name)
    if "pickle" in kinds and "zip" in kinds and _zip_inside_pickle(buf, size, ctx):
        kinds.remove("zip")  # an archive carried as bytes inside the pickle, not a polyglot
    if len([k for k in kinds if formats.get(k).container]) > 1:
        ctx.sink.add(
            MALFORMED,
            where,
            "file is valid as several formats at once: " + " and ".join(kinds),
            evidence="different loaders act on different bytes of a polyglot file; "
            "each interpretation was analysed",
            severity=Severity.HIGH,
        )
    if "hdf5" in kinds and len(kinds) > 1 and not head.startswith(signatures.HDF5_MAGIC):
        others = " and ".join(k for k in kinds if k != "hdf5")
        ctx.sink.add(
            MALFORMED,
            where,
            f"file is valid as {others} and, after a user block, as HDF5",
            evidence=f"h5py finds an HDF5 superblock at byte "
            f"{signatures.hdf5_offset(buf, size)}; each interpretation was analysed",
            severity=Severity.HIGH,
        )
    for kind in kinds:
        unsupported = formats.get(kind).unsupported
        if unsupported:
            ctx.sink.add(NOT_VERIFIED, where, unsupported, evidence=f"format {kind}")
            continue
        try:
            with isolated(where, ctx, f"{kind} content"):
                handler(kind).run(buf, size, where, ctx)
        except LimitExceeded as exc:
            ctx.sink.add(NOT_VERIFIED, where, f"analysis stopped at a limit: {exc}")
    if not kinds and (top or where.name.lower().endswith(formats.MODEL_NAMES)):
        ctx.sink.add(
            NOT_VERIFIED,
            where,
            "the file's format is not recognised, so it could not be analysed",
            evidence=f"first bytes {head[:16].hex(' ')}",
        )
    return bool(kinds)


def _zip_inside_pickle(buf: Buffer, size: int, ctx: Ctx) -> bool:
    # the zip reader loads with the first archive: a plain pickle never needs it
    from secplan.modelfile.readers.zipread import ZipError, read_directory

    try:
        start = read_directory(buf, size, 1).concat
    except ZipError:
        return True  # not a readable archive at all
    # a probe: its opcodes are not charged to the file's budget, which the real walk of the
    # same streams spends afterwards (only the deadline is shared)
    probe = dataclasses.replace(ctx, budget=Budget(ctx.limits, deadline=ctx.budget.deadline))
    results, end = walk_streams(buf, 0, size, probe)
    return bool(results) and results[-1].end is not None and start < end


def analyze_bytes(data: bytes, where: Where, ctx: Ctx) -> None:
    analyze(data, len(data), where, ctx)


def analyze_path(path: Path, where: Where, ctx: Ctx) -> None:
    """Analyse a file on disk through a read-only memory map (nothing is read whole)."""
    with path.open("rb") as fh:
        size = path.stat().st_size
        if size == 0:
            ctx.sink.add(NOT_VERIFIED, where, "the file is empty")
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            analyze(mm, size, where, ctx, top=True)
