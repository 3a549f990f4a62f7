"""Signing models and datasets in the OpenSSF model-signing format (a Sigstore bundle around a
DSSE-signed in-toto statement listing every file's digest), interoperable with the
``model_signing`` tool: signatures made here verify there, and the other way round.

Signing uses the ``model-signing`` library (key-based, offline: an ECDSA private key in PEM;
keyless Sigstore signing when online). Verification checks the DSSE signature against the keys
the trust policy names, then re-hashes the files the same way the signer did and reports which
files were added, removed or changed — not just "mismatch" — and which files are present that
the signature does not cover at all ("unsigned": those under the paths the signer left out,
by default model_signing's ``.git``, ``.gitattributes``, ``.github`` and ``.gitignore``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from secplan._io import atomic_write, sha256_file
from secplan.errors import ConfigError, ServiceError, VerificationError

PREDICATE = "https://model_signing/signature/v1.0"
PAYLOAD_TYPE = "application/vnd.in-toto+json"
MAX_BUNDLE = 16 << 20
SIGNATURE_NAME = "model.sig"


def default_signature(path: Path) -> Path:
    """``DIR/model.sig`` for a directory, ``FILE.sig`` for a file."""
    return path / SIGNATURE_NAME if path.is_dir() else path.with_name(path.name + ".sig")


def _hashing(model: Path, signature: Path) -> Any:
    """Per-file SHA-256, files hashed in parallel on every core. (The library can also hash
    shards of one file in parallel, but ``model_signing verify`` only accepts per-file
    manifests; interoperability wins.)"""
    from model_signing import hashing

    config: Any = hashing.Config  # the library is untyped
    cfg = config().use_file_serialization(max_workers=os.cpu_count())
    if model.is_dir():  # the signature inside the model directory is not part of the model
        with contextlib.suppress(ValueError):  # (a signature outside the model is not hashed)
            cfg.set_ignored_paths(paths=[signature.resolve().relative_to(model.resolve())])
    return cfg


def sign(
    path: Path,
    private_key: Path | None,
    signature: Path | None = None,
    *,
    keyless: bool = False,
    identity_token: str | None = None,
) -> Path:
    """Sign the file or directory ``path`` with an ECDSA ``private_key`` (offline), or
    ``keyless`` through Sigstore (online: an OIDC identity, a Fulcio certificate and a Rekor
    entry); returns the signature's path."""
    if not path.exists():
        raise ConfigError(f"{path}: no such file or directory", "sign a model file or directory")
    sig = signature or default_signature(path)
    if not keyless and private_key is not None:
        _sign_with_key(path, private_key, sig)
        return sig
    try:
        from model_signing import signing
    except ImportError as exc:
        raise ServiceError(
            "keyless signing needs the model-signing package", "pip install 'secplan[signing]'"
        ) from exc
    config: Any = signing.Config
    try:
        if keyless:
            cfg = config().use_sigstore_signer(
                identity_token=identity_token, use_ambient_credentials=identity_token is None
            )
        elif private_key is not None:
            cfg = config().use_elliptic_key_signer(private_key=private_key)
        else:
            raise ConfigError("nothing to sign with", "give --key PRIVATE.pem, or --keyless")
        cfg.set_hashing_config(_hashing(path, sig)).sign(path, sig)
    except ConfigError:
        raise
    except Exception as exc:  # the Sigstore client raises its own errors, network ones included
        if keyless:
            raise ServiceError(
                f"keyless signing of {path} failed: {exc}",
                "keyless signing needs network access and an OIDC identity",
            ) from exc
        if isinstance(exc, (ValueError, OSError, TypeError)):
            raise ConfigError(
                f"cannot sign {path}: {exc}", "use an ECDSA P-256 or P-384 private key in PEM"
            ) from exc
        raise ServiceError(
            f"signing {path} failed: {exc}",
            "check the key and the model; report it if both are valid",
        ) from exc
    return sig


#: What model_signing leaves out of every signature by default (its ``ignore_git_paths``).
GIT_PATHS = (".git", ".gitattributes", ".github", ".gitignore")
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json"
#: The digest model_signing pairs with each curve it signs with.
_CURVE_HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "secp256r1": hashes.SHA256,
    "secp384r1": hashes.SHA384,
    "secp521r1": hashes.SHA512,
}


def _curve_hash(curve: ec.EllipticCurve) -> hashes.HashAlgorithm | None:
    make = _CURVE_HASHES.get(curve.name)
    return make() if make is not None else None


