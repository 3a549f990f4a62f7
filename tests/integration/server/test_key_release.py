"""Encryption and decryption through the server: the key ring stays in the server's home,
the command line (``SECPLAN_SERVER`` set, a home of its own) gets a recipient to encrypt with
and one file key per file to decrypt, and every release is on the server's audit trail."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from secplan.protect.keystore import KeyStore
from tests.integration.server.conftest import Server


def _cli(srv: Server, home: Path, token: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECPLAN_")}
    env |= {"SECPLAN_HOME": str(home), "SECPLAN_SERVER": srv.url, "SECPLAN_TOKEN": token}
    return subprocess.run(
        [sys.executable, "-m", "secplan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_files_are_encrypted_and_decrypted_with_the_servers_keys(
    server: Server, tmp_path: Path
) -> None:
    # the key ring lives in the server's home, made there by its administrator
    KeyStore(server.home / "keys").create("customers")
    home = tmp_path / "client-home"
    data = tmp_path / "data"
    data.mkdir()
    secret = os.urandom(300_000)
    (data / "table.bin").write_bytes(secret)
    enc = _cli(server, home, server.tokens["root"], "protect", "encrypt", str(data), "--key",
               "customers", "--remove-plaintext")  # fmt: skip
    assert enc.returncode == 0, enc.stderr
    assert not (data / "table.bin").exists() and (data / "table.bin.age").is_file()
    # the client kept no key ring and no database of its own
    assert not (home / "keys").exists() and not list(home.glob("*.db"))
    # a viewer elsewhere may not open it; a security officer without key rights neither
    for who in ("eve", "bob"):
        denied = _cli(server, home, server.tokens[who], "protect", "decrypt", str(data))
        assert denied.returncode == 2 and "key:decrypt" in denied.stderr, denied.stderr
        assert not (data / "table.bin").exists()
    dec = _cli(server, home, server.tokens["root"], "protect", "decrypt", str(data))
    assert dec.returncode == 0, dec.stderr
    assert (data / "table.bin").read_bytes() == secret
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as db:
        events = db.execute(
            "SELECT actor, action, outcome FROM audit_events WHERE resource = 'key:customers'"
        ).fetchall()
    releases = [e for e in events if e[1] == "key:file-key-release" and e[2] == "allowed"]
    # one for the read-back before the plaintext went, one for the decryption
    assert [e[0] for e in releases] == ["root", "root"], events
    assert {e[0] for e in events if e[1] == "key:decrypt" and e[2] == "denied"} == {"eve", "bob"}
