"""Properties of every parser: no exception escapes on hostile input, and limits hold.

None of these tests measures time; a limit that did not hold would show as a hang or an
exception, never as a slow pass.
"""

from __future__ import annotations

import json
import pickle
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.modelfile.limits import Limits
from secplan.modelfile.pickle.ops import OPCODES
from tests.unit.modelfile.build import (
    P,
    gguf,
    rules,
    safetensors,
    scan_bytes,
    scan_file,
    std_zip,
    system,
    tar_bytes,
    tflite,
    zip_bytes,
)

FAST = Limits(seconds=20, max_ops=200_000, max_member_bytes=1 << 22, max_total_bytes=1 << 24)
SEEDS = [pickle.dumps({"a": [1, 2.5, "x", b"y", None]}, protocol=p) for p in range(6)] + [
    zip_bytes([("archive/data.pkl", pickle.dumps({"w": 1}, protocol=2))]),
    std_zip({"a.npy": b"\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'shape': (1,)}" + b" " * 80}),
    tar_bytes([("m.pkl", pickle.dumps([1]), "")]),
    safetensors({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, 4),
    gguf([("tokenizer.chat_template", "{{ messages }}")]),
]
opcode = st.sampled_from(sorted(OPCODES)).map(lambda c: bytes([c]))
pickleish = st.lists(st.one_of(opcode, st.binary(max_size=6), st.just(b"\n")), max_size=80).map(
    b"".join
)


# The formats read by offsets and lengths of their own (FlatBuffers, marshal, Core ML's
# protobuf and blob storage, CRFsuite), each with the name that claims it.
NAMED_SEEDS = [
    ("m.tflite", tflite([(3, None), (32, "AcmeOp"), (32, "FlexWriteFile")])),
    ("m.marshal", b"{u\x01\x00\x00\x00a[\x02\x00\x00\x00i\x01\x00\x00\x00g" + bytes(8) + b"0"),
    ("m.mlmodel", b"\x08\x04\xa2\x1f\x0b\x0a\x09\x0a\x01x\xa2\x1f\x03\x52\x01y"),
    (
        "weight.bin",
        struct.pack("<II", 1, 2)
        + bytes(56)
        + struct.pack("<IIQQ", 0xDEADBEEF, 2, 8, 128)
        + bytes(48),
    ),
    (
        "m.model",
        b"lCRF" + struct.pack("<I4sI3I5I", 64, b"FOMC", 100, 1, 1, 1, *[48] * 5) + bytes(16),
    ),
]


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buf = bytearray(data)
    for pos, value in edits:
        if buf:
            buf[pos % len(buf)] = value
    return bytes(buf)


@settings(max_examples=400, deadline=None)
@given(data=st.one_of(st.binary(max_size=512), pickleish))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    for f in scan_bytes(data, FAST, name="m.pkl"):
        assert f.rule.startswith("MF1")


@settings(max_examples=400, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), max_size=8),
    cut=st.integers(0, 1 << 16),
)
def test_mutated_containers_never_raise(
    seed: bytes, edits: list[tuple[int, int]], cut: int
) -> None:
    data = _mutate(seed, edits)
    data = data[: max(1, cut % (len(data) + 1))]
    scan_bytes(data, FAST, name="m.pt")


@settings(max_examples=400, deadline=None)
@given(
    seed=st.sampled_from(NAMED_SEEDS),
    edits=st.lists(st.tuples(st.integers(0, 1 << 10), st.integers(0, 255)), max_size=8),
    cut=st.integers(0, 1 << 10),
)
def test_mutated_offset_formats_never_raise(
    seed: tuple[str, bytes], edits: list[tuple[int, int]], cut: int
) -> None:
    name, data = seed
    data = _mutate(data, edits)
    for f in scan_bytes(data[: max(1, cut % (len(data) + 1))], FAST, name=name):
        assert f.rule.startswith("MF1")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(depth=st.integers(1, 200_000))
def test_deep_nesting_finishes(tmp_path: Path, depth: int) -> None:
    deep = b"\x80\x02" + b"(" * depth + b"]" * depth + b"."
    found = scan_bytes(deep, FAST)
    assert all(f.rule in ("MF103", "MF104") for f in found)


