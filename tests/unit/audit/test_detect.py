"""Detection rules over the event stream, and the alert sinks."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from secplan.audit.detect import Alert, FileSink, WebhookSink, detect
from secplan.audit.events import Event

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def ev(
    seq: int,
    actor: str,
    action: str,
    outcome: str = "allowed",
    resource: str = "key:k1",
    seconds: float = 0,
) -> Event:
    ts = (T0 + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")
    return Event(
        seq=seq,
        ts=ts,
        actor=actor,
        action=action,
        resource=resource,
        outcome=outcome,
        details="{}",
        leaf_hash=b"",
        chain_hash=b"",
    )


def rules(events: list[Event]) -> list[str]:
    return [a.rule for a in detect(events)]


def test_decrypt_burst_by_one_actor() -> None:
    burst = [ev(i, "eve", "key:decrypt", seconds=i) for i in range(1, 21)]
    assert rules(burst) == ["decrypt-burst"]
    spread = [ev(i, "eve", "key:decrypt", seconds=i * 20) for i in range(1, 21)]
    assert rules(spread) == []  # 20 over more than five minutes is not a burst
    shared = [ev(i, f"user{i % 2}", "data:reidentify", seconds=i) for i in range(1, 21)]
    assert rules(shared) == []  # ten each is under the threshold


def test_repeated_denials_and_sensitive_access_outside_role() -> None:
    denials = [ev(i, "mallory", "report:read", "denied", seconds=i) for i in range(1, 6)]
    assert rules(denials) == ["repeated-denials"]
    assert rules([ev(1, "mallory", "key:destroy", "denied")]) == ["sensitive-access-denied"]


def test_failed_logins_against_one_account() -> None:
    fails = [
        ev(i, f"ip{i}", "auth:login", "denied", resource="principal:alice", seconds=i)
        for i in range(1, 6)
    ]
    assert rules(fails) == ["failed-logins"]


def test_verification_failure_and_alerts_do_not_alert() -> None:
    assert rules([ev(1, "ci", "audit:verify", "failed", resource="audit")]) == [
        "verification-failure"
    ]
    assert rules([ev(1, "ci", "model:verify", "failed", resource="model:m")]) == [
        "verification-failure"
    ]
    assert rules([ev(1, "ci", "alert:raised", "denied")]) == []


def _alert() -> Alert:
    return Alert("decrypt-burst", "high", "eve", "burst", 1, 20, 20)


def test_file_sink(tmp_path: Path) -> None:
    sink = FileSink(tmp_path / "alerts.jsonl")
    sink.send(_alert())
    sink.send(_alert())
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(x)["rule"] for x in lines] == ["decrypt-burst", "decrypt-burst"]


def test_webhook_sink_posts_json_and_survives_a_dead_endpoint() -> None:
    received: list[dict[str, object]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.handle_request, daemon=True)
    t.start()
    WebhookSink(f"http://127.0.0.1:{server.server_port}/hook").send(_alert())
    t.join(5)
    server.server_close()
    assert received and received[0]["alert"]["rule"] == "decrypt-burst"  # type: ignore[index]
    WebhookSink(f"http://127.0.0.1:{server.server_port}/hook", timeout=0.5).send(_alert())


def test_guard_decisions_have_rules_of_their_own() -> None:
    blocks = [ev(i, "app", "guard:block", "denied", "model:iris", seconds=i) for i in range(20)]
    assert rules(blocks) == ["guard-block-burst"]  # not also "repeated-denials"
    assert rules(blocks[:5]) == []
    flags = [ev(i, "app", "guard:flag", resource="model:iris", seconds=i) for i in range(10)]
    assert rules(flags) == ["guard-flags"]
    failed = ev(1, "guard", "guard:policy-reload", "failed", "policy:guard.toml")
    assert rules([failed]) == ["guard-policy-reload-failed"]
    assert rules([ev(1, "guard", "guard:policy-reload", resource="policy:guard.toml")]) == []
