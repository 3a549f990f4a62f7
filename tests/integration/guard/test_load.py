"""A headless locust load on ``secplan guard serve`` in front of a real model server, with
upstream faults (down, slow, garbage) mixed in: every request gets the expected answer or a
clear error without hanging, and the upstream receives exactly the requests the guard
allowed, route by route."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.guard.stack import FAULT_ROUTES, IRIS_MLFLOW, SERVER, Env, running, scenario

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("locust") is None, reason="needs locust (the dev extra)"
)
HERE = Path(__file__).parent
POLICY = (
    SERVER
    + IRIS_MLFLOW
    + """

[[route]]
name = "chat"
path = "/v1/chat/completions"
protocol = "openai-chat"
"""
    + FAULT_ROUTES
)
#: Routes whose allowed requests go to the test's upstream ("down" names a closed port).
UPSTREAM_PATHS = {
    "iris-mlflow": "/invocations",
    "chat": "/v1/chat/completions",
    "slow": "/slow/invocations",
    "garbage": "/garbage/invocations",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    with running(tmp_path_factory.mktemp("guard-load"), POLICY) as e:
        yield e


def settled(env: Env) -> tuple[dict[str, int], dict[str, int]]:
    """The guard's allowed decisions and the upstream's arrivals by route, once requests
    still in flight have landed."""
    for _ in range(100):
        allowed = env.allowed_by_route()
        paths = env.seen_by_path()
        seen = {r: paths.get(p, 0) for r, p in UPSTREAM_PATHS.items()}
        if all(allowed.get(r, 0) == n for r, n in seen.items()):
            break
        time.sleep(0.1)
    return {r: allowed.get(r, 0) for r in UPSTREAM_PATHS}, seen


def test_under_load_with_faults_every_answer_is_clear_and_every_arrival_was_decided(
    env: Env, tmp_path: Path
) -> None:
    out = tmp_path / "stats.json"
    subprocess.run(scenario(env, users=4, seconds=5, out=out), check=True, timeout=120)
    stats = json.loads(out.read_text())
    assert stats["requests"] > 50
    assert stats["failures"] == 0, stats["errors"]
    kinds = stats["kinds"]
    for kind in ("iris-ok", "chat-ok", "upstream-slow", "upstream-garbage", "upstream-down"):
        assert kinds.get(kind, {}).get("requests", 0) > 0, kind
    # the slow route's 1 s limit holds under load: no answer waits for the upstream's 30 s
    assert kinds["upstream-slow"]["max_ms"] < 8000
    allowed, seen = settled(env)
    assert allowed == seen
    assert allowed["iris-mlflow"] > 0 and allowed["chat"] > 0
    # refused requests never reach the upstream: only the allowed ones arrived
    assert sum(seen.values()) == env.seen()
