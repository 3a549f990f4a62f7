"""Reminders before an exception expires and before its yearly review, recorded once each and
raised as alerts; and renewal, a new request that must be approved again."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from secplan.access import AccessControl, Actor
from secplan.audit.detect import detect
from secplan.server import data
from secplan.server.reminders import due, record_new
from tests.unit.access.test_access import PASSWORD
from tests.unit.server.conftest import session_headers

ROOT = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)
SERVE = Actor(name="secplan-serve", kind="local", bindings=(("admin", "*"),), via="server")
TODAY = dt.date(2026, 12, 7)


def _exc(wid: str, state: str, expires: str, decided: str | None = None) -> dict[str, Any]:
    return {"id": wid, "state": state, "expires": expires, "decided": decided}


def test_reminders_by_kind_and_date() -> None:
    got = due(
        "churn",
        [
            _exc("WV-1", "approved", "2026-12-20", "2026-06-01T10:00:00Z"),  # expiring in 13
            _exc("WV-2", "approved", "2026-12-01", "2025-01-01T10:00:00Z"),  # expired
            _exc("WV-3", "approved", "2027-09-01", "2025-12-20T10:00:00Z"),  # review in 13
            _exc("WV-4", "approved", "2027-09-01", "2025-11-01T10:00:00Z"),  # review overdue
            _exc("WV-5", "pending", "2026-12-10"),  # not in force: nothing to remind
            _exc("WV-6", "approved", "2027-06-01", "2026-11-01T10:00:00Z"),  # nothing due
        ],
        TODAY,
    )
    assert [(r.wid, r.kind, r.due, r.days) for r in got] == [
        ("WV-1", "expiring", "2026-12-20", 13),
        ("WV-2", "expired", "2026-12-01", -6),
        ("WV-3", "review-due", "2026-12-20", 13),
        ("WV-4", "review-overdue", "2026-11-01", -36),
    ]
    assert due("churn", [_exc("WV-1", "approved", "2026-12-20")], TODAY, ahead=5) == []


@pytest.fixture
def env(app_parts: Any) -> Iterator[tuple[Any, AccessControl]]:
    app, ac = app_parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(app) as client:
        yield client, ac


def _approved(ac: AccessControl, project: str, wid: str, expires: dt.date) -> None:
    p = data.project(ac.db, project) or data.create_project(ac.db, project, "", "root", "x")
    fields = {
        "id": wid,
        "rule": "DP001",
        "paths": ["requirements.txt"],
        "justification": "pinned in the next release",
        "risk": "low",
        "mitigations": ["network isolated"],
        "requester": "alice",
        "expires": expires.isoformat(),
        "state": "approved",
        "approver": "bob",
        "decided": datetime.now(UTC).isoformat(),
    }
    data.add_exception(ac.db, p, fields, datetime.now(UTC).isoformat())


def test_reminders_are_listed_recorded_once_and_raised(env: Any) -> None:
    client, ac = env
    today = ac.clock().date()
    _approved(ac, "alpha", "WV-A1", today + dt.timedelta(days=10))
    _approved(ac, "beta", "WV-B1", today + dt.timedelta(days=12))
    ac.add_principal(ROOT, "vic", password=PASSWORD)
    ac.grant(ROOT, "vic", "viewer", "project:alpha")
    seen = client.get("/api/v1/reminders", headers=session_headers(ac, "vic")).json()
    # only the projects the caller can read
    assert [(r["project"], r["id"], r["kind"]) for r in seen] == [("alpha", "WV-A1", "expiring")]
    assert len(client.get("/api/v1/reminders", headers=session_headers(ac, "root")).json()) == 2
    assert client.get("/api/v1/reminders?days=5", headers=session_headers(ac, "root")).json() == []
    first = record_new(ac, SERVE)
    assert {(r.project, r.kind) for r in first} == {("alpha", "expiring"), ("beta", "expiring")}
    assert record_new(ac, SERVE) == []  # each once
    alerts = [a for a in detect(ac.trail.events()) if a.rule == "waiver-reminder"]
    assert len(alerts) == 2


def test_renewal_is_a_new_request_to_approve_again(env: Any) -> None:
    client, ac = env
    today = ac.clock().date()
    _approved(ac, "alpha", "WV-R1", today + dt.timedelta(days=10))
    root = session_headers(ac, "root")
    later = (today + dt.timedelta(days=200)).isoformat()
    url = "/api/v1/projects/alpha/exceptions/WV-R1/renew"
    r = client.post(url, json={"expires": later}, headers=root)
    assert r.status_code == 200, r.text
    new = r.json()
    assert new["state"] == "pending" and new["renews"] == "WV-R1" and new["id"] != "WV-R1"
    p = data.project(ac.db, "alpha")
    assert p is not None
    renewal = data.get_exception(ac.db, p, new["id"])
    old = data.get_exception(ac.db, p, "WV-R1")
    assert renewal is not None and old is not None
    assert renewal["requester"] == "root" and renewal["expires"] == later
    for k in ("rule", "paths", "risk", "mitigations", "justification"):
        assert renewal[k] == old[k], k
    assert old["state"] == "approved"  # still in force until it expires
    # only an approved exception is renewed, and only to a later date
    r = client.post(
        f"/api/v1/projects/alpha/exceptions/{new['id']}/renew",
        json={"expires": later},
        headers=root,
    )
    assert r.status_code == 409
    earlier = (today + dt.timedelta(days=5)).isoformat()
    assert client.post(url, json={"expires": earlier}, headers=root).status_code == 400
    assert (
        client.post(url, json={"expires": later, "state": "approved"}, headers=root).status_code
        == 422
    )
    history = [e.action for e in ac.trail.events(resource="project:alpha/exception/WV-R1")]
    assert "waiver:renewal-requested" in history
