"""Parser differentials: content two real loaders read differently is analysed both ways and
reported high (zip as CPython's zipfile and PyTorch's miniz read it, HDF5 after a user block,
NumPy dtypes that hide objects, ONNX and pickles without their usual first bytes).

Each hostile sample carries a canary payload; the conftest asserts none ever ran.
"""

from __future__ import annotations

import io
import json
import pickle
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.model import Severity
from secplan.modelfile import formats
from secplan.modelfile.handlers.numpyfmt import _has_object
from secplan.modelfile.readers.zipread import read_directory

from .build import P, pb, rules, safetensors, scan_bytes, scan_file, std_zip, system, zip_bytes

CLEAN = pickle.dumps({"w": [0.5]}, protocol=2)


def _local(name: str, data: bytes) -> bytes:
    crc = zlib.crc32(data) & 0xFFFFFFFF
    head = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0
    )
    return head + name.encode() + data


def _central(name: str, data: bytes, offset: int) -> bytes:
    crc = zlib.crc32(data) & 0xFFFFFFFF
    return (
        struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            b"PK\x01\x02",
            20,
            20,
            0,
            0,
            0,
            0,
            crc,
            len(data),
            len(data),
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + name.encode()
    )


def _rec64(count: int, cd_size: int, cd_off: int) -> bytes:
    return struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, cd_size, cd_off
    )


def _eocd(count: int, cd_size: int, cd_off: int) -> bytes:
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, cd_size, cd_off, 0)


def test_zip64_locator_disagreement(tmp_path: Path) -> None:
    """zipfile reads the ZIP64 record just before the locator; PyTorch's reader follows the
    locator's offset to another record, and so to another central directory."""
    evil = system(tmp_path)
    body = _local("clean.pkl", CLEAN)
    off_evil = len(body)
    body += _local("evil.pkl", evil)
    cd_b = _central("evil.pkl", evil, off_evil)
    pos_b = len(body)
    pos_x = pos_b + len(cd_b)
    rec_x = _rec64(1, len(cd_b), pos_b)
    cd_a = _central("clean.pkl", CLEAN, 0)
    pos_a = pos_x + len(rec_x)
    rec_y = _rec64(1, len(cd_a), pos_a)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, pos_x, 1)
    data = body + cd_b + rec_x + cd_a + rec_y + locator + _eocd(0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["clean.pkl"]  # CPython's view
    found = scan_bytes(data, name="m.zip")
    assert "MF101" in rules(found)  # the member only PyTorch's reader sees was analysed
    assert any("ZIP64 locator" in f.evidence and f.severity is Severity.HIGH for f in found)


def test_central_directory_longer_than_its_count(tmp_path: Path) -> None:
    """zipfile walks the whole directory; PyTorch's reader stops at the declared count."""
    evil = system(tmp_path)
    body = _local("a.pkl", CLEAN)
    off = len(body)
    body += _local("b.pkl", evil)
    cd = _central("a.pkl", CLEAN, 0) + _central("b.pkl", evil, off)
    data = body + cd + _eocd(1, len(cd), len(body))
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["a.pkl", "b.pkl"]
    found = scan_bytes(data, name="m.zip")
    assert "MF101" in rules(found)
    assert any("declares 1 members" in f.evidence for f in found)


def test_duplicate_names_last_wins_for_zipfile(tmp_path: Path) -> None:
    data = zip_bytes([("m.pkl", CLEAN), ("m.pkl", system(tmp_path))])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.read("m.pkl") != CLEAN  # CPython: the last of a repeated name wins
    found = scan_bytes(data, name="m.zip")
    assert "MF101" in rules(found)
    assert any("names repeat" in f.evidence and f.severity is Severity.HIGH for f in found)


def test_overlapping_entries_are_bounded(tmp_path: Path) -> None:
    """Thousands of directory entries for one stored entry: reported, analysed once."""
    evil = system(tmp_path)
    body = _local("e.pkl", evil)
    cd = b"".join(_central(f"e{i}.pkl", evil, 0) for i in range(5000))
    data = body + cd + _eocd(5000, len(cd), len(body))
    found = scan_bytes(data, name="m.zip")
    assert "MF101" in rules(found)
    assert any("overlap" in f.evidence for f in found)
    assert sum(f.rule == "MF101" for f in found) < 10


def test_clean_archive_has_no_differential() -> None:
    data = std_zip({"a.pkl": CLEAN, "dir/b.txt": b"hello"})
    assert read_directory(data, len(data), 100).notes == []
    assert scan_bytes(data, name="m.zip") == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.integers(0, 3))
