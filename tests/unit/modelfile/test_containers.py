"""Containers: PyTorch zips as PyTorch reads them, archives (MF105-MF107), compression, NumPy.

Known false negatives: zstd/lz4-compressed files and RAR archives are only reported as not
verified (MF104); TorchScript code members are not analysed.
"""

from __future__ import annotations

import gzip
import io
import lzma
import pickle
import sys
from pathlib import Path

import pytest

from secplan.model import Severity
from tests.unit.modelfile.build import (
    P,
    rules,
    scan_bytes,
    scan_file,
    std_zip,
    system,
    tar_bytes,
    zip_bytes,
)

BENIGN = pickle.dumps({"w": [1.0, 2.0]}, protocol=2)


def _members(found: list) -> set[str]:  # type: ignore[type-arg]
    return {f.location.member for f in found if f.rule == "MF101"}


def test_torch_zip_any_name_and_member_location(tmp_path: Path) -> None:
    data = zip_bytes([("weird_top/data.pkl", system(tmp_path)), ("weird_top/data/0", b"\x80\x02")])
    found = scan_file(tmp_path, "shard-00017", data)
    assert rules(found) == ["MF101"] and _members(found) == {"weird_top/data.pkl"}


def test_benign_torch_like_zip_does_not_fire(tmp_path: Path) -> None:
    data = zip_bytes(
        [
            ("archive/data.pkl", BENIGN),
            ("archive/data/0", b"\x80\x02junk" * 100),
            ("archive/version", b"3\n"),
        ]
    )
    assert scan_file(tmp_path, "model.pt", data) == []


def test_crc_mismatch_and_name_mismatch_are_read_anyway(tmp_path: Path) -> None:
    crc = zip_bytes([("archive/data.pkl", system(tmp_path))], crc={"archive/data.pkl": 1})
    found = scan_bytes(crc)
    assert rules(found) == ["MF101", "MF103"]
    assert any("CRC" in f.message and f.severity is Severity.HIGH for f in found)
    named = zip_bytes(
        [("archive/data.pkl", system(tmp_path))], local={"archive/data.pkl": "archive/readme.txt"}
    )
    found = scan_bytes(named, name="m.pt")
    assert "MF101" in rules(found) and any("local header" in f.message for f in found)


def test_case_variants_and_ambiguous_records(tmp_path: Path) -> None:
    data = zip_bytes(
        [
            ("archive/version", b"3"),
            ("archive/DATA.PKL", system(tmp_path)),
            ("archive/data.pkl", BENIGN),
        ]
    )
    found = scan_bytes(data)
    assert _members(found) == {"archive/DATA.PKL"}
    assert any("several members match" in f.message for f in found)


def test_deflated_members(tmp_path: Path) -> None:
    data = zip_bytes([("a/data.pkl", system(tmp_path))], deflate=True)
    assert rules(scan_bytes(data)) == ["MF101"]


@pytest.mark.parametrize("method", ["bzip2", "lzma"])
def test_bzip2_and_lzma_members_are_analysed(tmp_path: Path, method: str) -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", getattr(zipfile, f"ZIP_{method.upper()}")) as zf:
        zf.writestr("bundle/model.joblib", system(tmp_path))  # no telling name, content only
        zf.writestr("bundle/weights", system(tmp_path))
    found = scan_bytes(buf.getvalue())
    assert sorted(f.location.member for f in found if f.rule == "MF101") == [
        "bundle/model.joblib",
        "bundle/weights",
    ]
    assert not (tmp_path / "CANARY").exists()


def test_unrecognised_member_named_as_a_model_is_reported(tmp_path: Path) -> None:
    data = std_zip({"models/model.bin": b"\x13\x37 not any known format", "notes.txt": b"x"})
    [f] = scan_bytes(data)
    assert f.rule == "MF104" and f.location.member == "models/model.bin"


def test_zip_traversal_links_and_bombs(tmp_path: Path) -> None:
    slip = std_zip({"../../evil.txt": b"x", "ok.txt": b"y"})
    [f] = scan_bytes(slip)
    assert f.rule == "MF105" and f.location.member == "../../evil.txt"
    assert scan_bytes(std_zip({"models/readme.txt": b"hello"})) == []
    bomb = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.bin", b"\x00" * (80 << 20))
    found = scan_bytes(bomb.getvalue())
    assert rules(found) == ["MF107"]


