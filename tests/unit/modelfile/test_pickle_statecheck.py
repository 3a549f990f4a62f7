"""File-writing classes whose state is checked ([[state_check]] in the pickle policy).

sklearn-crfsuite's ``FileResource`` writes the bytes it carries to
``tempfile.mkstemp(suffix, prefix)`` and unlinks ``name`` when collected. The pickles here are
written opcode by opcode (the class is never imported); a prefix that would escape the temporary
directory points at the test's canary file, which must never appear.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from secplan.model import Severity
from tests.unit.modelfile.build import scan_file

CLASS = b"sklearn_crfsuite._fileresource\nFileResource\n"
Value = str | bytes | int | bool | None


def _text(s: str) -> bytes:
    raw = s.encode()
    return b"X" + struct.pack("<I", len(raw)) + raw


def _value(v: Value) -> bytes:
    if v is None:
        return b"N"
    if v is True:
        return b"\x88"
    if v is False:
        return b"\x89"
    if isinstance(v, int):
        return b"J" + struct.pack("<i", v)
    if isinstance(v, bytes):
        return b"C" + bytes([len(v)]) + v
    return _text(v)


def _state(state: dict[str, Value | bytes], computed: dict[str, bytes] | None = None) -> bytes:
    out = b"}("
    for k, v in state.items():
        out += _text(k) + (v if isinstance(v, bytes) and k in (computed or {}) else _value(v))
    return out + b"u"


def resource(
    state: dict[str, Value] | None,
    *,
    computed: dict[str, bytes] | None = None,
    maker: str = "newobj",
    builds: int = 1,
) -> bytes:
    """A pickle of FileResource with ``state``; ``computed`` values are raw opcodes."""
    if maker == "newobj":
        head = b"\x80\x02c" + CLASS + b")\x81"
    elif maker == "reconstructor":  # protocol 0-1 form of a new-style class
        head = b"ccopy_reg\n_reconstructor\n(c" + CLASS + b"c__builtin__\nobject\nNtR"
    elif maker == "rebuild":  # a higher-order function that sets state by itself
        head = b"\x80\x02ctorch._tensor\n_rebuild_from_type_v2\n(c" + CLASS + b"c" + CLASS
        head += b")}tR"
    elif maker == "reduce-args":
        head = b"\x80\x02c" + CLASS + b"(" + _text(state.pop("filename") if state else "") + b"tR"
    else:
        raise AssertionError(maker)
    body = b""
    if state is not None:
        st = dict(state)
        if computed:
            st.update(computed)  # type: ignore[arg-type]
        for _ in range(builds):
            body += _state(st, computed) + b"b"
    return head + body + b"."


def _resource_findings(tmp_path: Path, data: bytes) -> list[tuple[Severity, str, str]]:
    found = scan_file(tmp_path, "model.pkl", data)
    return [
        (f.severity, f.message, f.evidence or "")
        for f in found
        if "FileResource" in f.message or "FileResource" in (f.evidence or "")
    ]


def benign() -> dict[str, Value]:
    return {
        "name": None,
        "auto": True,
        "keep_tempfiles": None,
        "suffix": ".crfsuite",
        "prefix": "model",
        "fd": 13,
        "__FILE_RESOURCE_DATA__": b"lCRF\x10FOMC",
    }


@pytest.mark.parametrize("maker", ["newobj", "reconstructor"])
def test_a_resource_naming_a_fresh_temporary_file_is_low(tmp_path: Path, maker: str) -> None:
    [(severity, message, evidence)] = _resource_findings(tmp_path, resource(benign(), maker=maker))
    assert severity is Severity.LOW
    assert "writes a file from its state" in message
    assert "prefix 'model'" in evidence and "suffix '.crfsuite'" in evidence
    assert "name None" in evidence


def test_a_resource_without_state_is_low(tmp_path: Path) -> None:
    [(severity, _, _)] = _resource_findings(tmp_path, resource(None))
    assert severity is Severity.LOW


def _escape(tmp_path: Path) -> str:
    # mkstemp(prefix=...) joins this to the temporary directory: it lands on the canary
    return "../" * 12 + str(tmp_path).lstrip("/") + "/CANARY"


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("prefix", "ESCAPE", "path separator"),
        ("prefix", "..", "'..'"),
        ("suffix", "/../x.pth", "path separator"),
        ("suffix", "a\\b", "path separator"),
        ("prefix", "x\0y", "NUL"),
        ("prefix", "C:x", "drive"),
        ("prefix", 7, "not literal text"),
        ("name", "ESCAPE", "names a file it writes or deletes"),
        ("filename", "/etc/passwd", "names a file it writes or deletes"),
    ],
)
def test_an_unsafe_state_value_stays_critical(
    tmp_path: Path, key: str, value: Value, says: str
) -> None:
    state = benign()
    state[key] = _escape(tmp_path) if value == "ESCAPE" else value
    [(severity, message, evidence)] = _resource_findings(tmp_path, resource(state))
    assert severity is Severity.CRITICAL, evidence
    assert "file write sink" in message
    assert "state not proven safe" in evidence and says in evidence


@pytest.mark.parametrize(
    "computed",
    [
        {"prefix": b"cbuiltins\nstr\n(" + _text("../x") + b"tR"},  # str('../x')
        {"prefix": b"\x80\x02cbuiltins\nstr\n)R"[2:]},  # str()
        {"auto": b"cbuiltins\nbool\n(J\x01\x00\x00\x00tR"},  # any key, not only names
    ],
)
def test_a_computed_state_value_stays_critical(tmp_path: Path, computed: dict[str, bytes]) -> None:
    found = _resource_findings(tmp_path, resource(benign(), computed=computed))
    crit = [f for f in found if "file write sink" in f[1]]
    assert crit and crit[0][0] is Severity.CRITICAL
    assert "state not proven safe" in crit[0][2]


def test_a_computed_state_dict_stays_critical(tmp_path: Path) -> None:
    data = b"\x80\x02c" + CLASS + b")\x81cbuiltins\ndict\n)Rb."
    [(severity, _, evidence)] = _resource_findings(tmp_path, data)
    assert severity is Severity.CRITICAL and "not a literal dict" in evidence


def test_a_computed_state_key_stays_critical(tmp_path: Path) -> None:
    key = b"cbuiltins\nstr\n(" + _text("prefix") + b"tR"
    data = b"\x80\x02c" + CLASS + b")\x81}(" + key + _text("../x") + b"ub."
    [(severity, _, evidence)] = _resource_findings(tmp_path, data)
    assert severity is Severity.CRITICAL and "not a literal dict" in evidence


def test_a_second_build_stays_critical(tmp_path: Path) -> None:
    found = _resource_findings(tmp_path, resource(benign(), builds=2))
    assert found[0][0] is Severity.CRITICAL and "BUILD" in found[0][2]


def test_an_instance_made_by_another_higher_order_function_stays_critical(
    tmp_path: Path,
) -> None:
    found = _resource_findings(tmp_path, resource(None, maker="rebuild"))
    crit = [f for f in found if "file write sink" in f[1]]
    assert crit and crit[0][0] is Severity.CRITICAL
    assert "not a plain constructor" in crit[0][2]


def test_a_reconstructor_with_another_base_stays_critical(tmp_path: Path) -> None:
    data = b"ccopy_reg\n_reconstructor\n(c" + CLASS + b"c" + CLASS + b"NtR."
    found = _resource_findings(tmp_path, data)
    assert found and found[0][0] is Severity.CRITICAL


def test_a_constructor_argument_naming_a_file_stays_critical(tmp_path: Path) -> None:
    data = resource({"filename": _escape(tmp_path)}, maker="reduce-args")
    found = _resource_findings(tmp_path, data)
    assert found and found[0][0] is Severity.CRITICAL
    assert "filename" in found[0][2]


def test_the_class_referenced_but_not_called_stays_critical(tmp_path: Path) -> None:
    data = b"\x80\x02(c" + CLASS + b"l."  # [FileResource]: used, never called here
    found = _resource_findings(tmp_path, data)
    assert found and found[0][0] is Severity.CRITICAL


def test_more_instances_than_the_machine_keeps_stay_critical(tmp_path: Path) -> None:
    one = b"h\x00)\x81" + _state(benign()) + b"b"
    data = b"\x80\x02c" + CLASS + b"q\x00(" + one * 6 + b"l."
    found = _resource_findings(tmp_path, data)
    assert found and found[0][0] is Severity.CRITICAL and "kept" in found[0][2]


def test_many_safe_instances_within_the_cap_are_low(tmp_path: Path) -> None:
    one = b"h\x00)\x81" + _state(benign()) + b"b"
    data = b"\x80\x02c" + CLASS + b"q\x00(" + one * 3 + b"l."
    [(severity, _, evidence)] = _resource_findings(tmp_path, data)
    assert severity is Severity.LOW and "3 instance(s)" in evidence
