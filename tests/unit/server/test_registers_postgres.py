"""The registers on PostgreSQL: the same routes over the server's other database (booleans,
the unique entry of a third party, the overdue flag's update, the history query)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.unit.server._kit import Kit


@pytest.fixture
def pg_kit(tmp_path: Path, cheap_argon2: None) -> Iterator[Kit]:
    pytest.importorskip("fastapi")
    from secplan.access import AccessControl
    from secplan.audit import AuditTrail
    from secplan.server.app import create_app
    from secplan.server.keys import load_keys
    from secplan.server.run import BOOTSTRAP
    from tests.dbs import open_test_db, postgres_schema_url
    from tests.unit.access.test_access import KEY, PASSWORD

    for url in postgres_schema_url():
        db = open_test_db(url)
        keys = load_keys(tmp_path)
        ac = AccessControl(db, AuditTrail(db, KEY), row_key=keys.row_key)
        ac.add_principal(BOOTSTRAP, "root", password=PASSWORD, roles=("admin",))
        yield Kit(create_app(ac, keys), ac)


def test_every_register_on_postgresql(pg_kit: Kit) -> None:
    kit = pg_kit
    officer = kit.user("security-officer", scope="*")
    base = "/api/v1/projects/alpha"
    aware = (datetime.now(UTC) - timedelta(days=4)).isoformat()
    body: dict[str, Any] = {
        "title": "customer emails in completions",
        "kind": "pii-leak",
        "severity": "critical",
        "personal_data": True,
        "aware": aware,
    }
    iid = kit.api(officer, "POST", f"{base}/incidents", json=body).json()["id"]
    late = kit.api(officer, "GET", f"{base}/incidents-overdue").json()
    assert any(s["basis"] == "GDPR Art. 33(1)" and s["alert"] for s in late)
    assert not any(s["alert"] for s in kit.api(officer, "GET", f"{base}/incidents-overdue").json())
    assert kit.api(officer, "POST", f"{base}/incidents/{iid}/close", json={}).status_code == 200
    history = kit.api(officer, "GET", f"{base}/incidents/{iid}/history").json()
    assert history[0]["action"] == "incident:opened" and history[-1]["action"] == "incident:closed"

    risk = {"title": "model theft", "techniques": ["AML.T0024"], "likelihood": 2, "impact": 4}
    risk |= {"owner": "serving", "treatment": "mitigate", "controls": ["PS1"]}
    assert kit.api(officer, "POST", f"{base}/risks", json=risk).json()["score"] == 8

    bom = {"bomFormat": "CycloneDX", "components": [{"type": "data", "name": "imdb"}]}
    for want in ({"added": 1, "updated": 0}, {"added": 0, "updated": 0}):
        r = kit.api(officer, "POST", f"{base}/third-parties/bom", content=json.dumps(bom))
        assert r.json() == want

    records = {"datasets": [{"id": "imdb", "source": "hf://datasets/stanfordnlp/imdb"}]}
    records["models"] = [{"id": "m", "licence": "MIT", "files": [{"path": "m.onnx"}]}]
    for want in ({"added": 3, "updated": 0}, {"added": 0, "updated": 0}):
        r = kit.api(officer, "POST", f"{base}/third-parties/records", json=records)
        assert r.json() == want, r.text

    steward = kit.user("data-steward")
    gaps = kit.api(officer, "GET", "/api/v1/attestations/gaps").json()["gaps"]
    assert steward in {g["principal"] for g in gaps}
    today = datetime.now(UTC).date()
    att = {"principal": steward, "kind": "background-check", "evidence": "report 12"}
    att |= {"issued": str(today), "expires": str(today + timedelta(days=365))}
    assert kit.api(officer, "POST", "/api/v1/attestations", json=att).status_code == 200


def test_a_nul_character_is_refused_not_an_internal_error(pg_kit: Kit) -> None:
    kit = pg_kit
    officer = kit.user("security-officer", scope="*")
    base = "/api/v1/projects/alpha"
    for url, body in (
        (f"{base}/incidents", {"title": "a\x00b", "kind": "other", "severity": "low"}),
        (f"{base}/risks", {"title": "abc", "likelihood": 1, "impact": 1, "owner": "\x00"}),
        (f"{base}/third-parties", {"kind": "vendor", "name": "v", "notes": "\x00"}),
        (f"{base}/third-parties/records", {"models": [{"id": "m", "licence": "\x00"}]}),
    ):
        r = kit.api(officer, "POST", url, json=body)
        assert r.status_code == 422 and "NUL" in r.json()["error"], (url, r.text)
    doc = {"bomFormat": "CycloneDX", "components": [{"type": "data", "name": "im\x00db"}]}
    r = kit.api(officer, "POST", f"{base}/third-parties/bom", content=json.dumps(doc))
    assert r.status_code == 200
    assert [e["name"] for e in kit.api(officer, "GET", f"{base}/third-parties").json()] == ["imdb"]
    r = kit.api(officer, "GET", "/api/v1/attestations", params={"principal": "a\x00"})
    assert r.status_code == 200 and r.json() == []
