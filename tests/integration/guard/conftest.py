"""The proxy tests need the ``guard`` extra and scikit-learn (the model server's model)."""

from __future__ import annotations

import importlib.util

_STACK = ("starlette", "uvicorn", "httpx", "prometheus_client", "jsonschema", "sklearn")
collect_ignore = (
    []
    if all(importlib.util.find_spec(m) for m in _STACK)
    else ["test_proxy.py", "test_tls.py", "upstream_app.py"]
)
