"""Writing results atomically: a temporary file beside the target, renamed over it only when
complete, so a reader never sees half a file and a failed run leaves nothing behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from secplan._io import fsync_dir
from secplan.errors import TargetError


def check_output(src: Path, dst: Path, *, overwrite: bool = False) -> None:
    """Refuse to write over the input, or over an existing file unless asked to."""
    if dst.exists() and src.exists() and dst.resolve() == src.resolve():
        raise TargetError(
            f"{dst}: the output would replace the input", "name a new file with --out"
        )
    if dst.exists() and not overwrite:
        raise TargetError(f"{dst}: already exists", "choose another name or pass --force")
    if dst.is_dir():
        raise TargetError(f"{dst}: is a directory", "name a file with --out")


@contextmanager
def atomic_output(
    dst: Path, *, mode: int = 0o600, check: Callable[[Path], None] | None = None
) -> Iterator[IO[str]]:
    """A text handle whose content replaces ``dst`` when the block ends without an error.

    ``check`` reads the complete temporary file before it is renamed; when it raises, the
    file is removed and ``dst`` stays as it was."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.", suffix=".tmp")
    os.fchmod(fd, mode)
    ok = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if check is not None:
            check(Path(tmp))
        Path(tmp).replace(dst)
        fsync_dir(dst.parent)
        ok = True
    finally:
        if not ok:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
