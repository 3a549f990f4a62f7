"""A harness for the registers' route tests: projects alpha and beta, accounts holding a role
on alpha (or everywhere), requests with a bearer session opened with a second factor, and a
browser whose cookie session sends the CSRF token of its pages."""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from secplan.access import AccessControl, Actor
from secplan.access.manage import insert_token
from secplan.server import data
from tests.unit.access.test_access import PASSWORD

ROOT = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
COOKIE = "secplan_session"
_n = itertools.count(1)


def client(app: Any) -> Any:
    with warnings.catch_warnings():  # a newer starlette would rather have httpx2
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    return TestClient(app, follow_redirects=False)


@dataclass
class Kit:
    app: Any
    ac: AccessControl
    tokens: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("alpha", "beta"):
            data.create_project(self.ac.db, name, "", "root", "2026-01-01T00:00:00Z")
        self.client = client(self.app)

    def user(self, role: str | None, scope: str = "project:alpha", mfa: bool = True) -> str:
        """A new account holding ``role`` on ``scope``, with a session."""
        name = f"{role or 'none'}-{next(_n)}"
        self.ac.add_principal(ROOT, name, password=PASSWORD)
        if role is not None:
            self.ac.grant(ROOT, name, role, scope)
        expires = datetime.now(UTC) + timedelta(hours=1)
        new = insert_token(
            self.ac, ROOT, name, kind="session", scopes=(), expires=expires, desc="", mfa=mfa
        )
        self.tokens[name] = new.token
        return name

    def api(self, user: str, method: str, url: str, **kw: Any) -> Any:
        self.client.cookies.clear()
        headers = {"Authorization": f"Bearer {self.tokens[user]}"}
        return self.client.request(method, url, headers=headers, **kw)

    def browser(self, user: str, page: str) -> tuple[Any, str]:
        """A client whose cookie is ``user``'s session, and the CSRF token of ``page``."""
        c = client(self.app)
        c.cookies.set(COOKIE, self.tokens[user])
        found = re.search(r'name="csrf" value="([0-9a-f]+)"', c.get(page).text)
        assert found, page
        return c, found[1]

    def events(self, action: str) -> list[Any]:
        return list(self.ac.trail.events(action=action))
