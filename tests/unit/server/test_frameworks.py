"""Framework reports on the server: the newest assessment read per framework, as a page,
JSON and downloads; free text escaped everywhere; the project's readers only."""

from __future__ import annotations

import dataclasses
import io
import json
import warnings
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from secplan.access import AccessControl
from secplan.access.manage import insert_token
from secplan.server import data
from tests.conftest import require_weasyprint
from tests.unit.server.test_authz_matrix import ROOT

EVIL = '<script>alert("x")</script>'


def _report(**over: Any) -> bytes:
    doc = {
        "schema": "secplan-report",
        "schema_version": 1,
        "tool": {"name": "secplan", "version": "test"},
        "run": {"commit": {"sha": "0" * 40}},
        "summary": {"findings": {}, "controls": {}},
        "controls": [
            {"id": "DS1", "status": "fail", "evidence": [], "findings": ["fp1"]},
            {"id": "HS1", "status": "pass", "evidence": ["EV-1"]},
            {"id": "MS1", "status": "needs-evidence"},
        ],
        "evidence": [
            {
                "id": "EV-1",
                "control": "HS1",
                "title": f"Training log {EVIL}",
                "owner": EVIL,
                "expires": "2027-01-01",
            },
            {"id": "EV-2", "control": "HS1", "title": "not relied on", "owner": "x"},
        ],
        "findings": [
            {
                "id": "fp1",
                "rule": "DT107",
                "severity": "high",
                "controls": ["DS1"],
                "message": f"plain text {EVIL}",
                "location": {"path": f"data/{EVIL}.csv"},
            },
        ],
    }
    doc.update(over)
    return json.dumps(doc).encode()


@pytest.fixture
def client(app_parts: Any) -> Any:
    app, ac = app_parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    p = data.create_project(ac.db, "alpha", "", "root", "2026-01-01T00:00:00Z")
    data.create_project(ac.db, "beta", "", "root", "2026-01-01T00:00:00Z")
    data.add_assessment(ac.db, p, data.parse_report(_report()), "root", "2026-02-01T00:00:00Z")
    with TestClient(app, follow_redirects=False) as c:
        c.headers["Authorization"] = f"Bearer {_session(ac, 'root')}"
        yield c


def _session(ac: AccessControl, name: str) -> str:
    expires = datetime.now(UTC) + timedelta(hours=1)
    return insert_token(
        ac, ROOT, name, kind="session", scopes=(), expires=expires, desc="", mfa=True
    ).token


def test_the_api_derives_items_from_the_newest_assessment(client: Any) -> None:
    r = client.get("/api/v1/projects/alpha/frameworks/owasp_ml_2023")
    assert r.status_code == 200
    doc = r.json()
    assert doc["schema"] == "secplan-framework-report" and doc["subject"] == "alpha"
    assert doc["assessed"] == "2026-02-01T00:00:00Z" and doc["assessment"]
    ml05 = next(i for i in doc["items"] if i["id"] == "ML05")
    assert ml05["status"] == "fail"
    ds1 = next(c for c in ml05["controls"] if c["id"] == "DS1")
    assert ds1["findings"][0]["rule"] == "DT107" and ds1["findings_total"] == 1
    eu = client.get("/api/v1/projects/alpha/frameworks/eu_ai_act").json()
    art4 = next(i for i in eu["items"] if i["id"] == "Art. 4")  # AI literacy: HS1
    hs1 = next(c for c in art4["controls"] if c["id"] == "HS1")
    assert [e["id"] for e in hs1["evidence"]] == ["EV-1"]  # EV-2 is not relied on
    assert hs1["evidence"][0]["title"].startswith("Training log")


def test_evidence_only_a_control_relies_on_is_kept() -> None:
    kept = data.parse_report(_report()).summary
    assert [e["id"] for e in kept["evidence"]] == ["EV-1"]
    assert kept["rule_controls"] == {"DT107": ["DS1"]}


def test_an_unknown_framework_is_404_naming_the_valid_ids(client: Any) -> None:
    r = client.get("/api/v1/projects/alpha/frameworks/nist")
    assert r.status_code == 404 and "nist_ai_rmf_1_0" in r.json()["error"]


def test_pages_list_frameworks_and_escape_every_text(client: Any) -> None:
    listing = client.get("/projects/alpha/frameworks")
    assert listing.status_code == 200
    assert "/projects/alpha/frameworks/eu_ai_act.pdf" in listing.text
    page = client.get("/projects/alpha/frameworks/owasp_ml_2023")
    assert page.status_code == 200 and "Model Theft" in page.text
    assert "<script" not in page.text and "&lt;script&gt;" in page.text
    assert 'href="/projects/alpha/frameworks/owasp_ml_2023.pdf"' in page.text


def test_the_html_export_is_a_download_with_every_text_escaped(client: Any) -> None:
    r = client.get("/projects/alpha/frameworks/eu_ai_act.html")
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="alpha-eu_ai_act.html"'
    assert "<script" not in r.text
    # a finding's message and path, an evidence record's title and owner
    assert r.text.count("&lt;script&gt;") >= 4


def test_the_pdf_export_names_the_framework(client: Any) -> None:
    require_weasyprint()
    from pypdf import PdfReader

    r = client.get("/projects/alpha/frameworks/eu_ai_act.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "EU Artificial Intelligence Act" in text


def test_the_pdf_export_without_weasyprint_names_the_extra(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    r = client.get("/projects/alpha/frameworks/gdpr.pdf")
    assert r.status_code == 501 and "secplan[pdf]" in r.text


def test_a_project_without_assessment_needs_evidence_everywhere(client: Any) -> None:
    doc = client.get("/api/v1/projects/beta/frameworks/owasp_ml_2023").json()
    assert doc["assessment"] is None
    assert {i["status"] for i in doc["items"]} == {"needs-evidence"}


def test_an_assessment_uploaded_before_rule_controls_were_kept_uses_the_catalog(
    client: Any, app_parts: Any
) -> None:
    _, ac = app_parts
    parsed = data.parse_report(_report())
    old = {k: v for k, v in parsed.summary.items() if k in ("findings", "controls")}
    p = data.project(ac.db, "beta")
    assert p is not None
    data.add_assessment(ac.db, p, dataclasses.replace(parsed, summary=old), "root", "now")
    doc = client.get("/api/v1/projects/beta/frameworks/owasp_ml_2023").json()
    ds1 = next(c for i in doc["items"] for c in i["controls"] if c["id"] == "DS1")
    assert [f["id"] for f in ds1["findings"]] == ["fp1"]  # DT107 bears on DS1 in the catalog
    assert ds1["evidence"] == []
