"""The risk register: ATLAS technique ids and control ids checked, score = likelihood ×
impact, changes with history; other projects' risks, CSRF, stored XSS, mass assignment."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.server._kit import XSS, Kit

API = "/api/v1/projects/alpha/risks"


@pytest.fixture
def kit(app_parts: Any) -> Kit:
    app, ac = app_parts
    return Kit(app, ac)


def _risk(**extra: Any) -> dict[str, Any]:
    return {
        "title": "training data poisoned through a public bucket",
        "techniques": ["AML.T0020", "AML.T0011.000"],
        "likelihood": 3,
        "impact": 5,
        "owner": "data platform team",
        "treatment": "mitigate",
        "controls": ["DS1"],
        **extra,
    }


def test_a_risk_is_scored_ordered_and_changed_with_history(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", API, json=_risk())
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["score"] == 15 and first["techniques"] == ["AML.T0020", "AML.T0011.000"]
    low = kit.api(eng, "POST", API, json=_risk(likelihood=1, impact=2)).json()
    assert [x["id"] for x in kit.api(eng, "GET", API).json()] == [first["id"], low["id"]]
    r = kit.api(eng, "POST", f"{API}/{low['id']}", json={"likelihood": 5, "impact": 5})
    assert r.status_code == 200 and r.json()["score"] == 25
    assert [x["id"] for x in kit.api(eng, "GET", API).json()] == [low["id"], first["id"]]
    r = kit.api(eng, "POST", f"{API}/{low['id']}", json={"treatment": "accept", "owner": None})
    assert r.json()["treatment"] == "accept" and r.json()["owner"] == "data platform team"
    history = kit.api(eng, "GET", f"{API}/{low['id']}/history").json()
    assert [h["action"] for h in history] == ["risk:added", "risk:changed", "risk:changed"]
    viewer = kit.user("viewer")  # reads, does not write
    assert kit.api(viewer, "GET", f"{API}/{low['id']}").status_code == 200
    assert kit.api(viewer, "POST", API, json=_risk()).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"techniques": ["T1059"]},
        {"techniques": ["AML.T20"]},
        {"techniques": ["AML.T0020.1"]},
        {"techniques": ["aml.t0020"]},
        {"controls": ["XX9"]},
        {"likelihood": 0},
        {"impact": 6},
        {"treatment": "ignore"},
        {"score": 1},
        {"created_by": "eve"},
        {"project_id": 2},
    ],
)
def test_bad_fields_and_mass_assignment_are_refused(kit: Kit, bad: dict[str, Any]) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", API, json=_risk(**bad))
    assert r.status_code == 422, r.text
    assert next(iter(bad)) in r.json()["error"]
    rid = kit.api(eng, "POST", API, json=_risk()).json()["id"]
    assert kit.api(eng, "POST", f"{API}/{rid}", json=bad).status_code == 422
    assert kit.api(eng, "GET", f"{API}/{rid}").json()["score"] == 15


def test_another_projects_risk_is_not_found(kit: Kit) -> None:
    root = kit.user("admin", scope="*")
    rid = kit.api(root, "POST", "/api/v1/projects/beta/risks", json=_risk()).json()["id"]
    eng = kit.user("ml-engineer")
    for method, url, kw in (
        ("GET", f"{API}/{rid}", {}),
        ("GET", f"{API}/{rid}/history", {}),
        ("POST", f"{API}/{rid}", {"json": {"impact": 1}}),
        ("GET", f"/api/v1/projects/beta/risks/{rid}", {}),
        ("GET", f"{API}/{2**64}", {}),
    ):
        assert kit.api(eng, method, url, **kw).status_code == 404, url
    c, csrf = kit.browser(eng, "/projects/alpha/risks")
    r = c.post("/projects/alpha/risks", data={"csrf": csrf, "risk": str(rid), "impact": "1"})
    assert r.status_code == 404
    assert kit.api(root, "GET", f"/api/v1/projects/beta/risks/{rid}").json()["impact"] == 5


def test_page_adds_and_changes_with_csrf(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    c, csrf = kit.browser(eng, "/projects/alpha/risks")
    form = {
        "title": "model extraction through the public API",
        "techniques": "AML.T0024, AML.T0024.002",
        "likelihood": "4",
        "impact": "3",
        "owner": "serving team",
        "treatment": "mitigate",
        "controls": "ps1 ms2",
    }
    assert c.post("/projects/alpha/risks", data=form).status_code == 403
    assert c.post("/projects/alpha/risks", data={**form, "csrf": csrf}).status_code == 303
    (item,) = kit.api(eng, "GET", API).json()
    assert item["techniques"] == ["AML.T0024", "AML.T0024.002"] and item["score"] == 12
    assert item["controls"] == ["PS1", "MS2"]
    change = {"csrf": csrf, "risk": str(item["id"]), "likelihood": "2", "impact": "3"}
    assert c.post("/projects/alpha/risks", data=change).status_code == 303
    assert kit.api(eng, "GET", f"{API}/{item['id']}").json()["score"] == 6
    bad = {**form, "csrf": csrf, "techniques": "T1059"}
    assert c.post("/projects/alpha/risks", data=bad).status_code == 400


@pytest.mark.parametrize("field", ["title", "description", "owner"])
def test_free_text_is_escaped(kit: Kit, field: str) -> None:
    eng = kit.user("ml-engineer")
    assert kit.api(eng, "POST", API, json=_risk(**{field: XSS})).status_code == 200
    c, _ = kit.browser(eng, "/projects/alpha/risks")
    page = c.get("/projects/alpha/risks").text
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
