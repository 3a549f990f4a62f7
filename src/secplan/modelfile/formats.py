"""The format table: every format the analyzer recognises, with its signature.

One entry per format, in detection order. A format is recognised when one of its magic
numbers starts the content (and, for a weak magic, ``confirm`` holds too) or when its
structural ``probe`` says so; ``alone_with`` restricts a format that has no signature of its
own to content nothing else claimed. Handlers register under these names
(:mod:`secplan.modelfile.registry`); a format the analyzer recognises but cannot read carries
the reason as ``unsupported`` instead, and is reported as not verified.

>>> import pickle
>>> data = pickle.dumps([1, 2], protocol=4)
>>> detect(data, len(data), data[:HEAD_BYTES], "m.bin")
['pickle']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from secplan.modelfile import signatures as sig
from secplan.modelfile.buffer import Buffer

#: How much of a file (or member) recognition looks at.
HEAD_BYTES = 8192

#: ``(head, buf, size, name)``: whether the content is of the format; ``buf`` is None when
#: only the head is at hand (discovery).
Probe = Callable[[bytes, Buffer | None, int, str], bool]

MODEL_NAMES = (
    ".pkl",
    ".pickle",
    ".pt",
    ".pth",
    ".bin",
    ".ckpt",
    ".joblib",
    ".h5",
    ".hdf5",
    ".keras",
    ".onnx",
    ".pb",
    ".gguf",
    ".safetensors",
    ".npy",
    ".npz",
    ".dill",
    ".model",
    ".mar",
)


@dataclass(frozen=True, slots=True)
class Magic:
    """Bytes found at a fixed offset of the content."""

    data: bytes
    offset: int = 0

    def at(self, head: bytes) -> bool:
        return head.startswith(self.data, self.offset)


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    name: str
    summary: str
    magic: tuple[Magic, ...] = ()
    confirm: Probe | None = None  # a magic match counts only when this holds too
    probe: Probe | None = None  # recognises the content without (or beside) a magic
    alone_with: frozenset[str] | None = None  # checked only if all found so far are these
    container: bool = False  # holds other content a loader may pick (polyglot check)
    unsupported: str = ""  # recognised but not analysed: reported as not verified, with this

    def matches(self, head: bytes, buf: Buffer | None, size: int, name: str) -> bool:
        if any(m.at(head) for m in self.magic) and (
            self.confirm is None or self.confirm(head, buf, size, name)
        ):
            return True
        return self.probe is not None and self.probe(head, buf, size, name)


def _m(*prefixes: bytes) -> tuple[Magic, ...]:
    return tuple(Magic(p) for p in prefixes)


def _protobuf_name(*names: str) -> Probe:
    wanted = frozenset(names)
    return lambda head, buf, size, name: name.lower() in wanted


FORMATS: tuple[Format, ...] = (
    Format(
        name="zip",
        summary="zip archive (PyTorch, TorchScript, NumPy .npz, Keras v3, bundles)",
        magic=_m(b"PK\x03\x04", b"PK\x05\x06"),
        probe=lambda head, buf, size, name: sig.zip_anywhere(head, buf, size),
        container=True,
    ),
    Format(name="7z", summary="7z archive", magic=_m(b"7z\xbc\xaf\x27\x1c"), container=True),
    Format(name="gzip", summary="gzip stream", magic=_m(b"\x1f\x8b")),
    Format(name="bzip2", summary="bzip2 stream", magic=_m(b"BZh")),
    Format(name="xz", summary="xz stream", magic=_m(b"\xfd7zXZ\x00")),
    Format(name="npy", summary="NumPy array", magic=_m(b"\x93NUMPY")),
    Format(name="hdf5", summary="HDF5 file (Keras .h5)", magic=_m(b"\x89HDF\r\n\x1a\n")),
    Format(name="gguf", summary="GGUF model", magic=_m(b"GGUF")),
    Format(
        name="encrypted",
        summary="age or PGP encrypted file",
        magic=_m(b"age-encryption.org/", b"-----BEGIN AGE ENCRYPTED", b"-----BEGIN PGP MESSAGE"),
        unsupported="the file is encrypted; its content cannot be analysed",
    ),
    Format(
        name="zstd",
        summary="zstandard stream",
        magic=_m(b"\x28\xb5\x2f\xfd"),
        unsupported="zstandard compression is not supported",
    ),
    Format(
        name="lz4",
        summary="lz4 frame",
        magic=_m(b"\x04\x22\x4d\x18"),
        unsupported="lz4 compression is not supported",
    ),
    Format(
        name="lzma",
        summary="legacy .lzma stream",
        magic=_m(b"\x5d\x00\x00"),
        confirm=lambda head, buf, size, name: len(head) > 13,
    ),
    Format(
        name="zlib",
        summary="zlib stream (joblib's compression)",
        probe=lambda head, buf, size, name: sig.zlib_stream(head),
    ),
    Format(
        name="tar",
        summary="tar archive (legacy PyTorch checkpoints, bundles)",
        probe=lambda head, buf, size, name: sig.tar(head),
        container=True,
    ),
    Format(
        name="tflite",
        summary="TensorFlow Lite flatbuffer",
        magic=(Magic(b"TFL3", 4),),
        unsupported="TensorFlow Lite flatbuffers are not analysed",
    ),
    Format(
        name="safetensors",
        summary="safetensors file",
        probe=lambda head, buf, size, name: sig.safetensors(head, size),
    ),
    Format(
        name="pickle",
        summary="pickle stream (pickle, joblib, dill, cloudpickle, legacy PyTorch)",
        probe=lambda head, buf, size, name: not head.startswith(b"PK") and sig.pickle(head),
        alone_with=frozenset({"zip", "tar"}),
        container=True,
    ),
    Format(
        name="savedmodel",
        summary="TensorFlow SavedModel protobuf (recognised by its file name)",
        probe=_protobuf_name("saved_model.pb", "keras_metadata.pb"),
        alone_with=frozenset(),
    ),
    Format(
        name="onnx",
        summary="ONNX protobuf",
        probe=lambda head, buf, size, name: name.lower().endswith(".onnx") or sig.onnx(head),
        alone_with=frozenset(),
    ),
)


@cache
def _by_name() -> dict[str, Format]:
    return {f.name: f for f in FORMATS}


def get(name: str) -> Format:
    """The table entry for ``name``; KeyError when there is none."""
    return _by_name()[name]


def detect(buf: Buffer, size: int, head: bytes, name: str) -> list[str]:
    """Every format the content is valid as, in table order."""
    kinds: list[str] = []
    for f in FORMATS:
        if f.alone_with is not None and not set(kinds) <= f.alone_with:
            continue
        if f.matches(head, buf, size, name):
            kinds.append(f.name)
    return kinds
