"""Abuse limits kept in memory: token buckets per identity and per model, and daily budgets.

>>> t = [0.0]
>>> lim = RateLimiter(clock=lambda: t[0])
>>> [lim.take("alice", rate=1.0, burst=2) for _ in range(3)]
[None, None, 1.0]
>>> t[0] = 1.0
>>> lim.take("alice", rate=1.0, burst=2) is None
True
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime

#: Keys remembered at most; the least recently used are forgotten first (a forgotten bucket
#: starts full, so the bound costs a little leniency, never a false refusal).
MAX_KEYS = 100_000


class RateLimiter:
    """Token buckets: ``rate`` requests a second on average, ``burst`` at once."""

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS
    ) -> None:
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, *, rate: float, burst: int) -> float | None:
        """None when a request may go now, else the seconds until it may."""
        now = self.clock()
        tokens, last = self._buckets.pop(key, (float(burst), now))
        tokens = min(float(burst), tokens + (now - last) * rate)
        if tokens >= 1.0:
            self._store(key, (tokens - 1.0, now))
            return None
        self._store(key, (tokens, now))
        return round((1.0 - tokens) / rate, 3)

    def _store(self, key: str, value: tuple[float, float]) -> None:
        self._buckets[key] = value
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)


class DailyBudget:
    """Requests counted per key and UTC day."""

    def __init__(self, *, today: Callable[[], str] | None = None) -> None:
        self.today = today or (lambda: datetime.now(UTC).date().isoformat())
        self._day = ""
        self._used: dict[str, int] = {}

    def spend(self, key: str, limit: int) -> bool:
        """Count one request against ``key``; False (and nothing counted) when the day's
        ``limit`` is reached."""
        day = self.today()
        if day != self._day:
            self._day, self._used = day, {}
        used = self._used.get(key, 0)
        if used >= limit:
            return False
        if len(self._used) < MAX_KEYS or key in self._used:
            self._used[key] = used + 1
        return True

    def used(self, key: str) -> int:
        return self._used.get(key, 0) if self.today() == self._day else 0
