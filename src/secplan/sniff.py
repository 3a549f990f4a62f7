"""Classify a file by its first bytes (content first) and its name (second).

Binary signatures always win over the name: a pickle called ``labels.csv`` is a model file.
For text, the name decides among text formats, with content checks where the name says
nothing. Nothing here parses more than the head of a file, except the central directory
of a zip archive, read through :mod:`zipfile` with a member limit.

Model and archive formats (signatures, the names that claim them) come from the analyzer's
format table, :mod:`secplan.modelfile.formats`, so discovery and the analyzer recognise the
same content; this module adds the labels discovery gives them and every other kind of file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from secplan.model.artifact import ArtifactKind
from secplan.modelfile import formats, signatures
from secplan.modelfile.formats import HEAD_BYTES as HEAD_BYTES  # what discovery reads

MAX_ZIP_MEMBERS_SNIFFED = 10_000

K = ArtifactKind
Result = tuple[ArtifactKind, str, bool]  # kind, format, decided by content

#: Signatures of the files that are not models or archives (those are in the format table).
_MAGIC: tuple[tuple[bytes, ArtifactKind, str], ...] = (
    (b"PAR1", K.DATASET, "parquet"),
    (b"ARROW1", K.DATASET, "arrow"),
    (b"Obj\x01", K.DATASET, "avro"),
    (b"ORC", K.DATASET, "orc"),
    (b"SQLite format 3\x00", K.DATASET, "sqlite"),
    (b"%PDF-", K.DOCUMENT, "pdf"),
    (b"\x89PNG\r\n\x1a\n", K.DOCUMENT, "image"),
    (b"\xff\xd8\xff", K.DOCUMENT, "image"),
    (b"GIF8", K.DOCUMENT, "image"),
    (b"\x7fELF", K.UNKNOWN, "executable"),
)

_MODEL_EXT = {e.suffix: e.label for e in formats.EXTENSIONS if e.kind is K.MODEL}
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
    ".db": "sqlite",
    ".sqlite": "sqlite",
    **{e.suffix: e.label for e in formats.EXTENSIONS if e.kind is K.DATASET},
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
#: Text formats whose lines often hold the same number of commas or semicolons (stylesheets,
#: front-end and native sources): never sniffed as delimited data.
_NOT_DELIMITED_EXT = frozenset(
    {
        ".css", ".scss", ".sass", ".less", ".styl",
        ".jsx", ".tsx", ".mjs", ".cjs", ".vue", ".svelte",
        ".h", ".hpp", ".cu", ".cuh", ".swift", ".kt", ".php", ".lua", ".pl", ".proto",
    }
)  # fmt: skip
#: Tokenizer vocabularies (SentencePiece protobufs, llama2.c's ``tokenizer.bin``) carry the
#: suffixes of model files; when their content is no model format they are not models.
_TOKENIZER_NAMES = re.compile(r"^(tokenizer[^/]*|spiece|sentencepiece(\.bpe)?)\.(model|bin)$", re.I)
#: Folders of test snapshots (syrupy, jest): recorded outputs of the code under test.
_SNAPSHOT_DIRS = frozenset({"__snapshots__"})
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
        if formats.metagraph(head, None, size, name):
            return K.MODEL, "tf-metagraph", True
        return _by_name(name, suffix, binary_content=True)
    found = _text(name, suffix, text)
    if found[0] is K.DATASET and found[1] == "json-records" and _in_snapshots(path):
        return K.CONFIG, "json", False  # a recorded response of the code, not a dataset
    return found


def _in_snapshots(path: Path) -> bool:
    return any(part in _SNAPSHOT_DIRS for part in path.parent.parts[-3:])


def _binary(path: Path, head: bytes, size: int, suffix: str) -> Result | None:
    fmt = formats.sniff(head, size)
    if fmt is not None:
        found = _model_format(fmt, path, head, size, suffix)
        if found is not None:
            return found
    for magic, kind, label in _MAGIC:
        if head.startswith(magic):
            return kind, label, True
    if _PRIVATE_KEY.search(head[:4096]):
        return K.CONFIG, "private-key", True
    return None


_JOBLIB_SUFFIXES = (".joblib", ".z")
_TORCH_TAR_SUFFIXES = (".pt", ".pth", ".tar")
_HDF5_DATASET_SUFFIXES = (".nc", ".he5", ".h5ad")


def _model_format(
    fmt: formats.Format, path: Path, head: bytes, size: int, suffix: str
) -> Result | None:
    """Discovery's kind and label for content of a format of the table."""
    label = fmt.matching(head, None, size, path.name) or fmt.name
    if fmt.name == "pickle":
        return K.MODEL, "joblib" if suffix == ".joblib" else "pickle", True
    if fmt.decompressor is not None:  # joblib compresses whole pickles into one stream
        if signatures.pickle(formats.inner_head(fmt, head)):
            return K.MODEL, f"joblib-{fmt.name}", True
        if fmt.discovery is formats.Discovery.INNER_PICKLE:
            return None
        if suffix in _JOBLIB_SUFFIXES:
            return K.MODEL, f"joblib-{fmt.name}", True
    if fmt.name == "zip":
        return _zip(path, suffix)
    if fmt.name == "tar" and suffix in _TORCH_TAR_SUFFIXES and b"storages" in head[:512]:
        return K.MODEL, "pytorch-tar", True
    if fmt.name == "hdf5" and suffix in _HDF5_DATASET_SUFFIXES:
        return K.DATASET, label, True
    if fmt.name == "encrypted":
        inner = _by_name(path.stem, Path(path.stem).suffix.lower(), binary_content=True)
        return inner[0], label, True
    return fmt.kind, label, True


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
    if _TOKENIZER_NAMES.match(name):
        return K.UNKNOWN, "tokenizer", binary_content
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
    if suffix not in _NOT_DELIMITED_EXT and _delimited(text):
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