def test_zip_reader_never_hangs_or_raises(tail: bytes, cut: int) -> None:
    data = std_zip({"a.pkl": CLEAN}) + tail
    data = data[: len(data) - cut] if cut else data
    for f in scan_bytes(data, name="m.zip"):
        assert f.rule.startswith("MF")


def test_hdf5_user_block_with_safetensors_header(tmp_path: Path) -> None:
    """h5py finds the superblock after a 512-byte user block that is a safetensors file."""
    header = {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
    st_part = safetensors(header, 8)
    st_bytes = st_part[:8] + st_part[8:].rstrip(b"\x00")
    raw = json.dumps(header).encode()
    head = struct.pack("<Q", len(raw)) + raw
    data = head + b"\x00" * (512 - len(head)) + b"\x89HDF\r\n\x1a\n" + b"\x00" * 600
    assert st_bytes  # the same header a safetensors reader takes
    found = scan_file(tmp_path, "m.safetensors", data)
    assert any("user block" in f.message and f.severity is Severity.HIGH for f in found)


def test_numpy_object_hidden_in_subarray_and_nested_fields() -> None:
    assert _has_object(("O", (2,)))
    assert _has_object([("a", [("b", ("|O", (1,)))])])
    assert _has_object("i4,(2,)O")
    assert _has_object("object")
    assert not _has_object([("a", "<f4"), ("b", ("<i8", (3,)))])
    assert not _has_object("<f8")


def _npy(descr: str, payload: bytes) -> bytes:
    header = f"{{'descr': {descr}, 'fortran_order': False, 'shape': (1,), }}"
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + payload


def test_npy_subarray_object_payload_is_analysed(tmp_path: Path) -> None:
    found = scan_file(tmp_path, "a.npy", _npy("('O', (2,))", system(tmp_path)))
    assert "MF101" in rules(found)
    found = scan_file(tmp_path, "b.npy", _npy("[('x', [('y', '|O')])]", system(tmp_path)))
    assert "MF101" in rules(found)


def test_npy_written_by_python_2_is_read_as_numpy_reads_it(tmp_path: Path) -> None:
    """NumPy retries a version 1/2 header without Python 2's long suffix, 'shape': (2L,)."""
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }"
    header += " " * (-(10 + len(header) + 1) % 64) + "\n"
    head = struct.pack("<H", len(header)) + header.encode()
    assert scan_file(tmp_path, "a.npy", b"\x93NUMPY\x01\x00" + head + b"\x00" * 16) == []
    found = scan_file(tmp_path, "b.npy", b"\x93NUMPY\x01\x00" + head + b"\x00" * 24)
    assert [f.rule for f in found] == ["MF103"] and "follow the array" in found[0].message
    v3 = b"\x93NUMPY\x03\x00" + struct.pack("<I", len(header)) + header.encode()
    assert "header is malformed" in scan_file(tmp_path, "c.npy", v3 + b"\x00" * 16)[0].message
    # the suffix is dropped after numbers only; an object payload behind it is still analysed
    obj = header.replace("'<f8'", "'|O'").replace("(2L,)", "(1L,)")
    head = struct.pack("<H", len(obj)) + obj.encode()
    found = scan_file(tmp_path, "d.npy", b"\x93NUMPY\x01\x00" + head + system(tmp_path))
    assert "MF101" in rules(found)


def test_a_line_end_after_the_object_pickle_is_not_data(tmp_path: Path) -> None:
    clean = P().s("a").stop()
    assert scan_file(tmp_path, "a.npy", _npy("'|O'", clean + b"\n")) == []
    found = scan_file(tmp_path, "b.npy", _npy("'|O'", clean + b"\nX"))
    assert [f.rule for f in found] == ["MF103"] and "follow the end" in found[0].message


