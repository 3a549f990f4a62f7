"""The server's key routes: a recipient to encrypt with, and one file's key released from its
age header, only to those allowed to decrypt (with a second factor), and on the record."""

from __future__ import annotations

import base64
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from secplan.access import AccessControl, Actor
from secplan.protect.age import FileKey, encrypt_stream, header_bytes, read_header
from secplan.protect.files import decrypt_file, encrypt_to, header_of
from secplan.protect.keystore import KeyStore
from tests.unit.access.test_access import PASSWORD
from tests.unit.server.conftest import session_headers

ROOT = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True)


@pytest.fixture
def env(app_parts: Any, tmp_path: Path) -> Iterator[tuple[Any, AccessControl, KeyStore]]:
    app, ac = app_parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    store = KeyStore()
    if "release" not in {r.name for r in store.rings()}:
        store.create("release")
    with TestClient(app) as client:
        yield client, ac, store


def _encrypted(tmp: Path, store: KeyStore, data: bytes = b"rows of a table\n" * 1000) -> Path:
    src = tmp / "table.csv"
    src.write_bytes(data)
    version, recipient = store.recipient("release")
    return encrypt_to(src, "release", version.id, recipient).target


def _header(path: Path) -> str:
    return base64.b64encode(header_bytes(header_of(path))).decode()


def test_a_released_file_key_opens_that_file_and_is_recorded(env: Any, tmp_path: Path) -> None:
    client, ac, store = env
    enc = _encrypted(tmp_path, store)
    r = client.post(
        "/api/v1/file-keys",
        json={"header": _header(enc), "path": "data/table.csv.age"},
        headers=session_headers(ac, "root"),
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["key"] == "release" and got["version"] == store.recipient("release")[0].id
    out = tmp_path / "out.csv"
    decrypt_file(enc, [FileKey(base64.b64decode(got["file_key"]))], out)
    assert out.read_bytes() == b"rows of a table\n" * 1000
    actions = [(e.action, e.outcome) for e in ac.trail.events(resource="key:release")]
    assert ("key:decrypt", "allowed") in actions
    assert ("key:file-key-release", "allowed") in actions
    # the recipient to encrypt with is public, but asked for with key:encrypt
    r = client.get("/api/v1/keys/release/recipient", headers=session_headers(ac, "root"))
    assert r.json()["recipient"] == str(store.recipient("release")[1])


def test_no_file_key_without_the_right_or_without_a_second_factor(env: Any, tmp_path: Path) -> None:
    client, ac, store = env
    enc = _encrypted(tmp_path, store)
    ac.add_principal(ROOT, "vic", password=PASSWORD)
    ac.grant(ROOT, "vic", "viewer", "*")
    ac.add_principal(ROOT, "ada", password=PASSWORD)
    ac.grant(ROOT, "ada", "admin", "*")
    body = {"header": _header(enc)}
    assert client.post("/api/v1/file-keys", json=body).status_code == 401
    for name, mfa in (("vic", True), ("ada", False)):
        r = client.post("/api/v1/file-keys", json=body, headers=session_headers(ac, name, mfa=mfa))
        assert r.status_code == 403, r.text
        assert "file_key" not in r.text
    denied = [e.actor for e in ac.trail.events(action="key:decrypt", outcome="denied")]
    assert {"vic", "ada"} <= set(denied)
    # naming a key first is checked before the key's existence is told
    r = client.post(
        "/api/v1/file-keys", json={**body, "key": "no-such-key"}, headers=session_headers(ac, "vic")
    )
    assert r.status_code == 403


def test_an_altered_or_foreign_header_gets_no_key(env: Any, tmp_path: Path) -> None:
    client, ac, store = env
    root = session_headers(ac, "root")
    enc = _encrypted(tmp_path, store)
    raw = bytearray(header_bytes(header_of(enc)))
    raw[raw.index(b"---") - 3] ^= 1  # one bit of the stanza body: the MAC no longer matches
    cases = {
        "altered": base64.b64encode(bytes(raw)).decode(),
        "not base64": "%%%",
        "not age": base64.b64encode(b"hello\n").decode(),
    }
    for why, header in cases.items():
        r = client.post("/api/v1/file-keys", json={"header": header}, headers=root)
        assert r.status_code == 400, (why, r.text)
        assert "file_key" not in r.json(), why
    # a file that another age tool made for this key names no version: the key must be given
    buf = io.BytesIO()
    encrypt_stream(io.BytesIO(b"x" * 10), buf, [store.recipient("release")[1]])
    plain = base64.b64encode(header_bytes(read_header(io.BytesIO(buf.getvalue())))).decode()
    r = client.post("/api/v1/file-keys", json={"header": plain}, headers=root)
    assert r.status_code == 400 and "--key" in r.json()["hint"]
    r = client.post("/api/v1/file-keys", json={"header": plain, "key": "release"}, headers=root)
    assert r.status_code == 200, r.text
    # unknown fields and bad key names are refused outright
    r = client.post("/api/v1/file-keys", json={"header": plain, "as": "root"}, headers=root)
    assert r.status_code == 422
    r = client.get("/api/v1/keys/..%2Fetc/recipient", headers=root)
    assert r.status_code in (400, 404)
