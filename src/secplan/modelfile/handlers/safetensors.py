"""safetensors files: the header is validated as the reference implementation validates it.

Only the 8-byte length and the JSON header are read; tensor data is never touched, so a file
of any size is checked at the cost of its header.
"""

from __future__ import annotations

import json
import math
import struct

from secplan.modelfile.buffer import Buffer
from secplan.modelfile.context import Ctx, Where
from secplan.modelfile.handlers.loaderconfig import hydra_targets
from secplan.modelfile.registry import register
from secplan.modelfile.rules import SAFETENSORS_MALFORMED
from secplan.modelfile.signatures import SAFETENSORS_MAX_HEADER as MAX_HEADER

DTYPES = {
    "BOOL": 1,
    "U8": 1,
    "I8": 1,
    "F8_E5M2": 1,
    "F8_E4M3": 1,
    "F8_E8M0": 1,
    "I16": 2,
    "U16": 2,
    "F16": 2,
    "BF16": 2,
    "I32": 4,
    "U32": 4,
    "F32": 4,
    "F64": 8,
    "I64": 8,
    "U64": 8,
    "C64": 8,
    "F4": 0.5,
    "F6_E2M3": 0.75,
    "F6_E3M2": 0.75,
}


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def problems(buf: Buffer, size: int) -> list[str]:
    return _read(buf, size)[0]


def _read(buf: Buffer, size: int) -> tuple[list[str], dict[str, object] | None]:
    """The header's problems, and the header when it is a JSON object."""
    if size < 8:
        return ["file shorter than the 8-byte header length"], None
    (n,) = struct.unpack("<Q", bytes(buf[:8]))
    if n > MAX_HEADER:  # the reference loader's own limit
        return [f"header length {n:,} exceeds the 100 MB limit"], None
    if 8 + n > size:
        return [f"header length {n:,} runs past the end of the file"], None
    raw = bytes(buf[8 : 8 + n])
    if not raw.startswith(b"{"):
        return ["header does not start with '{'"], None
    try:
        header = json.loads(raw.decode("utf-8"), object_pairs_hook=_pairs)
    except (ValueError, RecursionError) as exc:
        return [f"header is not valid JSON: {exc}"], None
    if not isinstance(header, dict):
        return ["header is not a JSON object"], None
    return _tensors(header, size - 8 - n), header


def _tensors(header: dict[str, object], data_len: int) -> list[str]:
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    for name, info in header.items():
        if name == "__metadata__":
            if not isinstance(info, dict) or not all(isinstance(v, str) for v in info.values()):
                out.append("__metadata__ must map strings to strings")
            continue
        if not isinstance(info, dict) or set(info) - {"dtype", "shape", "data_offsets"}:
            out.append(f"tensor {name!r} has an invalid entry")
            continue
        dtype, shape, offs = info.get("dtype"), info.get("shape"), info.get("data_offsets")
        if dtype not in DTYPES:
            out.append(f"tensor {name!r} has the unknown dtype {dtype!r}")
            continue
        if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
            out.append(f"tensor {name!r} has an invalid shape")
            continue
        if (
            not isinstance(offs, list)
            or len(offs) != 2
            or not all(isinstance(o, int) and o >= 0 for o in offs)
            or offs[0] > offs[1]
        ):
            out.append(f"tensor {name!r} has invalid data_offsets")
            continue
        need = math.prod(shape) * DTYPES[str(dtype)]
        if offs[1] - offs[0] != need:
            out.append(
                f"tensor {name!r} spans {offs[1] - offs[0]:,} bytes, its shape needs {need:,}"
            )
        spans.append((offs[0], offs[1], name))
    spans.sort()
    pos = 0
    for a, b, name in spans:
        if a < pos:
            out.append(f"tensor {name!r} overlaps the tensor before it")
        elif a > pos:
            out.append(f"{a - pos:,} unused bytes before tensor {name!r}")
        pos = max(pos, b)
    if pos > data_len:
        out.append(f"tensors end at byte {pos:,} of a {data_len:,}-byte data area")
    elif pos < data_len:
        out.append(f"{data_len - pos:,} bytes after the last tensor")
    return out


@register("safetensors", limits=())
def handle(buf: Buffer, size: int, where: Where, ctx: Ctx) -> None:
    found, header = _read(buf, size)
    for text in found[:20]:
        ctx.sink.add(SAFETENSORS_MALFORMED, where, f"safetensors header: {text}")
    metadata = header.get("__metadata__") if header is not None else None
    if isinstance(metadata, dict):
        _metadata(metadata, where, ctx)


def _metadata(metadata: dict[str, object], where: Where, ctx: Ctx) -> None:
    """Hydra targets in ``__metadata__``: libraries keep a model's configuration there as a
    JSON string and give it to ``hydra.utils.instantiate``."""
    hydra_targets(metadata, where, ctx, "__metadata__")
    for key, value in list(metadata.items())[:1000]:
        if not isinstance(value, str) or not value.lstrip().startswith(("{", "[")):
            continue
        if "_target_" not in value:
            continue
        try:
            doc = json.loads(value)
        except (ValueError, RecursionError):
            continue
        hydra_targets(doc, where, ctx, f"__metadata__[{key!r}]")
