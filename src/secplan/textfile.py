"""Reading text files that scanners parse, within a size limit."""

from __future__ import annotations

from pathlib import Path

#: Text files larger than this are not parsed; the scanner reports them as not verified.
MAX_TEXT_BYTES = 16 << 20


class TooLarge(Exception):
    """A text file exceeds :data:`MAX_TEXT_BYTES`."""


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The file's text (UTF-8 without a leading byte-order mark, as Python, YAML and JSON
    loaders read it; undecodable bytes replaced), or :class:`TooLarge`."""
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{path.name} is larger than {limit} bytes")
    return data.decode("utf-8-sig", errors="replace")