def _inside(sig: Path, model: Path) -> PurePosixPath | None:
    """``sig`` relative to the directory ``model``, None if it lies outside."""
    try:
        return PurePosixPath(sig.resolve().relative_to(model.resolve()).as_posix())
    except ValueError:
        return None


def _model_files(
    path: Path, ignore: Sequence[PurePosixPath], *, check_ignored: bool = False
) -> list[tuple[str, Path]]:
    """The regular files of the model directory ``path`` that ``ignore`` does not cover, as
    (POSIX path relative to the model, path). A symbolic link or a special file (FIFO,
    socket, device) is a :class:`ValueError` naming it: outside ``ignore``, or anywhere with
    ``check_ignored`` (model_signing refuses those even under its ignored paths)."""
    out: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(path):
        base = Path(dirpath)
        keep = []
        for name in sorted(dirnames + filenames):
            full = base / name
            rel = PurePosixPath(full.relative_to(path).as_posix())
            ignored = _ignored(rel, ignore)
            if ignored and not check_ignored:
                continue
            if full.is_symlink():
                raise ValueError(f"{full}: symbolic link in a signed model")
            if name in dirnames:
                keep.append(name)
            elif not full.is_file():
                raise ValueError(f"{full}: not a regular file (a FIFO, socket or device)")
            elif not ignored:
                out.append((str(rel), full))
        dirnames[:] = keep
    return out


#: Digests being computed ahead (see :func:`hashing_ahead`), by file identity.
_ahead: dict[tuple[str, int, int, int], Future[str]] = {}


def _identity(f: Path) -> tuple[str, int, int, int]:
    """What a digest computed ahead is valid for: the file, its inode, size and mtime."""
    st = f.stat()
    return os.path.realpath(f), st.st_ino, st.st_size, st.st_mtime_ns


@contextlib.contextmanager
def hashing_ahead(path: Path) -> Iterator[None]:
    """Start hashing the files of the model ``path`` (git paths left out, as by default) in
    the background, while the caller does other work (loading the services, checking
    access): :func:`sign` and :func:`verify` then use the digests of files unchanged since.
    Nothing is hashed ahead for a model that cannot be walked (the real call says why)."""
    try:
        if path.is_dir():
            files = [f for _, f in _model_files(path, [PurePosixPath(p) for p in GIT_PATHS])]
        else:
            files = [path] if path.is_file() else []
        keyed = sorted(((_identity(f), f) for f in files), key=lambda kf: -kf[0][2])
    except (ValueError, OSError):
        keyed = []
    pool = ThreadPoolExecutor(max_workers=min(len(keyed), os.cpu_count() or 1) or 1)
    try:
        for key, f in keyed:
            _ahead[key] = pool.submit(sha256_file, f)
        yield
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        for key, _ in keyed:
            _ahead.pop(key, None)


def _hash_files(files: Sequence[Path]) -> list[str]:
    """The hex SHA-256 of each file, on every core: hashlib releases the GIL while it
    hashes, so threads run in parallel; the largest files start first. Digests computed
    ahead for the same, unchanged file are used as they are."""
    ahead = [_ahead.get(_identity(f)) for f in files] if _ahead else [None] * len(files)
    todo = [i for i, fut in enumerate(ahead) if fut is None or fut.cancelled()]
    digests: dict[int, str] = {}
    if len(todo) == 1:
        digests[todo[0]] = sha256_file(files[todo[0]])
    elif todo:
        todo.sort(key=lambda i: -files[i].stat().st_size)
        with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            digests = dict(zip(todo, pool.map(sha256_file, [files[i] for i in todo]), strict=True))
    out = []
    for i, fut in enumerate(ahead):
        if fut is None or i in digests:
            out.append(digests[i])
        else:
            out.append(fut.result())
    return out


def _resources(path: Path, ignore: Sequence[PurePosixPath]) -> list[dict[str, str]]:
    """The signed statement's resources: every file's SHA-256, in model_signing's order
    (by path components, which is not plain string order: ``a/b`` sorts before ``a-b``)."""
    if path.is_file():
        named = [(".", path)]
    else:
        named = sorted(
            _model_files(path, ignore, check_ignored=True), key=lambda nf: nf[0].split("/")
        )
    digests = _hash_files([f for _, f in named])
    return [
        {"name": n, "algorithm": "sha256", "digest": d}
        for (n, _), d in zip(named, digests, strict=True)
    ]


