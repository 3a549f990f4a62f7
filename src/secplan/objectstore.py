"""Inputs beyond the local disk: object stores (``s3://``, ``gs://``, ``az://``) and other
fsspec URLs.

Objects are listed, never loaded: a worker streams one object into a private temporary file,
in blocks, and stops at :data:`MAX_OBJECT_BYTES` (the limit the analyzer applies to the
decompressed content of one local file), then analyses that file as it would a local one and
deletes it. Credentials come from the usual environment of each backend (``AWS_*`` variables,
``~/.aws``, instance roles, ``GOOGLE_APPLICATION_CREDENTIALS``...) and are never written into
reports: a URL is shown without any user name or password it carries.

>>> shown_url("s3://KEY:SECRET@bucket/models")
's3://bucket/models'
>>> is_remote("s3://bucket/models"), is_remote("models/"), is_remote("file:///tmp/x")
(True, False, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secplan.errors import TargetError

if TYPE_CHECKING:
    import tempfile

#: The most of one object a worker reads (the analyzer's limit on one file's content).
MAX_OBJECT_BYTES = 16 << 30
BLOCK = 1 << 20
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)
_COLLAPSED = re.compile(r"^([a-z][a-z0-9+.-]{1,}):/(?!/)", re.IGNORECASE)


def is_remote(target: str) -> bool:
    """A URL of a remote file system (``file://`` and plain paths are local)."""
    m = _SCHEME.match(target)
    return m is not None and m.group(1).lower() != "file"


def as_target(arg: str | Path) -> str:
    """A command-line argument as given: a URL that went through :class:`~pathlib.Path`
    (which folds ``s3://`` into ``s3:/``) gets its two slashes back."""
    text = str(arg)
    return _COLLAPSED.sub(r"\1://", text) if not Path(text).exists() else text


def shown_url(url: str) -> str:
    """``url`` without the credentials a user may have put in it (``user:secret@``, even
    when the secret holds a slash)."""
    m = _SCHEME.match(url)
    if m is None:
        return url
    rest = url[m.end() :]
    user, at, after = rest.partition("@")
    if at and ("/" not in user or ":" in user):
        rest = after
    return m.group(0) + rest


@dataclass(frozen=True, slots=True)
class RemoteObject:
    """One object under a scanned URL prefix."""

    url: str  # the full URL, as the file system names it
    relpath: str  # relative to the scanned prefix
    size: int


def _fs(url: str) -> tuple[Any, str]:
    if shown_url(url) != url:
        raise TargetError(
            f"{shown_url(url)}: credentials in a URL are not accepted (they would reach logs)",
            "give them in the environment (AWS_ACCESS_KEY_ID, a profile, a role) and drop them "
            "from the URL",
        )
    try:
        import fsspec
    except ImportError:
        raise TargetError(
            f"{shown_url(url)}: remote inputs need fsspec",
            "install it with: pip install 'secplan[remote]'",
        ) from None
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise TargetError(
            f"{shown_url(url)}: no file system for this URL ({type(exc).__name__}: {exc})",
            "install the fsspec backend for it (s3fs, gcsfs, adlfs)",
        ) from None
    return fs, str(root)


def list_objects(url: str, max_files: int) -> list[RemoteObject]:
    """The objects under ``url`` (a prefix or one object), sorted by path; at most
    ``max_files`` (more is an error: raise the limit or scan a narrower prefix)."""
    fs, root = _fs(url)
    scheme = _SCHEME.match(url)
    prefix = scheme.group(0) if scheme else ""
    try:
        if fs.isfile(root):
            info = fs.info(root)
            return [
                RemoteObject(prefix + root, root.rsplit("/", 1)[-1], int(info.get("size") or 0))
            ]
        found = fs.find(root, detail=True)
    except Exception as exc:  # any backend error is one line, never a traceback
        why = " ".join(str(exc).split())[:200]
        raise TargetError(
            f"{shown_url(url)}: cannot list ({type(exc).__name__}: {why})",
            "check the URL and the credentials in the environment",
        ) from None
    base = root.rstrip("/") + "/"
    out = [
        RemoteObject(prefix + name, name[len(base) :], int(info.get("size") or 0))
        for name, info in sorted(found.items())
        if name.startswith(base) and info.get("type", "file") == "file"
    ]
    if len(out) > max_files:
        raise TargetError(
            f"{shown_url(url)}: {len(out):,} objects, more than the limit of {max_files:,}",
            "scan a narrower prefix or raise max_file_count in secplan.toml",
        )
    if not out:
        raise TargetError(f"{shown_url(url)}: no objects under this prefix", "check the URL")
    return out


class ObjectTooLarge(Exception):
    """An object is bigger than :data:`MAX_OBJECT_BYTES`; it is not verified."""


def fetch(url: str, dest: Path, max_bytes: int = MAX_OBJECT_BYTES) -> int:
    """Stream the object at ``url`` into ``dest`` in blocks; raise :class:`ObjectTooLarge`
    past ``max_bytes``. Returns the bytes read."""
    fs, path = _fs(url)
    done = 0
    with fs.open(path, "rb") as src, dest.open("wb") as out:
        while block := src.read(BLOCK):
            done += len(block)
            if done > max_bytes:
                raise ObjectTooLarge(f"larger than {max_bytes:,} bytes")
            out.write(block)
    return done


class Fetched:
    """A remote object in a private temporary file for the length of a ``with`` block."""

    def __init__(self, url: str, name: str, max_bytes: int = MAX_OBJECT_BYTES) -> None:
        self.url = url
        self.name = name
        self.max_bytes = max_bytes
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        import tempfile  # the scan of local files never needs it

        self._dir = tempfile.TemporaryDirectory(prefix="secplan-")
        dest = Path(self._dir.name) / (Path(self.name).name or "object")
        fetch(self.url, dest, self.max_bytes)
        return dest

    def __exit__(self, *exc: object) -> None:
        if self._dir is not None:
            self._dir.cleanup()
