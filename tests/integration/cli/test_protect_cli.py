"""``secplan protect``, ``keys`` and ``share`` from the command line, with their audit events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import write
from tests.integration.cli.test_audit_cli import home, sp  # noqa: F401 (fixture)

pytest.importorskip("model_signing")


def test_encrypt_rotate_decrypt_shred(home: Path, tmp_path: Path) -> None:  # noqa: F811
    data = tmp_path / "data"
    write(data, "c.csv", "a,b\n1,2\n")
    assert sp("keys", "create", "c").returncode == 0
    r = sp("protect", "encrypt", str(data), "--key", "c", "--remove-plaintext")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in data.iterdir()) == ["c.csv.age"]
    assert sp("keys", "rotate", "c", "--rewrap", str(data)).returncode == 0
    keys = json.loads(sp("keys", "list", "-f", "json").stdout)
    assert [v["state"] for v in keys[0]["versions"]] == ["decrypt-only", "active"]
    assert "wrapped" not in keys[0]["versions"][0]
    assert sp("protect", "decrypt", str(data / "c.csv.age")).returncode == 0
    assert (data / "c.csv").read_text() == "a,b\n1,2\n"
    assert sp("protect", "shred", str(data), "--key", "c").returncode == 2  # needs --yes
    assert sp("protect", "shred", str(data), "--key", "c", "--yes").returncode == 0
    r = sp("protect", "decrypt", str(data / "c.csv.age"), "-o", str(tmp_path / "x"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "was destroyed" in r.stderr
    actions = [
        json.loads(x)["action"] for x in sp("audit", "log", "-f", "json").stdout.splitlines()
    ]
    for a in ("key:encrypt", "data:encrypt", "key:rotated", "key:decrypt", "data:shred"):
        assert a in actions, a


def test_share_create_open_and_register(home: Path, tmp_path: Path) -> None:  # noqa: F811
    assert sp("keys", "create", "inbox").returncode == 0
    recipient = sp("keys", "show", "inbox").stdout.strip()
    assert recipient.startswith("age1")
    assert sp("keys", "new-signing-key", str(tmp_path / "sender.pem")).returncode == 0
    write(tmp_path, "export/part.csv", "x\n1\n")
    bundle = tmp_path / "share.tar"
    r = sp(
        "share",
        "create",
        str(tmp_path / "export"),
        "--to",
        recipient,
        "--purpose",
        "evaluation",
        "--expires",
        "2099-01-31",
        "--sign-key",
        str(tmp_path / "sender.pem"),
        "-o",
        str(bundle),
        "--recipient-name",
        "Partner Ltd",
    )
    assert r.returncode == 0, r.stderr
    r = sp(
        "share",
        "open",
        str(bundle),
        "--key",
        "inbox",
        "--sender-key",
        str(tmp_path / "sender.pub"),
        "-o",
        str(tmp_path / "received"),
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "received" / "export" / "part.csv").read_text() == "x\n1\n"
    register = json.loads(sp("share", "list", "-f", "json").stdout)
    assert [(x["recipient"], x["purpose"], x["expired"]) for x in register] == [
        ("Partner Ltd", "evaluation", False)
    ]
    assert sp("keys", "create", "other").returncode == 0
    r = sp(
        "share",
        "open",
        str(bundle),
        "--key",
        "other",
        "--sender-key",
        str(tmp_path / "sender.pub"),
        "-o",
        str(tmp_path / "nope"),
    )
    assert r.returncode == 2 and "not for your key" in r.stderr
    assert not (tmp_path / "nope").exists()
    log = sp("audit", "log", "-f", "json", "--action", "share:*").stdout
    outcomes = [(json.loads(x)["action"], json.loads(x)["outcome"]) for x in log.splitlines()]
    assert outcomes == [
        ("share:created", "allowed"),
        ("share:opened", "allowed"),
        ("share:opened", "failed"),
    ]
