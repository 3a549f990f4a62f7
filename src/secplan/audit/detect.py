"""Detection rules over the audit event stream (HS5), and where their alerts go.

Rules are small state machines fed one event at a time, in sequence order, so the same code
serves a one-off sweep (``secplan audit watch --once``) and a live follow.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol, TextIO

from secplan.access.roles import ACTIONS
from secplan.audit.events import Event

log = logging.getLogger(__name__)

SENSITIVE = frozenset({"key:decrypt", "data:reidentify"})


def _ts(e: Event) -> datetime:
    return datetime.fromisoformat(e.ts.replace("Z", "+00:00"))


@dataclass(frozen=True, slots=True)
class Alert:
    rule: str
    severity: str
    actor: str
    message: str
    first_seq: int
    last_seq: int
    count: int

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "actor": self.actor,
            "message": self.message,
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "count": self.count,
        }


class Detector(Protocol):
    name: str

    def feed(self, event: Event) -> Iterator[Alert]: ...


@dataclass
class Burst:
    """``threshold`` matching events by one actor within ``window``; one alert per window."""

    name: str
    severity: str
    description: str
    threshold: int
    window: timedelta
    actions: frozenset[str] = frozenset()
    outcome: str | None = None
    key: str = "actor"  # or "resource"
    #: Actions with this prefix are left to rules of their own (the guard's decisions).
    skip_prefix: str = ""
    _seen: dict[str, deque[Event]] = field(default_factory=lambda: defaultdict(deque))
    _quiet_until: dict[str, datetime] = field(default_factory=dict)

    def matches(self, e: Event) -> bool:
        if self.skip_prefix and e.action.startswith(self.skip_prefix):
            return False
        return (not self.actions or e.action in self.actions) and (
            self.outcome is None or e.outcome == self.outcome
        )

    def feed(self, event: Event) -> Iterator[Alert]:
        if not self.matches(event):
            return
        who = event.actor if self.key == "actor" else event.resource
        now = _ts(event)
        q = self._seen[who]
        q.append(event)
        while q and now - _ts(q[0]) > self.window:
            q.popleft()
        if len(q) >= self.threshold and now >= self._quiet_until.get(who, now):
            self._quiet_until[who] = now + self.window
            yield Alert(
                self.name,
                self.severity,
                event.actor,
                f"{self.description}: {len(q)} in {int(self.window.total_seconds())}s ({who})",
                q[0].seq,
                event.seq,
                len(q),
            )
            q.clear()


@dataclass
class Each:
    """Every matching event is an alert of its own."""

    name: str
    severity: str
    description: str
    predicate: str  # "verify-failed" or "denied-sensitive"

    def feed(self, event: Event) -> Iterator[Alert]:
        if self.predicate == "verify-failed":
            hit = event.action.endswith(":verify") and event.outcome == "failed"
        else:
            spec = ACTIONS.get(event.action)
            hit = event.outcome == "denied" and spec is not None and spec.mfa
        if hit:
            yield Alert(
                self.name,
                self.severity,
                event.actor,
                f"{self.description}: {event.action} on {event.resource}",
                event.seq,
                event.seq,
                1,
            )


#: Bursts of the inference guard's decisions by one caller: name, description, how many,
#: within how many minutes, which actions.
_GUARD_BURSTS = (
    (
        "guard-block-burst",
        "many requests of one caller refused by the inference guard",
        20,
        5,
        frozenset({"guard:block", "guard:block-response"}),
    ),
    (
        "guard-flags",
        "requests flagged by the inference guard (out of distribution, probing, personal data)",
        10,
        10,
        frozenset({"guard:flag", "guard:flag-response"}),
    ),
)


def default_detectors() -> list[Detector]:
    return [
        Burst(
            "decrypt-burst",
            "high",
            "burst of decryption or re-identification",
            20,
            timedelta(minutes=5),
            SENSITIVE,
            "allowed",
        ),
        Burst(
            "repeated-denials",
            "medium",
            "repeated denied actions",
            5,
            timedelta(minutes=10),
            outcome="denied",
            skip_prefix="guard:",
        ),
        *(
            Burst(name, "medium", text, n, timedelta(minutes=minutes), actions)
            for name, text, n, minutes, actions in _GUARD_BURSTS
        ),
        Burst(
            "guard-policy-reload-failed",
            "high",
            "a guard policy edit failed to load (the last good policy is still in force)",
            1,
            timedelta(minutes=15),
            frozenset({"guard:policy-reload"}),
            "failed",
            key="resource",
        ),
        Burst(
            "failed-logins",
            "high",
            "repeated failed logins",
            5,
            timedelta(minutes=10),
            frozenset({"auth:login", "auth:token"}),
            "denied",
            key="resource",
        ),
        Burst(
            "account-locked",
            "high",
            "an account or a source was locked after repeated failed logins or codes",
            1,
            timedelta(minutes=15),
            frozenset({"auth:lockout"}),
            key="resource",
        ),
        Burst(
            "waiver-reminder",
            "low",
            "an exception expires, has expired, or is due for its yearly review",
            1,
            timedelta(minutes=1),
            frozenset({"waiver:reminder"}),
            key="resource",
        ),
        Each("verification-failure", "high", "a verification failed", "verify-failed"),
        Each(
            "sensitive-access-denied",
            "medium",
            "sensitive action outside the actor's role",
            "denied-sensitive",
        ),
    ]


def detect(events: Iterable[Event], detectors: list[Detector] | None = None) -> Iterator[Alert]:
    rules = default_detectors() if detectors is None else detectors
    for e in events:
        if e.action == "alert:raised":
            continue  # alerts are recorded in the trail too; never alert on an alert
        for rule in rules:
            yield from rule.feed(e)


class Sink(Protocol):
    def send(self, alert: Alert) -> None: ...


@dataclass
class StreamSink:
    stream: TextIO

    def send(self, alert: Alert) -> None:
        self.stream.write(json.dumps(alert.as_dict(), sort_keys=True) + "\n")
        self.stream.flush()


@dataclass
class FileSink:
    path: Path

    def send(self, alert: Alert) -> None:
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(alert.as_dict(), sort_keys=True) + "\n")
            fh.flush()


@dataclass
class WebhookSink:
    """POSTs each alert as JSON. A webhook that is down is logged, never fatal."""

    url: str
    timeout: float = 5.0

    def send(self, alert: Alert) -> None:
        if not self.url.startswith(("https://", "http://")):
            raise ValueError("webhook URL must be http(s)")
        body = json.dumps({"source": "secplan", "alert": alert.as_dict()}).encode()
        req = urllib.request.Request(  # noqa: S310 (scheme checked above)
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                resp.read(1024)
        except OSError as exc:
            log.warning("webhook %s failed: %s", self.url.split("?")[0], exc)
