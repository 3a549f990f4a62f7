"""AU00x / AC00x: the audit trail and the access review as seen by a project scan."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from secplan.model import Status
from secplan.services import open_services
from secplan.store.schema import audit_events
from tests.helpers import findings_of, rules_of, scan, write

PASSWORD = "a long enough password"


@pytest.fixture
def svc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SECPLAN_HOME", str(tmp_path / "home"))
    s = open_services()
    yield s
    s.close()


def test_without_state_the_trail_is_not_examined(tmp_path: Path) -> None:
    a = scan(tmp_path)
    [f] = findings_of(a, "AU002")
    assert f.controls == ("SC4",)
    assert a.posture.get("SC4").status is Status.FAIL


def test_exported_checkpoint_satisfies_sc4(tmp_path: Path, svc) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p"
    write(project, "a.py", "x = 1\n")
    svc.audit("scan:run", "project:p")
    assert "AU003" in rules_of(scan(project, state=svc))
    cp = svc.trail.checkpoint()
    write(project, f".secplan/audit-checkpoints/{cp.tree_size}.checkpoint", cp.note)
    a = scan(project, state=svc, as_of=datetime.now(UTC).date())
    assert not {"AU001", "AU002", "AU003"} & set(rules_of(a))
    assert a.posture.get("SC4").status is Status.PASS
    # an old export no longer counts
    later = datetime.now(UTC).date() + timedelta(days=45)
    assert "AU003" in rules_of(scan(project, state=svc, as_of=later))


def test_tampered_trail_fails_sc4(tmp_path: Path, svc) -> None:  # type: ignore[no-untyped-def]
    svc.audit("scan:run", "project:p")
    svc.trail.checkpoint()
    with svc.db.begin() as c:
        c.execute(update(audit_events).values(actor="mallory"))
    [f] = findings_of(scan(tmp_path, state=svc), "AU001")
    assert "modified" in f.evidence


def test_access_review_findings(tmp_path: Path, svc) -> None:  # type: ignore[no-untyped-def]
    local = svc.access.local_actor()
    svc.access.add_principal(local, "root", password=PASSWORD, roles=("admin",))
    admin = svc.access.actor_from_token(svc.access.login("root", PASSWORD).token)
    svc.access.add_principal(admin, "viewer1", password=PASSWORD, roles=("viewer",))
    svc._actor = admin  # in multi-user mode a scan runs as someone allowed to (scan:run)
    a = scan(tmp_path, state=svc)
    [f] = findings_of(a, "AC002")
    assert f.message == "root holds admin without a second factor"
    assert a.posture.get("DS2").status is Status.FAIL
    svc.access.create_token(admin, "viewer1", days=200)
    far = date.today() + timedelta(days=120)  # the review judges activity as of the scan date
    later = scan(tmp_path, state=svc, as_of=far)
    assert {f.message for f in findings_of(later, "AC001")} == {
        "account root has been inactive for 90 days",
        "account viewer1 has been inactive for 90 days",
    }
    [tok] = findings_of(later, "AC003")
    assert "of viewer1 unused for 90 days" in tok.message


def test_scan_checks_the_newest_exports_by_tree_size(tmp_path: Path, svc) -> None:  # type: ignore[no-untyped-def]
    """With 25 exports, ``100``…``104.checkpoint`` sort before ``80``…``99`` as text; a
    truncation to 99 events must still be caught by the newest."""
    from sqlalchemy import delete

    from secplan.store.schema import audit_checkpoints

    project = tmp_path / "p"
    write(project, "a.py", "x = 1\n")
    while svc.trail.size() < 80:
        svc.audit("data:read", "dataset:d")
    for _ in range(25):
        cp = svc.trail.checkpoint()
        write(project, f".secplan/audit-checkpoints/{cp.tree_size}.checkpoint", cp.note)
        svc.audit("data:read", "dataset:d")
    assert not findings_of(scan(project, state=svc), "AU001")
    keep = 99
    with svc.db.begin() as c:
        c.execute(delete(audit_events).where(audit_events.c.seq > keep))
        c.execute(delete(audit_checkpoints).where(audit_checkpoints.c.tree_size > keep))
    from tests.unit.audit.test_trail import _rehash

    _rehash(svc.trail)
    [f] = findings_of(scan(project, state=svc), "AU001")
    assert "truncated" in f.evidence