def _statement(path: Path, resources: list[dict[str, str]], ignore: list[str]) -> bytes:
    """The in-toto statement model_signing signs, laid out as it lays it out (two-space
    JSON): the subject digest is the SHA-256 over the resources' digests, in order."""
    root = hashlib.sha256(b"".join(bytes.fromhex(r["digest"]) for r in resources))
    name = path.name if path.name not in ("", "..") else path.resolve().name
    doc = {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": name, "digest": {"sha256": root.hexdigest()}}],
        "predicateType": PREDICATE,
        "predicate": {
            "serialization": {
                "method": "files",
                "hash_type": "sha256",
                "ignore_paths": ignore,
                "allow_symlinks": False,
            },
            "resources": resources,
        },
    }
    return json.dumps(doc, indent=2, ensure_ascii=False).encode()


def _sign_with_key(path: Path, private_key: Path, sig: Path) -> None:
    """Sign offline with an ECDSA key: the same statement, DSSE envelope and Sigstore bundle
    (public-key hint, no transparency log entry) as ``model_signing sign key``, hashed here
    on every core, written atomically."""
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_pem_private_key,
    )

    try:
        key = load_pem_private_key(private_key.read_bytes(), None)
    except (ValueError, OSError, TypeError) as exc:
        raise ConfigError(
            f"cannot sign {path}: {private_key}: not a usable private key ({exc})",
            "use an unencrypted ECDSA P-256 or P-384 private key in PEM",
        ) from exc
    algo = _curve_hash(key.curve) if isinstance(key, ec.EllipticCurvePrivateKey) else None
    if algo is None or not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ConfigError(
            f"cannot sign {path}: {private_key} is not an ECDSA P-256, P-384 or P-521 key",
            "use an ECDSA P-256 or P-384 private key in PEM",
        )
    ignore = list(GIT_PATHS)
    if path.is_dir() and (own := _inside(sig, path)) is not None:
        ignore.append(str(own))
    try:
        resources = _resources(path, [PurePosixPath(p) for p in ignore])
    except ValueError as exc:
        raise ConfigError(
            f"cannot sign {path}: {exc}", "signed models hold no links or special files"
        ) from exc
    except OSError as exc:
        raise ConfigError(
            f"cannot sign {path}: {exc.strerror or exc}", "check that every file is readable"
        ) from exc
    payload = _statement(path, resources, ignore)
    signature = key.sign(_pae(PAYLOAD_TYPE, payload), ec.ECDSA(algo))
    public = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    bundle = {
        "mediaType": BUNDLE_MEDIA_TYPE,
        "verificationMaterial": {
            "publicKey": {"hint": hashlib.sha256(public).hexdigest()},
            "tlogEntries": [],
        },
        "dsseEnvelope": {
            "payload": base64.b64encode(payload).decode(),
            "payloadType": PAYLOAD_TYPE,
            "signatures": [{"sig": base64.b64encode(signature).decode(), "keyid": ""}],
        },
    }
    try:
        atomic_write(sig, json.dumps(bundle, separators=(",", ":")))
    except OSError as exc:
        raise ConfigError(
            f"cannot write the signature {sig}: {exc.strerror or exc}",
            "give a writable --signature path",
        ) from exc


@dataclass(frozen=True, slots=True)
class Verification:
    signature: Path
    signer: str | None  # the trusted key that signed, None when none did
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())
    #: files present that the signature does not cover (under its ignore_paths, such as
    #: model_signing's default .git, .gitattributes, .github, .gitignore): not verified
    unsigned: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return (
            self.signer is not None
            and not self.problems
            and not self.added
            and not self.removed
            and not self.changed
        )


def _pae(payload_type: str, payload: bytes) -> bytes:
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def _read_bundle(sig: Path) -> dict[str, Any]:
    """The signature file's JSON, read once and only if it is within ``MAX_BUNDLE``."""
    try:
        if sig.stat().st_size > MAX_BUNDLE:
            raise VerificationError(f"{sig}: signature bundle too large", "not a model signature")
        bundle = json.loads(sig.read_bytes())
    except (OSError, ValueError, RecursionError) as exc:  # (nesting deeper than json allows)
        raise VerificationError(
            f"{sig}: not a readable Sigstore bundle ({exc})", "re-sign the model"
        ) from exc
    if not isinstance(bundle, dict):
        raise VerificationError(f"{sig}: not a Sigstore bundle", "re-sign the model")
    return bundle


