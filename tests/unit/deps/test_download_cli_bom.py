"""``secplan vulndb update`` against a local HTTP server, the vulndb CLI and the CycloneDX BOM."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import typer
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from typer.testing import CliRunner

from secplan._io import sha256_file
from secplan.bom import render_bom
from secplan.cli.bom import bom_command
from secplan.cli.vulndb import vulndb_app
from secplan.vulndb import DownloadError, VulnDB, default_path, update
from tests.helpers import write
from tests.unit.deps.conftest import OSV_DATA


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "www"
    (site / "PyPI").mkdir(parents=True)
    with zipfile.ZipFile(site / "PyPI" / "all.zip", "w") as zf:
        for p in OSV_DATA.glob("*.json"):
            zf.write(p, p.name)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_update_downloads_and_imports(served: str, tmp_path: Path) -> None:
    stats = update(f"{served}/PyPI/all.zip", tmp_path / "db.sqlite", timeout=10)
    assert stats.imported == 5
    assert VulnDB(tmp_path / "db.sqlite").info.source.endswith("/PyPI/all.zip")


def test_update_errors_are_one_line(served: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="HTTP 404") as exc:
        update(f"{served}/missing.zip", tmp_path / "db.sqlite", timeout=10)
    assert "vulndb import" in exc.value.hint
    with pytest.raises(DownloadError, match="cannot download"):
        update(f"http://127.0.0.1:{_closed_port()}/all.zip", tmp_path / "db.sqlite", timeout=5)
    with pytest.raises(DownloadError, match="only http"):
        update("file:///etc/passwd", tmp_path / "db.sqlite")
    assert not (tmp_path / "db.sqlite").exists()


def test_cli_import_status_update(served: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(vulndb_app, ["import", str(OSV_DATA)])
    assert result.exit_code == 0 and "imported 5 advisories" in result.output
    assert default_path().is_file()
    result = runner.invoke(vulndb_app, ["status"])
    assert result.exit_code == 0 and "5 advisories" in result.output
    result = runner.invoke(
        vulndb_app, ["update", "--url", f"http://127.0.0.1:{_closed_port()}/x.zip"]
    )
    assert result.exit_code == 2 and "secplan: error: cannot download" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = runner.invoke(vulndb_app, ["import", str(tmp_path / "nope.zip")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_audit_environment(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "torch-2.5.1.dist-info").mkdir(parents=True)
    (site / "torch-2.5.1.dist-info" / "METADATA").write_text("Name: torch\nVersion: 2.5.1\n")
    from secplan.cli.app import app

    runner = CliRunner()
    runner.invoke(vulndb_app, ["import", str(OSV_DATA)])
    project = tmp_path / "project"
    project.mkdir()
    result = runner.invoke(
        app,
        ["scan", str(project), "--env-path", str(site), "--select", "DP101", "--format", "json"],
    )
    assert result.exit_code == 1 and "GHSA-53q9-r3pm-6pq6" in result.output


def test_bom_validates_against_cyclonedx_1_6(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "torch==2.6.0\nnumpy>=1.26\n")
    write(tmp_path, "uv.lock", '[[package]]\nname = "numpy"\nversion = "1.26.4"\n')
    write(tmp_path, "models/clf.pkl", b"\x80\x04K\x01.")
    write(tmp_path, "data/train.csv", "a,b\n1,2\n3,4\n5,6\n")
    text = render_bom(tmp_path)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    doc = json.loads(text)
    by_type = {c["type"]: c for c in doc["components"]}
    assert {c["purl"] for c in doc["components"] if c["type"] == "library"} == {
        "pkg:pypi/torch@2.6.0",
        "pkg:pypi/numpy@1.26.4",
    }
    model = by_type["machine-learning-model"]
    assert model["hashes"] == [
        {"alg": "SHA-256", "content": sha256_file(tmp_path / "models/clf.pkl")}
    ]
    assert by_type["data"]["name"] == "data/train.csv"


def test_bom_command(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(bom_command)
    write(tmp_path, "proj/requirements.txt", "torch==2.6.0\n")
    out = tmp_path / "bom.json"
    result = CliRunner().invoke(app, [str(tmp_path / "proj"), "--output", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())["bomFormat"] == "CycloneDX"
    result = CliRunner().invoke(app, [str(tmp_path / "missing")])
    assert result.exit_code == 2
