"""The middleware tests need the ``guard`` extra (Starlette, httpx, prometheus_client)."""

from __future__ import annotations

import importlib.util

_STACK = ("starlette", "httpx", "prometheus_client")
collect_ignore = [] if all(importlib.util.find_spec(m) for m in _STACK) else ["test_gate.py"]
