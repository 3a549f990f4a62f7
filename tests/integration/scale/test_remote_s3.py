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
