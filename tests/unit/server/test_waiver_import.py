"""Waiver files between the server and a project: an export signed by the server's key is
taken back as approved only by the project it was approved in, as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from secplan.errors import ConfigError
from secplan.server.keys import load_keys
from secplan.server.waivers import export, read_import

LATER = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def approved(wid: str = "WV-7") -> dict[str, object]:
    return {
        "id": wid,
        "rule": "DP001",
        "control": None,
        "paths": ["**"],
        "justification": "fixed next quarter",
        "risk": "critical",
        "mitigations": [],
        "requester": "alice",
        "approver": "bob",
        "decided": dt.date.today().isoformat(),
        "expires": LATER,
    }


def test_an_approval_counts_only_in_its_own_project(tmp_path: Path) -> None:
    keys = load_keys(tmp_path)
    text, sig = export(approved(), keys.approval_key, "alpha")
    rec, signed = read_import("WV-7.toml", text, sig, keys.approval_public, "alpha")
    assert signed and rec.id == "WV-7"
    # the same signed file sent to another project is a request there, not an approval
    _, signed = read_import("WV-7.toml", text, sig, keys.approval_public, "beta")
    assert not signed
    # a header naming the other project breaks the signature
    moved = text.replace("for project alpha", "for project beta")
    _, signed = read_import("WV-7.toml", moved, sig, keys.approval_public, "beta")
    assert not signed


def test_an_imported_id_must_name_a_file(tmp_path: Path) -> None:
    keys = load_keys(tmp_path)
    text, _ = export(approved(), keys.approval_key, "alpha")
    for bad in ("../../outside", "a/b", "x" * 65):
        hostile = text.replace('id = "WV-7"', f'id = "{bad}"')
        with pytest.raises(ConfigError, match="cannot name a file"):
            read_import("WV-7.toml", hostile, None, keys.approval_public, "alpha")
