"""Browser sessions: logging in through the form ends the session the browser held before,
logging out revokes the session and clears its cookie, and the JSON login sets no cookie."""

from __future__ import annotations

import re
import warnings
from typing import Any

from secplan.access import AccessControl
from tests.unit.access.test_access import PASSWORD

COOKIE = "secplan_session"


def _client(app: Any) -> Any:
    with warnings.catch_warnings():  # a newer starlette would rather have httpx2
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    return TestClient(app, follow_redirects=False)


def _form_login(c: Any, name: str = "root", password: str = PASSWORD) -> Any:
    page = c.get("/login")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert token, page.text
    return c.post("/login", data={"csrf": token[1], "name": name, "password": password})


def _csrf(c: Any) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', c.get("/me").text)
    assert found
    return found[1]


def _opens(app: Any, session: str) -> bool:
    with _client(app) as other:
        other.cookies.set(COOKIE, session)
        return bool(other.get("/api/v1/whoami").status_code == 200)


def test_a_form_login_ends_the_session_the_browser_held(app_parts: Any) -> None:
    app, ac = app_parts
    with _client(app) as c:
        assert _form_login(c).status_code == 303
        first = c.cookies[COOKIE]
        assert _opens(app, first)
        # a second login in the same browser (or over a cookie planted there) replaces it
        assert _form_login(c).status_code == 303
        second = c.cookies[COOKIE]
        assert second != first
        assert not _opens(app, first)
        assert _opens(app, second)
        # a failed login leaves the session as it was
        assert _form_login(c, password="not the password!").status_code == 401
        assert _opens(app, second)
    revoked = [e for e in ac.trail.events(action="token:revoke") if e.outcome == "allowed"]
    assert len(revoked) == 1


def test_a_planted_cookie_of_another_account_is_revoked_by_the_login(
    app_parts: Any,
) -> None:
    app, ac = app_parts
    ac.add_principal(_root(ac), "bob", password=PASSWORD)
    bobs = ac.login("bob", PASSWORD).token
    with _client(app) as c:
        c.cookies.set(COOKIE, bobs)
        assert _form_login(c).status_code == 303
        assert c.get("/api/v1/whoami").json()["name"] == "root"
    assert not _opens(app, bobs)


def _root(ac: AccessControl) -> Any:
    from secplan.access import Actor

    return Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)


def test_logout_revokes_the_session_and_clears_the_cookie(app_parts: Any) -> None:
    app, _ = app_parts
    with _client(app) as c:
        _form_login(c)
        session = c.cookies[COOKIE]
        # without the session's CSRF token a logout changes nothing
        assert c.post("/logout", data={}).status_code == 403
        assert _opens(app, session)
        r = c.post("/logout", data={"csrf": _csrf(c)})
        assert r.status_code == 303 and r.headers["location"] == "/login"
        cleared = r.headers["set-cookie"].lower()
        assert f"{COOKIE}=" in cleared and "max-age=0" in cleared and "httponly" in cleared
        assert COOKIE not in c.cookies
        assert not _opens(app, session)
        # a cookie whose session already ended is cleared too
        c.cookies.set(COOKIE, session)
        r = c.post("/logout", data={"csrf": "0" * 64})
        assert r.status_code == 303 and "max-age=0" in r.headers["set-cookie"].lower()


def test_the_json_login_and_logout(app_parts: Any) -> None:
    app, _ = app_parts
    with _client(app) as c:
        r = c.post("/api/v1/login", json={"name": "root", "password": PASSWORD})
        assert r.status_code == 200 and "set-cookie" not in r.headers
        token = r.json()["token"]
        # a cookie session, logged out through the API: revoked and cleared
        _form_login(c)
        session = c.cookies[COOKIE]
        r = c.post("/api/v1/logout", headers={"X-CSRF-Token": _csrf(c)})
        assert r.status_code == 200 and "max-age=0" in r.headers["set-cookie"].lower()
        assert not _opens(app, session)
        # the JSON login's session is independent of the browser's, and ends on its own
        bearer = {"Authorization": f"Bearer {token}"}
        assert c.get("/api/v1/whoami", headers=bearer).status_code == 200
        r = c.post("/api/v1/logout", headers=bearer)
        assert r.status_code == 200 and "set-cookie" not in r.headers
        assert c.get("/api/v1/whoami", headers=bearer).status_code == 401


def test_logout_without_a_session_goes_to_the_login_page(app_parts: Any) -> None:
    app, _ = app_parts
    with _client(app) as c:
        r = c.post("/logout", data={})
        assert r.status_code == 303 and r.headers["location"] == "/login"
