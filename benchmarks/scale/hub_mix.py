"""A corpus of model files whose formats and sizes follow a public hub's published figures,
scaled down to fit a disk (see docs/scale.md, "The hub mix", for the sources).

Published figures used:

- share of pickle-based weights among popular Hugging Face models: 44.9 % (PickleBall,
  arXiv 2508.15987); the rest is counted here as safetensors;
- average safetensors file on the Hub: about 1 GB ("From Files to Chunks", Hugging Face blog,
  2024-11-20); PyTorch checkpoints are given the same size (the Hub's conversion tool
  writes a safetensors copy of the same weights).

Sizes are drawn from a log-normal distribution whose mean is that 1 GB divided by ``scale``
(8,192 by default: 128 KiB), cut to [``floor``, ``cap``]. What a scan costs besides reading bytes
comes from the number of tensors (the pickle opcodes of a checkpoint, the JSON header of a
safetensors file), which is not scaled: a file gets the tensor count of its size on the hub
(:func:`tensor_count`). The analyzer reads a checkpoint's ``data.pkl`` and a safetensors
header, not the tensor bytes, so scaling the bytes down leaves the analysis as costly as on
the full-size file. Every file's bytes are distinct (seeded random tensor
data), so no cache of identical content could shorten a run.

Files are plain data written byte by byte here: PyTorch-style zip checkpoints (``data.pkl``
of ``_rebuild_tensor_v2`` calls with persistent storage ids, stored ``data/N`` members, as
``torch.save`` writes them) and safetensors. Nothing is ever loaded.
"""

from __future__ import annotations

import json
import math
import random
import struct
import zipfile
from pathlib import Path

#: Share of pickle-based model files (PickleBall: 44.9 % of popular models).
PICKLE_SHARE = 0.449
#: Average model file on the hub, bytes (Hugging Face: safetensors files average about 1 GB).
HUB_MEAN = 1 << 30
SIGMA = 1.2  # spread of the log-normal (an assumption: no published spread was found)


def tensor_count(hub_size: int, rng: random.Random) -> int:
    """Tensors of a file of ``hub_size`` bytes (its size on the hub, before scaling): 25 per
    doubling above 1 MiB, ±30 %, between 20 and 600 (about 250 for 1 GB; an assumption)."""
    base = 25 * max(0.0, math.log2(max(hub_size, 1) / (1 << 20)))
    return max(20, min(600, int(base * rng.uniform(0.7, 1.3))))


def _shapes(count: int, total: int) -> list[int]:
    """Element counts (float32) of ``count`` tensors that add up to about ``total`` bytes."""
    per = max(1, total // 4 // count)
    return [per] * count


def _unicode(s: str) -> bytes:
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def _int(n: int) -> bytes:
    if n < 256:
        return b"K" + bytes([n])
    return b"J" + struct.pack("<i", n)


def torch_pickle(names: list[str], numels: list[int]) -> bytes:
    """``data.pkl`` of a state dict as ``torch.save`` writes it (protocol 2)."""
    out = [b"\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01("]
    memo = 2
    for i, (name, n) in enumerate(zip(names, numels, strict=True)):
        rows = 64 if n % 64 == 0 and n >= 64 else 1
        cols = n // rows
        out.append(_unicode(name))
        out.append(b"ctorch._utils\n_rebuild_tensor_v2\nq" + bytes([memo % 256]) + b"(")
        out.append(b"(" + _unicode("storage") + b"ctorch\nFloatStorage\n")
        out.append(_unicode(str(i)) + _unicode("cpu") + _int(n) + b"tQ")
        out.append(_int(0) + _int(rows) + _int(cols) + b"\x86" + _int(cols) + _int(1) + b"\x86")
        out.append(b"\x89ccollections\nOrderedDict\n)Rtq" + bytes([(memo + 1) % 256]) + b"R")
        memo += 2
    out.append(b"u.")
    return b"".join(out)


def write_torch(path: Path, size: int, count: int, rng: random.Random) -> None:
    numels = _shapes(count, size)
    names = [f"encoder.layer.{i // 8}.w{i % 8}.weight" for i in range(count)]
    root = path.stem
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(f"{root}/data.pkl", torch_pickle(names, numels))
        zf.writestr(f"{root}/byteorder", b"little")
        for i, n in enumerate(numels):
            zf.writestr(f"{root}/data/{i}", rng.randbytes(4 * n))
        zf.writestr(f"{root}/version", b"3\n")


def write_safetensors(path: Path, size: int, count: int, rng: random.Random) -> None:
    numels = _shapes(count, size)
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for i, n in enumerate(numels):
        name = f"model.layers.{i // 8}.w{i % 8}.weight"
        header[name] = {"dtype": "F32", "shape": [n], "data_offsets": [offset, offset + 4 * n]}
        offset += 4 * n
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with path.open("wb") as fh:
        fh.write(struct.pack("<Q", len(raw)) + raw)
        for n in numels:
            fh.write(rng.randbytes(4 * n))


def sizes(files: int, scale: int, floor: int, cap: int, seed: int = 18) -> list[int]:
    """``files`` log-normal sizes with mean ``HUB_MEAN / scale``, cut to [floor, cap]."""
    rng = random.Random(seed)
    mu = math.log(HUB_MEAN / scale) - SIGMA * SIGMA / 2
    return [max(floor, min(cap, int(rng.lognormvariate(mu, SIGMA)))) for _ in range(files)]


def generate(root: Path, files: int, *, scale: int, floor: int, cap: int) -> dict[str, int]:
    """The hub-mix corpus under ``root``; counts and bytes by format."""
    rng = random.Random(2024)
    counts = {"pytorch": 0, "safetensors": 0, "bytes": 0}
    for i, size in enumerate(sizes(files, scale, floor, cap)):
        d = root / f"org{i // 1000:03d}" / f"m{i // 10:05d}"
        d.mkdir(parents=True, exist_ok=True)
        count = tensor_count(size * scale, rng)
        if rng.random() < PICKLE_SHARE:
            p = d / f"pytorch_model-{i:05d}.bin"
            write_torch(p, size, count, rng)
            counts["pytorch"] += 1
        else:
            p = d / f"model-{i:05d}.safetensors"
            write_safetensors(p, size, count, rng)
            counts["safetensors"] += 1
        counts["bytes"] += p.stat().st_size
    return counts
