"""``secplan serve --adopt`` seals only the accounts and role bindings the signed audit trail
vouches for: a row planted by SQL just before adoption (with or without a forged event after
the last signed checkpoint) stays unsealed and grants nothing through the server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import insert, select, update

from secplan.access import AccessControl, Actor
from secplan.access import credentials as cred
from secplan.audit import AuditTrail
from secplan.audit.events import EventIn, Outcome
from secplan.errors import AccessDenied, ConfigError
from secplan.server.adopt import adopt, report
from secplan.store import Database
from secplan.store.schema import audit_events, principals, role_bindings
from tests.dbs import open_test_db
from tests.unit.access.test_access import KEY, PASSWORD, Clock, _admin
from tests.unit.access.test_principal_seals import plant_account

ROW_KEY = b"a" * 32
KNOWN = "a password the attacker chose"
SERVE = Actor(name="secplan-serve", kind="local", bindings=(("admin", "*"),), via="server")


@pytest.fixture(params=["sqlite", "postgresql"])
def before(request: pytest.FixtureRequest, tmp_path: Path, clock: Clock) -> Iterator[AccessControl]:
    """The database as the command line left it before the server ran: root (admin) and bob
    (viewer on beta), every step in the trail, and the trail checkpointed after review."""
    if request.param == "sqlite":
        yield _set_up(open_test_db(f"sqlite:///{tmp_path / 's.db'}"), clock)
        return
    from tests.dbs import postgres_schema_url

    for url in postgres_schema_url():
        yield _set_up(open_test_db(url), clock)


def _set_up(db: Database, clock: Clock) -> AccessControl:
    ac = AccessControl(db, AuditTrail(db, KEY), clock=clock)
    root = _admin(ac)
    ac.add_principal(root, "bob", password=PASSWORD)
    ac.grant(root, "bob", "viewer", "project:beta")
    ac.trail.checkpoint()
    return ac


def _server(ac: AccessControl) -> AccessControl:
    return AccessControl(ac.db, ac.trail, clock=ac.clock, row_key=ROW_KEY)


def _pid(ac: AccessControl, name: str) -> int:
    with ac.db.read() as conn:
        return int(conn.execute(select(principals.c.id).where(principals.c.name == name)).one()[0])


def _plant_binding(ac: AccessControl, name: str, role: str = "admin", scope: str = "*") -> None:
    with ac.db.begin() as conn:
        conn.execute(
            insert(role_bindings).values(
                principal_id=_pid(ac, name), role=role, scope=scope, granted_by="x", granted_at="x"
            )
        )


def _forge_admin_grant(ac: AccessControl) -> None:
    """bob made admin by one SQL insert, with a grant event that merely chains."""
    _plant_binding(ac, "bob")
    ac.trail.append(
        EventIn(
            actor="root@example.com",
            action="role:grant",
            resource="principal:bob",
            outcome=Outcome.ALLOWED,
            details={"role": "admin", "scope": "*"},
        )
    )


def _left(out: object) -> dict[tuple[str, str], str]:
    return {(lf.resource, lf.what): lf.reason for lf in out.left}  # type: ignore[attr-defined]


def test_only_what_the_signed_trail_vouches_for_is_adopted(before: AccessControl) -> None:
    # just before adoption, with the database credentials: bob made an administrator, and a
    # new account with a password the attacker knows, made one too
    _plant_binding(before, "bob")
    plant_account(before, "mallory", KNOWN)
    _plant_binding(before, "mallory")
    srv = _server(before)
    out = adopt(srv, SERVE, [KEY.verifier])
    assert sorted(out.accounts) == ["bob", "root@example.com"]
    assert sorted(out.bindings) == [
        ("bob", "viewer", "project:beta"),
        ("root@example.com", "admin", "*"),
    ]
    left = _left(out)
    assert set(left) == {
        ("principal:bob", "role admin on *"),
        ("principal:mallory", "account"),
        ("principal:mallory", "role admin on *"),
    }
    assert "no grant" in left[("principal:bob", "role admin on *")]
    assert "never created" in left[("principal:mallory", "account")]
    # through the server: bob is a viewer of beta, mallory logs in nowhere
    bob = srv.actor_from_token(srv.login("bob", PASSWORD).token)
    assert bob.bindings == (("viewer", "project:beta"),)
    with pytest.raises(AccessDenied):
        srv.login("mallory", KNOWN)
    assert srv.login("root@example.com", PASSWORD)
    # each row left is recorded, and the command says how to grant it properly
    denied = list(srv.trail.events(action="role:adopt", outcome="denied"))
    assert {e.resource for e in denied} == {"principal:bob", "principal:mallory"}
    text = report(out)
    assert "left unsealed: principal:bob role admin on *" in text
    assert "POST /api/v1/users/NAME/roles" in text
    # granting it through the server is the way: the row then counts
    root = srv.actor_from_token(srv.login("root@example.com", PASSWORD).token)
    srv.grant(Actor(root.name, "user", root.bindings, mfa=True), "bob", "admin", "*")
    assert ("admin", "*") in srv.actor_from_token(srv.login("bob", PASSWORD).token).bindings


def test_a_forged_grant_after_the_last_signed_checkpoint_is_not_trusted(
    before: AccessControl,
) -> None:
    # the trail's hash chain needs no key: whoever writes the database can append an event
    _plant_binding(before, "bob")
    forged = EventIn(
        actor="root@example.com",
        action="role:grant",
        resource="principal:bob",
        outcome=Outcome.ALLOWED,
        details={"role": "admin", "scope": "*"},
    )
    before.trail.append(forged)
    out = adopt(_server(before), SERVE, [KEY.verifier])
    assert "checkpoint" in _left(out)[("principal:bob", "role admin on *")]
    assert ("bob", "admin", "*") not in out.bindings


def test_a_revoked_binding_put_back_is_not_adopted(before: AccessControl) -> None:
    root = _admin_actor()
    before.grant(root, "bob", "ml-engineer", "project:alpha")
    before.revoke(root, "bob", "ml-engineer", "project:alpha")
    before.trail.checkpoint()
    _plant_binding(before, "bob", "ml-engineer", "project:alpha")
    out = adopt(_server(before), SERVE, [KEY.verifier])
    assert _left(out)[("principal:bob", "role ml-engineer on project:alpha")] == (
        "the trail revoked it"
    )


def _admin_actor() -> Actor:
    return Actor(name="root@example.com", kind="user", bindings=(("admin", "*"),), mfa=True)


def test_nothing_is_adopted_when_the_trail_does_not_verify(before: AccessControl) -> None:
    with before.db.begin() as conn:
        conn.execute(
            update(audit_events).where(audit_events.c.seq == 1).values(actor="someone else")
        )
    srv = _server(before)
    with pytest.raises(ConfigError, match="does not verify"):
        adopt(srv, SERVE, [KEY.verifier])
    with pytest.raises(AccessDenied):
        srv.login("bob", PASSWORD)  # still unsealed
    # a trail checkpointed by a key the server does not trust does not verify either
    other = AccessControl(before.db, AuditTrail(before.db, None), clock=before.clock)
    with pytest.raises(ConfigError):
        adopt(_server(other), SERVE, [])


def test_accounts_edited_against_the_trail_are_not_adopted(
    before: AccessControl, clock: Clock
) -> None:
    root = _admin_actor()
    for name in ("carl", "dina", "erin"):
        before.add_principal(root, name, password=PASSWORD)
    before.set_disabled(root, "carl", True)
    dina = before.actor_from_token(before.login("dina", PASSWORD).token)
    secret, _ = before.mfa_enroll(dina, "dina")
    assert before.mfa_confirm(dina, "dina", pyotp.TOTP(secret).at(clock.now))
    clock.now += timedelta(seconds=60)
    before.trail.checkpoint()
    with before.db.begin() as conn:  # carl enabled, dina's second factor removed, erin's kind
        for name, values in (
            ("carl", {"disabled": False}),
            ("dina", {"mfa_enabled": False, "mfa_secret": None}),
            ("erin", {"kind": "service"}),
        ):
            conn.execute(update(principals).where(principals.c.name == name).values(**values))
    srv = _server(before)
    left = _left(adopt(srv, SERVE, [KEY.verifier]))
    assert "disabled" in left[("principal:carl", "account")]
    assert "second factor" in left[("principal:dina", "account")]
    assert "service" in left[("principal:erin", "account")]
    for name in ("carl", "dina"):
        with pytest.raises(AccessDenied):
            srv.login(name, PASSWORD)


def test_an_account_the_server_sealed_is_never_adopted_again(before: AccessControl) -> None:
    srv = _server(before)
    adopt(srv, SERVE, [KEY.verifier])
    srv.trail.checkpoint()
    # its hash replaced and its seal removed, as if from before seals
    with srv.db.begin() as conn:
        conn.execute(
            update(principals)
            .where(principals.c.name == "bob")
            .values(password_hash=cred.hash_password(KNOWN), seal=None)
        )
    out = adopt(srv, SERVE, [KEY.verifier])
    assert "sealed it before" in _left(out)[("principal:bob", "account")]
    with pytest.raises(AccessDenied):
        srv.login("bob", KNOWN)
    # the same for an account the server created itself
    srv.add_principal(_admin_actor(), "fred", password=PASSWORD)
    srv.trail.checkpoint()
    with srv.db.begin() as conn:
        conn.execute(update(principals).where(principals.c.name == "fred").values(seal=None))
    assert (
        "sealed it before"
        in _left(adopt(srv, SERVE, [KEY.verifier]))[("principal:fred", "account")]
    )


def test_a_forged_grant_that_a_later_automatic_checkpoint_covers_is_not_adopted(
    before: AccessControl,
) -> None:
    # the server adopts once and then runs; whoever writes the database appends a grant that
    # merely chains, and the server's own appends later sign a checkpoint over it unreviewed
    srv = _server(before)
    first = adopt(srv, SERVE, [KEY.verifier])
    assert ("bob", "viewer", "project:beta") in first.bindings
    _forge_admin_grant(before)
    busy = AccessControl(
        before.db,
        AuditTrail(before.db, KEY, checkpoint_every=4),
        clock=before.clock,
        row_key=ROW_KEY,
    )
    for _ in range(8):  # ordinary logins; the server signs checkpoints as the trail grows
        busy.login("bob", PASSWORD)
    size = busy.trail.checkpoints()[-1].tree_size
    forged = list(busy.trail.events(action="role:grant", resource="principal:bob"))[-1]
    assert forged.seq <= size  # the forged event is now covered by a signed checkpoint
    # the server restarted with --adopt again: the forged grant vouches for nothing
    again = adopt(_server(before), SERVE, [KEY.verifier])
    assert ("bob", "admin", "*") not in again.bindings
    assert "first adoption" in _left(again)[("principal:bob", "role admin on *")]
    bob = srv.actor_from_token(srv.login("bob", PASSWORD).token)
    assert ("admin", "*") not in bob.bindings


def test_names_planted_in_the_database_cannot_forge_lines_of_the_adoption_report(
    before: AccessControl,
) -> None:
    # a name, a role and a scope written by SQL may hold line breaks and terminal escapes
    forged_line = "adopted 9 accounts and 0 role bindings that the signed audit trail vouches"
    plant_account(before, f"mallory\n{forged_line}\x1b[2K", KNOWN)
    _plant_binding(before, f"mallory\n{forged_line}\x1b[2K", "admin", "*\nall is well")
    text = report(adopt(_server(before), SERVE, [KEY.verifier]))
    lines = text.splitlines()
    assert not any(line.startswith(("adopted 9", "all is well")) for line in lines)
    assert "\x1b" not in text
    assert "mallory\\nadopted 9 accounts" in text  # shown, escaped


def test_an_overlong_name_planted_in_the_database_is_left_and_reported(
    before: AccessControl,
) -> None:
    # the database may not enforce the length of a name (SQLite does not)
    long = "m" * 5000
    with before.db.begin() as conn:
        if conn.dialect.name != "sqlite":
            pytest.skip("the database enforces the length of names")
    plant_account(before, long, KNOWN)
    _plant_binding(before, long)
    out = adopt(_server(before), SERVE, [KEY.verifier])
    left = {lf.what for lf in out.left if lf.resource.startswith("principal:mmm")}
    assert left == {"account", "role admin on *"}
    assert "left unsealed: principal:mmm" in report(out)
    denied = list(before.trail.events(action="principal:adopt", outcome="denied"))
    assert [len(e.resource) <= 1000 for e in denied] == [True]
    # a scope of any length is recorded and shown too, and so is the row met by a request
    _plant_binding(before, "bob", "viewer", "project:" + "s" * 20000)
    srv = _server(before)
    out = adopt(srv, SERVE, [KEY.verifier])
    assert any(lf.what.startswith("role viewer on project:sss") for lf in out.left)
    srv.principals()  # an administrator's listing meets the planted rows
    assert {r for r, _ in srv.report_unsealed()} >= {"principal:bob", "principal:" + long}


def test_an_event_rewritten_while_adoption_runs_vouches_for_nothing(
    before: AccessControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from secplan.server import adopt as adopt_module

    root = _admin_actor()
    before.grant(root, "bob", "ml-engineer", "project:alpha")
    before.revoke(root, "bob", "ml-engineer", "project:alpha")
    before.trail.checkpoint()
    _plant_binding(before, "bob", "ml-engineer", "project:alpha")
    [revoked] = list(before.trail.events(action="role:revoke", resource="principal:bob"))
    real_verify = adopt_module.verify

    def rewrite() -> None:  # whoever writes the database, right after the verification
        with before.db.begin() as conn:
            conn.execute(
                update(audit_events)
                .where(audit_events.c.seq == revoked.seq)
                .values(action="role:grant")
            )

    writer = threading.Thread(target=rewrite)

    def verify_then_rewrite(*args: object, **kwargs: object) -> object:
        result = real_verify(*args, **kwargs)  # type: ignore[arg-type]
        writer.start()
        writer.join(timeout=2)  # it waits for the adoption to end, if the trail is held
        return result

    monkeypatch.setattr(adopt_module, "verify", verify_then_rewrite)
    out = adopt(_server(before), SERVE, [KEY.verifier])
    writer.join()
    assert ("bob", "ml-engineer", "project:alpha") not in out.bindings
    assert _left(out)[("principal:bob", "role ml-engineer on project:alpha")] == (
        "the trail revoked it"
    )


def test_a_grant_forged_after_an_earlier_servers_adoption_is_not_adopted(
    before: AccessControl,
) -> None:
    # an earlier version of the server sealed every binding it found, recording role:adopt,
    # and sealed none of the accounts; the server upgraded adopts the accounts again
    srv = _server(before)
    with before.db.begin() as conn:
        conn.execute(
            update(role_bindings)
            .where(role_bindings.c.principal_id == _pid(before, "bob"))
            .values(seal=srv.binding_seal("bob", "viewer", "project:beta"))
        )
    before.record(SERVE, "role:adopt", "principal:bob", role="viewer", scope="project:beta")
    # since then, around that server: a grant that merely chains, signed over later
    _forge_admin_grant(before)
    before.trail.checkpoint()
    out = adopt(srv, SERVE, [KEY.verifier])
    assert sorted(out.accounts) == ["bob", "root@example.com"]
    assert ("bob", "admin", "*") not in out.bindings
    assert "first adoption" in _left(out)[("principal:bob", "role admin on *")]
    assert ("admin", "*") not in srv.actor_from_token(srv.login("bob", PASSWORD).token).bindings


def test_a_forged_grant_covered_only_by_automatic_checkpoints_is_not_adopted_first_time(
    before: AccessControl,
) -> None:
    # upgraded without ever adopting: whoever writes the database appends a grant that merely
    # chains, and ordinary appends then sign checkpoints over it on their own, unreviewed
    _forge_admin_grant(before)
    busy = AccessControl(
        before.db, AuditTrail(before.db, KEY, checkpoint_every=4), clock=before.clock
    )
    for _ in range(8):
        busy.login("bob", PASSWORD)
    newest = busy.trail.checkpoints()[-1].tree_size
    forged = list(busy.trail.events(action="role:grant", resource="principal:bob"))[-1]
    assert forged.seq <= newest  # a signed checkpoint covers the forged event
    first = adopt(_server(before), SERVE, [KEY.verifier])
    assert first.covered < forged.seq  # only the reviewed checkpoint counts
    assert ("bob", "viewer", "project:beta") in first.bindings
    assert ("bob", "admin", "*") not in first.bindings
    assert "reviewed checkpoint" in _left(first)[("principal:bob", "role admin on *")]


def test_a_reviewed_checkpoint_names_who_asked_for_it_in_its_signed_note(
    before: AccessControl,
) -> None:
    cp = before.trail.checkpoint(by="root@example.com")
    assert "\nreview root@example.com\n" in cp.note
    # a name that would add a line to the note is left out, not written
    cp = before.trail.checkpoint(by="mallory\nreview forged")
    assert "forged" not in cp.note and "\nreview\n" in cp.note
    # the checkpoints signed on their own as the trail grows carry no review line
    busy = AuditTrail(before.db, KEY, checkpoint_every=1)
    busy.append(EventIn(actor="a", action="x:y", resource="r", outcome=Outcome.ALLOWED, details={}))
    assert "\nreview" not in busy.checkpoints()[-1].note
