"""The format handlers, behind one registry.

A handler is a function ``(buf, size, where, ctx)`` that analyses content of one format of the
table (:mod:`secplan.modelfile.formats`) and adds findings to ``ctx.sink``. It registers
itself, in its module under :mod:`secplan.modelfile.handlers`, with the format it reads and
the limits it works within::

    @register("npy", limits=("max_nesting",))
    def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None: ...

The format's signature and the names it claims come from its table entry. Content found
inside (a member, a decompressed stream, the bytes a pickle hands to a nested loader) goes
back to the dispatcher through ``ctx.nested(...)``: no handler imports the dispatcher, and the
dispatcher reaches handlers only through :func:`handlers`.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from secplan.modelfile import formats
from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.limits import Limits

Handle = Callable[[Buffer, int, Where, Ctx], None]
#: The fields of :class:`~secplan.modelfile.limits.Limits` a handler may declare.
LIMIT_NAMES = frozenset(f.name for f in dataclasses.fields(Limits))
HANDLER_PACKAGE = "secplan.modelfile.handlers"


@dataclass(frozen=True, slots=True)
class Handler:
    """The handler of one format, with the limits it works within."""

    format: formats.Format  # name, signature and claimed names, from the format table
    run: Handle
    limits: tuple[str, ...]  # the Limits fields that bound it (beyond its own fixed bounds)

    @property
    def name(self) -> str:
        return self.format.name

    @property
    def extensions(self) -> tuple[str, ...]:
        """The file name suffixes that claim this handler's format."""
        return tuple(e.suffix for e in formats.EXTENSIONS if e.format == self.name)


_REGISTERED: dict[str, Handler] = {}
#: The module of the handler package that registers each format's handler, so that a scan
#: imports only the handlers its files call for (a test checks it against the modules).
MODULES: Mapping[str, str] = MappingProxyType(
    {
        "7z": "sevenzip",
        "bzip2": "archives",
        "coreml": "coreml",
        "coreml-weights": "coreml",
        "crfsuite": "tensordata",
        "ggml": "tensordata",
        "gguf": "gguf",
        "gzip": "archives",
        "hdf5": "keras",
        "hfconfig": "loaderconfig",
        "joblib-zfile": "joblibzfile",
        "lz4": "archives",
        "lzma": "archives",
        "marshal": "marshalfmt",
        "npy": "numpyfmt",
        "onnx": "onnxfmt",
        "pickle": "picklefile",
        "safetensors": "safetensors",
        "savedmodel": "savedmodel",
        "sentencepiece": "sentencepiece",
        "tar": "archives",
        "tflite": "tflite",
        "xz": "archives",
        "yamlconfig": "loaderconfig",
        "zip": "zips",
        "zlib": "archives",
    }
)


def register(name: str, *, limits: tuple[str, ...]) -> Callable[[Handle], Handle]:
    """Register the decorated function as the handler of format ``name``."""
    try:
        fmt = formats.get(name)
    except KeyError:
        raise ValueError(f"handler for {name!r}: the format table has no such entry") from None
    unknown = sorted(set(limits) - LIMIT_NAMES)
    if unknown:
        raise ValueError(f"handler for {name!r}: no such limits: {', '.join(unknown)}")
    if fmt.unsupported:
        raise ValueError(f"handler for {name!r}: the table marks the format unsupported")

    def add(run: Handle) -> Handle:
        old = _REGISTERED.get(name)
        if old is not None and old.run is not run:
            raise ValueError(f"two handlers for {name!r}: {old.run!r} and {run!r}")
        _REGISTERED[name] = Handler(fmt, run, limits)
        return run

    return add


@cache
def handlers() -> Mapping[str, Handler]:
    """Format name -> handler: every module of the handler package, imported once."""
    package = importlib.import_module(HANDLER_PACKAGE)
    for info in pkgutil.iter_modules(package.__path__, HANDLER_PACKAGE + "."):
        importlib.import_module(info.name)
    return MappingProxyType(dict(_REGISTERED))


def handler(name: str) -> Handler:
    """The handler of format ``name``, its module imported on first use (every module, when
    :data:`MODULES` does not name one); :class:`KeyError` for a format without a handler."""
    got = _REGISTERED.get(name)
    if got is None:
        module = MODULES.get(name)
        if module is None:
            return handlers()[name]
        importlib.import_module(f"{HANDLER_PACKAGE}.{module}")
        got = _REGISTERED[name]
    return got