def _envelope(sig: Path, bundle: dict[str, Any]) -> tuple[str, bytes, list[bytes]]:
    try:
        env = bundle["dsseEnvelope"]
        payload = base64.b64decode(env["payload"], validate=True)
        sigs = [base64.b64decode(s["sig"], validate=True) for s in env["signatures"]]
        return str(env["payloadType"]), payload, sigs
    except (ValueError, KeyError, TypeError) as exc:
        raise VerificationError(
            f"{sig}: not a readable Sigstore bundle ({exc})", "re-sign the model"
        ) from exc


def _check_signature(
    payload_type: str, payload: bytes, sigs: list[bytes], keys: Sequence[Path]
) -> str | None:
    message = _pae(payload_type, payload)
    for key_path in keys:
        try:
            key = load_pem_public_key(key_path.read_bytes())
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"{key_path}: not a PEM public key ({exc})",
                "list PEM public keys in [signing] trusted_keys",
            ) from exc
        if not isinstance(key, ec.EllipticCurvePublicKey):
            continue
        algo = _curve_hash(key.curve)
        if algo is None:
            continue
        for s in sigs:
            try:
                key.verify(s, message, ec.ECDSA(algo))
                return str(key_path)
            except InvalidSignature:
                continue
    return None


def _is_keyless(bundle: dict[str, Any]) -> bool:
    material = bundle.get("verificationMaterial")
    if not isinstance(material, dict):
        return False
    return bool(material.get("certificate") or material.get("x509CertificateChain"))


def _verify_keyless(
    path: Path,
    sig: Path,
    bundle: dict[str, Any],
    identities: Sequence[str],
    oidc_issuer: str | None,
) -> Verification:
    """A Sigstore (certificate) signature: checked by the model-signing library against each
    trusted identity. Needs network access for Sigstore's trust root."""
    if not identities or not oidc_issuer:
        return Verification(
            sig,
            None,
            problems=(
                "keyless signature, but no [signing] identities and oidc_issuer are configured",
            ),
        )
    try:
        from model_signing import verifying
    except ImportError as exc:
        raise ServiceError(
            "verifying keyless signatures needs the model-signing package",
            "pip install 'secplan[signing]'",
        ) from exc
    config: Any = verifying.Config
    problems = []
    for identity in identities:
        try:
            config().use_sigstore_verifier(identity=identity, oidc_issuer=oidc_issuer).verify(
                path, sig
            )
            return Verification(sig, identity, unsigned=_unsigned_in_bundle(path, sig, bundle))
        except Exception as exc:  # the Sigstore client raises its own (and network) errors
            problems.append(f"{identity}: {exc}"[:300])
    return Verification(sig, None, problems=tuple(problems))


def verify(
    path: Path,
    keys: Sequence[Path],
    signature: Path | None = None,
    *,
    identities: Sequence[str] = (),
    oidc_issuer: str | None = None,
) -> Verification:
    """Verify ``path`` against its signature and the trusted ``keys`` (or, for a keyless
    Sigstore signature, the trusted ``identities`` of ``oidc_issuer``)."""
    sig = signature or default_signature(path)
    bundle = _read_bundle(sig)
    if _is_keyless(bundle):
        return _verify_keyless(path, sig, bundle, identities, oidc_issuer)
    payload_type, payload, sigs = _envelope(sig, bundle)
    if payload_type != PAYLOAD_TYPE:
        return Verification(sig, None, problems=(f"unexpected payload type {payload_type}",))
    signer = _check_signature(payload_type, payload, sigs, keys)
    if signer is None:
        return Verification(
            sig,
            None,
            problems=(
                "not signed by any trusted key" if keys else "no trusted signing keys configured",
            ),
        )
    try:
        statement = json.loads(payload)
        predicate = statement["predicate"]
        if statement.get("predicateType") != PREDICATE:
            raise ValueError(f"predicate type {statement.get('predicateType')}")
        expected = {r["name"]: r["digest"] for r in predicate["resources"]}
        serialization = predicate["serialization"]
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        return Verification(sig, signer, problems=(f"malformed signed statement: {exc}",))
    actual = _by_file(_manifest(path, serialization, sig))
    signed = _by_file(expected)
    return Verification(
        sig,
        signer,
        added=tuple(sorted(actual.keys() - signed.keys())),
        removed=tuple(sorted(signed.keys() - actual.keys())),
        changed=tuple(sorted(f for f in signed.keys() & actual.keys() if signed[f] != actual[f])),
        unsigned=_unsigned(path, _ignore_paths(serialization), sig),
    )


