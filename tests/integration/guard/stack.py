"""A real model server (``upstream_app.py``) and ``secplan guard serve`` in front of it, each
in its own process, for the proxy, load and fault tests (and the load benchmark)."""

from __future__ import annotations

import contextlib
import csv
import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from secplan.access import Actor
from secplan.data.profile import build_profile, write_profile
from secplan.services import open_services

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
PASSWORD = "correct horse battery staple"


#: Server settings the tests share: short upstream and audit flush times.
SERVER = """
[server]
timeout_s = 10
[audit]
flush_s = 0.2

"""
#: The iris classifier behind MLflow's scoring shape, checked against its profile.
IRIS_MLFLOW = """
[[route]]
name = "iris-mlflow"
path = "/invocations"
protocol = "mlflow-invocations"
model = "iris"
[route.input]
profile = "iris.profile.json"
"""
#: Routes to upstream faults: a slow model (1 s limit against its 30 s), one answering HTML,
#: and one on a port nobody listens on (``{closed}``).
FAULT_ROUTES = """
[[route]]
name = "slow"
path = "/slow/invocations"
protocol = "mlflow-invocations"
public = true
timeout_s = 1

[[route]]
name = "garbage"
path = "/garbage/invocations"
protocol = "mlflow-invocations"
public = true

[[route]]
name = "down"
path = "/down/invocations"
protocol = "mlflow-invocations"
public = true
upstream = "http://127.0.0.1:{closed}"
"""


def scenario(env: Env, *, users: int, seconds: float, out: Path) -> list[str]:
    """The command that runs ``load_scenario.py`` (locust, in its own process) on ``env``."""
    return [
        sys.executable,
        str(HERE / "load_scenario.py"),
        env.guard,
        env.token,
        "--users",
        str(users),
        "--seconds",
        str(seconds),
        "--out",
        str(out),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(
    url: str, proc: subprocess.Popen[bytes], log: Path, verify: ssl.SSLContext | bool = True
) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited: {log.read_text()[-2000:]}")
        try:
            httpx.get(url, timeout=1.0, verify=verify)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def iris_profile(tmp: Path) -> Path:
    from sklearn.datasets import load_iris

    X, _ = load_iris(return_X_y=True)
    data = tmp / "iris.csv"
    with data.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["sepal_length", "sepal_width", "petal_length", "petal_width"])
        w.writerows(X.tolist())
    out = tmp / "iris.profile.json"
    write_profile(out, build_profile(tmp, [data]))
    return out


class Env:
    def __init__(self, guard: str, upstream: str, token: str, tmp: Path) -> None:
        self.guard, self.upstream, self.token, self.tmp = guard, upstream, token, tmp
        self.client = httpx.Client(timeout=20.0)
        #: The guard's and the upstream's process ids.
        self.pids: tuple[int, int] = (0, 0)

    def post(
        self, path: str, body: Any, *, token: bool = True, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        h = {"authorization": f"Bearer {self.token}"} if token else {}
        return self.client.post(self.guard + path, json=body, headers={**h, **(headers or {})})

    def seen(self) -> int:
        return int(self.client.get(self.upstream + "/_seen").json()["inference"])

    def seen_by_path(self) -> dict[str, int]:
        """Requests the upstream received, by path."""
        return {
            str(k): int(v)
            for k, v in self.client.get(self.upstream + "/_seen").json()["paths"].items()
        }

    def allowed_by_route(self) -> dict[str, int]:
        """The guard's decisions to let a request through, by route (from ``/metrics``)."""
        out: dict[str, int] = {}
        for line in self.client.get(self.guard + "/metrics").text.splitlines():
            if line.startswith("secplan_guard_requests_total{") and 'outcome="allowed"' in line:
                route = line.split('route="', 1)[1].split('"', 1)[0]
                out[route] = int(float(line.rsplit(" ", 1)[1]))
        return out


def _token(tmp: Path, env: dict[str, str]) -> str:
    saved = {k: os.environ.get(k) for k in ("SECPLAN_HOME", "SECPLAN_DATABASE_URL")}
    os.environ.update({k: env[k] for k in saved})
    try:
        services = open_services()
        local = services.access.local_actor()
        services.access.add_principal(local, "root", password=PASSWORD, roles=("admin",))
        admin = Actor(name="root", kind="user", bindings=(("admin", "*"),), mfa=True, via="session")
        services.access.add_principal(admin, "app", kind="service", roles=("ml-engineer",))
        token = services.access.create_token(admin, "app", days=1).token
        services.close()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return token


@contextlib.contextmanager
def running(tmp: Path, policy: str) -> Iterator[Env]:
    """The upstream and the guard with ``policy`` (``{closed}``: a port nobody listens on), an
    iris profile beside it, and a service token for the caller ``app``."""
    iris_profile(tmp)
    (tmp / "guard.toml").write_text(policy.replace("{closed}", str(free_port())))
    env = {
        **os.environ,
        "SECPLAN_HOME": str(tmp / "home"),
        "SECPLAN_DATABASE_URL": f"sqlite:///{tmp / 'state.db'}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    token = _token(tmp, env)
    up_port, guard_port = free_port(), free_port()
    up_log, guard_log = tmp / "upstream.log", tmp / "guard.log"
    with up_log.open("wb") as up_err:
        upstream = subprocess.Popen(
            [sys.executable, str(HERE / "upstream_app.py"), str(up_port)], env=env, stderr=up_err
        )
    with guard_log.open("wb") as guard_err:
        guard = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "secplan",
                "guard",
                "serve",
                "--policy",
                str(tmp / "guard.toml"),
                "--upstream",
                f"http://127.0.0.1:{up_port}",
                "--port",
                str(guard_port),
            ],
            env=env,
            stderr=guard_err,
        )
    try:
        wait_up(f"http://127.0.0.1:{up_port}/_seen", upstream, up_log)
        wait_up(f"http://127.0.0.1:{guard_port}/metrics", guard, guard_log)
        e = Env(f"http://127.0.0.1:{guard_port}", f"http://127.0.0.1:{up_port}", token, tmp)
        e.pids = (guard.pid, upstream.pid)
        with e.client:
            yield e
    finally:
        stop(guard)
        stop(upstream)
