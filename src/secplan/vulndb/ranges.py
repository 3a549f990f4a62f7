"""OSV affected ranges evaluated as the OSV schema specifies, with PEP 440 version order.

An ``ECOSYSTEM`` range is a list of events (``introduced``, ``fixed``, ``last_affected``,
``limit``). The events are sorted by version (``introduced: "0"`` first), then walked: an
``introduced`` at or below the version makes it affected, a ``fixed`` at or below it, or a
``last_affected`` below it, makes it unaffected again. Events may come in any order in the file.

>>> r = Range(events=(Event("fixed", "2.0"), Event("introduced", "0")))
>>> r.affects(parse_version("1.9")), r.affects(parse_version("2.0"))
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from packaging.version import InvalidVersion, Version

EventKind = Literal["introduced", "fixed", "last_affected", "limit"]
EVENT_KINDS: tuple[EventKind, ...] = ("introduced", "fixed", "last_affected", "limit")
#: Order of events that share a version: an empty ``introduced X`` / ``fixed X`` range
#: affects nothing, and ``last_affected X`` still includes X.
_TIE_ORDER = {"introduced": 0, "last_affected": 1, "fixed": 2, "limit": 3}
ZERO = Version("0")


def parse_version(text: str) -> Version | None:
    """A PEP 440 version, or ``None`` for a string that is not one."""
    if len(text) > 128:
        return None
    try:
        return Version(text)
    except InvalidVersion:
        return None


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    version: str

    @property
    def parsed(self) -> Version | None:
        if self.kind == "introduced" and self.version == "0":
            return ZERO
        return parse_version(self.version)


@dataclass(frozen=True, slots=True)
class Range:
    """One ``ECOSYSTEM`` range of an OSV ``affected`` entry."""

    events: tuple[Event, ...]

    @property
    def evaluable(self) -> bool:
        """Every event version is a PEP 440 version (else the range is not evaluated)."""
        return bool(self.events) and all(e.parsed is not None for e in self.events)

    def sorted_events(self) -> list[tuple[Version, Event]]:
        pairs = [(v, e) for e in self.events if (v := e.parsed) is not None]
        pairs.sort(key=lambda p: (p[0], _TIE_ORDER[p[1].kind]))
        return pairs

    def affects(self, version: Version) -> bool:
        """Whether ``version`` falls in this range (the OSV specification's algorithm)."""
        if not self.evaluable:
            return False
        events = self.sorted_events()
        limits = [v for v, e in events if e.kind == "limit"]
        if limits and not any(version < lim for lim in limits):
            return False
        affected = False
        for at, event in events:
            if event.kind == "introduced" and version >= at:
                affected = True
            elif _closes(event.kind, at, version):
                affected = False
        return affected

    def fixed_after(self, version: Version) -> Version | None:
        """The first ``fixed`` version above ``version`` in this range, if any."""
        for at, event in self.sorted_events():
            if event.kind == "fixed" and at > version:
                return at
        return None

    def boundaries(self) -> tuple[Version, ...]:
        return tuple(v for v, _ in self.sorted_events())

    def has_upper_bound(self) -> bool:
        """Whether the last event closes the range (else every later version is affected)."""
        events = self.sorted_events()
        return bool(events) and events[-1][1].kind != "introduced"


def _closes(kind: EventKind, at: Version, version: Version) -> bool:
    return (kind == "fixed" and version >= at) or (kind == "last_affected" and version > at)


def just_after(version: Version) -> Version:
    """A version that sorts right after ``version``: a stand-in for "the next release"."""
    public = Version(version.public)
    if public.dev is not None:
        return Version(str(public).rsplit("dev", 1)[0] + f"dev{public.dev + 1}")
    if public.post is not None:
        return Version(str(public).rsplit("post", 1)[0] + f"post{public.post + 1}")
    return Version(f"{public}.post0")
