"""Remote inputs: ``secplan model scan s3://bucket/prefix`` against moto's S3 server, locally
and on the Ray cluster, gives the findings of a scan of the same files on disk, and the
credentials never reach a report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secplan.cli.model_command import run_model_scan
from tests.integration.scale.conftest import S3, S3_KEY_ID, S3_SECRET
from tests.unit.modelfile.build import safetensors, system


def _files(root: Path) -> dict[str, bytes]:
    header = {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
    return {
        "org/bert/pytorch_model.pkl": system(root),
        "org/bert/model.safetensors": safetensors(header, 8),
        "org/bert/config.json": json.dumps({"auto_map": {"AutoModel": "m.M"}}).encode(),
        "org/bert/README.md": b"# a model\n",
        "org/gpt/weights.pkl": system(root, proto=4),
    }


@pytest.fixture
def bucket(s3: S3, tmp_path: Path) -> tuple[str, Path]:
    import boto3

    local = tmp_path / "mirror"
    files = _files(tmp_path)
    client = boto3.client("s3")
    name = f"hub-{tmp_path.name[-12:].lower().replace('_', '-')}".rstrip("-")
    client.create_bucket(Bucket=name)
    for key, body in files.items():
        client.put_object(Bucket=name, Key=key, Body=body)
        (local / key).parent.mkdir(parents=True, exist_ok=True)
        (local / key).write_bytes(body)
    return name, local


def _report(target: str, out: Path, fmt: str = "json", **kw: object) -> str:
    code = run_model_scan([Path(target)], fmt=fmt, output=out, as_of="2026-12-02", **kw)  # type: ignore[arg-type]
    assert code == 1
    return out.read_text()


def _findings(text: str) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["location"]["path"], f["message"]) for f in json.loads(text)["findings"]]


def test_an_s3_prefix_scans_like_the_same_files_on_disk(
    bucket: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, local = bucket
    monkeypatch.chdir(tmp_path)
    remote = _report(f"s3://{name}/org", tmp_path / "remote.json")
    on_disk = _report(str(local / "org"), tmp_path / "local.json")
    assert _findings(remote) == _findings(on_disk)
    paths = {p for _, p, _ in _findings(remote)}
    assert {"bert/pytorch_model.pkl", "gpt/weights.pkl"} <= paths
    assert json.loads(remote)["run"]["root"] == f"s3://{name}/org"
    assert not (tmp_path / "CANARY").exists()


def test_credentials_never_reach_a_report(
    bucket: tuple[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, _ = bucket
    monkeypatch.chdir(tmp_path)
    for fmt in ("json", "sarif", "html", "table"):
        text = _report(f"s3://{name}/org", tmp_path / f"r.{fmt}", fmt=fmt)
        assert S3_KEY_ID not in text and S3_SECRET not in text
    # credentials written into the URL are refused, and not repeated in the error
    code = run_model_scan([Path(f"s3://{S3_KEY_ID}:{S3_SECRET}@{name}/org")], fmt="json")
    err = capsys.readouterr().err
    assert code == 2 and "credentials in a URL" in err
    assert S3_KEY_ID not in err and S3_SECRET not in err


def test_an_s3_prefix_on_the_ray_cluster(
    bucket: tuple[str, Path], tmp_path: Path, ray_cluster: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, local = bucket
    monkeypatch.chdir(tmp_path)
    on_ray = _report(
        f"s3://{name}/org", tmp_path / "ray.json", engine="ray", ray_address=ray_cluster
    )
    on_disk = _report(str(local / "org"), tmp_path / "local.json")
    assert _findings(on_ray) == _findings(on_disk)
    assert S3_SECRET not in on_ray and S3_KEY_ID not in on_ray


def test_a_missing_bucket_is_a_one_line_error(
    s3: S3, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code = run_model_scan([Path("s3://no-such-bucket/x")], fmt="json", output=tmp_path / "r.json")
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no-such-bucket" in err
    assert S3_SECRET not in err


def _data_bucket(tmp_path: Path) -> tuple[str, Path]:
    import boto3

    local = tmp_path / "lake"
    rows = "\n".join(f"{n},person{n}@example.com,+1 202 555 01{n:02d}" for n in range(30))
    files = {
        "exports/customers.csv": f"id,email,phone\n{rows}\n".encode(),
        "exports/notes.txt": b"Write to jane.roe@example.org about the refund.\n",
        "exports/model.bin": b"\x00\x01 not a data file",
    }
    name = "lake-" + tmp_path.name[-10:].lower().replace("_", "-").strip("-")
    boto3.client("s3").create_bucket(Bucket=name)
    for key, body in files.items():
        boto3.client("s3").put_object(Bucket=name, Key=key, Body=body)
        (local / key).parent.mkdir(parents=True, exist_ok=True)
        (local / key).write_bytes(body)
    return name, local


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_data_scan_of_an_s3_prefix_finds_what_a_local_scan_finds(
    s3: S3, tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    from secplan.data.ops import data_files, run_remote_scan, run_scan
    from secplan.data.report import scan_json
    from secplan.data.scan import DetectorSpec
    from secplan.executor import make_executor
    from secplan.services import open_services

    address = request.getfixturevalue("ray_cluster") if engine == "ray" else None
    name, local = _data_bucket(tmp_path)
    svc = open_services()
    try:
        on_disk = run_scan(svc, data_files([local / "exports"]), DetectorSpec(), jobs=1)
        with make_executor(engine, jobs=2, address=address) as ex:
            remote = run_remote_scan(svc, f"s3://{name}/exports", DetectorSpec(), ex)
    finally:
        svc.close()
    assert [r.path for r in remote] == [
        f"s3://{name}/exports/customers.csv",
        f"s3://{name}/exports/notes.txt",
    ]

    def strip(results: list[object]) -> list[dict[str, object]]:
        files = scan_json(results)["files"]  # type: ignore[arg-type,index]
        return [{k: v for k, v in f.items() if k != "path"} for f in files]  # type: ignore[union-attr]

    assert strip(remote) == strip(on_disk)  # type: ignore[arg-type]
    assert any(r.hits for r in remote)
    text = json.dumps(scan_json(remote))
    assert S3_KEY_ID not in text and S3_SECRET not in text


def test_data_scan_command_takes_an_s3_url(s3: S3, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from secplan.cli.app import app

    name, _ = _data_bucket(tmp_path)
    result = CliRunner().invoke(
        app, ["data", "scan", f"s3://{name}/exports", "-f", "json", "-j", "1"]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["files"][0]["path"] == f"s3://{name}/exports/customers.csv"
    assert S3_KEY_ID not in result.output and S3_SECRET not in result.output
