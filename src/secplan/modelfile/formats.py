"""The format table: every model and archive format secplan recognises, read by both
discovery (:mod:`secplan.sniff`) and the analyzer.

One entry per format, in detection order. A format is recognised when one of its magic
numbers starts the content (and, for a weak magic, ``confirm`` holds too) or when its
structural ``probe`` says so; ``alone_with`` restricts a format without a signature of its own
to content nothing else claimed. Handlers register under these names
(:mod:`secplan.modelfile.registry`); a format the analyzer recognises but cannot read says
why in ``unsupported`` and is reported as not verified. ``kind`` and ``label`` are what
discovery calls a file of the format; ``discovery`` says how far discovery trusts the
signature. :data:`EXTENSIONS` lists the file names that claim a model format.

>>> import pickle
>>> data = pickle.dumps([1, 2], protocol=4)
>>> detect(data, len(data), data[:HEAD_BYTES], "m.bin")
['pickle']
>>> sniff(data[:HEAD_BYTES], len(data)).name
'pickle'
"""

from __future__ import annotations

import bz2
import importlib
import lzma
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Protocol

from secplan.model.artifact import ArtifactKind
from secplan.modelfile import signatures as sig
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.limits import LZMA_MEMLIMIT, ZlibDecompressor

#: How much of a file (or member) recognition looks at.
HEAD_BYTES = 8192

K = ArtifactKind
#: ``(head, buf, size, name)``: whether the content is of the format; ``buf`` is None when
#: only the head is at hand (discovery).
Probe = Callable[[bytes, Buffer | None, int, str], bool]


class StreamDecompressor(Protocol):
    """A decompressor that buffers its input (bz2, lzma, lz4 frames): ``needs_input`` says
    when to feed it, ``max_length`` bounds each call's output."""

    @property
    def needs_input(self) -> bool: ...
    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes | None: ...
    def decompress(self, data: bytes, max_length: int = -1, /) -> bytes: ...


Decompressor = Callable[[], ZlibDecompressor | StreamDecompressor]


class Unavailable(OSError):
    """The library a format needs is not installed; the message says which."""


def _lz4() -> StreamDecompressor:
    """An lz4 frame decompressor from the optional ``lz4`` package (joblib's own)."""
    try:
        frame = importlib.import_module("lz4.frame")
    except ImportError:
        raise Unavailable(
            "lz4 compression needs the optional lz4 package (pip install 'secplan[models]')"
        ) from None
    dec: StreamDecompressor = frame.LZ4FrameDecompressor()
    return dec


class Discovery(Enum):
    """How discovery uses a format's signature."""

    CONTENT = "content"  # the signature decides the file's kind
    INNER_PICKLE = "inner-pickle"  # weak signature: only when the content inside is a pickle
    NAME = "name"  # no signature discovery trusts: the file name decides


@dataclass(frozen=True, slots=True)
class Magic:
    """Bytes found at a fixed offset of the content; ``label`` overrides the format's label."""

    data: bytes
    offset: int = 0
    label: str = ""

    def at(self, head: bytes) -> bool:
        return head.startswith(self.data, self.offset)


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """One format of the table: its name, kind, signatures and how content is
    recognised."""

    name: str
    summary: str
    kind: ArtifactKind  # what discovery calls a file with this content
    label: str = ""  # discovery's format label, when it is not the name
    magic: tuple[Magic, ...] = ()
    confirm: Probe | None = None  # a magic match counts only when this holds too
    probe: Probe | None = None  # recognises the content without (or beside) a magic
    alone_with: frozenset[str] | None = None  # checked only if all found so far are these
    container: bool = False  # holds other content a loader may pick (polyglot check)
    decompressor: Decompressor | None = None  # a single compressed stream: how to open it
    unsupported: str = ""  # recognised but not analysed: reported as not verified, with this
    discovery: Discovery = Discovery.CONTENT

    def matches(self, head: bytes, buf: Buffer | None, size: int, name: str) -> bool:
        return self.matching(head, buf, size, name) is not None

    def matching(self, head: bytes, buf: Buffer | None, size: int, name: str) -> str | None:
        """The discovery label when the content is of this format, else None."""
        for m in self.magic:
            if m.at(head) and (self.confirm is None or self.confirm(head, buf, size, name)):
                return m.label or self.label or self.name
        if self.probe is not None and self.probe(head, buf, size, name):
            return self.label or self.name
        return None