def test_tar_links_traversal_duplicates_and_nesting(tmp_path: Path) -> None:
    link = tar_bytes([("weights", None, "/etc")])
    assert rules(scan_bytes(link)) == ["MF105", "MF106"]  # the target escapes too
    assert rules(scan_bytes(tar_bytes([("latest", None, "v1/model.pt")]))) == ["MF106"]
    slip = tar_bytes([("/abs/evil.pkl", BENIGN, "")])
    assert rules(scan_bytes(slip)) == ["MF105"]
    dup = tar_bytes([("m.pkl", BENIGN, ""), ("m.pkl", system(tmp_path), "")])
    found = scan_bytes(dup)
    assert rules(found) == ["MF101", "MF103"]
    inner = std_zip({"model.pt": zip_bytes([("archive/data.pkl", system(tmp_path))])})
    nested = tar_bytes([("bundle/model.zip", inner, "")], mode="w:gz")
    found = scan_file(tmp_path, "bundle.tar.gz", nested)
    assert _members(found) == {"<gzip content>!bundle/model.zip!model.pt!archive/data.pkl"}
    assert scan_file(tmp_path, "ok.tar.gz", tar_bytes([("m.pkl", BENIGN, "")], mode="w:gz")) == []


def test_legacy_torch_tar(tmp_path: Path) -> None:
    data = tar_bytes(
        [
            ("storages", pickle.dumps(0, protocol=2), ""),
            ("tensors", pickle.dumps(0, protocol=2), ""),
            ("pickle", system(tmp_path), ""),
        ]
    )
    found = scan_file(tmp_path, "old.pt", data)
    assert _members(found) == {"pickle"}


@pytest.mark.parametrize(
    "compress",
    [gzip.compress, lzma.compress, lambda d: lzma.compress(d, format=lzma.FORMAT_ALONE)],
)
def test_compressed_pickles(tmp_path: Path, compress: object) -> None:
    data = compress(system(tmp_path))  # type: ignore[operator]
    found = scan_file(tmp_path, "model.joblib", data)
    assert rules(found) == ["MF101"] and found[0].location.member.startswith("<")
    assert scan_file(tmp_path, "ok.joblib", compress(BENIGN)) == []  # type: ignore[operator]


def test_compression_bomb(tmp_path: Path) -> None:
    from secplan.modelfile.limits import Limits

    data = gzip.compress(b"\x00" * (8 << 20))
    found = scan_bytes(data, limits=Limits(max_member_bytes=1 << 20))
    assert rules(found) == ["MF107"]


def test_polyglot_pickle_and_zip(tmp_path: Path) -> None:
    data = system(tmp_path) + zip_bytes([("archive/data.pkl", BENIGN)])
    found = scan_bytes(data)
    assert "MF101" in rules(found)
    assert any("several formats" in f.message and f.severity is Severity.HIGH for f in found)


def test_zip_carried_inside_a_pickle_is_not_a_polyglot(tmp_path: Path) -> None:
    data = pickle.dumps({"blob": zip_bytes([("a.txt", b"x")])}, protocol=4)
    assert scan_bytes(data) == []