def _by_file(manifest: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Manifest entries grouped by file (a shard identifier is ``path:start:end``)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for identifier, digest in sorted(manifest.items()):
        out.setdefault(_file(identifier), []).append((identifier, digest))
    return out


def _file(identifier: str) -> str:
    """A shard identifier is ``path:start:end``; a file identifier is the path."""
    parts = identifier.rsplit(":", 2)
    return parts[0] if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit() else identifier


def _ignored(rel: PurePosixPath, ignore: Sequence[PurePosixPath]) -> bool:
    return any(rel == p or p in rel.parents for p in ignore)


def _ignore_paths(serialization: dict[str, Any]) -> list[PurePosixPath]:
    """The paths the signer left out, relative to the model (others are disregarded)."""
    paths = serialization.get("ignore_paths", ())
    if not isinstance(paths, list | tuple):
        return []
    return [
        PurePosixPath(p)
        for p in paths
        if isinstance(p, str)
        and not PurePosixPath(p).is_absolute()
        and ".." not in PurePosixPath(p).parts
    ]


def _unsigned(path: Path, ignore: Sequence[PurePosixPath], sig: Path) -> tuple[str, ...]:
    """Files (and links) under ``path`` that ``ignore`` keeps out of the signature, other
    than the signature itself: present, but covered by nothing."""
    if not path.is_dir():
        return ()
    with contextlib.suppress(ValueError):
        own = PurePosixPath(sig.resolve().relative_to(path.resolve()).as_posix())
        ignore = [p for p in ignore if p != own]
    out = []
    for dirpath, dirnames, filenames in os.walk(path):
        base = Path(dirpath)
        for name in filenames + [d for d in dirnames if (base / d).is_symlink()]:
            rel = PurePosixPath((base / name).relative_to(path).as_posix())
            if _ignored(rel, ignore):
                out.append(str(rel))
    return tuple(sorted(out))


def _unsigned_in_bundle(path: Path, sig: Path, bundle: dict[str, Any]) -> tuple[str, ...]:
    """:func:`_unsigned` for a bundle whose statement was verified by the library."""
    try:
        statement = json.loads(base64.b64decode(bundle["dsseEnvelope"]["payload"]))
        serialization = statement["predicate"]["serialization"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return ()
    return (
        _unsigned(path, _ignore_paths(serialization), sig)
        if isinstance(serialization, dict)
        else ()
    )


def _manifest(path: Path, serialization: dict[str, Any], sig: Path) -> dict[str, str]:
    """The manifest of ``path`` as the signer built it. Per-file SHA-256 ("files") is computed
    here, in parallel on every core; other serializations go through the model-signing
    library."""
    ignore = _ignore_paths(serialization)
    if path.is_dir():
        with contextlib.suppress(ValueError):
            ignore.append(PurePosixPath(sig.resolve().relative_to(path.resolve()).as_posix()))
    method, algo = serialization.get("method"), serialization.get("hash_type", "sha256")
    if method == "files" and algo == "sha256":
        if path.is_file():
            return {".": sha256_file(path)}
        try:
            files = _model_files(path, ignore, check_ignored=False)
        except ValueError as exc:
            raise VerificationError(
                str(exc), "signed models hold no links or special files"
            ) from None
        return dict(zip((n for n, _ in files), _hash_files([f for _, f in files]), strict=True))
    return _library_manifest(path, serialization, ignore)


def _library_manifest(
    path: Path, serialization: dict[str, Any], ignore: Sequence[PurePosixPath]
) -> dict[str, str]:
    try:
        from model_signing import hashing
    except ImportError as exc:
        raise ServiceError(
            f"verifying {serialization.get('method')} signatures needs the model-signing package",
            "pip install 'secplan[signing]'",
        ) from exc
    config: Any = hashing.Config
    cfg = config()
    algo = serialization.get("hash_type", "sha256")
    if serialization.get("method") == "shards":
        cfg.use_shard_serialization(
            hashing_algorithm=algo,
            max_workers=os.cpu_count(),
            shard_size=int(serialization.get("shard_size", 10**9)),
        )
    else:
        cfg.use_file_serialization(hashing_algorithm=algo, max_workers=os.cpu_count())
    cfg.set_ignored_paths(paths=[Path(p) for p in ignore])
    return {rd.identifier: rd.digest.digest_hex for rd in cfg.hash(path).resource_descriptors()}
