"""Atomic file writes: a temporary file in the same directory, fsync, then rename."""

from __future__ import annotations

import contextlib
import hashlib
import os
from importlib.util import find_spec
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the new one.

    ``mode`` defaults to what a plain ``open()`` would give (0o666 less the umask); pass
    ``0o600`` for anything secret.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_special(path):
        # a device, pipe or socket (/dev/null, /dev/stdout, a FIFO) is written to, never
        # replaced: a rename over /dev/null would leave a regular file in its place
        with path.open("wb") as fh:
            fh.write(payload)
        return
    import tempfile  # loaded when a file is written

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, (0o666 & ~_umask()) if mode is None else mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    fsync_dir(path.parent)


def is_special(path: Path) -> bool:
    """Whether ``path`` names an existing device, pipe or socket (following symlinks)."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def fsync_dir(directory: Path) -> None:
    """Make a rename or link in ``directory`` durable, where the platform allows it."""
    with contextlib.suppress(OSError):
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def write_new(path: Path, data: bytes, *, mode: int = 0o600) -> bool:
    """Create ``path`` with ``data`` unless it already exists; False when another writer got
    there first. Readers never see a partial file: the content is written and synced under
    a temporary name, then hard-linked into place, which fails if the name is taken."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # loaded when a file is written

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        fsync_dir(path.parent)
        return True
    finally:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file, read in chunks (hashlib releases the GIL while hashing, so
    threads can hash several files at once)."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def read_packaged(package: str, *parts: str) -> bytes:
    """The bytes of a data file inside ``package``: read from the package's folder when it is
    one, through :mod:`importlib.resources` (which loads zipfile and tempfile, a tenth of a
    short scan's time) only when it is not, e.g. in a zipped install. The package is found,
    not run: reading the catalog's lists does not load the catalog."""
    spec = find_spec(package)
    origin = spec.origin if spec is not None else None
    if origin is not None and Path(origin).is_file():
        return Path(origin).parent.joinpath(*parts).read_bytes()
    from importlib import resources

    return resources.files(package).joinpath(*parts).read_bytes()
