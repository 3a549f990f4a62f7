"""Odd input to every register route answers with a 4xx, never an internal error: request
bodies of any JSON shape, and form fields of any text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.server._kit import Kit

TEXT = st.text(max_size=30)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
FIELDS = [
    "title",
    "kind",
    "severity",
    "personal_data",
    "serious",
    "aware",
    "summary",
    "techniques",
    "likelihood",
    "impact",
    "owner",
    "treatment",
    "controls",
    "principal",
    "issued",
    "expires",
    "evidence",
    "name",
    "version",
    "licence",
    "note",
    "models",
    "datasets",
]
BODY = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6)
FORM = st.dictionaries(st.sampled_from([*FIELDS, "do", "step", "risk", "revoke", "bom"]), TEXT)
API = [
    "/api/v1/projects/alpha/incidents",
    "/api/v1/projects/alpha/incidents/1",
    "/api/v1/projects/alpha/incidents/1/close",
    "/api/v1/projects/alpha/incidents/1/steps/1/done",
    "/api/v1/projects/alpha/risks",
    "/api/v1/projects/alpha/risks/1",
    "/api/v1/projects/alpha/third-parties",
    "/api/v1/projects/alpha/third-parties/bom",
    "/api/v1/attestations",
    "/api/v1/attestations/1/revoke",
    "/api/v1/projects/alpha/third-parties/records",
]
PAGES = [
    "/projects/alpha/incidents",
    "/projects/alpha/incidents/1",
    "/projects/alpha/risks",
    "/projects/alpha/third-parties",
    "/attestations",
]


@pytest.fixture
def admin(app_parts: Any) -> tuple[Kit, str]:
    """The harness, an administrator's account, and incident 1 and risk 1 of alpha."""
    app, ac = app_parts
    kit = Kit(app, ac)
    who = kit.user("admin", scope="*")
    body = {"title": "seed", "kind": "other", "severity": "low"}
    assert kit.api(who, "POST", API[0], json=body).status_code == 200
    risk = {"title": "seed", "likelihood": 1, "impact": 1, "owner": "o", "treatment": "accept"}
    assert kit.api(who, "POST", API[4], json=risk).status_code == 200
    return kit, who


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.sampled_from(API), body=BODY | JSON)
def test_any_json_body_is_a_4xx_or_accepted(admin: tuple[Kit, str], url: str, body: Any) -> None:
    kit, who = admin
    r = kit.api(who, "POST", url, json=body)
    assert r.status_code < 500, (url, body, r.text)


VALID = {
    API[0]: {"title": "abc", "kind": "other", "severity": "low", "aware": "2026-01-01T00:00:00Z"},
    API[4]: {"title": "abc", "likelihood": 1, "impact": 1, "owner": "o", "treatment": "accept"},
    API[6]: {"kind": "vendor", "name": "v", "version": "1", "licence": "MIT"},
    API[10]: {"models": [{"id": "m", "source": "hf://o/m", "files": [{"path": "m.bin"}]}]},
    API[8]: {
        "kind": "background-check",
        "issued": "2026-01-01",
        "expires": "2099-01-01",
        "evidence": "e",
    },
}


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_one_odd_field_in_a_valid_body(admin: tuple[Kit, str], data: st.DataObject) -> None:
    kit, who = admin
    url = data.draw(st.sampled_from(sorted(VALID)))
    body = dict(VALID[url])
    if url == API[8]:
        body["principal"] = "root"  # another account than the recorder's
    field = data.draw(st.sampled_from(sorted(body)))
    body[field] = data.draw(JSON | TEXT)
    r = kit.api(who, "POST", url, json=body)
    assert r.status_code < 500, (url, body, r.text)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.sampled_from(PAGES), form=FORM)
def test_any_form_is_a_4xx_or_accepted(
    admin: tuple[Kit, str], url: str, form: dict[str, str]
) -> None:
    kit, who = admin
    r = kit.api(who, "POST", url, data=form)
    assert r.status_code < 500, (url, form, r.text)


def test_the_valid_bodies_are_accepted(admin: tuple[Kit, str]) -> None:
    kit, who = admin
    for url, body in VALID.items():
        extra = {"principal": "root"} if url == API[8] else {}
        r = kit.api(who, "POST", url, json={**body, **extra})
        assert r.status_code == 200, (url, r.text)
