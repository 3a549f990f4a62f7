"""The format table: one entry per format, consistent with the registry, and the same answer
for discovery and the analyzer."""

from __future__ import annotations

import ast
import dataclasses
import gzip
import io
import pickle
import subprocess
import sys
import tarfile
import zlib
from pathlib import Path

import pytest

from secplan.model import ArtifactKind as K
from secplan.modelfile import formats
from secplan.modelfile.formats import EXTENSIONS, FORMATS, MODEL_NAMES, Discovery
from secplan.modelfile.limits import Limits
from secplan.modelfile.registry import MODULES, handler, handlers, register
from secplan.sniff import HEAD_BYTES, classify
from tests.unit.modelfile.build import rules, scan_bytes


def test_every_format_is_read_by_one_handler_or_says_why_not() -> None:
    table = handlers()
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names))
    assert set(table) <= set(names), "a handler without a table entry"
    for f in FORMATS:
        assert (f.name in table) != bool(f.unsupported), f.name
        assert f.summary and f.kind in K
        if f.name in table:
            assert table[f.name].format is f
            assert table[f.name].run.__module__.startswith("secplan.modelfile.handlers.")


def test_each_format_names_the_module_that_registers_its_handler() -> None:
    table = handlers()
    assert set(MODULES) == set(table)
    for name, module in MODULES.items():
        assert table[name].run.__module__ == f"secplan.modelfile.handlers.{module}", name
        assert handler(name) is table[name]


def test_a_small_scan_imports_only_the_handlers_it_needs(tmp_path: Path) -> None:
    p = tmp_path / "m.pkl"
    p.write_bytes(pickle.dumps({"w": [0.5]}))
    probe = (
        "import sys, pathlib\n"
        "from secplan.modelfile.api import analyze_file\n"
        f"analyze_file(pathlib.Path({str(p)!r}), 'm.pkl')\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules\n"
        "             if m.startswith('secplan.modelfile.handlers.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(ast.literal_eval(out.strip().splitlines()[-1]))
    assert "picklefile" in loaded
    assert not loaded & {"zips", "sevenzip", "onnxfmt", "tflite", "keras", "gguf"}


def test_handlers_declare_real_limits() -> None:
    fields = {f.name for f in dataclasses.fields(Limits)}
    for h in handlers().values():
        assert set(h.limits) <= fields, h.name
    with pytest.raises(ValueError, match="no such limits"):
        register("zip", limits=("max_zip_bytes",))
    with pytest.raises(ValueError, match="no such entry"):
        register("rar5", limits=())
    with pytest.raises(ValueError, match="unsupported"):
        register("rar", limits=())


def test_every_extension_maps_to_one_format() -> None:
    suffixes = [e.suffix for e in EXTENSIONS]
    assert len(suffixes) == len(set(suffixes))
    for e in EXTENSIONS:
        assert e.suffix.startswith(".") and e.suffix == e.suffix.lower() and e.label
        if e.format is not None:
            formats.get(e.format)


def test_the_names_the_analyzer_claims_are_those_of_handled_formats() -> None:
    table = handlers()
    claimed = {s for h in table.values() for s in h.extensions}
    assert set(MODEL_NAMES) == claimed
    assert table["zip"].extensions == (".pt", ".pth", ".ckpt", ".bin", ".mar", ".keras", ".npz")
    assert set(MODEL_NAMES) == {
        ".pkl", ".pickle", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".h5", ".hdf5",
        ".keras", ".onnx", ".pb", ".gguf", ".safetensors", ".npy", ".npz", ".dill",
        ".model", ".mar", ".tflite", ".ggml", ".mlmodel", ".marshal",
    }  # fmt: skip


def test_magic_numbers_are_unambiguous() -> None:
    magics = [(m, f.name) for f in FORMATS for m in f.magic]
    for m, name in magics:
        for other, other_name in magics:
            if other is not m and other.offset == m.offset:
                assert not other.data.startswith(m.data), (name, other_name)


#: Formats whose magic is confirmed by what follows it: a well-formed start.
_CONFIRMED = {"joblib-zfile": b"ZF" + b"0x5".ljust(19) + zlib.compress(b"\x80\x02K\x01.")}


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f.magic], ids=lambda f: f.name)
def test_discovery_and_analyzer_see_the_same_magic(fmt: formats.Format) -> None:
    for m in fmt.magic:
        head = _CONFIRMED.get(fmt.name, b"\x00" * m.offset + m.data + b"\x00" * 64)
        assert formats.detect(head, len(head), head, "x") == [fmt.name]
        found = formats.sniff(head, len(head))
        assert found is not None and found.name == fmt.name
        if fmt.discovery is not Discovery.INNER_PICKLE:
            kind, label, sniffed = classify(Path("x"), head, len(head))
            assert sniffed and label == (m.label or fmt.label or fmt.name), label
            assert kind is fmt.kind or fmt.name == "encrypted"