def test_opcode_limit_is_not_verified(tmp_path: Path) -> None:
    data = pickle.dumps(list(range(300_000)), protocol=2)
    found = scan_bytes(data, Limits(max_ops=10_000))
    assert rules(found) == ["MF104"] and "opcodes" in found[0].message


def test_time_limit_is_not_verified(tmp_path: Path) -> None:
    data = pickle.dumps(list(range(300_000)), protocol=0)
    assert rules(scan_bytes(data, Limits(seconds=0.0001))) == ["MF104"]


def test_sparse_ten_gigabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.bin"
    with path.open("wb") as fh:
        fh.truncate(10 * 2**30)
    from secplan.modelfile import analyze_file

    [f] = analyze_file(path, "huge.bin")
    assert f.rule == "MF104"
    with path.open("r+b") as fh:
        head = json.dumps({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}).encode()
        fh.write(struct.pack("<Q", len(head)) + head)
    assert rules(analyze_file(path, "huge.bin")) == ["MF114"]


def test_many_members_are_capped(tmp_path: Path) -> None:
    data = std_zip({f"f{i}.txt": b"x" for i in range(50)})
    found = scan_bytes(data, Limits(max_members=10))
    assert rules(found) == ["MF107"]


def test_declared_size_bomb_is_not_expanded(tmp_path: Path) -> None:
    data = zip_bytes([("a/data.pkl", system(tmp_path))])
    # claim 8 GiB uncompressed for a few bytes of data
    pos = data.rfind(b"PK\x01\x02")
    data = data[: pos + 24] + struct.pack("<I", 0xFFFFFFF0) + data[pos + 28 :]
    found = scan_bytes(data)
    assert "MF107" in rules(found)


@pytest.mark.parametrize("proto", [2, 4])
def test_big_payloads_are_skipped_not_copied(tmp_path: Path, proto: int) -> None:
    data = P(proto).b(b"\x00" * (64 << 20)).stop()
    assert scan_file(tmp_path, "w.pkl", data) == []


@settings(max_examples=300, deadline=None)
@given(module=st.text(max_size=40), name=st.text(max_size=40))
def test_policy_classifies_any_name(module: str, name: str) -> None:
    from secplan.modelfile.policy import Policy, Verdict

    d = Policy.packaged().classify(module, name)
    assert isinstance(d.verdict, Verdict) and d.reason


@settings(max_examples=200, deadline=None)
@given(edits=st.lists(st.tuples(st.integers(0, 4096), st.integers(0, 255)), min_size=1, max_size=6))
def test_mutated_deflated_torch_zip_never_raises(edits: list[tuple[int, int]]) -> None:
    seed = zip_bytes(
        [("a/data.pkl", pickle.dumps({"w": list(range(50))}, protocol=4)), ("a/version", b"3")],
        deflate=True,
    )
    scan_bytes(_mutate(seed, edits), FAST, name="m.pt")


@given(
    st.lists(st.sampled_from([b"PK\x05\x06", b"PK", b"\x00", b"\x05\x06", b"xyz"]), max_size=30),
    st.data(),
)
def test_end_record_search_finds_the_last_signature_with_room_for_the_record(
    parts: list[bytes], data: st.DataObject
) -> None:
    from secplan.modelfile.readers.zipend import EOCD, rfind_end

    buf = b"".join(parts)
    start = data.draw(st.integers(min_value=0, max_value=len(buf)))
    hits = [i for i in range(start, len(buf)) if buf.startswith(EOCD, i) and i + 22 <= len(buf)]
    assert rfind_end(buf, start, len(buf)) == (hits[-1] if hits else -1)


def test_a_pickle_carrying_a_zip_is_charged_its_opcodes_once() -> None:
    import io
    import zipfile

    from secplan.modelfile.context import Where
    from secplan.modelfile.dispatch import analyze_bytes, new_context
    from secplan.modelfile.policy import Policy

    blob = io.BytesIO()
    with zipfile.ZipFile(blob, "w") as zf:
        zf.writestr("a.txt", b"x")
    counted = []
    for obj in ({"w": list(range(3000))}, {"w": list(range(3000)), "blob": blob.getvalue()}):
        ctx = new_context(Policy.packaged(), Limits())
        analyze_bytes(pickle.dumps(obj, protocol=4), Where("x", None, None, 0, "x"), ctx)
        counted.append(ctx.budget.ops)
    assert counted[1] < counted[0] + 50  # the blob adds a few opcodes, not a second walk
