"""Scopes: resources are normalised before matching, a glob never reaches outside itself, and a
scoped grant never reaches outside its scope."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.access import AccessControl, Actor
from secplan.access.resources import canonical, contains, covers, file_resource, parse_scope
from secplan.errors import AccessDenied, ConfigError
from tests.unit.access.test_access import PASSWORD, _admin

PUBLIC = "dataset:data/public/*"


@pytest.mark.parametrize(
    "resource",
    [
        "dataset:data/public/../private/payroll.csv",
        "dataset:data/public//../private/payroll.csv",
        "dataset:data/public/./../private/payroll.csv",
        "dataset:data/public/x/../../private/payroll.csv",
        "dataset:data/public/%2e%2e/private/payroll.csv",
        "dataset:data/public/%2E%2E%2Fprivate%2Fpayroll.csv",
        "dataset:data/public/..%2fprivate/payroll.csv",
        "dataset:data/public\\..\\private\\payroll.csv",
        "dataset:data/public/.. /private/payroll.csv",
        "dataset:data/public/payroll.csv.",
        "dataset:data/public/pay\x00roll.csv",
        "dataset:data/public/sub/payroll.csv",  # `*` is one level; `**` is the subtree
        "dataset:data/public",
        "dataset:data/publicity/payroll.csv",
        "dataset:data/PUBLIC/payroll.csv",  # case-sensitive: a different directory on Linux
        "dataset:../data/public/payroll.csv",
        "dataset:/data/public/payroll.csv",
        "model:data/public/payroll.csv",
    ],
)
def test_a_folder_scope_does_not_reach_outside_the_folder(resource: str) -> None:
    assert not covers(PUBLIC, resource)


@pytest.mark.parametrize(
    "resource",
    [
        "dataset:data/public/payroll.csv",
        "dataset:./data/public/payroll.csv",
        "dataset:data//public/payroll.csv",
        "dataset:data/public/x/../payroll.csv",
        "dataset:data/public/payroll.csv/",
        "dataset:data/public/.hidden.csv",
        "Dataset:data/public/payroll.csv",  # kinds are a fixed vocabulary: case is irrelevant
    ],
)
def test_spellings_of_a_file_in_the_folder_are_one_resource(resource: str) -> None:
    assert covers(PUBLIC, resource)
    assert canonical(resource) == "dataset:data/public/payroll.csv" or "hidden" in resource


def test_double_star_is_the_subtree_and_star_alone_is_everything() -> None:
    assert covers("dataset:data/public/**", "dataset:data/public/a/b/c.csv")
    assert covers("dataset:data/public/**", "dataset:data/public/c.csv")
    assert not covers("dataset:data/public/**", "dataset:data/public/../private/c.csv")
    assert not covers("dataset:data/public/**", "dataset:data/public/a/../../private/c.csv")
    assert covers("*", "dataset:data/public/%2e%2e/anything")  # unscoped covers even odd names
    assert covers("dataset:**", "dataset:data/x.csv") and not covers("dataset:**", "key:k1")
    assert covers("key:k-*", "key:k-1f2e") and not covers("key:k-*", "key:k-1/x")
    assert covers("audit", "audit") and not covers("audit", "audit:x")


def test_scopes_are_checked_and_stored_normalised() -> None:
    assert parse_scope("dataset:./data//public/x/../*") == "dataset:data/public/*"
    assert parse_scope("Dataset:data/*") == "dataset:data/*"
    for bad in ("", "dataset:data/%2e%2e/*", "dataset:a\\b", "dataset:a\x00", "x" * 1001):
        with pytest.raises(ConfigError):
            parse_scope(bad)


def test_containment_between_scopes() -> None:
    assert contains("*", "dataset:data/*")
    assert contains("dataset:data/**", "dataset:data/public/*")
    assert contains("dataset:data/**", "dataset:data/**")
    assert contains("dataset:data/*", "dataset:data/a*.csv")
    assert contains("dataset:data/*.csv", "dataset:data/x*.csv")
    assert contains("principal:bob", "principal:bob")
    assert not contains("principal:bob", "*")
    assert not contains("principal:bob", "principal:*")
    assert not contains("dataset:data/*", "dataset:data/**")
    assert not contains("dataset:data/?", "dataset:data/*")
    assert not contains("dataset:data/a*", "dataset:data/*")
    assert not contains("dataset:data/public/*", "dataset:data/*")
    assert not contains("dataset:data/*.csv", "dataset:data/*")


# -- property tests ----------------------------------------------------------------------------

_PLAIN = st.sampled_from(["data", "public", "a", "b.csv", "x", ".env", "private"])
_TRICKY = st.sampled_from(
    ["..", ".", "", "%2e%2e", "%2E.", "..%2f..", "a\\..", "..\\..", ".. ", "..\t", "a.", "%2f", "*"]
)
_SEGMENTS = st.lists(st.one_of(_PLAIN, _TRICKY), max_size=8)


def _interpretations(path: str) -> set[str]:
    """Where a path could land, read by any of the parsers a resource may meet later: as
    POSIX, with percent-decoding, with backslashes as separators, with Windows' trailing dot
    and space stripping."""
    out = set()
    for decode in (False, True):
        for backslash in (False, True):
            for strip in (False, True):
                p = unquote(path) if decode else path
                p = p.replace("\\", "/") if backslash else p
                if strip:
                    parts = p.split("/")
                    p = "/".join(x if x in (".", "..") else x.rstrip(". \t") for x in parts)
                out.add(posixpath.normpath("/" + p))
    return out


@given(st.lists(_PLAIN, min_size=1, max_size=3), _SEGMENTS, st.sampled_from(["*", "**"]))
def test_no_generated_path_escapes_its_glob(base: list[str], rest: list[str], star: str) -> None:
    scope = "dataset:" + "/".join(base) + "/" + star
    resource = "dataset:" + "/".join(base + rest)
    if not covers(scope, resource):
        return
    prefix = "/" + "/".join(base) + "/"
    for landed in _interpretations("/".join(base + rest)):
        assert landed.startswith(prefix), (scope, resource, landed)
        if star == "*":
            assert "/" not in landed[len(prefix) :], (scope, resource, landed)


@given(_SEGMENTS, _SEGMENTS)
def test_canonical_is_idempotent_and_covers_agrees_with_it(a: list[str], b: list[str]) -> None:
    resource = "dataset:" + "/".join(a)
    c = canonical(resource)
    if c is None:
        return
    assert canonical(c) == c
    scope = "dataset:" + "/".join(b)
    try:
        s = parse_scope(scope)
    except ConfigError:
        return
    assert covers(s, resource) == covers(s, c)


@given(_SEGMENTS, _SEGMENTS, _SEGMENTS)
def test_containment_is_sound(outer: list[str], inner: list[str], probe: list[str]) -> None:
    try:
        o = parse_scope("dataset:" + "/".join(outer))
        i = parse_scope("dataset:" + "/".join(inner))
    except ConfigError:
        return
    resource = "dataset:" + "/".join(probe)
    if contains(o, i) and covers(i, resource):
        assert covers(o, resource), (o, i, resource)


def test_file_resources_resolve_symlinks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data" / "private").mkdir(parents=True)
    (tmp_path / "data" / "public").mkdir()
    (tmp_path / "data" / "private" / "payroll.csv").write_text("x")
    (tmp_path / "data" / "public" / "link").symlink_to(tmp_path / "data" / "private")
    monkeypatch.chdir(tmp_path)
    res = file_resource("dataset", Path("data/public/link/payroll.csv"))
    assert res == "dataset:data/private/payroll.csv"
    assert not covers(PUBLIC, res)
    assert re.fullmatch(r"dataset:data/private/payroll\.csv", res)


# -- decisions and grants ----------------------------------------------------------------------


def test_a_public_scope_cannot_share_a_private_file(ac: AccessControl) -> None:
    steward = Actor(
        name="s", kind="user", bindings=(("data-steward", PUBLIC),), via="session", mfa=True
    )
    assert ac.decide(steward, "data:share", "dataset:data/public/open.csv").allowed
    d = ac.decide(steward, "data:share", "dataset:data/public/../private/payroll.csv")
    assert not d.allowed


def _scoped_admin(ac: AccessControl, scope: str) -> Actor:
    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD, roles=())
    ac.grant(admin, "bob", "admin", scope)
    bob = ac.actor_from_token(ac.login("bob", PASSWORD).token)
    assert bob.bindings == (("admin", scope),)
    return Actor(name=bob.name, kind=bob.kind, bindings=bob.bindings, mfa=True, via="session")


def test_a_role_scoped_to_a_principal_cannot_grant_itself_more(ac: AccessControl) -> None:
    bob = _scoped_admin(ac, "principal:bob")
    with pytest.raises(AccessDenied, match="does not hold"):
        ac.grant(bob, "bob", "admin", "*")
    with pytest.raises(AccessDenied):
        ac.grant(bob, "bob", "admin", "principal:*")
    with pytest.raises(AccessDenied):
        ac.grant(bob, "bob", "data-steward", "dataset:**")
    assert ac.principal("bob").bindings == (("admin", "principal:bob"),)  # type: ignore[union-attr]
    denied = list(ac.trail.events(actor="bob", action="role:manage", outcome="denied"))
    assert len(denied) == 3


def test_a_principal_scoped_manager_cannot_create_an_administrator(ac: AccessControl) -> None:
    bob = _scoped_admin(ac, "principal:*")
    with pytest.raises(AccessDenied, match="does not hold"):
        ac.add_principal(bob, "mallory", password=PASSWORD, roles=("admin",))
    assert ac.principal("mallory") is None
    ac.add_principal(bob, "carol", password=PASSWORD)  # creating a user without roles is fine


def test_granting_within_ones_own_scope_is_allowed(ac: AccessControl) -> None:
    admin = _admin(ac)
    for name in ("bob", "carol"):
        ac.add_principal(admin, name, password=PASSWORD)
    ac.grant(admin, "bob", "admin", "dataset:data/**")
    ac.grant(admin, "bob", "admin", "principal:carol")
    bob = Actor(
        name="bob",
        kind="user",
        bindings=(("admin", "dataset:data/**"), ("admin", "principal:carol")),
        mfa=True,
        via="session",
    )
    ac.grant(bob, "carol", "data-steward", "dataset:data/public/*")
    with pytest.raises(AccessDenied, match="does not hold"):
        ac.grant(bob, "carol", "data-steward", "dataset:**")
    with pytest.raises(AccessDenied):  # role:manage covers carol only
        ac.grant(bob, "bob", "data-steward", "dataset:data/public/*")


def test_granting_a_role_with_mfa_actions_needs_mfa(ac: AccessControl) -> None:
    _admin(ac)
    ac.add_principal(ac.local_actor(), "carol", password=PASSWORD)
    no_mfa = Actor(name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session")
    with pytest.raises(AccessDenied, match="multi-factor"):
        ac.grant(no_mfa, "carol", "data-steward")
    ac.grant(no_mfa, "carol", "ml-engineer")  # nothing in it needs a second factor
    with_mfa = Actor(
        name="root@example.com", kind="user", bindings=(("admin", "*"),), via="session", mfa=True
    )
    ac.grant(with_mfa, "carol", "data-steward", "dataset:data/./public//*")
    assert ("data-steward", "dataset:data/public/*") in ac.principal("carol").bindings  # type: ignore[union-attr]


def test_a_scoped_token_cannot_grant_what_it_is_not_scoped_for(ac: AccessControl) -> None:
    admin = _admin(ac)
    ac.add_principal(admin, "carol", password=PASSWORD)
    tok = ac.create_token(admin, "root@example.com", scopes=("role:manage",), days=1)
    scoped = ac.actor_from_token(tok.token)
    with pytest.raises(AccessDenied):
        ac.grant(scoped, "carol", "viewer")


def test_own_actions_need_the_very_same_account(ac: AccessControl) -> None:
    odd = Actor(name="a%2e", kind="user", via="session")  # a name from before names were checked
    assert not ac.decide(odd, "self:password", "principal:b%2e").allowed
    assert not ac.decide(odd, "self:password", "principal:a%2e").allowed  # ambiguous: no one
    bob = Actor(name="bob", kind="user", via="session")
    assert ac.decide(bob, "self:password", "principal:./bob").allowed
    assert not ac.decide(bob, "self:password", "principal:bobby").allowed


def test_a_binding_stored_before_scopes_were_checked_can_be_revoked(ac: AccessControl) -> None:
    from sqlalchemy import update

    from secplan.store.schema import role_bindings

    admin = _admin(ac)
    ac.add_principal(admin, "bob", password=PASSWORD)
    ac.grant(admin, "bob", "viewer", "dataset:x")
    with ac.db.begin() as conn:
        conn.execute(update(role_bindings).values(scope="dataset:a%2e/*"))
    bob = Actor(name="bob", kind="user", bindings=(("viewer", "dataset:a%2e/*"),), via="session")
    assert not ac.decide(bob, "data:read", "dataset:a%2e/x").allowed  # it grants nothing
    ac.revoke(admin, "bob", "viewer", "dataset:a%2e/*")
    assert ac.principal("bob").bindings == ()  # type: ignore[union-attr]
