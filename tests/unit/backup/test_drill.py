"""secplan backup with a real restic repository: round trip, and the failures a drill must
catch (damaged repository, missing snapshot, wrong password), each a failed record."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from secplan.backup.record import write_drill_record
from secplan.backup.secret import PasswordStore
from secplan.backup.service import Backup
from secplan.cli.app import app
from secplan.config import Settings
from secplan.errors import ConfigError
from secplan.governance.records import load_records
from tests.conftest import require_tool
from tests.helpers import write

CONFIDENTIAL = 'label = "confidential"\npaths = ["data/"]\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    require_tool("restic")
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    root = tmp_path / "proj"
    write(root, "data/train.csv", "age,income\n34,50000\n41,62000\n")
    write(root, "data/sub/test.csv", "age,income\n29,48000\n")
    write(root, "models/model.safetensors", b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    write(root, ".secplan/datasets/customers.toml", CONFIDENTIAL)
    write(
        root,
        "secplan.toml",
        '[backup]\nrepository = "../repo"\npaths = ["data", "models"]\n',
    )
    return root


def _svc(root: Path) -> Backup:
    settings = Settings(backup_repository="../repo", backup_paths=("data", "models"))
    return Backup.for_project(root, settings)


def _backed_up(root: Path) -> Backup:
    svc = _svc(root)
    svc.init()
    svc.run(load_records(root))
    return svc


def test_round_trip_verifies_every_file_and_records_a_passed_drill(project: Path) -> None:
    svc = _backed_up(project)
    res = svc.drill()
    assert res.passed, res.error
    # three project files, the key ring (master key, wrapped repository password is outside it)
    assert res.files_checked >= 4 and res.mismatches == 0 and res.datasets == ["customers"]
    rec = write_drill_record(project, res, 30)
    [ev] = load_records(project).evidence
    assert ev.file == rec.relative_to(project).as_posix() and ev.result == "passed"
    assert ev.drill is not None and ev.drill.files_checked == res.files_checked
    assert ev.drill.snapshot == res.snapshot and (ev.expires - ev.date).days == 30
    # the staged manifest and database copy are gone once restic has them
    assert not list((project.parent / "home" / "backup").glob("staging/*/*"))


def test_the_restore_is_removed(project: Path, tmp_path: Path) -> None:
    svc = _backed_up(project)
    work = tmp_path / "work"
    work.mkdir()
    assert svc.drill(workdir=work).passed
    assert list(work.iterdir()) == []


def test_dataset_profile_is_compared(project: Path) -> None:
    svc = _backed_up(project)
    profile = {"version": 1, "files": [{"path": "data/train.csv", "size": 1, "sha256": "0" * 64}]}
    write(project, ".secplan/profiles/customers.json", json.dumps(profile))
    res = svc.drill()
    assert not res.passed and res.mismatches == 1 and res.datasets == []
    assert res.mismatched == ["data/train.csv: sha256 differs from its dataset profile"]
    import hashlib

    good = hashlib.sha256((project / "data/train.csv").read_bytes()).hexdigest()
    profile["files"][0]["sha256"] = good  # type: ignore[index]
    write(project, ".secplan/profiles/customers.json", json.dumps(profile))
    res = svc.drill()
    assert res.passed and res.profiles_checked == 1


def test_password_reaches_restic_only_through_a_pipe(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []
    real = subprocess.run

    def spy(args: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
        seen.append((list(args), dict(kw["env"])))  # type: ignore[arg-type]
        return real(args, **kw)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(subprocess, "run", spy)
    monkeypatch.setenv("RESTIC_PASSWORD", "an-outside-password")
    svc = _backed_up(project)
    assert svc.drill().passed
    password = PasswordStore.default().password(svc.repository).decode()
    assert seen and len(password) >= 32
    for args, env in seen:
        assert not any(password in a for a in args), args
        assert password not in env.values() and "RESTIC_PASSWORD" not in env
        assert args[args.index("--password-file") + 1].startswith("/dev/fd/")
    home = project.parent / "home"
    for f in home.rglob("*"):
        if f.is_file():
            assert password.encode() not in f.read_bytes(), f


def _corrupt_packs(repo: Path) -> int:
    n = 0
    for pack in (repo / "data").rglob("*"):
        if pack.is_file():
            pack.chmod(0o600)
            raw = bytearray(pack.read_bytes())
            for i in range(16, len(raw) - 64, 97):
                raw[i] ^= 0xFF
            pack.write_bytes(bytes(raw))
            n += 1
    return n


def test_damaged_repository_fails_the_drill(project: Path) -> None:
    svc = _backed_up(project)
    assert _corrupt_packs(project.parent / "repo") > 0
    res = svc.drill()
    assert not res.passed and res.error and "\n" not in res.error
    assert res.kind == "corrupted" and "the repository is damaged" in res.error
    rec = load_records_after(project, res)
    assert rec.result == "failed" and rec.drill is not None and rec.drill.error == res.error


def load_records_after(project: Path, res: object) -> object:
    from secplan.backup.service import DrillResult

    assert isinstance(res, DrillResult)
    write_drill_record(project, res, 30)
    [ev] = load_records(project).evidence
    return ev


def test_missing_snapshot_fails_the_drill(project: Path) -> None:
    svc = _svc(project)
    svc.init()
    res = svc.drill()  # an empty repository: no latest snapshot
    assert not res.passed and res.kind == "missing-snapshot" and "no snapshots" in str(res.error)
    svc.run(load_records(project))
    res = svc.drill("deadbeef")
    assert not res.passed and res.kind == "missing-snapshot"
    assert load_records_after(project, res).result == "failed"  # type: ignore[attr-defined]


def test_wrong_password_fails_the_drill(project: Path) -> None:
    svc = _backed_up(project)
    store = PasswordStore.default()
    store.forget(svc.repository)
    store.create(svc.repository, b"not-the-repository-password")
    res = svc.drill()
    assert not res.passed and res.kind == "wrong-password"
    assert res.error == "restic could not open the repository: wrong password or no key found"


def test_a_link_in_the_restore_is_not_the_file(project: Path, tmp_path: Path) -> None:
    from secplan.backup import manifest
    from secplan.backup.service import _checker

    target = tmp_path / "restore"
    outside = write(tmp_path, "outside/train.csv", "age,income\n")
    (target / "p").mkdir(parents=True)
    (target / "p" / "data").symlink_to(outside.parent)
    e = manifest.Entry(path="/p/data/train.csv", sha256="0" * 64, size=11, kind="data")
    assert _checker(target, {})(e) == ("missing from the restore", False)


def test_snapshot_id_must_be_hex(project: Path) -> None:
    svc = _backed_up(project)
    res = svc.drill("--target=/")
    assert not res.passed and "is not a snapshot id" in str(res.error)


def test_init_twice_is_refused_and_keeps_the_password(project: Path) -> None:
    svc = _backed_up(project)
    with pytest.raises(ConfigError, match="already kept"):
        svc.init()
    assert svc.drill().passed


def test_cli_drill_exit_codes_and_one_line_error(project: Path) -> None:
    run = CliRunner().invoke
    for args in (["init"], ["run"], ["list"]):
        r = run(app, ["backup", *args, "--project", str(project)])
        assert r.exit_code == 0, r.output
    r = run(app, ["backup", "drill", "--project", str(project)])
    assert r.exit_code == 0 and "restore drill passed" in r.stdout, r.output
    r = run(app, ["backup", "drill", "--project", str(project), "--snapshot", "abcdef12"])
    assert r.exit_code == 1
    [line] = r.stderr.strip().splitlines()
    assert line.startswith("secplan: error: restore drill failed: snapshot 'abcdef12' not found")
    results = sorted(e.result or "" for e in load_records(project).evidence)
    assert results == ["failed", "passed"]


def test_cli_without_configuration_is_a_usage_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["backup", "run", "--project", str(tmp_path)])
    assert r.exit_code == 2
    assert "no backup repository configured" in r.stderr or "restic is not installed" in r.stderr


def test_cli_actions_are_audited(project: Path) -> None:
    run = CliRunner().invoke
    for args in (["init"], ["run"], ["drill"]):
        assert run(app, ["backup", *args, "--project", str(project)]).exit_code == 0
    r = run(app, ["audit", "log", "--format", "json", "--action", "backup:*"])
    actions = [json.loads(line)["action"] for line in r.stdout.splitlines() if line.strip()]
    assert [a for a in actions if a.startswith("backup:")] == [
        "backup:init",
        "backup:run",
        "backup:drill",
    ], r.stdout


def test_a_snapshot_without_a_manifest_cannot_pass(project: Path) -> None:
    from dataclasses import replace

    svc = _svc(project)
    svc.init()
    restic = replace(svc.restic, password=PasswordStore.default().password(svc.repository))
    restic.backup([project / "data"])  # made by restic alone: nothing to verify against
    res = svc.drill()
    assert not res.passed and res.kind == "no-manifest"
    assert "holds no secplan manifest" in str(res.error)


def test_a_local_drill_reads_the_snapshot_id_from_the_repository(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secplan.backup.restic import Restic

    svc = _backed_up(project)
    full = svc.snapshots()[-1]["id"]

    def no_lookup(self: Restic, snapshot: str = "latest") -> dict[str, object]:
        raise AssertionError("a second restic process opened the repository")

    monkeypatch.setattr(Restic, "snapshot", no_lookup)
    res = svc.drill()
    assert res.passed and res.snapshot == full


def test_the_lean_drill_entry_is_the_command(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from secplan.cli.drill_command import run

    _backed_up(project)
    assert run(["--project", str(project)]) == 0
    assert capsys.readouterr().out.startswith("restore drill passed: snapshot ")
    assert run([f"--project={project}", "--snapshot", "abcdef12"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("secplan: error: restore drill failed: snapshot 'abcdef12' not found")
    assert run(["--project", str(project), "--help"]) is None
    assert run(["--project"]) is None
    results = sorted(e.result or "" for e in load_records(project).evidence)
    assert results == ["failed", "passed"]


def test_the_lean_drill_entry_loads_no_command_line_framework(tmp_path: Path) -> None:
    import sys

    code = (
        "import sys; sys.argv = ['secplan', 'backup', 'drill', '--project', sys.argv[1]]\n"
        "from secplan.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n"
        "    print(e.code, sorted({'typer', 'click', 'rich'} & set(sys.modules)))\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert res.stdout.strip() == "2 []", res.stdout + res.stderr
    assert res.stderr.startswith("secplan: error: ") and len(res.stderr.splitlines()) == 1


def test_a_file_the_manifest_does_not_list_fails_the_drill(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a snapshot that holds more than was backed up as recorded (a file added to the
    # repository later) is not the backup the evidence vouches for
    from secplan.backup.restic import Restic

    svc = _backed_up(project)
    real = Restic.restore

    def restore_with_an_extra_file(self: Restic, snapshot: str, target: Path) -> str:
        said = real(self, snapshot, target)
        [data] = [p for p in target.rglob("data") if p.is_dir()]
        (data / "planted.csv").write_text("age,income\n1,2\n")
        (data / "link.csv").symlink_to(data / "train.csv")  # a link carries no data: ignored
        return said

    monkeypatch.setattr(Restic, "restore", restore_with_an_extra_file)
    res = svc.drill()
    assert not res.passed and res.kind == "mismatch"
    assert res.mismatches == 1
    [only] = res.mismatched
    assert only.endswith("/data/planted.csv: in the snapshot but not in its manifest")
    assert "not in its manifest" in (res.error or "")
