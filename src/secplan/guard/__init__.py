"""The inference guard: a hardened front for model servers (MS2, MS5, MS6, PS3, HS5).

A library first: :mod:`secplan.guard.policy` reads ``guard.toml``, :mod:`secplan.guard.engine`
decides on requests and responses without I/O, :mod:`secplan.guard.gate` adds identity, limits
and the audit trail, and :mod:`secplan.guard.proxy` serves it as a reverse proxy or as an ASGI
middleware. The serving stack (Starlette, uvicorn, httpx, prometheus_client) is the ``guard``
extra and is imported only when a guard runs.
"""
