"""``secplan vulndb update``: download the OSV export for PyPI and import it.

The download streams to a temporary file with a size bound and is imported from there; any
network failure becomes one :class:`DownloadError` line that says how to work offline.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from secplan.errors import SecplanError
from secplan.vulndb.sources import ImportStats, import_osv

DEFAULT_URL = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"
MAX_DOWNLOAD_BYTES = 4 << 30
CHUNK = 1 << 20
OFFLINE_HINT = (
    "check the network, or download the file elsewhere and run `secplan vulndb import FILE.zip`"
)


class DownloadError(SecplanError):
    """The OSV export could not be downloaded."""


def download(
    url: str, dest: Path, *, timeout: float = 60.0, limit: int = MAX_DOWNLOAD_BYTES
) -> int:
    """Stream ``url`` into ``dest``; returns the number of bytes written."""
    scheme = urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise DownloadError(f"{url}: only http and https URLs can be downloaded", OFFLINE_HINT)
    request = urllib.request.Request(url, headers={"User-Agent": "secplan"})  # noqa: S310
    written = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp, dest.open("wb") as out:  # noqa: S310
            while chunk := resp.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise DownloadError(f"{url}: larger than {limit} bytes", OFFLINE_HINT)
                out.write(chunk)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise DownloadError(f"cannot download {url}: HTTP {exc.code}", OFFLINE_HINT) from exc
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"cannot download {url} ({reason})", OFFLINE_HINT) from exc
    return written


def update(
    url: str = DEFAULT_URL, dest: Path | None = None, *, timeout: float = 60.0
) -> ImportStats:
    """Download the OSV export at ``url`` and replace the local database with it."""
    fd, tmp = tempfile.mkstemp(prefix="secplan-osv-", suffix=".zip")
    os.close(fd)
    path = Path(tmp)
    try:
        download(url, path, timeout=timeout)
        return import_osv(path, dest, shown=url)
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
