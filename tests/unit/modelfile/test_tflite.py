"""TensorFlow Lite models: operator codes (builtin, custom, Flex) and the FlatBuffer's bounds.

Samples are built by hand (tests/unit/modelfile/build.py); nothing is ever run.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from secplan.model import Severity
from secplan.modelfile.readers.flatbuf import FlatError, root
from secplan.modelfile.readers.protowire import Counter
from tests.unit.modelfile.build import flatbuffer, rules, scan_bytes, scan_file, tflite

CONV_2D, FULLY_CONNECTED, CUSTOM, GELU = 3, 9, 32, 150


def test_builtin_operators_pass_clean(tmp_path: Path) -> None:
    model = tflite([(CONV_2D, None), (FULLY_CONNECTED, None), (GELU, None)])
    assert scan_file(tmp_path, "m.tflite", model) == []
    assert scan_bytes(model, name="no-extension") == []


def test_known_custom_operators_pass_clean() -> None:
    model = tflite([(CUSTOM, "TFLite_Detection_PostProcess"), (CUSTOM, "MaxUnpooling2D")])
    assert scan_bytes(model) == []


def test_unknown_custom_operator_needs_review() -> None:
    [f] = scan_bytes(tflite([(CONV_2D, None), (CUSTOM, "AcmeSecretOp")]))
    assert f.rule == "MF112" and f.severity is Severity.MEDIUM
    assert "'AcmeSecretOp'" in f.message


def test_custom_name_on_a_builtin_code_is_ignored_as_the_interpreter_ignores_it() -> None:
    assert scan_bytes(tflite([(CONV_2D, "AcmeSecretOp")])) == []


@pytest.mark.parametrize(
    "op, severity",
    [("FlexWriteFile", Severity.HIGH), ("FlexEagerPyFunc", Severity.CRITICAL)],
)
def test_flex_operators_are_checked_as_tensorflow_ops(op: str, severity: Severity) -> None:
    [f] = scan_bytes(tflite([(CUSTOM, op)]))
    assert f.rule == "MF110" and f.severity is severity and op[4:] in f.message


def test_harmless_flex_operator_passes() -> None:
    assert scan_bytes(tflite([(CUSTOM, "FlexRFFT2D")])) == []


def test_operator_with_a_missing_code_is_malformed() -> None:
    [f] = scan_bytes(tflite([(CONV_2D, None)], operators=[0, 5]))
    assert f.rule == "MF103" and "operator code" in f.message


def test_buffer_outside_the_file_is_malformed() -> None:
    model = tflite([(CONV_2D, None)], buffers=[{}, {1: ("u64", 1 << 40), 2: ("u64", 16)}])
    [f] = scan_bytes(model)
    assert f.rule == "MF103" and "outside the file" in f.message


def test_truncated_and_corrupt_flatbuffers_are_one_finding_each() -> None:
    model = tflite([(CONV_2D, None), (CUSTOM, "AcmeSecretOp")])
    for data in (model[:40], model[:8] + b"\xff" * 8 + model[16:]):
        found = scan_bytes(data)
        assert rules(found) == ["MF103"], found
        assert "malformed" in found[0].message


def test_every_prefix_and_bit_flip_gives_findings_not_errors() -> None:
    model = tflite([(CONV_2D, None), (CUSTOM, "AcmeSecretOp")])
    for cut in range(8, len(model), 7):
        scan_bytes(model[:cut])
    for pos in range(0, len(model), 3):
        flipped = bytearray(model)
        flipped[pos] ^= 0x80
        scan_bytes(bytes(flipped))


def test_offsets_that_point_at_the_same_table_are_charged_to_the_limit() -> None:
    table = flatbuffer({1: ("tables", [{0: ("u32", 1)}])})
    start = struct.unpack_from("<I", table)[0]
    model = root(table, len(table), Counter(1000))
    assert [t.u32(0) for t in model.tables(1)] == [1]
    with pytest.raises(Exception, match="too many"):
        list(root(table, len(table), Counter(1)).tables(1))
    with pytest.raises(FlatError):
        root(table[: start + 2], start + 2, Counter(10))
