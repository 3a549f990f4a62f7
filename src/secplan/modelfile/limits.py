"""Limits every parser of the model-file analyzer works within, and the per-file budget.

A file that needs more than these limits allow is reported as not verified (MF104), never as
clean.
"""

from __future__ import annotations

import sys
import time
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zlib import _Decompress as ZlibDecompressor
else:
    #: The type of ``zlib.decompressobj()`` (not exported by name).
    ZlibDecompressor = type(zlib.decompressobj())


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """The bounds of the analysis of one file (the settings may lower or raise them)."""

    max_pickle_bytes: int = 2 << 30  # one pickle stream, after decompression
    max_ops: int = 20_000_000  # opcodes per file, all streams together
    max_stack: int = 1_000_000  # symbolic stack (all MARK segments together), and memo entries
    max_objects: int = 8_000_000  # objects the analysis of one file holds at a time
    max_streams: int = 64  # pickle streams one after another in one file
    max_nesting: int = 6  # archives in archives, pickles in pickles
    max_members: int = 100_000  # members of one archive
    max_member_bytes: int = 4 << 30  # one archive member, after decompression
    max_total_bytes: int = 16 << 30  # everything decompressed from one file
    max_ratio: int = 200  # uncompressed / compressed size of one member
    ratio_floor: int = 64 << 20  # the ratio only counts for members bigger than this
    max_header_bytes: int = 100_000_000  # safetensors header, GGUF metadata, configs
    max_proto_fields: int = 20_000_000  # protobuf fields walked per file
    max_proto_depth: int = 64
    seconds: float = 120.0  # wall-clock time for one file


#: Opcodes between two counts of the objects held (a count takes about a millisecond when
#: millions are held).
COUNT_EVERY = 1 << 16


class LimitExceeded(Exception):
    """Raised by a parser that has reached one of the limits; the file is not verified."""


@dataclass(slots=True)
class Budget:
    """Time and work left for one file; parsers call :meth:`tick` as they go."""

    limits: Limits
    deadline: float = field(default=0.0)
    ops: int = 0
    decompressed: int = 0
    objects: int = field(default=-1)  # objects allocated when the file's analysis began
    _next_count: int = 0

    def __post_init__(self) -> None:
        if not self.deadline:
            self.deadline = time.monotonic() + self.limits.seconds
        if self.objects < 0:
            self.objects = sys.getallocatedblocks()

    def tick(self, n: int = 1) -> None:
        self.ops += n
        if self.ops > self.limits.max_ops:
            raise LimitExceeded(f"more than {self.limits.max_ops:,} pickle opcodes")
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"analysis took longer than {self.limits.seconds:g} s")
        if self.ops >= self._next_count:  # counting costs time in the size of the heap
            self._next_count = self.ops + COUNT_EVERY
            self.check_objects()

    def check_objects(self) -> None:
        """What the analysis holds, counted as the interpreter's allocated blocks (every
        symbol, container, memo and stack entry: what a hostile stream builds up however it
        nests it); 0 where the interpreter does not count them."""
        held = sys.getallocatedblocks() - self.objects
        if held > self.limits.max_objects:
            raise LimitExceeded(f"the analysis holds more than {self.limits.max_objects:,} objects")

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"analysis took longer than {self.limits.seconds:g} s")

    def inflate(self, n: int) -> None:
        self.decompressed += n
        if self.decompressed > self.limits.max_total_bytes:
            raise LimitExceeded(
                f"more than {self.limits.max_total_bytes:,} bytes decompressed from one file"
            )


#: The most memory an LZMA stream may ask for (its dictionary, set by the file's header): enough
#: for every preset of xz and lzma (``-9e`` needs 65 MiB), refused beyond as not verifiable.
LZMA_MEMLIMIT = 256 << 20


__all__ = ["LZMA_MEMLIMIT", "Budget", "LimitExceeded", "Limits", "ZlibDecompressor"]