def test_compressed_streams_are_handled_by_the_table_decompressor() -> None:
    inner = pickle.dumps({"w": 1}, protocol=2)
    for f in FORMATS:
        if f.decompressor is not None:
            assert f.name in handlers()
    data = gzip.compress(inner)
    assert formats.inner_head(formats.get("gzip"), data) == inner[:64]


# The formats below were recognised by the analyzer but not by discovery, or the other way
# round; one table gives both the same answer.


def _classify(tmp_path: Path, name: str, data: bytes) -> tuple[K, str]:
    path = tmp_path / name
    path.write_bytes(data)
    kind, label, _ = classify(path, data[:HEAD_BYTES], len(data))
    return kind, label


def _v7_tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        info = tarfile.TarInfo("notes.txt")
        info.size = 2
        tf.addfile(info, io.BytesIO(b"hi"))
    data = bytearray(buf.getvalue())
    data[257:265] = b"\x00" * 8  # no ustar magic: an old v7 header, checksum recomputed
    data[148:156] = b" " * 8
    data[148:155] = f"{sum(data[:512]):06o}\x00".encode()
    return bytes(data)


def test_a_tar_without_the_ustar_magic_is_an_archive(tmp_path: Path) -> None:
    data = _v7_tar()
    assert formats.detect(data, len(data), data[:HEAD_BYTES], "x") == ["tar"]
    assert _classify(tmp_path, "bundle.dat", data) == (K.ARCHIVE, "tar")


def test_a_protocol_1_pickle_with_a_header_is_a_model(tmp_path: Path) -> None:
    data = b"\x80\x01" + pickle.dumps({"a": 1}, protocol=1)
    assert _classify(tmp_path, "weights.dat", data) == (K.MODEL, "pickle")


def test_a_compressed_protocol_0_pickle_is_a_joblib_model(tmp_path: Path) -> None:
    data = gzip.compress(pickle.dumps({"a": [1, 2]}, protocol=0))
    assert _classify(tmp_path, "model.bin", data) == (K.MODEL, "joblib-gzip")


def test_a_word_list_is_not_taken_for_a_pickle(tmp_path: Path) -> None:
    assert _classify(tmp_path, "labels.txt", b"cat\ndog\nbird\nfish\n")[0] is not K.MODEL


def test_lz4_and_rar_are_recognised_and_rar_is_reported_as_not_analysed(tmp_path: Path) -> None:
    lz4 = b"\x04\x22\x4d\x18" + b"\x00" * 32
    rar = b"Rar!\x1a\x07\x00" + b"\x00" * 32
    assert _classify(tmp_path, "weights.lz4", lz4) == (K.ARCHIVE, "lz4")
    assert _classify(tmp_path, "bundle.rar", rar) == (K.ARCHIVE, "rar")
    [f] = scan_bytes(rar)
    assert (f.rule, f.message) == ("MF104", "RAR archives are not analysed")
    assert rules(scan_bytes(lz4)) == ["MF103"]  # decompressed: a corrupt frame