def test_onnx_with_fields_in_another_order_and_no_name() -> None:
    node = pb(1, pb(4, b"Relu"))
    model = pb(7, node + pb(2, b"g")) + pb(8, pb(2, 13)) + pb(1, 8)  # graph first
    found = scan_bytes(model, name="weights")
    assert "MF104" not in rules(found)  # recognised and analysed
    custom = pb(7, pb(1, pb(4, b"Exec") + pb(7, b"com.attacker"))) + pb(1, 8)
    assert "MF112" in rules(scan_bytes(custom, name="weights"))


def test_text_is_not_onnx() -> None:
    assert scan_bytes(b":abcdefghijkl\nsome text\n", name="notes") == []


@pytest.mark.parametrize(
    "lead",
    [
        b"S'" + b"x" * 20000 + b"'\n0",  # protocol 0 string, longer than the sniffed head
        b"X" + struct.pack("<I", 30000) + b"y" * 30000 + b"0",  # BINUNICODE
        b"V" + b"z" * 9000 + b"\n0",
    ],
)
def test_pickle_behind_a_long_string_without_proto(tmp_path: Path, lead: bytes) -> None:
    data = P(None).raw(lead).call("os", "system", "true").stop()
    assert "MF101" in rules(scan_file(tmp_path, "notes.txt", data))
    fmt = formats.sniff(data[: formats.HEAD_BYTES], len(data))  # discovery sees the head only
    assert fmt is not None and fmt.name == "pickle"


def test_protocol_0_pickle_with_a_long_string_after_its_first_opcodes(tmp_path: Path) -> None:
    """As Python 2 wrote objects that hold a file's bytes (sklearn-crfsuite models): a few
    opcodes, then one S'...' string of megabytes, and the call after it."""
    p = P(None).glob("copy_reg", "_reconstructor").raw(b"p0\n(c__builtin__\nobject\np1\n")
    p.raw(b"(dp2\nS'verbose'\np3\nI00\nsS'data'\np4\nS'" + b"\\x00" * (600 << 10) + b"'\n")
    data = p.raw(b"p5\ns0").call("os", "system", "true").stop()
    found = scan_file(tmp_path, "model.pkl", data)
    assert "MF101" in rules(found)
    assert not any("longer than" in f.message for f in found)  # CPython reads any line
    fmt = formats.sniff(data[: formats.HEAD_BYTES], len(data))
    assert fmt is not None and fmt.name == "pickle"


def test_text_with_a_long_first_line_is_not_a_pickle() -> None:
    text = b"S'" + b"x" * 100 + b"'\nhello world\n" + b"more text " * 900
    assert formats.sniff(text[: formats.HEAD_BYTES], len(text)) is None
    assert formats.detect(text, len(text), text[: formats.HEAD_BYTES], "t.txt") == []


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([b"", b"S'", b"X\xff\x00\x00\x00", b":", b"\x08"]))
def test_recognition_never_raises(data: bytes, lead: bytes) -> None:
    data = lead + data
    kinds = formats.detect(data, len(data), data[: formats.HEAD_BYTES], "x")
    assert all(formats.get(k) for k in kinds)
    formats.sniff(data[: formats.HEAD_BYTES], len(data))


def _piece(text: bytes, score: float) -> bytes:
    return pb(1, pb(1, text) + b"\x15" + struct.pack("<f", score) + pb(3, 1))


def test_sentencepiece_model_is_read(tmp_path: Path) -> None:
    model = b"".join(_piece(f"tok{i}".encode(), -float(i)) for i in range(3000))
    model += pb(2, pb(3, 1000)) + pb(3, pb(1, b"nmt_nfkc"))
    assert scan_file(tmp_path, "tokenizer.model", model) == []  # .model claims a pickle
    assert formats.detect(model, len(model), model[: formats.HEAD_BYTES], "x") == ["sentencepiece"]
    broken = model[:-3]
    assert rules(scan_file(tmp_path, "b/tokenizer.model", broken)) == ["MF104"]


def test_sentencepiece_model_with_a_large_vocabulary_is_read(tmp_path: Path) -> None:
    # Llama's tokenizer has 32,000 pieces, one top-level field each
    model = b"".join(_piece(f"t{i}".encode(), -float(i)) for i in range(32_000))
    model += pb(2, pb(3, 1000)) + pb(3, pb(1, b"nmt_nfkc"))
    assert scan_file(tmp_path, "spm.model", model) == []
    assert formats.detect(model, len(model), model[: formats.HEAD_BYTES], "x") == ["sentencepiece"]
