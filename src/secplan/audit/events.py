"""Audit events and their canonical encoding.

An event's leaf in the Merkle tree is its canonical JSON: keys sorted, no insignificant
whitespace, UTF-8, integers and strings only (no floats), so that the encoding is the same as
RFC 8785 (JSON Canonicalization Scheme) and anyone can recompute a leaf hash from an exported
event line::

    leaf_hash = SHA-256(0x00 || line)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from json.encoder import encode_basestring
from typing import Any

#: The chain hash before the first event.
GENESIS = bytes(32)
MAX_FIELD = 1000
MAX_DETAILS_BYTES = 16_384
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")


class Outcome(StrEnum):
    ALLOWED = "allowed"
    DENIED = "denied"
    FAILED = "failed"


JSONValue = None | bool | int | str | list["JSONValue"] | dict[str, "JSONValue"]


def _check(value: Any, depth: int = 0) -> None:
    if depth > 8:
        raise ValueError("audit details nest too deeply")
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        raise ValueError("audit details take no floats (write numbers as strings)")
    if isinstance(value, list | tuple):
        for v in value:
            _check(v, depth + 1)
        return
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str) or not _KEY.match(k):
                raise ValueError(f"audit detail key {k!r} must be an ASCII identifier")
            _check(v, depth + 1)
        return
    raise ValueError(f"audit details cannot hold {type(value).__name__}")


def canonical_details(details: dict[str, Any]) -> str:
    """The canonical JSON text of ``details`` (validated: JSON types, no floats, ASCII keys)."""
    _check(details)
    text = json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if len(text.encode("utf-8")) > MAX_DETAILS_BYTES:
        raise ValueError(f"audit details are over {MAX_DETAILS_BYTES} bytes")
    return text


def clipped(value: str, limit: int = MAX_FIELD) -> str:
    """``value`` cut to ``limit`` characters (marked with ``...``): for a resource named after
    something read from the database, where a name may be longer than any name made here."""
    return value if len(value) <= limit else value[: limit - 3] + "..."


def _field(name: str, value: str) -> str:
    if not value or len(value) > MAX_FIELD:
        raise ValueError(f"audit {name} must be 1 to {MAX_FIELD} characters")
    return value


#: JSON string encoding without ASCII escaping (the C implementation json.dumps uses).
_q = encode_basestring


def leaf_bytes(
    seq: int, ts: str, actor: str, action: str, resource: str, outcome: str, details: str
) -> bytes:
    """The canonical JSON of one event, built from its stored columns.

    ``details`` is inserted verbatim (it is stored canonical), so any change to a stored
    column changes these bytes and therefore the leaf hash.
    """
    return (
        f'{{"action":{_q(action)},"actor":{_q(actor)},"details":{details},'
        f'"outcome":{_q(outcome)},"resource":{_q(resource)},"seq":{seq},"ts":{_q(ts)}}}'
    ).encode()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventIn:
    """What a caller records; the trail adds sequence number, time and hashes."""

    actor: str
    action: str
    resource: str
    outcome: Outcome = Outcome.ALLOWED
    details: dict[str, Any] = field(default_factory=dict)

    def validated(self) -> tuple[str, str, str, str, str]:
        return (
            _field("actor", self.actor),
            _field("action", self.action),
            _field("resource", self.resource),
            Outcome(self.outcome).value,
            canonical_details(self.details),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A recorded event, as stored."""

    seq: int
    ts: str
    actor: str
    action: str
    resource: str
    outcome: str
    details: str  # canonical JSON text
    leaf_hash: bytes
    chain_hash: bytes

    def body(self) -> bytes:
        return leaf_bytes(
            self.seq, self.ts, self.actor, self.action, self.resource, self.outcome, self.details
        )

    def details_dict(self) -> dict[str, Any]:
        value = json.loads(self.details)
        return value if isinstance(value, dict) else {}

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "ts": self.ts,
            "actor": self.actor,
            "action": self.action,
            "resource": self.resource,
            "outcome": self.outcome,
            "details": self.details_dict(),
        }
