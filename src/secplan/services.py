"""The state services every command uses: database, audit trail, access control, and the
current actor. Built once per command by :func:`open_services` (no module-level singletons).

Commands never write the database themselves: they call ``services.access`` (which authorizes
and audits) or ``services.audit(...)``.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from secplan._io import atomic_write
from secplan.access import AccessControl, Actor
from secplan.access.control import os_source
from secplan.audit.events import EventIn, Outcome
from secplan.audit.keys import local_signer
from secplan.audit.trail import AuditTrail
from secplan.session import ENV_TOKEN, session_file
from secplan.store import Database, open_database


@dataclass(slots=True)
class Services:
    db: Database
    trail: AuditTrail
    access: AccessControl
    _actor: Actor | None = None

    @property
    def actor(self) -> Actor:
        """Who is acting: ``SECPLAN_TOKEN``, else the login session, else the OS user while
        the database has no users (local mode), else nobody."""
        if self._actor is None:
            token = os.environ.get(ENV_TOKEN, "").strip()
            if not token and session_file().is_file():
                token = session_file().read_text(encoding="utf-8").strip()
            if token:
                self._actor = self.access.actor_from_token(token)
            elif self.access.local_mode():
                self._actor = self.access.local_actor()
            else:  # multi-user mode, not logged in: named for the record, no permissions
                self._actor = Actor(name=f"os:{getpass.getuser()}", kind="anonymous", via="os")
        return self._actor

    def audit(
        self, action: str, resource: str, outcome: Outcome = Outcome.ALLOWED, /, **details: object
    ) -> None:
        """Record an event by the current actor."""
        a = self.actor
        self.trail.append(
            EventIn(
                actor=a.name,
                action=action,
                resource=resource,
                outcome=outcome,
                details={"via": a.via, **details},
            )
        )

    def save_session(self, token: str) -> None:
        atomic_write(session_file(), token + "\n", mode=0o600)

    def close(self) -> None:
        self.db.dispose()


def open_services(database_url: str | None = None) -> Services:
    db = open_database(configured=database_url)
    trail = AuditTrail(db, local_signer())
    access = AccessControl(db, trail, source=os_source())
    return Services(db=db, trail=trail, access=access)
