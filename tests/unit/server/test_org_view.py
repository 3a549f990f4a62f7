"""The organisation view serves the newest posture of every project from memory, and shows a
new assessment or a new project as soon as it exists."""

from __future__ import annotations

import warnings
from typing import Any

from secplan.server import data
from tests.unit.server.conftest import session_headers
from tests.unit.server.test_trend import _report


def test_the_organisation_view_follows_every_upload(app_parts: Any) -> None:
    app, ac = app_parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    root = session_headers(ac, "root")
    p = data.create_project(ac.db, "churn", "", "root", "2026-01-01T00:00:00Z")
    data.add_assessment(ac.db, p, data.parse_report(_report({"DS1": "fail"})), "ci", "x")
    with TestClient(app) as client:

        def api() -> dict[str, dict[str, str]]:
            got = client.get("/api/v1/projects", headers=root).json()
            assert "projects" in got, got
            return {q["name"]: q["controls"] for q in got["projects"]}

        assert api() == {"churn": {"DS1": "fail"}}
        assert '<td class="fail">fail</td>' in client.get("/projects", headers=root).text
        data.add_assessment(ac.db, p, data.parse_report(_report({"DS1": "pass"})), "ci", "y")
        assert api() == {"churn": {"DS1": "pass"}}
        page = client.get("/projects", headers=root).text
        assert '<td class="pass">pass</td>' in page and '<td class="fail">' not in page
        data.create_project(ac.db, "<b>fraud</b>", "", "root", "2026-01-01T00:00:00Z")
        assert api()["<b>fraud</b>"] == {}
        page = client.get("/projects", headers=root).text
        assert "&lt;b&gt;fraud&lt;/b&gt;" in page and "<b>fraud</b>" not in page


def test_text_with_a_nul_character_is_refused_not_stored(app_parts: Any) -> None:
    # PostgreSQL cannot store a NUL: refused up front (422, 404), never a 500
    app, ac = app_parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    root = session_headers(ac, "root")
    data.create_project(ac.db, "alpha", "", "root", "2026-01-01T00:00:00Z")
    body = {"rule": "DP001", "justification": "fixed\x00 soon enough", "risk": "low",
            "expires": "2099-01-01"}  # fmt: skip
    with TestClient(app) as client:
        r = client.post("/api/v1/projects/alpha/exceptions", json=body, headers=root)
        assert r.status_code == 422 and "NUL" in r.json()["error"]
        r = client.post(
            "/api/v1/projects", json={"name": "beta", "description": "a\x00b"}, headers=root
        )
        assert r.status_code == 422
        assert client.get("/api/v1/projects/al%00pha", headers=root).status_code == 404
