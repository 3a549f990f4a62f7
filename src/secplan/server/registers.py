"""The governance registers in the server: incidents (HS3), attestations (HS1, HS2), risks
and third parties (SC6). Each register's routes come from a module of its own; :func:`install`
adds them all.

Every route authenticates as the rest of the server does (session cookie with CSRF on forms,
or a bearer token), decides its action on ``project:<name>`` (an account's own records on
``principal:<name>``) and looks an object up only within that project, so another project's
object is a 404. Request bodies refuse unknown fields; every change is an audit event on the
object's resource, from which its history is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from pydantic import Field

from secplan.access import AccessControl, Actor
from secplan.server import data
from secplan.server.app import MAX_ID, HttpError, Server, _In, _now


class RegisterIn(_In):
    """A register's request body: no field it does not define (no mass assignment), and no
    text with a NUL character (which PostgreSQL cannot store); both checked by ``_In``."""


class NoteIn(RegisterIn):
    note: str = Field(default="", max_length=4000)


@dataclass(frozen=True, slots=True)
class Routes:
    """What a register's routes share with the rest of the application."""

    app: FastAPI
    srv: Server
    authenticate: Callable[..., Actor]  # (request, form=None)
    project_for: Callable[..., data.Project]  # (actor, name, action, **details)
    form_of: Callable[[Request], Awaitable[dict[str, str]]]

    @property
    def ac(self) -> AccessControl:
        return self.srv.ac

    def now(self) -> str:
        return _now(self.ac)

    def history(self, resource: str) -> list[dict[str, Any]]:
        """Every event recorded on ``resource``, oldest first."""
        return data.history(self.ac.db, resource)


def object_id(value: int, what: str) -> int:
    """A path's object id within the database's integer range, else a 404."""
    if not 0 < value <= MAX_ID:
        raise HttpError(404, f"no {what} {value} in this project", "")
    return value


def form_int(text: str, what: str) -> int:
    """A form's object number, else a 400."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        raise HttpError(400, f"{what}: not a number", "use the page's form")
    return int(text)


def form_date(text: str, what: str) -> dt.date:
    """A form's date (YYYY-MM-DD), else a 400."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HttpError(400, f"{what} {text[:20]!r} is not a date (YYYY-MM-DD)", "") from None


def install(
    app: FastAPI,
    srv: Server,
    *,
    authenticate: Callable[..., Actor],
    project_for: Callable[..., data.Project],
    form_of: Callable[[Request], Awaitable[dict[str, str]]],
) -> None:
    """Add the registers' API routes and pages to ``app``."""
    from secplan.server import attestations, incidents, risks, thirdparty

    r = Routes(app, srv, authenticate, project_for, form_of)
    incidents.install(r)
    attestations.install(r)
    risks.install(r)
    thirdparty.install(r)
