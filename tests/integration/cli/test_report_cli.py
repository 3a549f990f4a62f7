"""``secplan report framework`` end to end: formats, the PDF, one-line errors, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.catalog import load_catalog
from tests.conftest import require_weasyprint
from tests.integration.cli.test_scan_cli import secplan


@pytest.fixture(scope="module")
def scan_report(demo_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("framework") / "scan.json"
    r = secplan("scan", str(demo_project), "-f", "json", "-o", str(out), "--as-of", "2026-12-02")
    assert r.returncode in (0, 1), r.stderr
    return out


def test_table_of_a_scanned_project_lists_every_item(demo_project: Path) -> None:
    r = secplan("report", "framework", "owasp_ml_2023", str(demo_project), "--as-of", "2026-12-02")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("OWASP Machine Learning Security Top 10 2023: demo-project")
    for item, _ in load_catalog().framework("owasp_ml_2023").items:
        assert f"\n{item} " in r.stdout
    assert "10 requirement(s):" in r.stdout


def test_json_of_a_saved_scan_derives_each_item_from_its_controls(scan_report: Path) -> None:
    r = secplan("report", "framework", "nist_ai_rmf_1_0", str(scan_report), "-f", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    scan = json.loads(scan_report.read_text())
    status = {c["id"]: c["status"] for c in scan["controls"]}
    assert doc["framework"]["id"] == "nist_ai_rmf_1_0" and doc["subject"] == "demo-project"
    assert len(doc["items"]) == len(load_catalog().framework("nist_ai_rmf_1_0").items)
    for item in doc["items"]:
        mapped = [status[c["id"]] for c in item["controls"]]
        assert [c["status"] for c in item["controls"]] == mapped
        if not mapped:
            assert item["status"] == "not-mapped"
        elif "fail" in mapped:
            assert item["status"] == "fail"
        assert item["source"].startswith("https://")
    failing = [c for i in doc["items"] for c in i["controls"] if c["status"] == "fail"]
    assert any(f["rule"] and f["path"] for c in failing for f in c["findings"])
    assert sum(doc["summary"].values()) == len(doc["items"])


def test_html_is_written_to_the_output_file(scan_report: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = secplan("report", "framework", "gdpr", str(scan_report), "-f", "html", "-o", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "General Data Protection Regulation" in html
    assert "Art. 32(1)(a)" in html and "<script" not in html


def test_pdf_names_the_framework(scan_report: Path, tmp_path: Path) -> None:
    require_weasyprint()
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    r = secplan("report", "framework", "eu_ai_act", str(scan_report), "-f", "pdf", "-o", str(out))
    assert r.returncode == 0, r.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(raw)).pages)
    assert "EU Artificial Intelligence Act" in text and "demo-project" in text


def test_pdf_without_weasyprint_is_one_line_naming_the_extra(
    scan_report: Path, tmp_path: Path
) -> None:
    code = (
        "import sys; sys.modules['weasyprint'] = None; sys.argv[0] = 'secplan'\n"
        "from secplan.cli.app import app; app()"
    )
    args = ["report", "framework", "gdpr", str(scan_report), "-f", "pdf", "-o", str(tmp_path / "x")]
    r = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "secplan[pdf]" in r.stderr, r.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nist",), "unknown framework 'nist'; valid ids: owasp_ml_2023, mitre_atlas,"),
        (("gdpr", ".", "-f", "pdf"), "a PDF is not written to the terminal"),
        (("gdpr", ".", "-f", "docx"), "unknown format 'docx'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    r = secplan("report", "framework", *args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and message in r.stderr, r.stderr


def test_scan_options_with_a_saved_report_are_refused(scan_report: Path) -> None:
    r = secplan("report", "framework", "gdpr", str(scan_report), "--as-of", "2026-01-01")
    assert r.returncode == 2 and "apply to a scan, not to a saved report" in r.stderr


def test_a_json_file_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "other.json"
    bad.write_text('{"schema": "something-else"}')
    r = secplan("report", "framework", "gdpr", str(bad))
    assert r.returncode == 2 and "not a secplan report" in r.stderr


def test_help_teaches_with_examples() -> None:
    r = secplan("report", "framework", "--help")
    assert r.returncode == 0
    assert "secplan report framework eu_ai_act . --format pdf --output" in r.stdout
    assert "nist_ai_rmf_1_0" in r.stdout and "not-mapped" in r.stdout
