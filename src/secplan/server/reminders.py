"""Reminders of the exceptions an organisation has granted: before one expires, once it has
expired while still approved, and before and after its yearly review (a year after it was
approved).

The server records each reminder once in the audit trail (``waiver:reminder``, by
``secplan-serve``, with its kind and date), when it starts and every hour after, so
``secplan audit watch`` raises it as an alert (rule ``waiver-reminder``) to its log or webhook.
``GET /api/v1/reminders`` lists those of the projects the caller can read.

>>> import datetime as dt
>>> e = {"id": "WV-1", "state": "approved", "expires": "2027-01-10",
...      "decided": "2026-01-20T09:00:00Z"}
>>> [(r.kind, r.due, r.days) for r in due("churn", [e], dt.date(2026, 12, 31))]
[('expiring', '2027-01-10', 10), ('review-due', '2027-01-20', 20)]
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Query, Request

from secplan.access import AccessControl, Actor
from secplan.server import data

#: Days ahead that an expiry or a review is announced.
AHEAD_DAYS = 30
#: An approved exception is reviewed this long after its approval.
REVIEW_AFTER = dt.timedelta(days=365)
#: How often a running server looks for new reminders.
EVERY_S = 3600.0
ACTION = "waiver:reminder"


@dataclass(frozen=True, slots=True)
class Reminder:
    project: str
    wid: str
    kind: str  # expiring, expired, review-due, review-overdue
    due: str  # the date of the expiry or the review (ISO)
    days: int  # days until then (negative: past)

    @property
    def resource(self) -> str:
        return f"project:{self.project}/exception/{self.wid}"

    def as_dict(self) -> dict[str, object]:
        return {
            "project": self.project,
            "id": self.wid,
            "kind": self.kind,
            "due": self.due,
            "days": self.days,
        }


def due(
    project: str, exceptions: Iterable[Mapping[str, Any]], today: dt.date, ahead: int = AHEAD_DAYS
) -> list[Reminder]:
    """The reminders of one project's approved exceptions on ``today``."""
    out = []
    for e in exceptions:
        if e.get("state") != "approved":
            continue
        expires = dt.date.fromisoformat(str(e["expires"]))
        left = (expires - today).days
        if left < 0:
            out.append(Reminder(project, e["id"], "expired", expires.isoformat(), left))
            continue  # an expired exception waives nothing: its review no longer matters
        if left <= ahead:
            out.append(Reminder(project, e["id"], "expiring", expires.isoformat(), left))
        if not e.get("decided"):
            continue
        review = dt.date.fromisoformat(str(e["decided"])[:10]) + REVIEW_AFTER
        until = (review - today).days
        if until < 0:
            out.append(Reminder(project, e["id"], "review-overdue", review.isoformat(), until))
        elif until <= ahead:
            out.append(Reminder(project, e["id"], "review-due", review.isoformat(), until))
    return out


def reminders(
    ac: AccessControl, projects: Sequence[data.Project], ahead: int = AHEAD_DAYS
) -> list[Reminder]:
    today = ac.clock().date()
    out: list[Reminder] = []
    for p in projects:
        out += due(p.name, data.list_exceptions(ac.db, p), today, ahead)
    return sorted(out, key=lambda r: (r.days, r.project, r.wid, r.kind))


def record_new(ac: AccessControl, actor: Actor) -> list[Reminder]:
    """Record each reminder of every project not recorded before (once per exception, kind
    and date); the ones recorded now."""
    new = []
    for r in reminders(ac, data.all_projects(ac.db)):
        seen = set()
        for e in ac.trail.events(action=ACTION, resource=r.resource):
            d = json.loads(e.details)
            seen.add((str(d.get("kind")), str(d.get("due"))))
        if (r.kind, r.due) not in seen:
            ac.record(actor, ACTION, r.resource, kind=r.kind, due=r.due, days=r.days)
            new.append(r)
    return new


def keep_reminding(ac: AccessControl, actor: Actor, every_s: float = EVERY_S) -> Callable[[], None]:
    """Record new reminders now and every ``every_s`` seconds in a daemon thread; returns
    the function that stops it."""
    stop = threading.Event()

    def loop() -> None:
        while True:
            try:
                record_new(ac, actor)
            except Exception:  # a reminder sweep never takes the server down
                logging.getLogger(__name__).exception("reminder sweep failed")
            if stop.wait(every_s):
                return

    threading.Thread(target=loop, name="secplan-reminders", daemon=True).start()
    return stop.set


def install(
    app: FastAPI,
    ac: AccessControl,
    authenticate: Callable[[Request], Actor],
    visible: Callable[[Actor], list[data.Project]],
) -> None:
    """Add ``GET /api/v1/reminders`` to ``app``."""

    @app.get("/api/v1/reminders", tags=["exceptions"])
    async def list_reminders(
        request: Request, days: int = Query(default=AHEAD_DAYS, ge=0, le=366)
    ) -> list[dict[str, object]]:
        """Exceptions of the projects you can read that expire, have expired, or are due for
        their yearly review within ``days`` days."""
        return [r.as_dict() for r in reminders(ac, visible(authenticate(request)), days)]


__all__ = ["Reminder", "due", "install", "keep_reminding", "record_new", "reminders"]
