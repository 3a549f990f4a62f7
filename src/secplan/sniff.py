"""Classify a file by its first bytes (content first) and its name (second).

Binary signatures always win over the name: a pickle called ``labels.csv`` is a model file.
For text, the name decides among text formats, with content checks where the name says
nothing. Nothing here parses more than the head of a file, except the central directory
of a zip archive, read through :mod:`zipfile` with a member limit.
"""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

from secplan.model.artifact import ArtifactKind

HEAD_BYTES = 8192
MAX_ZIP_MEMBERS_SNIFFED = 10_000

K = ArtifactKind
Result = tuple[ArtifactKind, str, bool]  # kind, format, decided by content

_MAGIC: tuple[tuple[bytes, ArtifactKind, str], ...] = (
    (b"\x93NUMPY", K.DATASET, "npy"),
    (b"\x89HDF\r\n\x1a\n", K.MODEL, "hdf5"),
    (b"GGUF", K.MODEL, "gguf"),
    (b"PAR1", K.DATASET, "parquet"),
    (b"ARROW1", K.DATASET, "arrow"),
    (b"Obj\x01", K.DATASET, "avro"),
    (b"ORC", K.DATASET, "orc"),
    (b"SQLite format 3\x00", K.DATASET, "sqlite"),
    (b"7z\xbc\xaf\x27\x1c", K.ARCHIVE, "7z"),
    (b"Rar!\x1a\x07", K.ARCHIVE, "rar"),
    (b"\x1f\x8b", K.ARCHIVE, "gzip"),
    (b"BZh", K.ARCHIVE, "bzip2"),
    (b"\xfd7zXZ\x00", K.ARCHIVE, "xz"),
    (b"\x28\xb5\x2f\xfd", K.ARCHIVE, "zstd"),
    (b"%PDF-", K.DOCUMENT, "pdf"),
    (b"\x89PNG\r\n\x1a\n", K.DOCUMENT, "image"),
    (b"\xff\xd8\xff", K.DOCUMENT, "image"),
    (b"GIF8", K.DOCUMENT, "image"),
    (b"\x7fELF", K.UNKNOWN, "executable"),
    (b"age-encryption.org/v1\n", K.UNKNOWN, "encrypted-age"),
    (b"-----BEGIN AGE ENCRYPTED FILE-----", K.UNKNOWN, "encrypted-age"),
    (b"-----BEGIN PGP MESSAGE-----", K.UNKNOWN, "encrypted-pgp"),
)

_MODEL_EXT = {
    ".pkl": "pickle",
    ".pickle": "pickle",
    ".joblib": "joblib",
    ".dill": "pickle",
    ".pt": "pytorch",
    ".pth": "pytorch",
    ".bin": "binary",
    ".ckpt": "pytorch",
    ".h5": "hdf5",
    ".hdf5": "hdf5",
    ".keras": "keras-v3",
    ".onnx": "onnx",
    ".pb": "protobuf",
    ".tflite": "tflite",
    ".gguf": "gguf",
    ".ggml": "ggml",
    ".safetensors": "safetensors",
    ".mlmodel": "coreml",
    ".pmml": "pmml",
    ".mar": "torchserve-mar",
    ".model": "binary",
    ".msgpack": "msgpack",
    ".llamafile": "llamafile",
    ".npz": "npz",
}
_DATA_EXT = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".feather": "arrow",
    ".arrow": "arrow",
    ".avro": "avro",
    ".orc": "orc",
    ".xlsx": "xlsx",
    ".xls": "xls",
    ".tfrecord": "tfrecord",
    ".npy": "npy",
    ".db": "sqlite",
    ".sqlite": "sqlite",
}
_CODE_EXT = {
    ".py": "python",
    ".pyw": "python",
    ".pyi": "python",
    ".sh": "shell",
    ".bash": "shell",
    ".js": "javascript",
    ".ts": "typescript",
    ".go": "go",
    ".java": "java",
    ".scala": "scala",
    ".r": "r",
    ".jl": "julia",
    ".rs": "rust",
    ".c": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".sql": "sql",
    ".ps1": "powershell",
    ".rb": "ruby",
}
_CONFIG_EXT = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".json": "json",
    ".ini": "ini",
    ".cfg": "ini",
    ".conf": "conf",
    ".env": "dotenv",
    ".properties": "properties",
    ".pem": "pem",
    ".key": "pem",
    ".pbtxt": "pbtxt",
    ".xml": "xml",
}
_DOC_EXT = {
    ".md": "markdown",
    ".rst": "rst",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".adoc": "asciidoc",
    ".pdf": "pdf",
    ".docx": "office",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".svg": "image",
    ".gif": "image",
}
_ENCRYPTED_EXT = {
    ".age": "encrypted-age",
    ".gpg": "encrypted-pgp",
    ".pgp": "encrypted-pgp",
    ".enc": "encrypted",
}

