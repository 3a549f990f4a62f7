"""Loading a model under a load policy: the checks run on the bytes the real loader receives.

:func:`safe_load` reads the file once (hashing it as it reads), then, before any loader runs:

1. checks where the file comes from against the policy's allowed sources;
2. verifies its signature against the trusted keys, when the policy asks for it;
3. analyzes it with the model-file analyzer and refuses findings at or above ``fail_on``;
4. records the decision, allowed or refused, in the audit trail.

A refusal raises :class:`LoadRefused` with the reasons; no loader is called. The verdict of
steps 2 and 3 is cached by the digest of the content (BLAKE3 when the ``blake3`` package is
installed, else SHA-256; never by path or modification time), so a file that changes is
analyzed again; cached verdicts on disk are authenticated with an HMAC.

    >>> import pickle, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "m.pkl").write_bytes(pickle.dumps({"w": [0.5]}))
    >>> safe_load(d / "m.pkl", loader="pickle", policy=LoadPolicy(audit="off", cache=False))
    {'w': [0.5]}
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import logging
import mmap
import os
import queue
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypeGuard

from secplan import __version__
from secplan.errors import ConfigError, SecplanError

if TYPE_CHECKING:
    from secplan.model import Severity
    from secplan.services import Services

log = logging.getLogger(__name__)

AuditMode = Literal["required", "if-available", "off"]
DigestName = Literal["auto", "blake3", "sha256"]
#: the verified content, in private memory
Content = bytes | bytearray | mmap.mmap
CACHE_ENTRIES = 4096
_CHUNK = 1 << 20
#: bytes the kernel copies into the sealed file at a time (one lock handover each)
_COPY_CHUNK = 32 << 20
_HF_CACHE = re.compile(r"/models--([^/]+?)--([^/]+)/")


class LoadRefused(SecplanError):
    """The load policy refused a file; ``reasons`` says why. No loader was called."""

    def __init__(self, target: str, reasons: tuple[str, ...], digest: str = "") -> None:
        super().__init__(
            f"{target}: load refused: " + "; ".join(reasons),
            "fix the file or its source, or change the load policy (see docs/safe-load.md)",
        )
        self.target = target
        self.reasons = reasons
        #: ``ALGORITHM:HEX`` of the content (``blake3:…`` or ``sha256:…``), "" when unread
        self.digest = digest
        #: the hex SHA-256 when that was the content hash, else ""
        self.sha256 = digest.removeprefix("sha256:") if digest.startswith("sha256:") else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadPolicy:
    """What a file must satisfy before it is loaded.

    ``allowed_sources`` empty means any source; otherwise each entry is a local directory
    (``/srv/models``), a hub organisation (``hf://my-org``) or a registry prefix
    (``s3://bucket/models``, ``mlflow://prod``). A file in the Hugging Face cache counts as
    ``hf://ORG/NAME``.
    """

    fail_on: Severity | str = "high"
    require_signature: bool = False
    trusted_keys: tuple[Path, ...] = ()
    allowed_sources: tuple[str, ...] = ()
    audit: AuditMode = "if-available"
    #: keep verdicts under secplan's home (True), in this process only (False)
    cache: bool = True
    max_bytes: int = 64 << 30
    allow: tuple[str, ...] = field(default=())  # analyzer allow-list entries (module.name)
    #: the content hash verdicts are keyed by: ``auto`` is BLAKE3 when the ``blake3``
    #: package is installed, else SHA-256
    digest: DigestName = "auto"

    def __post_init__(self) -> None:
        self.threshold()  # a bad severity fails here, not at the first load
        if self.audit not in ("required", "if-available", "off"):
            raise ConfigError(
                f"unknown audit mode {self.audit!r}", "use required, if-available or off"
            )
        if self.digest not in ("auto", "blake3", "sha256"):
            raise ConfigError(
                f"unknown load policy digest {self.digest!r}", "use auto, blake3 or sha256"
            )

    def threshold(self) -> Severity:
        from secplan.model import Severity

        if isinstance(self.fail_on, Severity):
            return self.fail_on
        try:
            return Severity.parse(self.fail_on)
        except ValueError as exc:
            raise ConfigError(f"load policy fail_on: {exc}", "use info .. critical") from None

    def fingerprint(self, signature: bytes | None) -> str:
        """What the cached verdict depends on besides the content."""
        h = hashlib.sha256()
        for part in (
            __version__,
            str(int(self.threshold())),
            str(self.require_signature),
            ",".join(sorted(self.allow)),
        ):
            h.update(part.encode() + b"\x1f")
        for key in sorted(self.trusted_keys):
            h.update(_read_small(key) + b"\x1f")
        h.update(hashlib.sha256(signature).digest() if signature is not None else b"-")
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    reasons: tuple[str, ...]


# --- verdict cache -----------------------------------------------------------------------


class VerdictCache:
    """Verdicts by (content digest, policy fingerprint), least recently used first out.

    With ``path``, kept in a JSON file rewritten atomically after each new verdict. Each
    entry there carries an HMAC-SHA256 under a random key kept beside it (``KEY_NAME``, mode
    0600, created on first use): an entry written or edited without the key, or copied from
    another home, is ignored, so the content is analyzed again. Without a usable key the
    cache keeps verdicts in this process only."""

    KEY_NAME = "verdicts.key"

    def __init__(self, path: Path | None = None, max_entries: int = CACHE_ENTRIES) -> None:
        self.path = path
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Verdict] = OrderedDict()
        self._loaded = path is None
        self._key: bytes | None = None

    def _mac_key(self) -> bytes | None:
        """The key that authenticates entries, created when there is none."""
        if self._key is None and self.path is not None:
            from secplan._io import write_new

            key_path = self.path.with_name(self.KEY_NAME)
            try:
                if not key_path.exists():
                    write_new(key_path, secrets.token_bytes(32), mode=0o600)
                key = key_path.read_bytes()
            except OSError as exc:
                log.warning("load-verdict cache key %s unusable: %s", key_path, exc)
                return None
            if len(key) != 32:
                log.warning("load-verdict cache key %s is not 32 bytes: ignored", key_path)
                return None
            self._key = key
        return self._key

    @staticmethod
    def _mac(key: bytes, name: str, verdict: Verdict) -> str:
        msg = json.dumps([name, verdict.allowed, list(verdict.reasons)], separators=(",", ":"))
        return hmac.new(key, msg.encode(), hashlib.sha256).hexdigest()

    def _load(self) -> None:
        self._loaded = True
        if self.path is None or not self.path.is_file():
            return
        mac_key = self._mac_key()
        if mac_key is None:
            return
        dropped = 0
        try:
            raw = json.loads(self.path.read_bytes()[: 64 << 20])
            for k, v in raw.get("verdicts", {}).items():
                verdict = Verdict(bool(v["allowed"]), tuple(map(str, v["reasons"])))
                mac = v.get("mac")
                if isinstance(mac, str) and hmac.compare_digest(
                    mac, self._mac(mac_key, str(k), verdict)
                ):
                    self._entries[str(k)] = verdict
                else:
                    dropped += 1
        except (ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
            log.warning("ignoring the unreadable load-verdict cache %s: %s", self.path, exc)
            self._entries.clear()
        if dropped:
            log.warning(
                "ignoring %d unauthenticated entries of the load-verdict cache %s",
                dropped,
                self.path,
            )

    def get(self, key: str) -> Verdict | None:
        with self._lock:
            if not self._loaded:
                self._load()
            v = self._entries.get(key)
            if v is not None:
                self._entries.move_to_end(key)
            return v

    def put(self, key: str, verdict: Verdict) -> None:
        from secplan._io import atomic_write

        with self._lock:
            if not self._loaded:
                self._load()
            self._entries[key] = verdict
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            mac_key = self._mac_key()
            if self.path is not None and mac_key is not None:
                doc = {
                    "verdicts": {
                        k: {
                            "allowed": v.allowed,
                            "reasons": list(v.reasons),
                            "mac": self._mac(mac_key, k, v),
                        }
                        for k, v in self._entries.items()
                    }
                }
                try:
                    atomic_write(self.path, json.dumps(doc), mode=0o600)
                except OSError as exc:
                    log.warning("cannot save the load-verdict cache %s: %s", self.path, exc)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


_MEMORY = VerdictCache()
_DISK: dict[Path, VerdictCache] = {}
_DISK_LOCK = threading.Lock()


def _cache(policy: LoadPolicy) -> VerdictCache:
    if not policy.cache:
        return _MEMORY
    from secplan import paths

    p = paths.home() / "safe-load" / "verdicts.json"
    with _DISK_LOCK:
        return _DISK.setdefault(p, VerdictCache(p))


# --- loaders -------------------------------------------------------------------------------

#: A loader takes the verified bytes as a file object, or (``wants_path``) a private copy.
Loader = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class _Entry:
    fn: Loader
    wants_path: bool
    #: the loader given the path of the sealed in-memory copy (``/proc/self/fd/N``) instead
    #: of a file object, when it can map that copy rather than read it again
    sealed: Loader | None = None


_LOADERS: dict[str, _Entry] = {}
_ORIGINALS: dict[tuple[str, str], Any] = {}  # (module, attribute) -> the unpatched callable


def _real(module: str, name: str) -> Any:
    """The loader as its library defines it, even while :func:`guarded_loads` patches it."""
    import importlib

    got = _ORIGINALS.get((module, name))
    return got if got is not None else getattr(importlib.import_module(module), name)


def register_loader(name: str, fn: Loader, *, wants_path: bool = False) -> None:
    """Make ``safe_load(..., loader=name)`` hand the verified content to ``fn``: a binary file
    object over the verified bytes, or with ``wants_path`` the path of a private copy of them
    (for libraries that only open paths)."""
    _LOADERS[name] = _Entry(fn, wants_path)


def _pickle(f: IO[bytes], **kw: Any) -> Any:
    return _real("pickle", "load")(f, **kw)


def _torch(f: IO[bytes], **kw: Any) -> Any:
    return _real("torch", "load")(f, **kw)


def _torch_sealed(path: str, **kw: Any) -> Any:
    """``torch.load`` mapping the sealed copy: its tensors use the verified pages themselves
    (copy-on-write) instead of a second copy read through a file object. A torch too old to
    map files (before 2.1) reads the copy by its path instead."""
    import inspect

    load = _real("torch", "load")
    if "mmap" in inspect.signature(load).parameters:
        kw["mmap"] = True
    return load(path, **kw)


def _joblib(f: IO[bytes], **kw: Any) -> Any:
    return _real("joblib", "load")(f, **kw)


def _numpy(f: IO[bytes], **kw: Any) -> Any:
    return _real("numpy", "load")(f, **kw)


def _safetensors(f: IO[bytes], framework: str = "numpy", **kw: Any) -> Any:
    import importlib

    mod = importlib.import_module(
        "safetensors.torch" if framework in ("pt", "torch") else "safetensors.numpy"
    )
    return mod.load(f.read(), **kw)


def _keras(p: Path, **kw: Any) -> Any:
    import importlib

    return importlib.import_module("keras").models.load_model(str(p), **kw)


register_loader("pickle", _pickle)
register_loader("torch", _torch)
_LOADERS["torch"] = _Entry(_torch, False, _torch_sealed)
register_loader("joblib", _joblib)
register_loader("numpy", _numpy)
register_loader("safetensors", _safetensors)
register_loader("keras", _keras, wants_path=True)


# --- the checks ----------------------------------------------------------------------------


def _read_small(p: Path, limit: int = 1 << 20) -> bytes:
    try:
        with p.open("rb") as fh:
            return fh.read(limit)
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror or exc}", "check the path") from exc


def _hasher(name: str) -> Any:
    """A new content hasher: BLAKE3 (several times faster than SHA-256 on large files) when
    the ``blake3`` package is installed and ``name`` is ``auto``, else SHA-256."""
    if name in ("auto", "blake3"):
        try:
            import blake3
        except ImportError:
            if name == "blake3":
                raise ConfigError(
                    "load policy digest='blake3' needs the blake3 package",
                    "pip install blake3, or use digest='auto' or 'sha256'",
                ) from None
        else:
            return blake3.blake3()
    return hashlib.sha256()


def _digest(h: Any) -> str:
    """``ALGORITHM:HEX`` of a finished hasher."""
    return f"{h.name}:{h.hexdigest()}"


def digest_of(data: bytes | bytearray | memoryview, algorithm: str = "auto") -> str:
    """The content digest :func:`safe_load` keys its verdicts by (``blake3:…`` or
    ``sha256:…``)."""
    h = _hasher(algorithm)
    h.update(data)
    return _digest(h)


class _Sealed(mmap.mmap):
    """The verified content in a sealed in-memory file (``memfd``): once read and hashed, the
    file is sealed against writing, growing and shrinking, by anyone, this process included,
    so that what a loader maps or reads from it is what was hashed. ``fd`` is its descriptor
    (closed by :func:`_release`)."""

    fd: int


def _private_buffer(size: int) -> mmap.mmap | bytearray:
    """``size`` bytes of private memory: an anonymous mapping (its pages are zeroed by the
    kernel as they are first written, instead of all at once as ``bytearray(size)`` does)."""
    if size <= 0:
        return bytearray()
    try:
        return mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    except (OSError, ValueError, AttributeError):  # no anonymous mappings here
        return bytearray(size)


def _memfd(size: int) -> int | None:
    """A new in-memory file of ``size`` bytes that can be sealed, or None where the system
    has none."""
    if size <= 0:
        return None
    try:
        fd = os.memfd_create("secplan-load", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    except (OSError, AttributeError):
        return None
    try:
        os.ftruncate(fd, size)
    except OSError:
        os.close(fd)
        return None
    return fd


def _copy_hashing(f: IO[bytes], fd: int, size: int, h: Any) -> int:
    """Up to ``size`` bytes of ``f`` copied into the in-memory file ``fd``; returns how many
    were copied. The kernel copies chunk after chunk (``sendfile``: the bytes never pass
    through this process) while a thread hashes each chunk already copied, reading the
    in-memory file itself, so the hash runs on a second core beside the copy. Both wait
    outside the interpreter lock, which they take once a chunk. Where the kernel cannot copy
    from ``f``, the rest goes through a small buffer. ``f`` is left after the bytes copied."""
    start = f.tell()
    copied: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
    failed: list[BaseException] = []
    with mmap.mmap(fd, size, prot=mmap.PROT_READ) as view:
        hasher = threading.Thread(
            target=_hash_copied, args=(view, h, copied, failed), name="secplan-hash", daemon=True
        )
        beside = size > _COPY_CHUNK  # one chunk has nothing to overlap: hashed after it
        if beside:
            hasher.start()
        try:
            pos = _copy_chunks(f, fd, start, size, copied)
        finally:
            copied.put(None)
            if beside:
                hasher.join()
        if not beside:
            _hash_copied(view, h, copied, failed)
    if failed:
        raise failed[0]
    return pos


def _hash_copied(
    view: mmap.mmap,
    h: Any,
    copied: queue.SimpleQueue[tuple[int, int] | None],
    failed: list[BaseException],
) -> None:
    """Hash the ranges of ``view`` named on ``copied``, in order, until ``None``."""
    with memoryview(view) as mv:
        while (done := copied.get()) is not None:
            if not failed:
                with mv[done[0] : done[1]] as chunk:
                    try:
                        h.update(chunk)
                    except BaseException as exc:  # handed to the copying thread
                        failed.append(exc)


def _copy_chunks(
    f: IO[bytes], fd: int, start: int, size: int, copied: queue.SimpleQueue[tuple[int, int] | None]
) -> int:
    """Copy ``f`` from ``start`` into ``fd`` by the kernel where it can, else through a
    buffer, naming each chunk on ``copied`` once it is in ``fd``; returns how many bytes."""
    pos = 0
    kernel = hasattr(os, "sendfile") and _plain_file(f)
    buf = bytearray(min(_CHUNK, size) if not kernel else 0)
    while pos < size:
        want = min(_COPY_CHUNK, size - pos)
        n = 0
        if kernel:
            try:
                n = os.sendfile(fd, f.fileno(), start + pos, want)
            except OSError:  # not a file the kernel copies from: through a buffer
                kernel = False
                f.seek(start + pos)
                buf = bytearray(min(_CHUNK, size))
        if not kernel:
            n = _copy_through(f, fd, pos, want, buf)
        if not n:
            break
        copied.put((pos, pos + n))
        pos += n
    if kernel:
        f.seek(start + pos)
    return pos


def _plain_file(f: IO[bytes]) -> bool:
    """Whether ``f`` reads exactly the bytes of its descriptor (a wrapper such as a gzip
    file has the descriptor of what it decompresses)."""
    raw = f.raw if type(f) is io.BufferedReader else f
    return type(raw) is io.FileIO


def _copy_through(f: IO[bytes], fd: int, pos: int, want: int, buf: bytearray) -> int:
    """Up to ``want`` bytes of ``f`` written to ``fd`` at ``pos`` through ``buf``."""
    got = 0
    with memoryview(buf) as mv:
        while got < want:
            n = f.readinto(mv[: min(len(buf), want - got)])  # type: ignore[attr-defined]
            if not n:
                break
            done = 0
            while done < n:
                done += os.pwrite(fd, mv[done:n], pos + got + done)
            got += n
    return got


def _seal(fd: int, size: int) -> mmap.mmap:
    """The in-memory file sealed (no more writes, by anyone, this process included) and
    mapped read-only. A file that cannot be sealed is copied to an anonymous mapping and
    closed."""
    import fcntl

    try:
        seals = fcntl.F_SEAL_WRITE | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_SEAL
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
        sealed = _Sealed(fd, size, prot=mmap.PROT_READ)
    except (OSError, AttributeError, ValueError):
        try:
            with mmap.mmap(fd, size, prot=mmap.PROT_READ) as view:
                copy = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
                copy[:] = view
        finally:
            os.close(fd)
        return copy
    sealed.fd = fd
    return sealed


def _read_hashing(
    f: IO[bytes], limit: int, target: str, algorithm: str = "auto"
) -> tuple[Content, str]:
    """The rest of ``f`` and its digest, hashed chunk by chunk as it is read. A regular file
    is read into a sealed in-memory file of its size (:class:`_Sealed`) where the system has
    them, else straight into one private buffer of its size."""
    h = _hasher(algorithm)
    size = -1
    with contextlib.suppress(OSError, AttributeError, ValueError, io.UnsupportedOperation):
        size = os.fstat(f.fileno()).st_size - f.tell()
    if size > limit:
        raise LoadRefused(target, (f"larger than the policy's max_bytes ({limit:,} bytes)",))
    fd = _memfd(size)
    if fd is not None:
        try:
            pos = _copy_hashing(f, fd, size, h)
            chunk = f.read(_CHUNK) if pos == size else b""
        except BaseException:
            os.close(fd)
            raise
        if pos == size and not chunk:
            return _seal(fd, size), _digest(h)
        try:
            out = bytearray()
            if pos:
                with mmap.mmap(fd, pos, prot=mmap.PROT_READ) as view:
                    out = bytearray(view)
        finally:
            os.close(fd)
    else:
        buf = _private_buffer(size)
        pos = 0
        with memoryview(buf) as mv:
            while pos < len(buf):
                n = f.readinto(mv[pos : pos + _CHUNK])  # type: ignore[attr-defined]
                if not n:
                    break
                h.update(mv[pos : pos + n])
                pos += n
        chunk = f.read(_CHUNK) if pos == len(buf) else b""
        if pos == len(buf) and not chunk:
            return buf, _digest(h)
        out = bytearray(buf[:pos])
        if isinstance(buf, mmap.mmap):
            buf.close()
    # the file changed size while it was read (or is a stream): continue in a bytearray
    while chunk:
        h.update(chunk)
        out += chunk
        if len(out) > limit:
            raise LoadRefused(target, (f"larger than the policy's max_bytes ({limit:,} bytes)",))
        chunk = f.read(_CHUNK)
    return out, _digest(h)


class _Verified(io.RawIOBase):
    """A read-only, seekable file over the verified bytes, without copying them."""

    def __init__(self, data: Content) -> None:
        super().__init__()
        self._data = data
        self._view = memoryview(data)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = (0, self._pos, len(self._data))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, b: Any) -> int:
        chunk = self._view[self._pos : self._pos + len(b)]
        n = len(chunk)
        memoryview(b).cast("B")[:n] = chunk
        self._pos += n
        return n

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._data) if size is None or size < 0 else self._pos + size
        out = bytes(self._view[self._pos : end])
        self._pos += len(out)
        return out

    def readall(self) -> bytes:
        return self.read(-1)

    def readline(self, size: int | None = -1) -> bytes:
        nl = self._data.find(b"\n", self._pos)
        end = len(self._data) if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(end - self._pos)

    def peek(self, size: int = 0) -> bytes:
        return bytes(self._view[self._pos : self._pos + max(size, 1)])

    def close(self) -> None:
        self._view.release()
        super().close()


def source_of(path: Path) -> str:
    """``hf://ORG/NAME`` for a file in the Hugging Face cache, else the resolved path."""
    resolved = path.resolve()
    m = _HF_CACHE.search(resolved.as_posix())
    return f"hf://{m.group(1)}/{m.group(2)}" if m else str(resolved)


def _source_allowed(source: str, allowed: tuple[str, ...]) -> bool:
    if not allowed:
        return True
    for entry in allowed:
        if "://" in entry or "://" in source:
            e = entry.rstrip("/")
            if source == e or source.startswith(e + "/"):
                return True
        else:
            with contextlib.suppress(ValueError, OSError):
                if Path(source).resolve().is_relative_to(Path(entry).expanduser().resolve()):
                    return True
    return False


def _analyze(
    data: Content, name: str, directory: Path, display: str, policy: LoadPolicy
) -> list[str]:
    """The analyzer's findings at or above the threshold, on the private bytes themselves
    (as for a file ``name`` alone in the private ``directory``)."""
    from secplan.modelfile.api import analyze_buffer

    threshold = policy.threshold()
    buf = bytes(data) if isinstance(data, bytearray) else data  # slices must be bytes
    return [
        f"{f.rule} {f.severity.label}: {f.message}"
        for f in analyze_buffer(
            buf, len(buf), display, name=name, directory=directory, allow=policy.allow
        )
        if f.severity >= threshold
    ]


def _signature_problems(copy: Path, sig: Path | None, policy: LoadPolicy) -> list[str]:
    if sig is None:
        return ["no signature, and the policy requires one"] if policy.require_signature else []
    from secplan.protect.signing import verify

    try:
        v = verify(copy, list(policy.trusted_keys), signature=sig)
    except SecplanError as exc:
        return [f"signature does not verify: {exc.message}"]
    if v.ok:
        return []
    why = list(v.problems) + [
        "the content changed since signing" if f == "." else f"{f} changed" for f in v.changed
    ]
    return ["signature does not verify: " + ("; ".join(why) or "content differs")]


def _judge(
    data: Content, name: str, display: str, sig: Path | None, policy: LoadPolicy
) -> tuple[Verdict, Path | None]:
    """Analyze ``data`` (and verify its signature on a private copy); returns the private
    directory (with the copy when one was written)."""
    tmp = Path(tempfile.mkdtemp(prefix="secplan-load-"))
    try:
        copy = tmp / (Path(name).name or "model")
        if sig is not None:  # signature verification reads a file
            with copy.open("wb") as fh:
                fh.write(data)
        reasons = _signature_problems(copy, sig, policy)
        reasons += _analyze(data, copy.name, tmp, display, policy)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Verdict(not reasons, tuple(reasons)), tmp


# --- audit ---------------------------------------------------------------------------------

_SERVICES: dict[Path, Services | None] = {}  # by secplan home, opened once per process
_SERVICES_LOCK = threading.Lock()
_OPENING: dict[Path, threading.Thread] = {}  # services being opened ahead, by secplan home
_OPEN_LOCK = threading.Lock()  # one opening at a time


def _default_services() -> Services | None:
    from secplan import paths

    home = paths.home()
    with _OPEN_LOCK:  # held while opening, so that a second caller waits for the first
        with _SERVICES_LOCK:
            if home in _SERVICES:
                return _SERVICES[home]
        try:
            from secplan.services import open_services

            opened: Services | None = open_services()
        except Exception as exc:  # no database, no key: auditing is unavailable
            log.debug("audit trail unavailable: %s", exc)
            opened = None
        with _SERVICES_LOCK:
            _SERVICES[home] = opened
            _OPENING.pop(home, None)
        return opened


def _open_services_ahead() -> None:
    """Start opening the state services in a thread while the caller reads and hashes the
    file (both mostly wait on the kernel or run outside the GIL); the audit joins it."""
    from secplan import paths

    home = paths.home()
    with _SERVICES_LOCK:
        if home in _SERVICES or home in _OPENING:
            return
        # not a daemon: an interpreter that exits waits for it rather than cutting a
        # database migration short
        _OPENING[home] = threading.Thread(
            target=_default_services, name="secplan-open-services", daemon=False
        )
        _OPENING[home].start()


def _needs_services() -> bool:
    """Whether recording a load needs the full state services (not the light append of
    :mod:`secplan.audit.local`)."""
    from secplan.audit import local

    return local.database() is None


def _audit(
    policy: LoadPolicy, services: Services | None, target: str, allowed: bool, **details: object
) -> str | None:
    """Record the decision; returns why it could not be recorded, or None."""
    if policy.audit == "off":
        return None
    from secplan.audit import local
    from secplan.audit.events import Outcome

    outcome = Outcome.ALLOWED if allowed else Outcome.DENIED
    try:
        if services is None and local.append("model.load", target, outcome, details):
            return None  # recorded in the local trail without opening the services
        svc = services if services is not None else _default_services()
        if svc is None:
            return "the audit trail is unavailable"
        svc.audit("model.load", target, outcome, **details)
    except Exception as exc:
        return f"the audit trail refused the record: {type(exc).__name__}: {exc}"
    return None


# --- the API -------------------------------------------------------------------------------


def _check(
    data: Content,
    digest: str,
    *,
    name: str,
    target: str,
    source: str | None,
    loader: str,
    policy: LoadPolicy,
    signature: Path | None,
    services: Services | None,
) -> Path | None:
    """Raises :class:`LoadRefused` unless ``data`` may be loaded; returns a private copy's
    directory when one was made (the caller removes it)."""
    reasons: list[str] = []
    if source is None:
        if policy.allowed_sources:
            reasons.append("its source is unknown and the policy has an allowed list")
    elif not _source_allowed(source, policy.allowed_sources):
        reasons.append(f"source {source} is not on the allowed list")
    sig_bytes = _read_small(signature, 16 << 20) if signature is not None else None
    key = f"{digest}:{policy.fingerprint(sig_bytes)}"
    cache = _cache(policy)
    verdict = cache.get(key)
    tmp: Path | None = None
    cached = verdict is not None
    if verdict is None:
        verdict, tmp = _judge(data, name, target, signature, policy)
        cache.put(key, verdict)
    reasons += verdict.reasons
    allowed = not reasons
    problem = _audit(
        policy,
        services,
        target,
        allowed,
        loader=loader,
        **_digest_details(digest),
        source=source or "",
        reasons=list(reasons),
        cached=cached,
    )
    if problem is not None:
        if policy.audit == "required":
            reasons.append(f"{problem}, and the policy requires auditing")
        else:
            log.warning("load of %s not audited: %s", target, problem)
    if reasons:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise LoadRefused(target, tuple(reasons), digest)
    return tmp


def _digest_details(digest: str) -> dict[str, str]:
    """The content hash as the audit record keeps it: ``digest`` always, and ``sha256`` (the
    hex alone) when that was the algorithm."""
    alg, _, hexd = digest.partition(":")
    return {"digest": digest, **({"sha256": hexd} if alg == "sha256" else {})}


def _signature_for(path: Path, signature: Path | None, policy: LoadPolicy) -> Path | None:
    if signature is not None:
        return signature
    if not (policy.require_signature or policy.trusted_keys):
        return None
    from secplan.protect.signing import default_signature

    sig = default_signature(path)
    return sig if sig.is_file() else None


def safe_load(
    path: str | os.PathLike[str],
    loader: str = "pickle",
    *,
    policy: LoadPolicy | None = None,
    source: str | None = None,
    signature: str | os.PathLike[str] | None = None,
    services: Services | None = None,
    **kwargs: Any,
) -> Any:
    """Load ``path`` with ``loader`` if the load policy allows it, else raise
    :class:`LoadRefused` without calling the loader. ``source`` names where the file came
    from (``hf://org/name``, ``s3://...``) when the path alone does not say; ``kwargs`` go to
    the loader. The loader receives the very bytes that were checked."""
    pol = policy or LoadPolicy()
    entry = _LOADERS.get(loader)
    if entry is None:
        raise ConfigError(f"unknown loader {loader!r}", f"use one of {', '.join(sorted(_LOADERS))}")
    p = Path(path)
    if services is None and pol.audit != "off" and _needs_services():
        _open_services_ahead()
    try:
        try:
            with p.open("rb", buffering=0) as fh:
                data, digest = _read_hashing(fh, pol.max_bytes, str(p), pol.digest)
        except OSError as exc:
            raise LoadRefused(str(p), (f"cannot read: {exc.strerror or exc}",)) from exc
    except LoadRefused as refused:  # refused before any check: still recorded
        problem = _audit(pol, services, str(p), False, loader=loader, reasons=list(refused.reasons))
        if problem is not None:
            log.warning("refused load of %s not audited: %s", p, problem)
        raise
    try:
        sig = _signature_for(p, Path(signature) if signature is not None else None, pol)
        return _load_checked(
            entry,
            data,
            digest,
            name=p.name,
            target=str(p),
            source=source or source_of(p),
            loader=loader,
            policy=pol,
            signature=sig,
            services=services,
            kwargs=kwargs,
        )
    finally:
        _release(data)


def _release(data: Content) -> None:
    """Unmap a private buffer now rather than at garbage collection (a loader that kept a
    view of it keeps it mapped), and close its in-memory file (a loader that mapped the file
    keeps its pages)."""
    if isinstance(data, mmap.mmap):
        with contextlib.suppress(BufferError):
            data.close()
    if isinstance(data, _Sealed):
        os.close(data.fd)


def _mappable(data: Content, kwargs: Mapping[str, Any]) -> TypeGuard[_Sealed]:
    """Whether the loader may map the sealed copy by its path: a zip container (torch maps
    only that format), the caller not choosing how to load it, and the copy reachable by a
    path in ``/proc``."""
    return (
        isinstance(data, _Sealed)
        and "mmap" not in kwargs
        and data[:4] == b"PK\x03\x04"
        and Path(f"/proc/self/fd/{data.fd}").exists()
    )


def _load_checked(
    entry: _Entry,
    data: Content,
    digest: str,
    *,
    name: str,
    target: str,
    source: str | None,
    loader: str,
    policy: LoadPolicy,
    signature: Path | None,
    services: Services | None,
    kwargs: Mapping[str, Any],
) -> Any:
    tmp = _check(
        data,
        digest,
        name=name,
        target=target,
        source=source,
        loader=loader,
        policy=policy,
        signature=signature,
        services=services,
    )
    _INSIDE.depth = getattr(_INSIDE, "depth", 0) + 1
    try:
        if entry.wants_path:
            copy_name = Path(name).name or "model"
            if tmp is None:  # verdict from the cache
                tmp = Path(tempfile.mkdtemp(prefix="secplan-load-"))
            if not (tmp / copy_name).is_file():  # the private copy is written now
                (tmp / copy_name).write_bytes(data)
            return entry.fn(tmp / copy_name, **kwargs)
        if entry.sealed is not None and _mappable(data, kwargs):
            return entry.sealed(f"/proc/self/fd/{data.fd}", **kwargs)
        with _Verified(data) as f:
            return entry.fn(f, **kwargs)
    finally:
        _INSIDE.depth -= 1
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def safe_load_bytes(
    data: bytes | bytearray,
    loader: str = "pickle",
    *,
    name: str = "model.bin",
    policy: LoadPolicy | None = None,
    source: str | None = None,
    services: Services | None = None,
    **kwargs: Any,
) -> Any:
    """:func:`safe_load` for content already in memory (``pickle.loads``, a stream). A
    ``bytearray`` is used as it is: do not change it while the call runs."""
    pol = policy or LoadPolicy()
    if len(data) > pol.max_bytes:
        raise LoadRefused(name, (f"larger than the policy's max_bytes ({pol.max_bytes:,})",))
    return _load_bytes(
        data, digest_of(data, pol.digest), loader, name, pol, source, services, kwargs
    )


def _load_bytes(
    data: Content,
    digest: str,
    loader: str,
    name: str,
    policy: LoadPolicy,
    source: str | None,
    services: Services | None,
    kwargs: Mapping[str, Any],
) -> Any:
    entry = _LOADERS.get(loader)
    if entry is None:
        raise ConfigError(f"unknown loader {loader!r}", f"use one of {', '.join(sorted(_LOADERS))}")
    return _load_checked(
        entry,
        data,
        digest,
        name=name,
        target=name,
        source=source,
        loader=loader,
        policy=policy,
        signature=None,  # a stream carries no signature: refused when one is required
        services=services,
        kwargs=kwargs,
    )


def _stream(f: Any, policy: LoadPolicy, loader: str, **kw: Any) -> Any:
    if isinstance(f, (str, os.PathLike)):
        return safe_load(f, loader, policy=policy, **kw)
    name = str(getattr(f, "name", "") or "stream")
    source = source_of(Path(name)) if name != "stream" and Path(name).is_file() else None
    data, digest = _read_hashing(f, policy.max_bytes, name, policy.digest)
    try:  # hashed as it was read: not hashed again
        return _load_bytes(
            data, digest, loader, Path(name).name or "stream", policy, source, None, kw
        )
    finally:
        _release(data)


# --- patching loaders for code you do not control ------------------------------------------

_GUARD_LOCK = threading.RLock()
_POLICIES: list[tuple[object, LoadPolicy]] = []
#: per thread: how many verified loads are running (their own inner calls to a patched
#: loader, such as torch's legacy format calling ``pickle.load``, go straight through)
_INSIDE = threading.local()


def _current() -> LoadPolicy:
    with _GUARD_LOCK:
        return _POLICIES[-1][1] if _POLICIES else LoadPolicy()


def _passthrough() -> bool:
    return bool(getattr(_INSIDE, "depth", 0))


def _guarded_pickle_load(file: Any, **kw: Any) -> Any:
    if _passthrough():
        return _real("pickle", "load")(file, **kw)
    return _stream(file, _current(), "pickle", **kw)


def _guarded_pickle_loads(data: bytes | bytearray | memoryview, /, **kw: Any) -> Any:
    if _passthrough():
        return _real("pickle", "loads")(data, **kw)
    if not isinstance(data, bytes):  # a caller's buffer could change under the check
        data = bytes(data)
    return safe_load_bytes(data, "pickle", name="pickle.loads", policy=_current(), **kw)


def _guarded_torch_load(f: Any, *args: Any, **kw: Any) -> Any:
    if _passthrough():
        return _real("torch", "load")(f, *args, **kw)
    if args:  # map_location given by position
        kw["map_location"] = args[0]
    return _stream(f, _current(), "torch", **kw)


def _guarded_joblib_load(filename: Any, *args: Any, **kw: Any) -> Any:
    if _passthrough():
        return _real("joblib", "load")(filename, *args, **kw)
    if args:
        kw["mmap_mode"] = args[0]
    return _stream(filename, _current(), "joblib", **kw)


def _guarded_numpy_load(file: Any, *args: Any, **kw: Any) -> Any:
    names = ("mmap_mode", "allow_pickle", "fix_imports", "encoding")
    kw.update(zip(names, args, strict=False))
    if _passthrough() or not kw.get("allow_pickle", False):  # numpy refuses pickles itself
        return _real("numpy", "load")(file, **kw)
    return _stream(file, _current(), "numpy", **kw)


_PATCHES: tuple[tuple[str, str, Callable[..., Any]], ...] = (
    ("pickle", "load", _guarded_pickle_load),
    ("pickle", "loads", _guarded_pickle_loads),
    ("torch", "load", _guarded_torch_load),
    ("joblib", "load", _guarded_joblib_load),
    ("numpy", "load", _guarded_numpy_load),
)


def _install() -> None:
    import importlib
    import importlib.util

    for module, attr, guard in _PATCHES:
        if importlib.util.find_spec(module) is None:
            continue
        mod = importlib.import_module(module)
        _ORIGINALS[(module, attr)] = getattr(mod, attr)
        setattr(mod, attr, guard)


def _uninstall() -> None:
    import sys

    for (module, attr), original in list(_ORIGINALS.items()):
        mod = sys.modules.get(module)
        if mod is not None:
            setattr(mod, attr, original)
    _ORIGINALS.clear()


@contextlib.contextmanager
def guarded_loads(policy: LoadPolicy | None = None) -> Iterator[LoadPolicy]:
    """Route ``pickle.load``/``pickle.loads``, ``torch.load``, ``joblib.load`` and
    ``numpy.load(..., allow_pickle=True)`` through :func:`safe_load` while the block runs,
    for code you do not control. The patches are process-wide: other threads see them too,
    and the innermost active policy applies. They are removed when the outermost block
    exits, also on an exception."""
    pol = policy or LoadPolicy()
    token = object()
    with _GUARD_LOCK:
        if not _POLICIES:
            _install()
        _POLICIES.append((token, pol))
    try:
        yield pol
    finally:
        with _GUARD_LOCK:
            _POLICIES[:] = [(t, p) for t, p in _POLICIES if t is not token]
            if not _POLICIES:
                _uninstall()
