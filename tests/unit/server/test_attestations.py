"""Training and background-check attestations: recorded with a second factor by someone else,
revoked, expiring; and the report of sensitive-role holders without a current one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.unit.server._kit import XSS, Kit

API = "/api/v1/attestations"
TODAY = dt.date.today()


@pytest.fixture
def kit(app_parts: Any) -> Kit:
    app, ac = app_parts
    return Kit(app, ac)


def _att(principal: str, kind: str = "security-training", **extra: Any) -> dict[str, Any]:
    return {
        "principal": principal,
        "kind": kind,
        "issued": (TODAY - dt.timedelta(days=30)).isoformat(),
        "expires": (TODAY + dt.timedelta(days=335)).isoformat(),
        "evidence": "LMS certificate 4711",
        **extra,
    }


def _gaps(kit: Kit, who: str) -> dict[str, list[str]]:
    r = kit.api(who, "GET", f"{API}/gaps")
    assert r.status_code == 200, r.text
    return {g["principal"]: g["missing"] for g in r.json()["gaps"]}


def test_sensitive_roles_without_current_attestations_are_reported(kit: Kit) -> None:
    officer = kit.user("security-officer", scope="*")
    steward = kit.user("data-steward")  # decrypts: sensitive, even on one project
    engineer = kit.user("ml-engineer")  # no action needing a second factor: not sensitive
    gaps = _gaps(kit, officer)
    assert gaps[steward] == ["security-training", "background-check"]
    assert gaps[officer] == ["security-training", "background-check"]
    assert gaps["root"] == ["security-training", "background-check"]
    assert engineer not in gaps
    other = kit.user("security-officer", scope="*")
    for kind in ("security-training", "background-check"):
        r = kit.api(other, "POST", API, json=_att(steward, kind))
        assert r.status_code == 200, r.text
    assert steward not in _gaps(kit, officer)
    recorded = kit.events("attestation:recorded")
    assert len(recorded) == 2 and recorded[0].resource.startswith(f"principal:{steward}/")


def test_an_expired_or_revoked_attestation_is_not_current(kit: Kit) -> None:
    officer = kit.user("security-officer", scope="*")
    steward = kit.user("data-steward")
    kit.api(officer, "POST", API, json=_att(steward, "background-check"))
    aid = kit.api(officer, "POST", API, json=_att(steward)).json()["id"]
    assert steward not in _gaps(kit, officer)
    r = kit.api(officer, "POST", f"{API}/{aid}/revoke", json={"note": "certificate forged"})
    assert r.status_code == 200 and r.json()["revoked"]
    assert kit.api(officer, "POST", f"{API}/{aid}/revoke", json={}).status_code == 409
    assert _gaps(kit, officer)[steward] == ["security-training"]
    # an attestation that has run out is listed as expired
    from secplan.governance import attestations as store

    old = _att(steward, issued="2024-01-01", expires="2025-01-01")
    store.add(kit.ac.db, old, "root", "2024-01-01T00:00:00Z")
    (gap,) = [
        g
        for g in kit.api(officer, "GET", f"{API}/gaps").json()["gaps"]
        if g["principal"] == steward
    ]
    assert gap["expired"] == ["security-training"]


def test_nobody_attests_for_themselves(kit: Kit) -> None:
    officer = kit.user("security-officer", scope="*")
    r = kit.api(officer, "POST", API, json=_att(officer))
    assert r.status_code == 403
    assert kit.events("attestation:recorded") == []


def test_recording_needs_a_second_factor_and_a_global_role(kit: Kit) -> None:
    target = kit.user(None)
    no_mfa = kit.user("security-officer", scope="*", mfa=False)
    assert kit.api(no_mfa, "POST", API, json=_att(target)).status_code == 403
    on_alpha = kit.user("security-officer")  # a role on one project reaches no account
    assert kit.api(on_alpha, "POST", API, json=_att(target)).status_code == 403
    assert kit.api(on_alpha, "GET", API).status_code == 403
    assert kit.api(on_alpha, "GET", f"{API}/gaps").status_code == 403
    auditor = kit.user("auditor", scope="*")  # reads, does not write
    assert kit.api(auditor, "GET", API).status_code == 200
    assert kit.api(auditor, "POST", API, json=_att(target)).status_code == 403
    root = kit.user("admin", scope="*")
    aid = kit.api(root, "POST", API, json=_att(target)).json()["id"]
    assert kit.api(on_alpha, "POST", f"{API}/{aid}/revoke", json={}).status_code == 403
    assert kit.api(root, "POST", f"{API}/{aid + 1000}/revoke", json={}).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"recorded_by": "eve"},
        {"revoked": None},
        {"kind": "a-course"},
        {"issued": (TODAY + dt.timedelta(days=2)).isoformat()},  # future even past midnight
        {"expires": TODAY.isoformat()},
        {"principal": "nobody-here"},
    ],
)
def test_bad_bodies_are_refused(kit: Kit, bad: dict[str, Any]) -> None:
    root = kit.user("admin", scope="*")
    target = kit.user(None)
    r = kit.api(root, "POST", API, json={**_att(target), **bad})
    assert r.status_code in (400, 422), r.text
    if next(iter(bad)) in ("recorded_by", "revoked"):
        assert r.status_code == 422  # no mass assignment


def test_page_records_with_csrf_and_escapes_evidence(kit: Kit) -> None:
    root = kit.user("admin", scope="*")
    target = kit.user("data-steward")
    c, csrf = kit.browser(root, "/attestations")
    form = {k: str(v) for k, v in _att(target, evidence=XSS).items()}
    assert c.post("/attestations", data=form).status_code == 403
    assert c.post("/attestations", data={**form, "csrf": csrf}).status_code == 303
    page = c.get("/attestations").text
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and target in page
    (item,) = kit.api(root, "GET", API, params={"principal": target}).json()
    r = c.post("/attestations", data={"csrf": csrf, "revoke": str(item["id"])})
    assert r.status_code == 303
    assert kit.api(root, "GET", API, params={"principal": target}).json()[0]["revoked"]
