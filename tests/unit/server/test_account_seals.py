"""Through the server, an account whose row was edited in the database (a password hash the
editor knows) logs in nowhere: the client gets the usual 401, the administrator a line in the
server's log and an event in the trail."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from sqlalchemy import update

from secplan.access import credentials as cred
from secplan.store.schema import principals
from tests.unit.access.test_principal_seals import plant_account

KNOWN = "a password the attacker chose"


def test_a_login_with_a_planted_password_hash_is_refused(
    app_parts: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    app, ac = app_parts
    with ac.db.begin() as conn:
        conn.execute(
            update(principals)
            .where(principals.c.name == "root")
            .values(password_hash=cred.hash_password(KNOWN))
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(app) as c:
        r = c.post("/api/v1/login", json={"name": "root", "password": KNOWN})
        wrong = c.post("/api/v1/login", json={"name": "root", "password": "not the password"})
    assert r.status_code == wrong.status_code == 401
    assert r.json() == wrong.json()  # nothing tells the client why
    log = capsys.readouterr().err
    assert "refused principal:root: the account row of root was changed outside the server" in log
    assert "--adopt" in log
    events = list(ac.trail.events(action="access:unsealed-row"))
    assert [e.resource for e in events] == ["principal:root"]


def test_a_planted_account_name_cannot_forge_lines_in_the_log(
    app_parts: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    app, ac = app_parts
    name = "x\nsecplan server: all is well"
    plant_account(ac, name, KNOWN)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(app) as c:
        assert c.post("/api/v1/login", json={"name": name, "password": KNOWN}).status_code == 401
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "x\\nsecplan server" in lines[0]
