"""Adopting rows written before the server ran (``secplan serve --adopt``): sealing an account
or a role binding only where the signed audit trail vouches for it.

A row without a seal may have been written honestly (``secplan users add`` or ``secplan roles
grant`` against the database before the server ran, or an account from before accounts were
sealed) or planted by one SQL statement. The trail tells them apart, as far as it can be
trusted: the trail is verified first (nothing is adopted when it does not verify), and only
events covered by a reviewed checkpoint count: one someone asked for with ``secplan audit
checkpoint`` (its signed note says so), since anyone who can write the database can append
events that merely chain, and the checkpoints signed on their own as the trail grows would
then cover them. Then

* a role binding is adopted when the last event about it (``user:create`` with the role,
  ``role:grant``, ``role:adopt``, ``role:revoke``) grants it, and is covered;
* an account is adopted when the trail created it (``user:create``) with the row's kind, its
  last ``user:disable``/``user:enable`` leaves it as disabled as the row is, it has a second
  factor exactly when the trail confirmed one (``mfa:confirm``), every one of these events
  is covered, and the server never sealed it before (a ``user:create`` marked ``sealed`` or a
  ``principal:adopt``): an account whose seal was removed is not taken back;
* every other row without a valid seal is listed, recorded (``role:adopt`` or
  ``principal:adopt``, denied) and left unsealed: it grants nothing through the server.

Checkpoints are also signed as the trail grows (every ``CHECKPOINT_EVERY`` events, by the
server too), so a checkpoint does not always mean that someone reviewed what it covers. The
first adoption that counts any event records how far it reached (``server:adopt``); every
later adoption counts only events up to there: an event appended afterwards by whoever writes
the database, then covered by a checkpoint the server signed on its own, vouches for nothing.
Where an earlier version of the server adopted role bindings (it sealed all it found), a
binding is adopted only when the trail granted it before that.

The trail cannot vouch for a password hash or a second factor's secret (it never holds them):
an adopted account keeps those as they are, which is why the rows are reviewed first and
adoption is done once, when moving to the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select, text, update

from secplan.access import AccessControl, Actor, rowseal
from secplan.access.control import as_read
from secplan.audit.events import Event, Outcome, clipped
from secplan.audit.notes import Verifier, open_note, parse_checkpoint
from secplan.audit.trail import REVIEW, StoredCheckpoint
from secplan.audit.verify import verify
from secplan.errors import ConfigError, VerificationError
from secplan.store.schema import principals, role_bindings

_RES = "principal:"
_CHECKPOINT = (
    "it is newer than the last reviewed checkpoint: review it (secplan users list, secplan "
    "audit log), run secplan audit checkpoint, then adopt again"
)
_FIRST = (
    "it is newer than the first adoption (events 1 to {n}); rows made since then are "
    "granted or created through the server"
)
#: The event recording how far the first adoption counted events.
RUN = "server:adopt"


@dataclass(slots=True)
class _Account:
    kind: str | None = None  # from user:create; None: never created in the trail
    disabled: bool = False
    mfa: bool = False
    sealed_before: bool = False
    last: int = 0  # the sequence number of its newest event


@dataclass(slots=True)
class _Grant:
    granted: bool
    last: int


@dataclass(slots=True)
class Left:
    """A row left unsealed, and why."""

    resource: str
    what: str
    reason: str


@dataclass(slots=True)
class Adoption:
    covered: int  # events covered by the newest reviewed checkpoint
    accounts: list[str] = field(default_factory=list)
    bindings: list[tuple[str, str, str]] = field(default_factory=list)  # name, role, scope
    left: list[Left] = field(default_factory=list)


def _replay(events: Iterable[Event]) -> tuple[dict[str, _Account], dict[tuple[str, ...], _Grant]]:
    accounts: dict[str, _Account] = {}
    grants: dict[tuple[str, ...], _Grant] = {}
    for e in events:
        if e.outcome != Outcome.ALLOWED or not e.resource.startswith(_RES):
            continue
        name, d = e.resource[len(_RES) :], e.details_dict()
        a = accounts.setdefault(name, _Account())
        if e.action == "user:create":
            a.kind, a.last = str(d.get("kind", "")), e.seq
            a.sealed_before = a.sealed_before or d.get("sealed") is True
            roles = d.get("roles")
            for role in roles if isinstance(roles, list) else ():
                grants[(name, str(role), "*")] = _Grant(True, e.seq)
        elif e.action in ("user:disable", "user:enable"):
            a.disabled, a.last = e.action == "user:disable", e.seq
        elif e.action == "mfa:confirm":
            a.mfa, a.last = True, e.seq
        elif e.action == "principal:adopt":
            a.sealed_before, a.last = True, e.seq
        elif e.action in ("role:grant", "role:adopt", "role:revoke"):
            key = (name, str(d.get("role", "")), str(d.get("scope", "")))
            grants[key] = _Grant(e.action != "role:revoke", e.seq)
    return accounts, grants


def _beyond(last: int, covered: int, first: int | None) -> str | None:
    if first is not None and last > first:
        return _FIRST.format(n=first)
    if last > covered:
        return _CHECKPOINT
    return None


def _first_run(ac: AccessControl) -> int | None:
    """How far the first adoption counted events (None before any adoption that counted)."""
    for e in ac.trail.events(action=RUN, resource=RUN):
        reached = e.details_dict().get("up_to_event")
        if e.outcome == Outcome.ALLOWED and isinstance(reached, int) and reached > 0:
            return reached
    return None


def _first_binding_adoption(ac: AccessControl) -> int | None:
    """The first role binding adopted by an earlier version of the server (which sealed every
    binding it found, recording ``role:adopt`` without saying how far the trail vouched):
    bindings made since were made through the server, sealed; one made around it granted
    nothing then and is not adopted now."""
    for e in ac.trail.events(action="role:adopt", resource=_RES + "*", outcome="allowed", limit=1):
        return e.seq
    return None


def _account_fault(
    row: Any, a: _Account | None, covered: int, first: int | None = None
) -> str | None:
    """Why the trail does not vouch for account ``row``, or None."""
    if a is None or a.kind is None:
        return "the signed audit trail never created it (no user:create event)"
    if a.sealed_before:
        return "the server sealed it before and its seal was removed or changed"
    beyond = _beyond(a.last, covered, first)
    if beyond is not None:
        return beyond
    if a.kind != row.kind:
        return f"the trail created it as a {a.kind} account, the row says {row.kind}"
    if a.disabled != bool(row.disabled):
        state = "disabled" if a.disabled else "enabled"
        return f"the trail has it {state}, the row does not"
    if a.mfa != bool(row.mfa_enabled):
        return (
            "the row has a second factor the trail never confirmed"
            if row.mfa_enabled
            else "the trail confirmed a second factor the row no longer has"
        )
    return None


def _binding_fault(g: _Grant | None, covered: int, first: int | None = None) -> str | None:
    if g is None:
        return "the signed audit trail holds no grant of it"
    if not g.granted:
        return "the trail revoked it"
    return _beyond(g.last, covered, first)


def _reviewed(stored: Iterable[StoredCheckpoint], verifiers: list[Verifier]) -> int:
    """The size of the largest checkpoint someone asked for (its signed note carries the
    ``review`` line): checkpoints signed on their own as the trail grows vouch for nothing,
    since they cover whatever a writer of the database appended before them."""
    best = 0
    for cp in stored:
        try:
            text_, _ = open_note(cp.note, verifiers)
            parsed = parse_checkpoint(text_)
        except VerificationError:
            continue
        reviewed = any(e == REVIEW or e.startswith(REVIEW + " ") for e in parsed.extensions)
        if reviewed and parsed.size == cp.tree_size:
            best = max(best, cp.tree_size)
    return best


def _hold_trail(conn: Connection) -> None:
    """Keep other writers off the trail until ``conn``'s transaction ends (SQLite's write
    transactions already hold its one write lock); reading it stays open to all."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("LOCK TABLE audit_events, audit_head, audit_checkpoints IN EXCLUSIVE MODE")
        )