def test_npy_and_npz(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")

    class Payload:
        def __reduce__(self) -> tuple[object, ...]:
            import os

            return (os.system, (f"touch {tmp_path / 'CANARY'}",))

    buf = io.BytesIO()
    np.save(buf, np.array([Payload()], dtype=object), allow_pickle=True)
    [f] = scan_file(tmp_path, "a.npy", buf.getvalue())
    assert f.rule == "MF101" and f.location.offset is not None and f.location.offset > 100
    clean = io.BytesIO()
    np.savez(clean, w=np.arange(10.0), x=np.zeros((2, 3), dtype=np.int8))
    assert scan_file(tmp_path, "w.npz", clean.getvalue()) == []
    plain = io.BytesIO()
    np.save(plain, np.arange(4.0))
    assert rules(scan_file(tmp_path, "t.npy", plain.getvalue() + b"extra")) == ["MF103"]
    # a structured dtype whose field *name* starts with "O" holds no objects
    named = io.BytesIO()
    np.save(named, np.zeros(3, dtype=[("Offset", "<f8"), ("y", "<i4")]))
    assert scan_file(tmp_path, "s.npy", named.getvalue()) == []
    objects = io.BytesIO()
    np.save(
        objects, np.array([(1, Payload())], dtype=[("a", "<i4"), ("o", "O")]), allow_pickle=True
    )
    assert "MF101" in rules(scan_file(tmp_path, "o.npy", objects.getvalue()))


def test_seven_zip(tmp_path: Path) -> None:
    py7zr = pytest.importorskip("py7zr")
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr(zip_bytes([("archive/data.pkl", system(tmp_path))]), "model.pt")
    found = scan_file(tmp_path, "m.7z", buf.getvalue())
    assert _members(found) == {"model.pt!archive/data.pkl"}
    from secplan.modelfile.limits import Limits

    deep = scan_bytes(buf.getvalue(), Limits(max_nesting=0), name="m.7z")
    assert [f.rule for f in deep] == ["MF107"] and "nested deeper" in deep[0].message


def test_unknown_and_encrypted_are_not_verified(tmp_path: Path) -> None:
    [f] = scan_file(tmp_path, "model.bin", b"\x01\x02\x03" * 100)
    assert f.rule == "MF104" and f.severity is Severity.MEDIUM
    [g] = scan_file(tmp_path, "model.pt.age", b"age-encryption.org/v1\n-> X25519 abc\n")
    assert g.rule == "MF104" and "encrypted" in g.message
    assert rules(scan_file(tmp_path, "empty.pt", b"")) == ["MF104"]


def test_compressed_text_is_treated_like_the_text_itself(tmp_path: Path) -> None:
    """A bundled dataset (scikit-learn's diabetes.csv.gz): text, like a plain .csv, which is
    not a model file; anything a loader can read as a model is still analysed."""
    csv = b"".join(b"%d,%.4f,-0.0388\n" % (i, i / 7) for i in range(500))
    [f] = scan_file(tmp_path, "data.csv.gz", gzip.compress(csv))
    assert f.severity is Severity.INFO and "text" in f.message
    text_pickle = pickle.dumps({"a": 1}, protocol=0)
    assert text_pickle.isascii()
    assert scan_file(tmp_path, "x.csv.gz", gzip.compress(text_pickle)) == []
    hostile = P(None).call("os", "system", "true").stop()
    assert "MF101" in rules(scan_file(tmp_path, "y.csv.gz", gzip.compress(hostile)))
    for claims in ("model.pkl.gz", "config.json.gz", "hydra.yaml.gz", "modeling_x.py.gz"):
        [g] = scan_file(tmp_path, claims, gzip.compress(csv))  # the name claims more than text
        assert g.rule == "MF104" and g.severity is Severity.MEDIUM, claims
    [h] = scan_file(tmp_path, "blob.gz", gzip.compress(bytes(range(256)) * 8))
    assert h.rule == "MF104" and h.severity is Severity.MEDIUM


def test_lz4_frames_are_decompressed_as_joblib_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """joblib.dump(..., compress="lz4") (MTCNN's published weights): an lz4 frame around the
    pickle, read with the optional lz4 package."""
    frame = pytest.importorskip("lz4.frame")
    joblib = pytest.importorskip("joblib")
    numpy = pytest.importorskip("numpy")
    joblib.dump({"w": numpy.arange(64.0)}, tmp_path / "weights.lz4", compress="lz4")
    assert scan_file(tmp_path, "weights.lz4", (tmp_path / "weights.lz4").read_bytes()) == []
    found = scan_file(tmp_path, "model.joblib", frame.compress(system(tmp_path)))
    assert rules(found) == ["MF101"] and found[0].location.member == "<lz4 content>"
    corrupt = frame.compress(BENIGN)[:12] + b"\xff" * 40
    assert rules(scan_file(tmp_path, "bad.joblib", corrupt)) == ["MF103"]
    bomb = frame.compress(b"\x00" * (8 << 20))
    from secplan.modelfile.limits import Limits

    assert rules(scan_bytes(bomb, limits=Limits(max_member_bytes=1 << 20))) == ["MF107"]
    monkeypatch.setitem(sys.modules, "lz4.frame", None)  # not installed
    [f] = scan_file(tmp_path, "model2.joblib", frame.compress(system(tmp_path)))
    assert f.rule == "MF104" and "optional lz4 package" in f.message