_DEPENDENCY_NAMES = re.compile(
    r"^(requirements.*\.(txt|in)|constraints.*\.txt|pyproject\.toml|setup\.cfg|Pipfile|"
    r"Pipfile\.lock|poetry\.lock|uv\.lock|pylock(\..+)?\.toml|environment\.ya?ml|conda\.ya?ml)$",
    re.IGNORECASE,
)
_CONTAINER_NAMES = re.compile(
    r"^((Docker|Container)file(\..+)?|.+\.(dockerfile|containerfile))$", re.IGNORECASE
)
_COMPOSE_NAMES = re.compile(r"^(docker-)?compose(\..+)?\.ya?ml$", re.IGNORECASE)
_PICKLE0 = re.compile(rb"^c[A-Za-z_][\w.]*\n[A-Za-z_][\w.]*\n")
_PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )?PRIVATE KEY-----")
_K8S = re.compile(r"^apiVersion:\s*\S+", re.MULTILINE)
_K8S_KIND = re.compile(r"^kind:\s*\S+", re.MULTILINE)
_DOCKERFILE = re.compile(r"^\s*FROM\s+\S+", re.IGNORECASE | re.MULTILINE)


def classify(path: Path, head: bytes, size: int) -> Result:
    """``(kind, format, sniffed)`` for the file at ``path`` whose first bytes are ``head``."""
    name = path.name
    suffix = path.suffix.lower()

    binary = _binary(path, head, size, suffix)
    if binary is not None:
        return binary

    text = _as_text(head)
    if text is None:
        return _by_name(name, suffix, binary_content=True)
    return _text(name, suffix, text)


def _binary(path: Path, head: bytes, size: int, suffix: str) -> Result | None:
    if len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5:
        fmt = "joblib" if suffix == ".joblib" else "pickle"
        return K.MODEL, fmt, True
    if _PICKLE0.match(head) or _pickle_opcodes(head):
        return K.MODEL, "pickle", True
    compressed = _compressed_pickle(head)
    if compressed is not None:
        return K.MODEL, compressed, True
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(path, suffix)
    if len(head) > 262 and head[257:262] == b"ustar":
        if suffix in (".pt", ".pth", ".tar") and b"storages" in head[:512]:
            return K.MODEL, "pytorch-tar", True
        return K.ARCHIVE, "tar", True
    if len(head) >= 8 and head[4:8] == b"TFL3":
        return K.MODEL, "tflite", True
    if _safetensors(head, size):
        return K.MODEL, "safetensors", True
    for magic, kind, fmt in _MAGIC:
        if head.startswith(magic):
            if fmt == "hdf5" and suffix in (".nc", ".he5", ".h5ad"):
                return K.DATASET, fmt, True
            if fmt in ("gzip", "bzip2", "xz") and suffix in (".joblib", ".z"):
                return K.MODEL, f"joblib-{fmt}", True
            if fmt.startswith("encrypted"):
                inner = _by_name(path.stem, Path(path.stem).suffix.lower(), binary_content=True)
                return inner[0], fmt, True
            return kind, fmt, True
    if _PRIVATE_KEY.search(head[:4096]):
        return K.CONFIG, "private-key", True
    return None


