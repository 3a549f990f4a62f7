"""The project page draws the posture's trend over its assessments as an inline SVG chart."""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

from secplan.server import data
from tests.unit.server.conftest import session_headers


def _report(statuses: dict[str, str]) -> bytes:
    return json.dumps(
        {
            "schema": "secplan-report",
            "schema_version": 1,
            "controls": [{"id": c, "status": s} for c, s in statuses.items()],
            "findings": [],
        }
    ).encode()


def test_the_project_page_charts_the_trend(app_parts: Any) -> None:
    app, ac = app_parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    p = data.create_project(ac.db, "churn", "", "root", "2026-01-01T00:00:00Z")
    for statuses in (
        {"DS1": "fail", "DS2": "fail", "MS1": "pass"},
        {"DS1": "fail", "DS2": "pass", "MS1": "pass"},
        {"DS1": "pass", "DS2": "pass", "MS1": "pass"},
    ):
        data.add_assessment(ac.db, p, data.parse_report(_report(statuses)), "ci", "x")
    with TestClient(app) as client:
        page = client.get("/projects/churn", headers=session_headers(ac, "root")).text
    fail = re.search(r'class="trend-fail" points="([^"]*)"', page)
    passed = re.search(r'class="trend-pass" points="([^"]*)"', page)
    assert fail and passed
    # oldest on the left: failures fall 2, 1, 0 (the scale's top is 3), passes rise 1, 2, 3
    ys = [float(pt.split(",")[1]) for pt in fail[1].split()]
    assert len(ys) == 3 and ys[0] < ys[1] < ys[2]
    ys = [float(pt.split(",")[1]) for pt in passed[1].split()]
    assert ys[0] > ys[1] > ys[2]
    assert "Newest: pass 3, fail 0" in page
