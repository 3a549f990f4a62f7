"""OSV range evaluation against brute-force references."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from packaging.version import Version

from secplan.vulndb.ranges import ZERO, Event, Range, just_after, parse_version

UNIVERSE = [Version(f"{a}.{b}") for a in range(4) for b in range(4)]
_TIE = {"introduced": 0, "last_affected": 1, "fixed": 2}


def test_examples() -> None:
    r = Range((Event("fixed", "2.0"), Event("introduced", "1.0"), Event("introduced", "0")))
    assert r.affects(Version("0.5")) and r.affects(Version("1.9")) and not r.affects(Version("2.0"))
    last = Range((Event("introduced", "1.0"), Event("last_affected", "1.5")))
    assert last.affects(Version("1.5")) and not last.affects(Version("1.5.1"))
    lim = Range((Event("introduced", "0"), Event("limit", "3.0")))
    assert lim.affects(Version("2.9")) and not lim.affects(Version("3.0"))
    assert not Range((Event("introduced", "not a version"),)).affects(Version("1"))


def _last_triggered(events: list[Event], v: Version) -> bool:
    """Reference: affected when the last event (in version order) that 'triggered' is an
    introduced; an event triggers when v >= it (introduced, fixed) or v > it (last_affected)."""
    triggered = []
    for e in events:
        at = e.parsed
        assert at is not None
        if (e.kind == "last_affected" and v > at) or (e.kind != "last_affected" and v >= at):
            triggered.append((at, _TIE[e.kind], e.kind))
    return bool(triggered) and max(triggered)[2] == "introduced"


events = st.lists(
    st.tuples(st.sampled_from(["introduced", "fixed", "last_affected"]), st.sampled_from(UNIVERSE)),
    min_size=1,
    max_size=8,
)


@given(events, st.randoms())
def test_matches_reference_in_any_order(raw: list[tuple[str, Version]], rnd: object) -> None:
    evs = [Event(k, str(v)) for k, v in raw]  # type: ignore[arg-type]
    shuffled = list(evs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    for v in UNIVERSE:
        assert Range(tuple(shuffled)).affects(v) == _last_triggered(evs, v)


@given(st.lists(st.sampled_from(UNIVERSE), min_size=2, max_size=8, unique=True))
def test_well_formed_intervals(points: list[Version]) -> None:
    """introduced/fixed pairs in order are the union of half-open intervals."""
    points.sort()
    pairs = list(zip(points[::2], points[1::2], strict=False))
    evs = tuple(
        e for lo, hi in pairs for e in (Event("introduced", str(lo)), Event("fixed", str(hi)))
    )
    for v in UNIVERSE:
        assert Range(evs).affects(v) == any(lo <= v < hi for lo, hi in pairs)


@given(st.sampled_from(UNIVERSE), st.sampled_from(UNIVERSE))
def test_fixed_after(start: Version, fix: Version) -> None:
    r = Range((Event("introduced", str(start)), Event("fixed", str(fix))))
    for v in UNIVERSE:
        if r.affects(v):
            assert r.fixed_after(v) == (fix if start < fix else None)


@given(
    st.from_regex(
        r"[0-9]{1,3}(\.[0-9]{1,3}){0,3}((a|b|rc)[0-9]{1,2})?(\.post[0-9]{1,2})?(\.dev[0-9]{1,2})?",
        fullmatch=True,
    )
)
def test_just_after_sorts_right_after(text: str) -> None:
    v = Version(text)
    nxt = just_after(v)
    assert nxt > v
    assert parse_version(str(nxt)) == nxt


def test_zero_and_invalid() -> None:
    assert Event("introduced", "0").parsed == ZERO
    assert parse_version("x" * 200) is None
