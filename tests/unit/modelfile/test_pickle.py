"""MF101/MF102/MF103: the symbolic pickle walker and the findings it leads to.

Known false negatives (documented in docs/model-scanning.md): objects whose own
``__setstate__``/``__reduce__`` do harm at load time cannot be told apart by name from safe
ones if their class is allowlisted. Verdicts from the callable index are tested in
test_pickle_evidence.py.
"""

from __future__ import annotations

import collections
import datetime
import decimal
import os
import pickle
from pathlib import Path

import pytest

from secplan.model import Severity
from tests.unit.modelfile.build import P, canary, rules, scan_bytes, scan_file, system


class Payload:
    def __init__(self, cmd: str) -> None:
        self.cmd = cmd

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (self.cmd,))


@pytest.mark.parametrize("proto", [0, 1, 2, 3, 4, 5])
def test_reduce_payload_in_every_protocol(tmp_path: Path, proto: int) -> None:
    data = pickle.dumps(Payload(canary(tmp_path)), protocol=proto)
    [f] = scan_file(tmp_path, "weights.bin", data)
    assert f.rule == "MF101" and f.severity is Severity.CRITICAL
    assert f.location.path == "weights.bin" and f.location.offset is not None
    assert f.evidence.startswith(f"posix.system('{canary(tmp_path)}')")
    assert "MS4" in f.controls and "SC6" in f.controls


@pytest.mark.parametrize(
    "value",
    [
        {"weights": [0.1, 0.2], "name": "m", "n": 3, "b": b"\x00\x01", "none": None},
        collections.OrderedDict(a=1),
        collections.defaultdict(list),
        collections.Counter("abc"),
        {1, 2},
        frozenset([3]),
        slice(1, 5),
        complex(1, 2),
        bytearray(b"xy"),
        datetime.datetime(2024, 1, 1, 12),
        decimal.Decimal("1.5"),
        [list(range(1000))],
    ],
)
def test_safe_values_do_not_fire(tmp_path: Path, value: object) -> None:
    for proto in (0, 2, 4, 5):
        assert scan_file(tmp_path, "m.pkl", pickle.dumps(value, protocol=proto)) == []


def test_memo_and_stack_global_indirection(tmp_path: Path) -> None:
    data = P(4).s("o" + "s").raw(b"\x94").s("system").raw(b"\x94").raw(b"h\x00h\x01\x93")
    data.s(canary(tmp_path)).raw(b"\x85R")
    [f] = scan_bytes(data.stop())
    assert f.rule == "MF101" and "via STACK_GLOBAL" in f.evidence and "os.system(" in f.evidence


def test_obj_call_hidden_by_pop(tmp_path: Path) -> None:
    data = P(2).raw(b"(").glob("os", "system").s(canary(tmp_path)).raw(b"o0}").stop()
    assert [f.rule for f in scan_bytes(data)] == ["MF101"]


def test_inst_opcode_protocol_0(tmp_path: Path) -> None:
    data = b"(S'" + canary(tmp_path).encode() + b"'\nios\nsystem\n."
    [f] = scan_file(tmp_path, "notes.txt", data)
    assert f.rule == "MF101" and "via INST" in f.evidence


def test_python2_names_are_mapped_like_the_unpickler(tmp_path: Path) -> None:
    data = P(2).call("__builtin__", "eval", "1").stop()
    [f] = scan_bytes(data)
    assert "builtins.eval" in f.message and "written as __builtin__.eval" in f.evidence


def test_dotted_name_traversal_is_dangerous(tmp_path: Path) -> None:
    data = P(4).s("shlex").s("os.system").raw(b"\x93").s("x").raw(b"\x85R").stop()
    [f] = scan_bytes(data)
    assert f.rule == "MF101" and "reached as" in f.evidence


def test_extension_codes_and_computed_names(tmp_path: Path) -> None:
    ext = P(2).raw(b"\x82\x05").s("x").raw(b"\x85R").stop()
    assert "extension code 5" in " ".join(f.evidence for f in scan_bytes(ext))
    computed = P(4).glob("builtins", "str").s("os").raw(b"\x85R").s("system").raw(b"\x93.")
    found = scan_bytes(bytes(computed.out))
    assert any("computed at load time" in f.evidence for f in found)


def test_build_on_an_imported_object(tmp_path: Path) -> None:
    data = P(2).glob("sklearn.pipeline", "Pipeline").raw(b"N}").s("fit").s("x").raw(b"s\x86b")
    found = [f for f in scan_bytes(data.stop()) if f.severity > Severity.INFO]
    assert [f.rule for f in found] == ["MF101"] and "BUILD" in found[0].message


