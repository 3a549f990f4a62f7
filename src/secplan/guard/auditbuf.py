"""Guard decisions on their way to the audit trail: a bounded buffer that a background task
flushes in batches, so a slow audit store never slows a request. When the buffer is full the
guard refuses requests (fails closed) rather than decide without a record."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable, Sequence

from secplan.audit.events import EventIn

log = logging.getLogger(__name__)

Sink = Callable[[Sequence[EventIn]], object]
#: Events written in one transaction at most.
BATCH = 500


class AuditBuffer:
    def __init__(self, sink: Sink | None, *, capacity: int = 10_000, flush_s: float = 1.0) -> None:
        self.sink = sink
        self.capacity = capacity
        self.flush_s = flush_s
        self._events: deque[EventIn] = deque()
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self.failures = 0
        self.written = 0

    @property
    def full(self) -> bool:
        return len(self._events) >= self.capacity

    def __len__(self) -> int:
        return len(self._events)

    def offer(self, event: EventIn) -> bool:
        """Queue ``event``; False when the buffer is full (the caller must refuse)."""
        if self.sink is None:
            return True
        if self.full:
            return False
        self._events.append(event)
        if len(self._events) >= min(BATCH, self.capacity // 2 or 1):
            self._wake.set()
        return True

    async def flush(self) -> None:
        """Write what is queued; on a failure the events stay queued for the next try."""
        while self._events and self.sink is not None:
            batch = [self._events[i] for i in range(min(BATCH, len(self._events)))]
            try:
                await asyncio.to_thread(self.sink, batch)
            except Exception as exc:  # the store is down: keep the events, try again later
                self.failures += 1
                log.warning("audit trail unavailable (%s); %d events queued", exc, len(self))
                return
            for _ in batch:
                self._events.popleft()
            self.written += len(batch)

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.flush_s)
            self._wake.clear()
            await self.flush()

    def start(self) -> None:
        if self._task is None and self.sink is not None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()