def adopt(
    ac: AccessControl, actor: Actor, verifiers: list[Verifier], exported: Iterable[str] = ()
) -> Adoption:
    """Seal the accounts and role bindings the signed trail vouches for; list (and record)
    the rest. A :class:`ConfigError` when the trail does not verify: nothing is adopted."""
    key = ac.row_key
    assert key is not None
    with ac.db.begin() as conn:
        # the trail is verified and replayed while nobody else can write it: an event
        # rewritten between the two would otherwise vouch for what the verification never saw
        _hold_trail(conn)
        stored = ac.trail.checkpoints()
        result = verify(ac.trail, verifiers, exported)
        if not result.ok:
            more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
            raise ConfigError(
                "the audit trail does not verify, so nothing was adopted: "
                f"{result.problems[0]}{more}",
                "run secplan audit verify with the server's home (checkpoints signed on other "
                "machines need their keys: secplan audit trust KEY); adopt once it verifies",
            )
        covered = min(_reviewed(stored, verifiers), result.size)
        first = _first_run(ac)
        earlier = _first_binding_adoption(ac)
        first_binding = min((n for n in (first, earlier) if n is not None), default=None)
        accounts, grants = _replay(ac.trail.events(resource=_RES + "*"))
        out = Adoption(covered)
        for row in conn.execute(select(principals).order_by(principals.c.name)).all():
            if ac.principal_sealed(row):
                continue
            why = _account_fault(row, accounts.get(row.name), covered, first)
            if row.seal is not None and why is None:
                why = "the server sealed it before and the row was changed since"
            if why is not None:
                out.left.append(Left(clipped(_RES + row.name), "account", why))
                continue
            conn.execute(
                update(principals)
                .where(principals.c.id == row.id, *as_read(row))
                .values(seal=rowseal.principal_row_seal(key, row))
            )
            out.accounts.append(row.name)
        rows = conn.execute(
            select(role_bindings, principals.c.name)
            .join(principals, principals.c.id == role_bindings.c.principal_id)
            .order_by(role_bindings.c.id)
        ).all()
        for r in rows:
            seal = rowseal.binding_seal(key, r.name, r.role, r.scope)
            if rowseal.matches(seal, r.seal):
                continue
            why = _binding_fault(grants.get((r.name, r.role, r.scope)), covered, first_binding)
            if why is not None:
                out.left.append(Left(clipped(_RES + r.name), f"role {r.role} on {r.scope}", why))
                continue
            conn.execute(
                update(role_bindings)
                .where(
                    role_bindings.c.id == r.id,
                    role_bindings.c.principal_id == r.principal_id,
                    role_bindings.c.role == r.role,
                    role_bindings.c.scope == r.scope,
                )
                .values(seal=seal)
            )
            out.bindings.append((r.name, r.role, r.scope))
    if first is None and covered:
        ac.record(actor, RUN, RUN, up_to_event=covered)
    for name in out.accounts:
        ac.record(actor, "principal:adopt", _RES + name, up_to_event=covered)
    for name, role, scope in out.bindings:
        ac.record(actor, "role:adopt", _RES + name, role=role, scope=scope, up_to_event=covered)
    for left in out.left:
        action = "principal:adopt" if left.what == "account" else "role:adopt"
        ac.record(
            actor,
            action,
            left.resource,
            Outcome.DENIED,
            row=clipped(left.what),
            reason=clipped(left.reason),
        )
    return out