def test_resolvers_show_what_they_resolve(tmp_path: Path) -> None:
    data = P(4).glob("pkgutil", "resolve_name").s("os:system").raw(b"\x85R")
    data.s(canary(tmp_path)).raw(b"\x85R")
    found = scan_bytes(data.stop())
    assert {f.message.split(":")[0] for f in found} == {
        "pickle calls pkgutil.resolve_name",
        "pickle calls os.system",
    }
    getattr_chain = P(2).glob("builtins", "getattr").glob("importlib", "import_module")
    getattr_chain.s("os").raw(b"\x85R").s("system").raw(b"\x86R").s("x").raw(b"\x85R")
    messages = [f.message for f in scan_bytes(getattr_chain.stop())]
    assert any("the module os" in m for m in messages) and any("os.system" in m for m in messages)


def test_nested_pickle_loads_is_analysed(tmp_path: Path) -> None:
    inner = P(2).call("subprocess", "getoutput", canary(tmp_path)).stop()
    data = P(2).glob("pickle", "loads").b(inner).raw(b"\x85R").stop()
    found = scan_bytes(data)
    nested = [
        f for f in found if f.location.member and "pickle.loads argument" in f.location.member
    ]
    assert nested and "subprocess.getoutput" in nested[0].message


def test_nested_depth_is_bounded(tmp_path: Path) -> None:
    data = system(tmp_path)
    for _ in range(12):
        data = P(2).glob("pickle", "loads").b(data).raw(b"\x85R").stop()
    found = scan_bytes(data)
    assert "MF104" in rules(found)


def test_second_stream_after_stop(tmp_path: Path) -> None:
    data = pickle.dumps({"w": 1}, protocol=2) + system(tmp_path)
    found = scan_bytes(data)
    assert rules(found) == ["MF101", "MF103"]
    [second] = [f for f in found if f.rule == "MF103"]
    assert second.severity is Severity.HIGH and second.location.offset == len(
        pickle.dumps({"w": 1}, protocol=2)
    )


def test_truncated_stream_reports_what_ran(tmp_path: Path) -> None:
    data = system(tmp_path)[:-1] + b"\x00garbage"
    found = scan_bytes(data)
    assert rules(found) == ["MF101", "MF103"]
    assert "after running" in next(f.evidence for f in found if f.rule == "MF103")


def test_trailing_data_is_reported(tmp_path: Path) -> None:
    found = scan_bytes(pickle.dumps([1, 2], protocol=2) + b"\x00\x00junk")
    assert rules(found) == ["MF103"] and found[0].severity is Severity.MEDIUM


def test_unknown_callable_names_the_allowlist_line(tmp_path: Path) -> None:
    data = P(2).glob("mylib.layers", "Block").raw(b")R").stop()
    [f] = scan_file(tmp_path, "m.pkl", data)
    assert f.rule == "MF102" and f.severity is Severity.HIGH
    assert '[models] allow = ["mylib.layers.Block"]' in f.remediation
    assert scan_file(tmp_path, "m.pkl", data, allow=("mylib.layers.Block",)) == []
    assert scan_file(tmp_path, "m.pkl", data, allow=("mylib.*",)) == []


def test_project_allowlist_cannot_allow_dangerous(tmp_path: Path) -> None:
    [f] = scan_file(tmp_path, "m.pkl", system(tmp_path), allow=("os.*", "os.system"))
    assert f.rule == "MF101" and "cannot be allowlisted" in f.evidence


def test_legacy_torch_streams(tmp_path: Path) -> None:
    magic = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2)
    streams = magic + pickle.dumps(1001, protocol=2) + pickle.dumps({}, protocol=2)
    data = streams + system(tmp_path) + pickle.dumps([], protocol=2) + b"\x08" + b"\x00" * 64
    found = scan_bytes(data)
    assert rules(found) == ["MF101"]