@dataclass(frozen=True, slots=True)
class Extension:
    """A file name suffix that claims a model format; content still decides."""

    suffix: str
    label: str  # discovery's format label for a file named so whose content says nothing
    format: str | None  # the format such a file usually holds (None: one secplan cannot read)
    kind: ArtifactKind = ArtifactKind.MODEL


def _m(*prefixes: bytes, label: str = "") -> tuple[Magic, ...]:
    return tuple(Magic(p, label=label) for p in prefixes)


def _file_name_suffix(suffix: str) -> Probe:
    return lambda head, buf, size, name: name.lower().endswith(suffix)


def _file_name(*names: str) -> Probe:
    wanted = frozenset(names)
    return lambda head, buf, size, name: name.lower() in wanted


_savedmodel_name = _file_name(
    "saved_model.pb", "saved_model.pbtxt", "keras_metadata.pb", "fingerprint.pb"
)
METAGRAPH_SUFFIX = ".meta"


def metagraph(head: bytes, buf: Buffer | None, size: int, name: str) -> bool:
    """A TensorFlow checkpoint's meta graph: named ``*.meta``, and a MetaGraphDef protobuf."""
    return name.lower().endswith(METAGRAPH_SUFFIX) and sig.tf_metagraph(head, buf, size)


_ARCHIVES: tuple[Format, ...] = (
    Format(
        name="zip",
        summary="zip archive (PyTorch, TorchScript, NumPy .npz, Keras v3, bundles)",
        kind=K.ARCHIVE,
        magic=_m(b"PK\x03\x04", b"PK\x05\x06"),
        probe=lambda head, buf, size, name: sig.zip_anywhere(head, buf, size),
        container=True,
    ),
    Format(
        name="7z",
        summary="7z archive",
        kind=K.ARCHIVE,
        magic=_m(b"7z\xbc\xaf\x27\x1c"),
        container=True,
    ),
    Format(
        name="rar",
        summary="RAR archive",
        kind=K.ARCHIVE,
        magic=_m(b"Rar!\x1a\x07"),
        unsupported="RAR archives are not analysed",
    ),
    Format(
        name="gzip",
        summary="gzip stream",
        kind=K.ARCHIVE,
        magic=_m(b"\x1f\x8b"),
        decompressor=lambda: zlib.decompressobj(31),
    ),
    Format(
        name="bzip2",
        summary="bzip2 stream",
        kind=K.ARCHIVE,
        magic=_m(b"BZh"),
        decompressor=bz2.BZ2Decompressor,
    ),
    Format(
        name="xz",
        summary="xz stream",
        kind=K.ARCHIVE,
        magic=_m(b"\xfd7zXZ\x00"),
        decompressor=lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ, memlimit=LZMA_MEMLIMIT),
    ),
)
_MODELS: tuple[Format, ...] = (
    Format(name="npy", summary="NumPy array", kind=K.DATASET, magic=_m(b"\x93NUMPY")),
    Format(
        name="hdf5",
        summary="HDF5 file (Keras .h5), also after a user block as the HDF5 library finds it",
        kind=K.MODEL,
        magic=_m(sig.HDF5_MAGIC),
        probe=lambda head, buf, size, name: sig.hdf5_offset(buf, size) is not None,
    ),
    Format(name="gguf", summary="GGUF model", kind=K.MODEL, magic=_m(b"GGUF")),
    Format(
        name="encrypted",
        summary="age or PGP encrypted file",
        kind=K.UNKNOWN,
        magic=(
            *_m(b"age-encryption.org/", b"-----BEGIN AGE ENCRYPTED", label="encrypted-age"),
            *_m(b"-----BEGIN PGP MESSAGE", label="encrypted-pgp"),
        ),
        unsupported="the file is encrypted; its content cannot be analysed",
    ),
    Format(
        name="zstd",
        summary="zstandard stream",
        kind=K.ARCHIVE,
        magic=_m(b"\x28\xb5\x2f\xfd"),
        unsupported="zstandard compression is not supported",
    ),
    Format(
        name="lz4",
        summary="lz4 frame (joblib's lz4 compression; read with the optional lz4 package)",
        kind=K.ARCHIVE,
        magic=_m(b"\x04\x22\x4d\x18"),
        decompressor=_lz4,
    ),
    Format(
        name="lzma",
        summary="legacy .lzma stream",
        kind=K.ARCHIVE,
        magic=_m(b"\x5d\x00\x00"),
        confirm=lambda head, buf, size, name: len(head) > 13,
        decompressor=lambda: lzma.LZMADecompressor(lzma.FORMAT_ALONE, memlimit=LZMA_MEMLIMIT),
        discovery=Discovery.INNER_PICKLE,
    ),
    Format(
        name="joblib-zfile",
        summary="joblib (before 0.10) zlib-compressed pickle or array file, behind a 'ZF' header",
        kind=K.MODEL,
        magic=_m(sig.ZFILE_PREFIX),
        confirm=lambda head, buf, size, name: sig.joblib_zfile(head) is not None,
    ),
    Format(
        name="zlib",
        summary="zlib stream (joblib's compression)",
        kind=K.ARCHIVE,
        probe=lambda head, buf, size, name: sig.zlib_stream(head),
        decompressor=lambda: zlib.decompressobj(15),
        discovery=Discovery.INNER_PICKLE,
    ),
    Format(
        name="tar",
        summary="tar archive (legacy PyTorch checkpoints, bundles)",
        kind=K.ARCHIVE,
        probe=lambda head, buf, size, name: sig.tar(head),
        container=True,
    ),
    Format(
        name="tflite",
        summary="TensorFlow Lite flatbuffer",
        kind=K.MODEL,
        magic=(Magic(b"TFL3", 4),),
    ),
    Format(
        name="safetensors",
        summary="safetensors file",
        kind=K.MODEL,
        probe=lambda head, buf, size, name: sig.safetensors(head, size),
    ),
    Format(
        name="pickle",
        summary="pickle stream (pickle, joblib, dill, cloudpickle, legacy PyTorch)",
        kind=K.MODEL,
        probe=lambda head, buf, size, name: (
            not head.startswith(b"PK") and sig.pickle(head, buf, size)
        ),
        alone_with=frozenset({"zip", "tar"}),
        container=True,
    ),
    Format(
        name="savedmodel",
        summary="TensorFlow SavedModel protobuf, binary or text, and checkpoint meta graphs "
        "(.meta); recognised by the file name",
        kind=K.MODEL,
        label="tf-savedmodel",
        probe=lambda head, buf, size, name: (
            _savedmodel_name(head, buf, size, name) or metagraph(head, buf, size, name)
        ),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
    Format(
        name="onnx",
        summary="ONNX protobuf",
        kind=K.MODEL,
        probe=lambda head, buf, size, name: (
            name.lower().endswith(".onnx") or sig.onnx(head, buf, size)
        ),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
)
_COREML: tuple[Format, ...] = (
    Format(
        name="coreml",
        summary="Core ML model protobuf (recognised by its .mlmodel name)",
        kind=K.MODEL,
        probe=_file_name_suffix(".mlmodel"),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
    Format(
        name="coreml-weights",
        summary="Core ML weight file of an .mlpackage (coremltools blob storage)",
        kind=K.MODEL,
        probe=lambda head, buf, size, name: sig.coreml_weights(head),
    ),
)
#: Configuration files loading libraries execute (see
#: :mod:`secplan.modelfile.handlers.loaderconfig`), recognised by name among content nothing
#: else claims.
CONFIG_NAMES = frozenset(
    {
        "config.json",
        "tokenizer_config.json",
        "chat_template.json",
        "chat_template.jinja",
        # processors whose auto_map AutoProcessor / AutoFeatureExtractor / AutoImageProcessor
        # / AutoVideoProcessor import with trust_remote_code
        "preprocessor_config.json",
        "processor_config.json",
        "feature_extractor_config.json",
        "image_processor_config.json",
        "video_preprocessor_config.json",
    }
)
#: Python a model folder ships that transformers imports without any auto_map naming it:
#: ``generate(custom_generate=...)`` and ``from_pretrained(trust_remote_code=True)`` load
#: ``custom_generate/generate.py``.
CUSTOM_GENERATE = "custom_generate/generate.py"
#: The folder Hugging Face keeps named chat templates in (``<name>.jinja``).
TEMPLATE_FOLDER = "additional_chat_templates"


def is_config_path(path: str) -> bool:
    """Whether discovery hands the file at ``path`` to the analyzer as loader configuration:
    a name of :data:`CONFIG_NAMES`, or a ``.jinja`` chat template in :data:`TEMPLATE_FOLDER`."""
    low = path.replace("\\", "/").lower()
    parts = low.rsplit("/", 2)
    if parts[-1] in CONFIG_NAMES or low.endswith("/" + CUSTOM_GENERATE):
        return True
    return parts[-1].endswith(".jinja") and len(parts) > 1 and parts[-2] == TEMPLATE_FOLDER


def _config_name(name: str) -> bool:
    # inside a model folder or archive: any Jinja template is a chat template, and a skops
    # file's schema.json names what its loader imports
    low = name.lower()
    return (
        low in CONFIG_NAMES
        or low.endswith(".jinja")
        or low in ("schema.json", CUSTOM_GENERATE.rsplit("/", 1)[1])
    )


YAML_SUFFIXES = (".yaml", ".yml")
_CONFIGS: tuple[Format, ...] = (
    Format(
        name="hfconfig",
        summary="model configuration: Hugging Face config.json and tokenizer_config.json "
        "(auto_map, chat templates), Keras config.json",
        kind=K.CONFIG,
        probe=lambda head, buf, size, name: _config_name(name),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
    Format(
        name="yamlconfig",
        summary="YAML configuration in a model archive (Hydra _target_ in NeMo)",
        kind=K.CONFIG,
        probe=lambda head, buf, size, name: name.lower().endswith(YAML_SUFFIXES),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
)
_DATA: tuple[Format, ...] = (
    Format(
        name="marshal",
        summary="Python marshal data (dicts, lists, strings, numbers; code objects reported), "
        "by its .marshal name or its structure",
        kind=K.MODEL,
        probe=lambda head, buf, size, name: (
            name.lower().endswith(".marshal") or sig.marshal(head, size)
        ),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
    Format(
        name="crfsuite",
        summary="CRFsuite model (features, labels and weights, read by CRFsuite's C loader)",
        kind=K.MODEL,
        magic=_m(b"lCRF"),
    ),
    Format(
        name="ggml",
        summary="GGML model of whisper.cpp and early llama.cpp (hyperparameters, vocabulary, "
        "tensors)",
        kind=K.MODEL,
        magic=_m(b"lmgg", b"fmgg", b"tjgg"),
    ),
    Format(
        name="sentencepiece",
        summary="SentencePiece tokenizer model (a protobuf of vocabulary and settings)",
        kind=K.MODEL,
        probe=lambda head, buf, size, name: sig.sentencepiece(head, buf, size),
        alone_with=frozenset(),
        discovery=Discovery.NAME,
    ),
)
FORMATS: tuple[Format, ...] = (*_ARCHIVES, *_MODELS, *_COREML, *_CONFIGS, *_DATA)

EXTENSIONS: tuple[Extension, ...] = (
    Extension(".pkl", "pickle", "pickle"),
    Extension(".pickle", "pickle", "pickle"),
    Extension(".dill", "pickle", "pickle"),
    Extension(".joblib", "joblib", "pickle"),
    Extension(".model", "binary", "pickle"),
    Extension(".pt", "pytorch", "zip"),
    Extension(".pth", "pytorch", "zip"),
    Extension(".ckpt", "pytorch", "zip"),
    Extension(".bin", "binary", "zip"),
    Extension(".mar", "torchserve-mar", "zip"),
    Extension(".keras", "keras-v3", "zip"),
    Extension(".npz", "npz", "zip"),
    Extension(".npy", "npy", "npy", ArtifactKind.DATASET),
    Extension(".h5", "hdf5", "hdf5"),
    Extension(".hdf5", "hdf5", "hdf5"),
    Extension(".onnx", "onnx", "onnx"),
    Extension(".pb", "protobuf", "savedmodel"),
    Extension(".gguf", "gguf", "gguf"),
    Extension(".safetensors", "safetensors", "safetensors"),
    Extension(".tflite", "tflite", "tflite"),
    Extension(".ggml", "ggml", "ggml"),
    Extension(".marshal", "marshal", "marshal"),
    Extension(".mlmodel", "coreml", "coreml"),
    Extension(".pmml", "pmml", None),
    Extension(".msgpack", "msgpack", None),
    Extension(".llamafile", "llamafile", None),
)


@cache
def _by_name() -> dict[str, Format]:
    return {f.name: f for f in FORMATS}


def get(name: str) -> Format:
    """The table entry for ``name``; KeyError when there is none."""
    return _by_name()[name]


def _analysed(ext: Extension) -> bool:
    return ext.format is not None and not get(ext.format).unsupported


#: Names of files the analyzer is meant to read: one it cannot recognise is reported, and one
#: a directory walk leaves out is reported as not analysed.
MODEL_NAMES: tuple[str, ...] = tuple(e.suffix for e in EXTENSIONS if _analysed(e))


_Step = tuple[str, tuple[tuple[bytes, int], ...], frozenset[str] | None, Probe | None, Probe | None]


@cache
def _plan() -> tuple[_Step, ...]:
    """The table as detection walks it, unpacked once: detection runs on every file and
    archive member, so it spends no attribute or method look-ups per format."""
    return tuple(
        (f.name, tuple((m.data, m.offset) for m in f.magic), f.alone_with, f.confirm, f.probe)
        for f in FORMATS
    )


def detect(buf: Buffer | None, size: int, head: bytes, name: str) -> list[str]:
    """Every format the content is valid as, in table order (``buf`` None: the head only);
    the same answer as :meth:`Format.matches` for each entry."""
    kinds: list[str] = []
    for fmt, magics, alone_with, confirm, probe in _plan():
        if alone_with is not None and kinds and not all(k in alone_with for k in kinds):
            continue
        hit = False
        for data, offset in magics:
            if head.startswith(data, offset):
                hit = confirm is None or confirm(head, buf, size, name)
                break
        if hit or (probe is not None and probe(head, buf, size, name)):
            kinds.append(fmt)
    return kinds


@cache
def _sniffed() -> tuple[Format, ...]:
    """The formats discovery trusts by content, pickle first (it wins over the archive
    formats it can share its bytes with), then in table order."""
    trusted = [
        f
        for f in FORMATS
        if f.discovery is not Discovery.NAME and (f.alone_with is None or f.name == "pickle")
    ]
    return tuple(sorted(trusted, key=lambda f: f.name != "pickle"))


def sniff(head: bytes, size: int) -> Format | None:
    """The format discovery gives a file by its first bytes (a pickle wins over the archive
    formats it can share its bytes with); None when no signature discovery trusts matches.
    Runs on every file a scan lists, so it stops at the first match."""
    return next((f for f in _sniffed() if f.matches(head, None, size, "")), None)


def inner_head(fmt: Format, head: bytes, n: int = 64) -> bytes:
    """Up to ``n`` bytes decompressed from the start of a compressed stream (empty when they
    cannot be decompressed)."""
    if fmt.decompressor is None:
        return b""
    try:
        return fmt.decompressor().decompress(head, n)
    except (OSError, EOFError, ValueError, MemoryError, RuntimeError, zlib.error, lzma.LZMAError):
        return b""  # lz4 reports a corrupt frame as RuntimeError