def _escaped(text: str) -> str:
    return text if text.isprintable() else repr(text)[1:-1]


def report(out: Adoption) -> str:
    """What ``secplan serve --adopt`` prints."""
    lines = [
        f"adopted {len(out.accounts)} accounts and {len(out.bindings)} role bindings that the "
        f"signed audit trail vouches for (events 1 to {out.covered})"
    ]
    if not out.covered:
        lines.append(
            "  the trail has no reviewed checkpoint yet: review the rows (secplan users list), "
            "run secplan audit checkpoint with the server's home, then adopt again"
        )
    for left in out.left:
        # names, roles and scopes come from the database, where they may hold anything (a
        # line break, a terminal escape): shown escaped, they cannot forge a line
        shown = " ".join(_escaped(s) for s in (left.resource, left.what))
        lines.append(f"left unsealed: {shown}: {_escaped(left.reason)}")
    if any(left.what != "account" for left in out.left):
        lines.append(
            "  a role left unsealed grants nothing; if it is wanted, grant it through the "
            'server: POST /api/v1/users/NAME/roles {"role": ROLE, "scope": SCOPE}'
        )
    if any(left.what == "account" for left in out.left):
        lines.append(
            "  an account left unsealed cannot log in through the server; if it is wanted, "
            "create it anew through the server (POST /api/v1/users) under another name and "
            "grant its roles there"
        )
    return "\n".join(lines) + "\n"
