"""The command line's side of the server's audit routes: paging, the limit, and answers it
cannot read (a one-line error, never a traceback or a file written from them)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from secplan import remote
from secplan.audit import via_server
from secplan.audit.events import leaf_bytes
from secplan.errors import ServiceError

URL = "http://127.0.0.1:1"


def _line(seq: int) -> str:
    return leaf_bytes(
        seq, "2026-01-01T00:00:00Z", "root", "a:b", "r", "allowed", '{"k":1}'
    ).decode()


class FakeServer:
    def __init__(self, total: int, answer: Any = None) -> None:
        self.total, self.answer = total, answer
        self.asked: list[dict[str, str]] = []

    def __call__(self, method: str, url: str, path: str, body: Any = None, **kw: Any) -> Any:
        if self.answer is not None:
            return self.answer
        q = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        self.asked.append(q)
        after, limit = int(q["after"]), int(q["limit"])
        return {"events": [_line(s) for s in range(after + 1, min(after + limit, self.total) + 1)]}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Any:
    def install(total: int, answer: Any = None) -> FakeServer:
        srv = FakeServer(total, answer)
        monkeypatch.setattr(remote, "call", srv)
        monkeypatch.setattr(via_server, "PAGE", 3)
        return srv

    return install


def test_pages_follow_the_last_sequence_number(fake: Any) -> None:
    srv = fake(7)
    got = list(via_server.events(URL, actor="root", action=None))
    assert [e.seq for e in got] == list(range(1, 8))
    assert [q["after"] for q in srv.asked] == ["0", "3", "6"]
    assert all(q["actor"] == "root" and "action" not in q for q in srv.asked)
    assert got[0].body() == _line(1).encode() and got[0].details == '{"k":1}'


def test_the_limit_stops_the_pages(fake: Any) -> None:
    srv = fake(100)
    assert [e.seq for e in via_server.events(URL, 4)] == [1, 2, 3, 4]
    assert [q["limit"] for q in srv.asked] == ["3", "1"]
    assert list(via_server.events(URL, 0)) == []


@pytest.mark.parametrize(
    "answer",
    [
        [],
        {"events": "x"},
        {"events": ["not json"]},
        {"events": ['{"seq": "1"}']},
        {"events": [_line(1).replace('"seq":1', '"seq":true')]},
        {"events": [_line(1).replace('{"k":1}', "[1]")]},
        {"events": [_line(1)] * 4},  # more than asked for
        {"events": [_line(0)] * 3},  # a page that does not move forward
    ],
)
def test_answers_it_cannot_read_are_one_error(fake: Any, answer: Any) -> None:
    fake(0, answer)
    with pytest.raises(ServiceError, match="cannot read"):
        list(via_server.events(URL))


@pytest.mark.parametrize(
    "answer",
    [
        {"tree_size": "7", "note": "origin\n7\n"},
        {"tree_size": 7},
        {"tree_size": True, "note": "origin\n1\n"},
        {"tree_size": 7, "note": "origin\n8\nroot\n"},
    ],
)
def test_a_checkpoint_answer_must_be_a_note_of_its_size(
    monkeypatch: pytest.MonkeyPatch, answer: Any
) -> None:
    monkeypatch.setattr(remote, "call", lambda *a, **k: answer)
    with pytest.raises(ServiceError):
        via_server.checkpoint(URL)


def test_a_verification_answer_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    good = {"ok": False, "size": 3, "checkpoints": 1, "exported": 0, "problems": ["x"],
            "seconds": 0.5}  # fmt: skip
    monkeypatch.setattr(remote, "call", lambda *a, **k: good)
    result, seconds = via_server.verify(URL, [])
    assert (result.size, result.problems, result.ok, seconds) == (3, ["x"], False, 0.5)
    monkeypatch.setattr(remote, "call", lambda *a, **k: {**good, "ok": True})  # says ok, is not
    with pytest.raises(ServiceError):
        via_server.verify(URL, [])


def test_only_the_newest_exported_checkpoints_that_fit_are_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(via_server, "MAX_NOTES", 2)
    notes = [f"origin\n{n}\nroot\n" for n in (5, 40, 7)]
    assert via_server.sendable(notes) == ([notes[2], notes[1]], 1)
    monkeypatch.setattr(via_server, "MAX_NOTES_BYTES", len(notes[1]))
    assert via_server.sendable(notes) == ([notes[1]], 2)


@pytest.mark.parametrize(
    "answer",
    [
        {"name": "k"},
        [{"name": "k", "created": "t", "versions": [{"id": "v"}]}],
        [{"name": "k", "created": "t", "versions": "x"}],
        [
            {
                "name": "k",
                "created": "t",
                "rotated": None,
                "versions": [
                    {
                        "id": "v",
                        "created": "t",
                        "state": "active",
                        "recipient": "age1x",
                        "kek": "local",
                        "destroyed": None,
                        "scheme": "2",
                    }
                ],
            }
        ],
        [{"name": 1, "created": "t", "versions": []}],
        [{"name": "k", "created": "t", "versions": [], "wrapped": "x"}],
    ],
)
def test_a_key_list_it_cannot_read_is_one_error(
    monkeypatch: pytest.MonkeyPatch, answer: Any
) -> None:
    from secplan.protect.via_server import ServerProtection

    monkeypatch.setattr(remote, "call", lambda *a, **k: answer)
    with pytest.raises(ServiceError):
        ServerProtection(URL).rings()


def test_a_key_list_is_read_back_as_rings(monkeypatch: pytest.MonkeyPatch) -> None:
    from secplan.protect.keystore import KeyRing, KeyState, KeyVersion
    from secplan.protect.via_server import ServerProtection

    v = KeyVersion("v1", "t", KeyState.DECRYPT_ONLY, "age1x", "secret", "local", scheme=2)
    ring = KeyRing("k", "t", (v,), rotated="t2")
    monkeypatch.setattr(remote, "call", lambda *a, **k: [ring.public()])
    (got,) = ServerProtection(URL).rings()
    assert got.public() == ring.public() and "secret" not in str(ring.public())
    assert got.versions[0].wrapped == ""