_PICKLE_START = frozenset(b"(]})cNIJKLFSVXUTGCBip\x8c\x95\x88\x89")


def _pickle_opcodes(head: bytes) -> bool:
    """A protocol 0/1 pickle (no protocol header) whose opcodes a real unpickler accepts."""
    if not head or head[0] not in _PICKLE_START:
        return False
    from secplan.scanners.modelfile.pickle_vm import looks_like_pickle

    return looks_like_pickle(head)


def _compressed_pickle(head: bytes) -> str | None:
    """``joblib-<compression>`` when the head is a compressed stream holding a pickle."""
    kinds = (
        (b"\x1f\x8b", "gzip", 31),
        (b"BZh", "bzip2", 0),
        (b"\xfd7zXZ\x00", "xz", 0),
        (b"\x5d\x00\x00", "lzma", 0),
    )
    for magic, name, wbits in kinds:
        if head.startswith(magic):
            return f"joblib-{name}" if _inner_pickle(head, name, wbits) else None
    if len(head) >= 2 and head[0] == 0x78 and (head[0] * 256 + head[1]) % 31 == 0:
        return "joblib-zlib" if _inner_pickle(head, "zlib", 15) else None
    return None


def _inner_pickle(head: bytes, name: str, wbits: int) -> bool:
    import bz2
    import lzma
    import zlib

    try:
        if name in ("gzip", "zlib"):
            out = zlib.decompressobj(wbits).decompress(head, 64)
        elif name == "bzip2":
            out = bz2.BZ2Decompressor().decompress(head, 64)
        else:
            fmt = lzma.FORMAT_XZ if name == "xz" else lzma.FORMAT_ALONE
            out = lzma.LZMADecompressor(fmt).decompress(head, 64)
    except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError):
        return False
    return len(out) >= 2 and out[0] == 0x80 and 2 <= out[1] <= 5


def _safetensors(head: bytes, size: int) -> bool:
    if len(head) < 10:
        return False
    (n,) = struct.unpack_from("<Q", head)
    return 2 <= n <= 100_000_000 and 8 + n <= size and head[8:10] in (b'{"', b"{ ", b"{}")


