from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from secplan.discovery import discover
from tests.helpers import deny_reading, write


def _paths(root: Path, **kw: object) -> list[str]:
    return [a.relpath for a in discover(root, **kw).artifacts]  # type: ignore[arg-type]


def test_gitignore_root_and_nested_are_honoured(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.log\nbuild/\n")
    write(tmp_path, "a.py", "x = 1\n")
    write(tmp_path, "run.log", "x\n")
    write(tmp_path, "build/out.py", "x\n")
    write(tmp_path, "sub/.gitignore", "secret.txt\n")
    write(tmp_path, "sub/secret.txt", "x\n")
    write(tmp_path, "sub/keep.txt", "x\n")
    found = discover(tmp_path)
    paths = [a.relpath for a in found.artifacts]
    assert "a.py" in paths and "sub/keep.txt" in paths
    assert "run.log" not in paths and "build/out.py" not in paths and "sub/secret.txt" not in paths
    reasons = {s.path: s.reason for s in found.skipped}
    assert reasons["run.log"] == "ignored by .gitignore"
    assert reasons["sub/secret.txt"] == "ignored by sub/.gitignore"
    assert "build/" in reasons
    # ignoring can be switched off
    assert "run.log" in _paths(tmp_path, use_gitignore=False)


def test_configured_excludes(tmp_path: Path) -> None:
    write(tmp_path, "a.py", "x\n")
    write(tmp_path, "vendor/b.py", "x\n")
    assert _paths(tmp_path, exclude=("vendor/",)) == [".gitignore"] * 0 + ["a.py"]


def test_symlinks_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.csv", "a,b\n1,2\n")
    root = tmp_path / "root"
    write(root, "a.py", "x\n")
    (root / "link").symlink_to(outside)
    (root / "file_link.csv").symlink_to(outside / "secret.csv")
    found = discover(root)
    assert [a.relpath for a in found.artifacts] == ["a.py"]
    assert {s.path for s in found.skipped} == {"link", "file_link.csv"}


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    write(tmp_path, "a.py", "x\n")
    os.mkfifo(tmp_path / "pipe")
    result: list[object] = []
    t = threading.Thread(target=lambda: result.append(discover(tmp_path)), daemon=True)
    t.start()
    t.join(timeout=10)
    assert result, "discovery blocked on a FIFO"
    found = result[0]
    assert [s.reason for s in found.skipped if s.path == "pipe"] == [  # type: ignore[attr-defined]
        "not a regular file (device, FIFO or socket)"
    ]


def test_unreadable_file_becomes_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "ok.py", "x\n")
    bad = write(tmp_path, "model.pkl", b"\x80\x04.")
    if os.geteuid() != 0:
        bad.chmod(0)
    else:
        deny_reading(monkeypatch, "model.pkl")
    found = discover(tmp_path)
    assert [a.relpath for a in found.artifacts] == ["ok.py"]
    assert [(e.path, e.message) for e in found.errors] == [
        ("model.pkl", "cannot read (Permission denied)")
    ]


def test_file_limit(tmp_path: Path) -> None:
    for i in range(5):
        write(tmp_path, f"f{i}.txt", "x\n")
    found = discover(tmp_path, max_files=3)
    assert len(found.artifacts) == 3
    assert sum(1 for s in found.skipped if "limit" in s.reason) == 2


def test_single_file_target(tmp_path: Path) -> None:
    f = write(tmp_path, "m.pkl", b"\x80\x04K\x01.")
    found = discover(f)
    assert [(a.relpath, a.kind.value) for a in found.artifacts] == [("m.pkl", "model")]


def test_records_directory_is_not_an_artifact(tmp_path: Path) -> None:
    write(tmp_path, ".secplan/waivers/w.toml", "x = 1\n")
    write(tmp_path, ".git/config", "x\n")
    assert _paths(tmp_path) == []


def test_dotenv_files_are_discovered_even_when_git_ignores_them(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", ".env\n*.env\n.env.*\nsecrets/\n*.log\n")
    for name in (".env", "prod.env", ".env.local", "secrets/.env", "run.log", "app.py"):
        write(tmp_path, name, "X=1\n")
    found = discover(tmp_path)
    ignored = {a.relpath: a.git_ignored for a in found.artifacts}
    assert ignored == {
        ".env": True,
        ".env.local": True,
        ".gitignore": False,
        "app.py": False,
        "prod.env": True,
    }
    skipped = {s.path for s in found.skipped}
    assert skipped == {"run.log", "secrets/"}  # a directory git ignores is not walked
    assert {a.relpath for a in discover(tmp_path, exclude=(".env",)).artifacts} >= {"prod.env"}
    assert ".env" not in {a.relpath for a in discover(tmp_path, exclude=(".env",)).artifacts}


def test_secret_stores_are_discovered_even_when_git_ignores_them(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", ".streamlit/secrets.toml\n*.tfvars\nconfig.toml\n")
    for name in (".streamlit/secrets.toml", "infra/prod.tfvars", "config.toml"):
        write(tmp_path, name, 'x = "1"\n')
    ignored = {a.relpath: a.git_ignored for a in discover(tmp_path).artifacts}
    assert ignored[".streamlit/secrets.toml"] and ignored["infra/prod.tfvars"]
    assert "config.toml" not in ignored  # an ordinary ignored file stays skipped


def test_arrays_inside_a_python_package_are_not_datasets(tmp_path: Path) -> None:
    import io

    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, mel_80=np.zeros((2, 3), dtype=np.float32))
    write(tmp_path, "whisper/__init__.py", "")
    write(tmp_path, "whisper/assets/mel_filters.npz", buf.getvalue())
    write(tmp_path, "data/train.npz", buf.getvalue())
    kinds = {a.relpath: (a.kind.value, a.format) for a in discover(tmp_path).artifacts}
    assert kinds["whisper/assets/mel_filters.npz"] == ("unknown", "npz")
    assert kinds["data/train.npz"] == ("dataset", "npz")
