"""The incident register: playbooks, regulatory clocks, the overdue query and its alerts,
closing, history; and the register's security (other projects' incidents, CSRF, stored XSS,
mass assignment, roles)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from secplan.governance.playbooks import PLAYBOOKS
from tests.unit.server._kit import XSS, Kit

API = "/api/v1/projects/alpha/incidents"


@pytest.fixture
def kit(app_parts: Any) -> Kit:
    app, ac = app_parts
    return Kit(app, ac)


def _ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def _incident(**extra: Any) -> dict[str, Any]:
    return {"title": "poisoned labels", "kind": "poisoned-data", "severity": "high", **extra}


def _due(item: dict[str, Any], basis: str) -> datetime:
    (step,) = [s for s in item["steps"] if s["basis"].startswith(basis)]
    return datetime.fromisoformat(step["due"].replace("Z", "+00:00"))


def test_an_incident_opens_with_its_playbook_and_no_clock(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", API, json=_incident())
    assert r.status_code == 200, r.text
    item = r.json()
    assert item["state"] == "open" and item["opened_by"] == eng
    titles = [s["title"] for s in item["steps"]]
    assert titles == [s.title for s in PLAYBOOKS["poisoned-data"]]
    assert all(s["basis"] == "" for s in item["steps"])


@pytest.mark.parametrize(
    ("serious", "days", "para"),
    [("general", 15, "73(2)"), ("widespread", 2, "73(3)"), ("death", 10, "73(4)")],
)
def test_the_ai_act_clock_runs_from_awareness(kit: Kit, serious: str, days: int, para: str) -> None:
    eng = kit.user("ml-engineer")
    aware = "2026-03-02T09:00:00+00:00"
    body = _incident(kind="stolen-model", serious=serious, aware=aware)
    item = kit.api(eng, "POST", API, json=body).json()
    due = _due(item, "EU AI Act")
    assert due - datetime.fromisoformat(aware) == timedelta(days=days)
    assert any(s["basis"] == f"EU AI Act Art. {para}" for s in item["steps"])


def test_a_personal_data_breach_has_72_hours(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    aware = "2026-03-02T09:00:00+00:00"
    body = _incident(kind="pii-leak", personal_data=True, aware=aware)
    item = kit.api(eng, "POST", API, json=body).json()
    assert _due(item, "GDPR Art. 33") == datetime(2026, 3, 5, 9, tzinfo=UTC)


def test_a_clock_that_applies_later_is_added_once(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    iid = kit.api(eng, "POST", API, json=_incident()).json()["id"]
    for _ in (1, 2):
        r = kit.api(eng, "POST", f"{API}/{iid}", json={"personal_data": True})
        assert r.status_code == 200, r.text
    steps = r.json()["steps"]
    assert [s["basis"] for s in steps].count("GDPR Art. 33(1)") == 1
    assert r.json()["personal_data"] is True


def test_overdue_steps_are_listed_and_alerted_once(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    body = _incident(kind="malicious-model-file", personal_data=True, aware=_ago(days=4))
    item = kit.api(eng, "POST", API, json=body).json()
    late = kit.api(eng, "GET", "/api/v1/projects/alpha/incidents-overdue").json()
    # the playbook's steps due within 72 hours and the GDPR clock (72 hours) are past due
    assert {s["title"] for s in late} == {
        s["title"] for s in item["steps"] if _due_of(s) < datetime.now(UTC)
    }
    assert any(s["basis"] == "GDPR Art. 33(1)" for s in late)
    assert all(s["alert"] for s in late)
    alerts = kit.events("alert:raised")
    assert len(alerts) == len(late)
    assert all(e.resource == f"project:alpha/incident/{item['id']}" for e in alerts)
    again = kit.api(eng, "GET", "/api/v1/projects/alpha/incidents-overdue").json()
    assert len(again) == len(late) and not any(s["alert"] for s in again)
    assert len(kit.events("alert:raised")) == len(late)  # no second alert
    # a step done is no longer overdue; a closed incident has nothing overdue
    first = late[0]["id"]
    r = kit.api(eng, "POST", f"{API}/{item['id']}/steps/{first}/done", json={"note": "done"})
    assert r.status_code == 200, r.text
    left = kit.api(eng, "GET", "/api/v1/projects/alpha/incidents-overdue").json()
    assert first not in {s["id"] for s in left} and len(left) == len(late) - 1
    assert kit.api(eng, "POST", f"{API}/{item['id']}/close", json={}).status_code == 200
    assert kit.api(eng, "GET", "/api/v1/projects/alpha/incidents-overdue").json() == []


def _due_of(step: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(step["due"].replace("Z", "+00:00"))


def test_close_and_full_history(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    iid = kit.api(eng, "POST", API, json=_incident()).json()["id"]
    kit.api(eng, "POST", f"{API}/{iid}", json={"severity": "critical"})
    r = kit.api(eng, "POST", f"{API}/{iid}/close", json={"note": "retrained"})
    assert r.json()["state"] == "closed" and r.json()["closed"]
    assert kit.api(eng, "POST", f"{API}/{iid}/close", json={}).status_code == 409
    assert kit.api(eng, "POST", f"{API}/{iid}", json={"severity": "low"}).status_code == 409
    history = kit.api(eng, "GET", f"{API}/{iid}/history").json()
    assert [h["action"] for h in history] == [
        "incident:opened",
        "incident:updated",
        "incident:closed",
    ]


def test_a_null_field_changes_nothing(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    iid = kit.api(eng, "POST", API, json=_incident()).json()["id"]
    r = kit.api(eng, "POST", f"{API}/{iid}", json={"severity": None, "title": None})
    assert r.status_code == 200 and r.json()["severity"] == "high"


def test_awareness_is_between_1970_and_now(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    for odd in (future, "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"):
        assert kit.api(eng, "POST", API, json=_incident(aware=odd)).status_code == 400, odd


def test_another_projects_incident_is_not_found(kit: Kit) -> None:
    root = kit.user("admin", scope="*")
    theirs = kit.api(root, "POST", "/api/v1/projects/beta/incidents", json=_incident())
    iid, step = theirs.json()["id"], theirs.json()["steps"][0]["id"]
    eng = kit.user("ml-engineer")  # on alpha only
    for method, url, kw in (
        ("GET", f"{API}/{iid}", {}),
        ("GET", f"{API}/{iid}/history", {}),
        ("POST", f"{API}/{iid}", {"json": {"severity": "low"}}),
        ("POST", f"{API}/{iid}/close", {"json": {}}),
        ("POST", f"{API}/{iid}/steps/{step}/done", {"json": {}}),
        ("GET", "/api/v1/projects/beta/incidents", {}),
        ("GET", f"/api/v1/projects/beta/incidents/{iid}", {}),
        ("GET", f"/projects/alpha/incidents/{iid}", {}),
    ):
        assert kit.api(eng, method, url, **kw).status_code == 404, url
    assert kit.api(root, "GET", f"/api/v1/projects/beta/incidents/{iid}").json()["state"] == "open"
    huge = kit.api(eng, "GET", f"{API}/{2**70}")
    assert huge.status_code == 404


def test_roles(kit: Kit) -> None:
    viewer, auditor = kit.user("viewer"), kit.user("auditor")
    assert kit.api(viewer, "GET", API).status_code == 404  # incidents are not for viewers
    assert kit.api(auditor, "GET", API).status_code == 200
    assert kit.api(auditor, "POST", API, json=_incident()).status_code == 404
    officer = kit.user("security-officer", mfa=False)  # no second factor needed
    assert kit.api(officer, "POST", API, json=_incident()).status_code == 200


@pytest.mark.parametrize(
    "extra", [{"state": "closed"}, {"opened_by": "eve"}, {"steps": []}, {"id": 7}]
)
def test_mass_assignment_is_refused(kit: Kit, extra: dict[str, Any]) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", API, json=_incident(**extra))
    assert r.status_code == 422 and next(iter(extra)) in r.json()["error"]
    iid = kit.api(eng, "POST", API, json=_incident()).json()["id"]
    assert kit.api(eng, "POST", f"{API}/{iid}", json=extra).status_code == 422


def test_pages_open_update_and_close_with_csrf(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    c, csrf = kit.browser(eng, "/projects/alpha/incidents")
    form = {"title": "model weights on a paste site", "kind": "stolen-model", "severity": "high"}
    assert c.post("/projects/alpha/incidents", data=form).status_code == 403  # no CSRF token
    r = c.post("/projects/alpha/incidents", data={**form, "csrf": csrf})
    assert r.status_code == 303
    page = r.headers["location"]
    iid = int(page.rsplit("/", 1)[1])
    assert "Rotate the keys" in c.get(page).text
    r = c.post(page, data={"csrf": csrf, "do": "update", "serious": "death"})
    assert r.status_code == 303
    item = kit.api(eng, "GET", f"{API}/{iid}").json()
    assert item["serious"] == "death" and item["severity"] == "high"
    step = item["steps"][0]["id"]
    assert c.post(page, data={"csrf": csrf, "do": "step", "step": str(step)}).status_code == 303
    assert c.post(page, data={"csrf": csrf, "do": "close"}).status_code == 303
    item = kit.api(eng, "GET", f"{API}/{iid}").json()
    assert item["state"] == "closed" and item["steps"][0]["done_by"] == eng
    assert c.post(page, data={"csrf": csrf, "do": "nothing"}).status_code in (400, 409)
    for odd in ("²", "-1", "9" * 19, "x"):
        r = c.post(page, data={"csrf": csrf, "do": "step", "step": odd})
        assert r.status_code in (400, 404), odd


@pytest.mark.parametrize("field", ["title", "summary"])
def test_free_text_is_escaped(kit: Kit, field: str) -> None:
    eng = kit.user("ml-engineer")
    body = _incident(**{field: XSS}, personal_data=True, aware=_ago(days=5))
    iid = kit.api(eng, "POST", API, json=body).json()["id"]
    c, _ = kit.browser(eng, "/projects/alpha/incidents")
    for page in ("/projects/alpha/incidents", f"/projects/alpha/incidents/{iid}"):
        text = c.get(page).text
        assert "<script" not in text and "<img" not in text, page
    if field == "title":  # the title shows on both pages, and in the overdue list
        assert "&lt;script&gt;" in c.get("/projects/alpha/incidents").text
    assert "&lt;script&gt;" in c.get(f"/projects/alpha/incidents/{iid}").text


def test_overdue_across_the_projects_you_can_read(kit: Kit) -> None:
    root = kit.user("admin", scope="*")
    late = _incident(kind="other", aware=_ago(days=20))
    for project in ("alpha", "beta"):
        url = f"/api/v1/projects/{project}/incidents"
        assert kit.api(root, "POST", url, json=late).status_code == 200
    eng = kit.user("ml-engineer")  # alpha only
    mine = kit.api(eng, "GET", "/api/v1/incidents-overdue").json()
    assert list(mine) == ["alpha"] and all(s["alert"] for s in mine["alpha"])
    everything = kit.api(root, "GET", "/api/v1/incidents-overdue").json()
    assert sorted(everything) == ["alpha", "beta"]
    assert not any(s["alert"] for s in everything["alpha"])  # alpha's were raised already
    assert all(s["alert"] for s in everything["beta"])
    viewer = kit.user("viewer")
    assert kit.api(viewer, "GET", "/api/v1/incidents-overdue").json() == {}