def _zip(path: Path, suffix: str) -> Result:
    try:
        with zipfile.ZipFile(path) as zf:
            names = []
            for i, info in enumerate(zf.infolist()):
                if i >= MAX_ZIP_MEMBERS_SNIFFED:
                    break
                names.append(info.filename)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return (K.MODEL, "zip", True) if suffix in _MODEL_EXT else (K.ARCHIVE, "zip", True)
    base = {n.rsplit("/", 1)[-1] for n in names}
    lower = {b.lower() for b in base}
    if "data.pkl" in lower:
        if "constants.pkl" in lower or any("/code/" in n for n in names):
            return K.MODEL, "torchscript", True
        return K.MODEL, "pytorch-zip", True
    if "config.json" in base and any(n.endswith(".weights.h5") for n in names):
        return K.MODEL, "keras-v3", True
    if names and all(n.endswith(".npy") for n in names):
        return K.DATASET, "npz", True
    if "[Content_Types].xml" in base:
        if any(n.startswith("xl/") for n in names):
            return K.DATASET, "xlsx", True
        return K.DOCUMENT, "office", True
    if any(n.endswith((".pkl", ".pickle", ".joblib", ".pt", ".pth")) for n in names):
        return K.MODEL, "zip", True
    return K.ARCHIVE, "zip", True


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def _as_text(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":  # not just a character cut by the limit
            return None
        text = head[: exc.start].decode("utf-8")
    if head and len(head) - len(head.translate(None, _CONTROL)) > len(head) // 10:
        return None
    return text


def _by_name(name: str, suffix: str, *, binary_content: bool) -> Result:
    if name == "saved_model.pb":
        return K.MODEL, "tf-savedmodel", False
    if suffix in _MODEL_EXT:
        return K.MODEL, _MODEL_EXT[suffix], False
    if suffix in _DATA_EXT:
        return K.DATASET, _DATA_EXT[suffix], False
    if suffix in _ENCRYPTED_EXT:
        inner = _by_name(
            name[: -len(suffix)],
            Path(name[: -len(suffix)]).suffix.lower(),
            binary_content=binary_content,
        )
        return inner[0], _ENCRYPTED_EXT[suffix], False
    if suffix in _DOC_EXT:
        return K.DOCUMENT, _DOC_EXT[suffix], False
    if binary_content:
        return K.UNKNOWN, "binary", True
    return K.UNKNOWN, "text", False


def _text(name: str, suffix: str, text: str) -> Result:
    if name == "saved_model.pbtxt":
        return K.MODEL, "tf-savedmodel", False
    if _CONTAINER_NAMES.match(name):
        return K.CONTAINER, "dockerfile", False
    if _DEPENDENCY_NAMES.match(name):
        return K.DEPENDENCIES, name.lower(), False
    if _COMPOSE_NAMES.match(name):
        return K.DEPLOYMENT, "compose", False
    stripped = text.lstrip()
    if suffix == ".ipynb" or (stripped.startswith("{") and '"nbformat"' in text):
        return K.NOTEBOOK, "ipynb", suffix != ".ipynb"
    if text.startswith("#!") and "python" in text.split("\n", 1)[0]:
        return K.CODE, "python", True
    if text.startswith("#!") and _shell_shebang(text.split("\n", 1)[0]):
        return K.CODE, "shell", True
    if suffix in (".yaml", ".yml"):
        if _K8S.search(text) and _K8S_KIND.search(text):
            return K.DEPLOYMENT, "kubernetes", True
        if re.search(r"^services:\s*$", text, re.MULTILINE) and re.search(
            r"^\s+(image|build):", text, re.MULTILINE
        ):
            return K.DEPLOYMENT, "compose", True
    if suffix == ".json" and re.match(r"\[\s*\{", stripped):
        return K.DATASET, "json-records", True
    if suffix in _CODE_EXT:
        return K.CODE, _CODE_EXT[suffix], False
    if suffix in _DATA_EXT:
        return K.DATASET, _DATA_EXT[suffix], False
    if suffix in _CONFIG_EXT or name.startswith(".env"):
        return K.CONFIG, _CONFIG_EXT.get(suffix, "dotenv"), False
    if suffix in _DOC_EXT or name.upper().startswith(("README", "LICENSE", "CHANGELOG")):
        return K.DOCUMENT, _DOC_EXT.get(suffix, "text"), False
    if suffix in _MODEL_EXT:
        return K.MODEL, _MODEL_EXT[suffix], False
    if not suffix and _DOCKERFILE.match(_first_instruction(text)):
        return K.CONTAINER, "dockerfile", True
    if _delimited(text):
        return K.DATASET, "csv", True
    return K.UNKNOWN, "text", False


_SHELLS = frozenset({"sh", "bash", "zsh", "ksh", "dash", "ash", "mksh"})


def _shell_shebang(first: str) -> bool:
    """``#!/bin/sh``, ``#!/usr/bin/env bash``, ``#!/usr/bin/env -S bash -e``."""
    words = [w for w in first[2:].split() if not w.startswith("-")]
    if words and words[0].rsplit("/", 1)[-1] == "env":
        words = [w for w in words[1:] if "=" not in w]
    return bool(words) and words[0].rsplit("/", 1)[-1] in _SHELLS


def _first_instruction(text: str) -> str:
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("#") and not s.upper().startswith("ARG "):
            return s
    return ""


def _delimited(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) < 3:
        return False
    lines = lines[:-1]  # the last line may be cut by the head limit
    for sep in (",", "\t", ";", "|"):
        counts = {ln.count(sep) for ln in lines}
        if len(counts) == 1 and counts.pop() >= 1:
            return True
    return False
