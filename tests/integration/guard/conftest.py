"""The proxy tests need the ``guard`` extra and scikit-learn (the model server's model). The
locust scenario runs in its own process only: importing locust patches the standard library."""

from __future__ import annotations

import importlib.util

_STACK = ("starlette", "uvicorn", "httpx", "prometheus_client", "jsonschema", "sklearn")
collect_ignore = ["load_scenario.py"] + (
    []
    if all(importlib.util.find_spec(m) for m in _STACK)
    else ["test_proxy.py", "test_tls.py", "test_load.py", "upstream_app.py", "stack.py"]
)
