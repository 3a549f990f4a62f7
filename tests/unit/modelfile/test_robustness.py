"""Regression tests for inputs that broke the analyzer's promise (a report, within limits,
whatever the file holds): bypasses, crashes, hangs and memory blow-ups.

Every input is generated here; payloads are canaries (see ``conftest.py``). No test measures
time: an input that hangs shows as a test that does not finish, and the limits the tests
set are work limits (opcodes, bytes), not seconds.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.model import Severity
from secplan.modelfile.limits import Limits
from secplan.sniff import classify
from tests.unit.modelfile.build import P, canary, rules, scan_bytes, scan_file, system


def _hand_zip(members: list[tuple[str, bytes, int, int]], content: bytes | None = None) -> bytes:
    """(name, stored bytes, method, declared size): a zip whose members say what they like
    (their CRC is that of ``content``, when given, else of the stored bytes)."""
    body, cd = bytearray(), bytearray()
    for name, data, method, usize in members:
        off, crc, raw = len(body), zlib.crc32(data if content is None else content), name.encode()
        body += struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), usize, len(raw), 0
        )
        body += raw + data
        cd += struct.pack(
            "<4sHHHHHHIIIHHHHHII",
            *(b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(data), usize, len(raw)),
            *(0, 0, 0, 0, 0, off),
        )
        cd += raw
    n = len(members)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, n, n, len(cd), len(body), 0)
    return bytes(body + cd + end)


# LZMA in a zip: a 4-byte header, then the properties; 0xff is no valid lc/lp/pb byte
BAD_LZMA = b"\x09\x14\x05\x00" + b"\xff" * 5 + b"x" * 20


def test_an_unreadable_member_does_not_hide_the_pickle_after_it(tmp_path: Path) -> None:
    data = _hand_zip(
        [
            ("archive/bad.bin", BAD_LZMA, 14, 100),
            ("archive/data.pkl", system(tmp_path), 0, len(system(tmp_path))),
        ]
    )
    found = scan_file(tmp_path, "model.pt", data)
    assert rules(found) == ["MF101", "MF104"]
    [bad] = [f for f in found if f.rule == "MF104"]
    assert bad.location.member == "archive/bad.bin" and "LZMA" in bad.message
    assert max(f.severity for f in found) is Severity.CRITICAL
    assert not any("analysis failed" in f.message for f in found)


def test_a_member_whose_analysis_raises_is_reported_alone(tmp_path: Path) -> None:
    # a nested zip with a member of invalid LZMA properties, beside the dangerous pickle
    inner = _hand_zip([("w.pkl", BAD_LZMA, 14, 100)])
    outer = _hand_zip(
        [
            ("archive/data.pkl", system(tmp_path), 0, len(system(tmp_path))),
            ("archive/extra.zip", inner, 0, len(inner)),
        ]
    )
    found = scan_file(tmp_path, "model.pt", outer)
    assert "MF101" in rules(found)
    assert any(f.location.member == "archive/extra.zip!w.pkl" for f in found if f.rule == "MF104")


def _tar_with(members: list[tuple[str, bytes]]) -> bytes:
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_tar_members_are_isolated(tmp_path: Path) -> None:
    bad = _hand_zip([("w.pkl", BAD_LZMA, 14, 100)])
    data = _tar_with([("a.zip", bad), ("b.pkl", system(tmp_path))])
    found = scan_file(tmp_path, "m.tar", data)
    assert "MF101" in rules(found)
    assert any(f.location.member == "a.zip!w.pkl" for f in found if f.rule == "MF104")


# ---------------------------------------------------------------- crashes


def _encode_call(text: str, codec: str) -> bytes:
    """``_codecs.encode(text, codec)`` in protocol 0 (no PROTO: the sniffer runs it)."""
    return (
        b"c_codecs\nencode\n(V" + text.encode("raw-unicode-escape") + b"\nV" + codec.encode()
    ) + b"\ntR."


def test_an_encode_the_loader_would_refuse_does_not_crash_the_sniffer(tmp_path: Path) -> None:
    data = _encode_call("\u0100", "latin1") + system(tmp_path, proto=None)
    _, fmt, _ = classify(Path("w.bin"), data, len(data))
    assert fmt == "pickle"
    found = scan_file(tmp_path, "w.bin", data)
    assert not any("analysis failed" in f.message for f in found)


def _joblib_wrapper(dtype: str) -> bytes:
    """A joblib ``NumpyArrayWrapper`` whose dtype string is ``dtype``."""
    p = P(2).glob("joblib.numpy_pickle", "NumpyArrayWrapper").raw(b")\x81")
    p.raw(b"}(").s("shape").raw(b"K\x01\x85").s("dtype")
    p.glob("numpy", "dtype").raw(b"(").s(dtype).raw(b"tR")
    return p.raw(b"ub").stop()


def test_a_dtype_of_thousands_of_digits_is_malformed_not_a_crash(tmp_path: Path) -> None:
    data = _joblib_wrapper("<f" + "9" * 5000)
    classify(Path("w.joblib"), data, len(data))
    found = scan_file(tmp_path, "w.joblib", data)
    assert "MF103" in rules(found)
    assert not any("analysis failed" in f.message for f in found)


def test_a_huge_integer_in_evidence_is_shown_by_its_size(tmp_path: Path) -> None:
    big = (1 << (8 * 2000 - 2)).to_bytes(2000, "little")
    data = P(2).glob("os", "system").raw(b"(\x8b" + struct.pack("<i", len(big)) + big + b"tR")
    found = scan_file(tmp_path, "w.pkl", data.stop())
    assert rules(found) == ["MF101"]
    assert "<int of 15,999 bits>" in found[0].evidence


# ---------------------------------------------------------------- hangs


def test_a_long_dotted_global_is_judged_without_walking_every_suffix(tmp_path: Path) -> None:
    name = ".".join(["path.os"] * 20_000) + ".system"
    data = P(2).glob("os", name).raw(b")R").stop()
    found = scan_file(tmp_path, "w.pkl", data, limits=Limits(max_ops=10_000))
    assert rules(found) == ["MF101"]
    assert all(len(f.message) < 1000 and len(f.evidence) < 2000 for f in found)


def test_a_canary_is_a_shell_command_never_run(tmp_path: Path) -> None:
    assert "CANARY" in canary(tmp_path)
    assert rules(scan_bytes(system(tmp_path))) == ["MF101"]


def test_seven_zip_members_are_extracted_one_by_one_when_one_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    py7zr = pytest.importorskip("py7zr")
    from secplan.modelfile.handlers import sevenzip

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr(b"broken", "a.bin")
        z.writestr(system(tmp_path), "b.pkl")
    real = sevenzip._extract

    def extract(py7zr: object, fh: object, names: list[str], limit: int) -> dict[str, bytes]:
        if "a.bin" in names:  # what a member with a corrupt stream makes py7zr do
            raise py7zr.exceptions.CrcError(0, 1, "a.bin")  # type: ignore[attr-defined]
        return real(py7zr, fh, names, limit)  # type: ignore[arg-type]

    monkeypatch.setattr(sevenzip, "_extract", extract)
    found = scan_file(tmp_path, "m.7z", buf.getvalue())
    assert "MF101" in rules(found)
    [bad] = [f for f in found if f.rule == "MF104"]
    assert bad.location.member == "a.bin" and "CrcError" in bad.message


HDF5 = b"\x89HDF\r\n\x1a\n"


def test_keras_raw_search_is_linear_in_the_file(tmp_path: Path) -> None:
    # the key over and over with no object after it: every hit used to copy the rest
    data = HDF5 + b"\x00" * 56 + b'{"class_name" ' * 20_000
    assert "MF101" not in rules(scan_file(tmp_path, "m.h5", data))


def test_keras_raw_search_that_fails_late_everywhere_is_not_verified(tmp_path: Path) -> None:
    data = HDF5 + b"\x00" * 56 + b'{"class_name": [' * 70_000
    found = scan_file(tmp_path, "m.h5", data)
    assert any(f.rule == "MF104" and "Keras" in f.message for f in found)


def test_keras_raw_search_still_finds_a_lambda(tmp_path: Path) -> None:
    config = b'{"class_name": "Lambda", "config": {"name": "l", "function": ["YWJj"]}}'
    data = HDF5 + b"\x00" * 56 + b"x" * 100_000 + config + b"\x00" * 100
    assert "MF108" in rules(scan_file(tmp_path, "m.h5", data))


def _pax_tar(pax: dict[str, str], before: bytes, after: bytes) -> bytes:
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for name, data, headers in (("a.pkl", before, {}), ("b.pkl", after, pax)):
            info = tarfile.TarInfo(name)
            info.size, info.pax_headers = len(data), headers
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_a_pax_header_that_stalls_tarfile_is_refused(tmp_path: Path) -> None:
    # CVE-2024-6232: a long run of digits makes tarfile's header regex backtrack
    data = _pax_tar({"comment": "1" * 200_000}, system(tmp_path), b"x")
    found = scan_file(tmp_path, "m.tar", data)
    assert "MF101" in rules(found)  # the member before the header was analysed
    [refused] = [f for f in found if "extended header" in f.message]
    assert refused.rule == "MF103" and refused.severity is Severity.HIGH


def test_pax_records_must_end_inside_themselves() -> None:
    from secplan.modelfile.handlers.archives import pax_problem

    assert pax_problem(b"29 path=some/long/name/a.pkl\n") is None
    assert pax_problem(b"22 mtime=1700000000.5\n" + b"\x00" * 10) is None
    assert pax_problem(b"4 a\n" * 1000 + b"=") is not None  # each keyword runs to the end
    assert pax_problem(b"99 path=x\n") is not None
    assert pax_problem(b"1" * 65 + b" x=y\n") is not None


def test_ordinary_pax_headers_are_read(tmp_path: Path) -> None:
    long = "d/" * 80 + "model.pkl"
    data = _pax_tar({"path": long, "comment": "12345"}, b"x", system(tmp_path))
    found = scan_file(tmp_path, "m.tar", data)
    assert [f.location.member for f in found if f.rule == "MF101"] == [long]


# ---------------------------------------------------------------- memory


def test_the_stack_limit_counts_every_mark_segment() -> None:
    # three segments of 600 entries, each under a limit of 1,000 that together they exceed
    data = b"\x80\x02" + (b"(" + b"N" * 600) * 3 + b"."
    found = scan_bytes(data, Limits(max_stack=1000))
    assert [f.rule for f in found] == ["MF104"] and "stack" in found[0].message


def test_objects_held_in_nested_containers_are_counted() -> None:
    # lists of 64 lists, each kept by its parent: few stack entries, many objects
    unit = b"](" + b"]" * 64 + b"e"
    data = b"\x80\x02" + unit * 5_000 + b"."
    found = scan_bytes(data, Limits(max_objects=50_000))
    assert [f.rule for f in found] == ["MF104"] and "objects" in found[0].message
    assert scan_bytes(data, Limits()) == []  # within the default limits: analysed, clean


def test_a_compression_bomb_stops_at_the_ratio_without_expanding() -> None:
    import bz2

    from secplan.modelfile.context import Where
    from secplan.modelfile.dispatch import analyze_bytes, new_context
    from secplan.modelfile.policy import Policy

    bomb = bz2.compress(b"\x00" * (32 << 20), 9)
    ctx = new_context(Policy.packaged(), Limits(ratio_floor=1 << 20))
    analyze_bytes(bomb, Where("x", None, None, 0, "w.pkl.bz2"), ctx)
    assert [f.rule for f in ctx.sink.findings] == ["MF107"]
    assert ctx.budget.decompressed <= 8 << 20  # stopped near the floor, not at 32 MiB


def test_large_content_is_held_once_in_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    from secplan.modelfile import buffer

    monkeypatch.setattr(buffer, "SPILL_BYTES", 1 << 16)
    payload = P(2).b(b"\x00" * (1 << 20)).call("os", "system", canary(tmp_path)).stop()
    found = scan_file(tmp_path, "w.pkl.gz", gzip.compress(payload))
    assert rules(found) == ["MF101"]
    member = _hand_zip([("a/data.pkl", zlib.compress(payload)[2:-4], 8, len(payload))], payload)
    assert rules(scan_file(tmp_path, "m.pt", member)) == ["MF101"]


@given(
    data=st.binary(max_size=64),
    start=st.integers(0, 70),
    size=st.integers(0, 70),
    a=st.integers(-80, 80) | st.none(),
    b=st.integers(-80, 80) | st.none(),
    sub=st.binary(max_size=3),
)
def test_a_window_reads_like_the_slice_it_stands_for(
    data: bytes, start: int, size: int, a: int | None, b: int | None, sub: bytes
) -> None:
    from secplan.modelfile.buffer import Window

    start, size = min(start, len(data)), min(size, max(0, len(data) - start))
    w, ref = Window(data, start, size), data[start : start + size]
    assert w[a:b] == ref[a:b] and w[a:b:2] == ref[a:b:2]
    lo, hi = a or 0, b if b is not None else size
    assert w.find(sub, lo, hi) == ref.find(sub, lo, hi)
    assert w.rfind(sub, lo, hi) == ref.rfind(sub, lo, hi)
    for i in (0, size - 1, -1):
        if ref:
            assert w[i] == ref[i]


def test_a_gnu_long_name_claiming_gigabytes_is_refused(tmp_path: Path) -> None:
    import tarfile

    payload = system(tmp_path)
    member = _tar_with([("a.pkl", payload)])[: 512 + -(-len(payload) // 512) * 512]
    head = tarfile.TarInfo("././@LongLink")
    head.type, head.size = tarfile.GNUTYPE_LONGNAME, 8 << 30
    block = head.tobuf(tarfile.GNU_FORMAT)
    found = scan_file(tmp_path, "m.tar", member + block + b"\x00" * 2048)
    assert "MF101" in rules(found)
    assert any(f.severity is Severity.HIGH and "GNU long name" in f.message for f in found)


# ---------------------------------------------------------------- processes


def _crashing_analyze(shared: tuple[tuple[str, ...], Limits], item: tuple[Path, str]) -> object:
    import os

    from secplan.modelfile import analyze_file

    allow, limits = shared
    path, rel = item

    if path.name == "crash.pkl":  # what a segfault in a native reader does to its process
        os._exit(70)
    return analyze_file(path, rel, allow=allow, limits=limits)


def test_a_file_that_kills_its_worker_does_not_hide_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import pickle

    from typer.testing import CliRunner

    from secplan import model_scan
    from secplan.cli.model import model_app

    monkeypatch.setattr(model_scan, "_analyze", _crashing_analyze)
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "crash.pkl").write_bytes(pickle.dumps([1]))
    for i in range(3):
        (folder / f"ok{i}.pkl").write_bytes(pickle.dumps({"i": i}))
    (folder / "evil.pkl").write_bytes(system(tmp_path))
    res = CliRunner().invoke(model_app, ["scan", str(folder), "-f", "json", "-j", "2"])
    found = {(f["rule"], f["location"]["path"]) for f in json.loads(res.stdout)["findings"]}
    assert ("MF101", "evil.pkl") in found, res.stdout[-2000:]
    assert res.exit_code == 1
    assert {p for r, p in found if r != "MF101"} == {"crash.pkl"}