def test_joblib_inline_arrays_are_skipped_by_length(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    joblib = pytest.importorskip("joblib")
    arrays = {
        "f": np.arange(1000.0),
        "s": np.zeros(3, dtype=[("x", "f4"), ("y", "i8")]),
        "u": np.array(["ab", "c"]),
        "b": np.array([True, False]),
        "o": np.array([1, "x", None], dtype=object),
    }
    path = tmp_path / "m.joblib"
    joblib.dump(arrays, path)
    assert scan_file(tmp_path, "m.joblib", path.read_bytes()) == []
    joblib.dump({"a": np.arange(5), "p": np.array([Payload(canary(tmp_path))], dtype=object)}, path)
    [f] = scan_file(tmp_path, "m.joblib", path.read_bytes())
    assert f.rule == "MF101" and "posix.system" in f.message


def _frame_straddle(tmp: Path) -> bytes:
    """A FRAME that ends inside the BINBYTES opcode that hides the payload: read opcode by
    opcode the payload is data; CPython's C unpickler reading the file runs it."""
    import struct

    hidden = b"cos\nsystem\n" + pickle.UNICODE + canary(tmp).encode() + b"\n" + pickle.TUPLE1 + b"R"
    return (
        b"\x80\x05" + pickle.NONE + pickle.UNICODE + b"a" * (8192 * 16 - 17) + b"\n" + pickle.POP
        + pickle.MARK + pickle.FRAME + struct.pack("<Q", 2) + pickle.BINBYTES
        + struct.pack("<I", 256 + 7) + b"\x00\x00"
        + (hidden + pickle.MARK).ljust(256 + 5, pickle.NONE) + pickle.POP_MARK + pickle.STOP
    )  # fmt: skip


def test_an_opcode_that_crosses_the_end_of_its_frame_is_high(tmp_path: Path) -> None:
    [f] = scan_file(tmp_path, "model.pkl", _frame_straddle(tmp_path))
    assert f.rule == "MF101" and f.severity >= Severity.HIGH
    assert "frames do not match" in f.message


def test_a_frame_inside_a_frame_is_high(tmp_path: Path) -> None:
    import struct

    inner = pickle.FRAME + struct.pack("<Q", 2) + pickle.NONE + pickle.POP
    body = pickle.NONE + pickle.POP + inner + pickle.NONE + pickle.STOP
    data = b"\x80\x04" + pickle.FRAME + struct.pack("<Q", len(body)) + body
    assert pickle.loads(data) is None  # the C unpickler accepts it; the Python one does not
    with pytest.raises(pickle.UnpicklingError):
        pickle._loads(data)  # type: ignore[attr-defined]
    [f] = scan_file(tmp_path, "model.pkl", data)
    assert f.severity >= Severity.HIGH and "frames do not match" in f.message


@pytest.mark.parametrize("proto", [4, 5])
def test_framed_pickles_written_by_cpython_stay_clean(tmp_path: Path, proto: int) -> None:
    value = {"w": [float(i) for i in range(50_000)], "b": b"\x01" * 300_000, "s": "x" * 70_000}
    assert scan_file(tmp_path, "m.pkl", pickle.dumps(value, protocol=proto)) == []
    with (tmp_path / "f.pkl").open("wb") as fh:  # large payloads bypass the frames
        pickle.dump(value, fh, protocol=proto)
    assert scan_file(tmp_path, "f2.pkl", (tmp_path / "f.pkl").read_bytes()) == []


def _run(data: bytes) -> tuple[object, list[tuple[int, str, str]], int]:
    """The machine on ``data``: its error (offset, reason), its anomalies and opcodes run."""
    from secplan.modelfile.limits import Budget, Limits
    from secplan.modelfile.pickle.vm import Machine
    from secplan.modelfile.policy import Policy

    r = Machine(data, 0, len(data), Policy.packaged(), Budget(Limits())).run()
    err = (r.error.offset, r.error.why) if r.error else None
    return err, [(a.offset, a.kind, a.detail) for a in r.anomalies], r.ops


@pytest.mark.parametrize(
    "data, error",
    [
        (b"\x80\x02\x8c\x05ab", (2, "payload of 5 bytes runs past the end of the data")),
        (b"\x80\x02\x8c", (2, "truncated opcode argument")),
        (b"\x80\x02\x8c\x02\xff\xfe.", (2, "string is not valid UTF-8")),
        (b"\x80\x02q", (2, "truncated opcode argument")),
        (b"\x80\x02q\x01.", (2, "unpickling stack underflow")),
        (b"\x80\x02\x94.", (2, "unpickling stack underflow")),
        (b"\x80\x02h\x07.", (2, "memo value not found at index 7")),
        (b"I1\ng7\n.", (3, "memo value not found at index 7")),
        (b"I1\ng00\n.", (3, "memo value not found at index False")),
        (b"I1\np-1\n.", (3, "negative PUT argument")),
        (b"I1\np12", (4, "truncated text argument (no newline)")),
        (b"I1\np1\ng1\n(K\x05K\x06l.", None),
        (b"F1.5x\n.", (0, "invalid float literal")),
        (b"F1.5", (1, "truncated text argument (no newline)")),
        (b"}I1\n(s.", (5, "unpickling stack underflow")),
        (b"}I1\nVa\\u00e9\ns(Fnan\nV\\x\nt.", None),
        (b"I1\np01\ng1\n0g01\n.", None),
    ],
)
def test_common_opcodes_keep_the_unpicklers_errors(
    data: bytes, error: tuple[int, str] | None
) -> None:
    assert _run(data)[0] == error


def test_setitem_on_what_is_no_collection_is_an_anomaly() -> None:
    err, anomalies, ops = _run(b"cos\nsystem\nI1\nI2\nsI3\nI4\ns.")
    assert err is None and ops == 8
    assert [a[:2] for a in anomalies] == [(17, "method-on-import"), (24, "method-on-import")]


def test_frame_straddle_is_seen_on_every_opcode() -> None:
    # a frame of 3 bytes that ends inside SHORT_BINUNICODE; one that ends inside BINPUT
    text = b"\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00\x8c\x04abcd\x94."
    err, anomalies, _ = _run(text)
    assert err is None
    assert anomalies == [
        (
            11,
            "frame-straddle",
            "SHORT_BINUNICODE at byte 11 runs past the end of its frame (byte 14)",
        )
    ]
    put = b"\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00K\x01q\x00."
    assert _run(put)[1] == [
        (13, "frame-straddle", "BINPUT at byte 13 runs past the end of its frame (byte 14)")
    ]
