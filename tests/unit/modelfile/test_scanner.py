"""The analyzer inside a whole secplan scan, and ``secplan model scan`` (files, directories,
archives, several paths; exit codes 0/1/2; every output format)."""

from __future__ import annotations

import json
import pickle
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from secplan.catalog import load_catalog
from secplan.cli.model import model_app
from secplan.config import Settings
from secplan.governance.records import Records
from secplan.model import Artifact, ArtifactKind
from secplan.modelfile import RULES
from secplan.modelfile.rules import RULES as ALL
from secplan.scanners import BUILTINS, NOT_VERIFIED, build_registry
from secplan.scanners.modelfile import ModelFileScanner
from tests.helpers import write
from tests.unit.modelfile.build import P, system, zip_bytes

AS_OF = date(2026, 12, 2)
runner = CliRunner()


def _engine_scan(root: Path, settings: Settings | None = None):  # type: ignore[no-untyped-def]
    from secplan.engine import scan

    registry = build_registry(BUILTINS, plugins=False, engine_rules=(NOT_VERIFIED,))
    return scan(root, settings or Settings(), Records(), registry, as_of=AS_OF)


def test_rules_are_documented_and_mapped() -> None:
    assert RULES is ALL and len({r.id for r in RULES}) == len(RULES) >= 14
    load_catalog().validate_rules(RULES)
    for r in RULES:
        assert r.id.startswith("MF1") and r.summary and r.rationale and r.remediation
        assert not r.name.startswith(("no-", "banned-"))


def test_in_a_project_scan(tmp_path: Path) -> None:
    write(tmp_path, "models/classifier.pkl", system(tmp_path))
    write(tmp_path, "models/ok.pkl", pickle.dumps({"w": 1}))
    write(tmp_path, "README.md", "# project\n")
    report = _engine_scan(tmp_path)
    mf = [f for f in report.findings if f.rule.startswith("MF1")]
    assert [(f.rule, f.location.path) for f in mf] == [("MF101", "models/classifier.pkl")]
    assert not report.errors


def test_project_allowlist_from_settings(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", P(2).glob("mylib", "Net").raw(b")R").stop())
    assert [f.rule for f in _engine_scan(tmp_path).findings if f.rule.startswith("MF1")] == [
        "MF102"
    ]
    allowed = _engine_scan(tmp_path, Settings(model_allow=("mylib.Net",)))
    assert not [f for f in allowed.findings if f.rule.startswith("MF1")]


def test_applies_to_models_archives_and_arrays(tmp_path: Path) -> None:
    s = ModelFileScanner()

    def art(kind: ArtifactKind, fmt: str) -> Artifact:
        return Artifact(path=tmp_path / "x", relpath="x", kind=kind, format=fmt, size=1, mode=0)

    assert s.applies_to(art(ArtifactKind.MODEL, "pickle"))
    assert s.applies_to(art(ArtifactKind.ARCHIVE, "zip"))
    assert s.applies_to(art(ArtifactKind.DATASET, "npy"))
    assert not s.applies_to(art(ArtifactKind.DATASET, "csv"))
    assert not s.applies_to(art(ArtifactKind.CODE, "python"))


def test_cli_exit_codes_and_formats(tmp_path: Path) -> None:
    bad = write(tmp_path, "in/evil.bin", zip_bytes([("archive/data.pkl", system(tmp_path))]))
    good = write(tmp_path, "ok/m.pkl", pickle.dumps([1, 2]))
    res = runner.invoke(model_app, ["scan", str(good)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(model_app, ["scan", str(bad), str(good), "--format", "json"])
    assert res.exit_code == 1
    doc = json.loads(res.stdout)
    [f] = doc["findings"]
    assert f["rule"] == "MF101" and f["location"]["path"] == "in/evil.bin"
    assert f["location"]["member"] == "archive/data.pkl" and f["location"]["offset"] is not None
    for fmt in ("sarif", "html", "junit", "table"):
        out = tmp_path / f"r.{fmt}"
        res = runner.invoke(model_app, ["scan", str(tmp_path / "in"), "-f", fmt, "-o", str(out)])
        assert res.exit_code == 1 and out.stat().st_size > 0
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "MF101"
    res = runner.invoke(model_app, ["scan", str(bad), "--fail-on", "critical", "-j", "2"])
    assert res.exit_code == 1


def test_cli_directory_in_parallel(tmp_path: Path) -> None:
    for i in range(4):
        write(tmp_path, f"m/ok{i}.pkl", pickle.dumps({"i": i}))
    write(tmp_path, "m/evil.pkl", system(tmp_path))
    write(tmp_path, "m/notes.md", "# notes\n")
    res = runner.invoke(model_app, ["scan", str(tmp_path / "m"), "-f", "json", "-j", "2"])
    doc = json.loads(res.stdout)
    assert res.exit_code == 1 and [f["location"]["path"] for f in doc["findings"]] == ["evil.pkl"]
    assert {"path": "notes.md", "reason": "not a model file (markdown)"} in doc["skipped"]


def test_cli_usage_errors(tmp_path: Path) -> None:
    res = runner.invoke(model_app, ["scan", str(tmp_path / "missing.pt")])
    assert res.exit_code == 2 and "no such file" in res.output
    res = runner.invoke(model_app, ["scan", str(tmp_path), "--format", "xml"])
    assert res.exit_code == 2
    res = runner.invoke(model_app, ["scan", str(tmp_path), "--fail-on", "severe"])
    assert res.exit_code == 2


def test_models_the_walk_leaves_out_are_reported_not_passed(tmp_path: Path) -> None:
    blob = write(tmp_path, "blobs/1f3a9c", system(tmp_path))  # a cache's content-addressed blob
    snap = tmp_path / "snapshots" / "main"
    snap.mkdir(parents=True)
    (snap / "pytorch_model.bin").symlink_to(blob)
    write(snap, "ignored.safetensors", b"{}")
    write(snap, ".gitignore", "ignored.safetensors\n")
    write(snap, "README.md", "# a model\n")
    res = runner.invoke(model_app, ["scan", str(snap), "-f", "json", "-j", "1"])
    doc = json.loads(res.stdout)
    where = sorted((f["rule"], f["location"]["path"]) for f in doc["findings"])
    assert where == [("MF104", "ignored.safetensors"), ("MF104", "pytorch_model.bin")]
    assert not (tmp_path / "CANARY").exists()


def test_a_model_named_inside_a_project_gets_the_project_settings(tmp_path: Path) -> None:
    """What a pre-commit hook does: it names ``models/m.pkl`` from the project root, and the
    project's secplan.toml (an allowlist here) applies, with paths from the project root."""
    proj = tmp_path / "proj"
    write(proj, "secplan.toml", '[models]\nallow = ["acme_models.Net"]\n')
    (proj / "models").mkdir()
    (proj / "models" / "m.pkl").write_bytes(P(2).call("acme_models", "Net", "x").stop())
    (proj / "other.pkl").write_bytes(P(2).call("acme_other", "Net", "x").stop())
    res = runner.invoke(model_app, ["scan", str(proj / "models" / "m.pkl"), "-f", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["findings"] == []
    res = runner.invoke(model_app, ["scan", str(proj / "other.pkl"), "-f", "json"])
    found = json.loads(res.output)["findings"]
    assert [f["location"]["path"] for f in found] == ["other.pkl"] and res.exit_code == 1
