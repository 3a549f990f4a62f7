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
