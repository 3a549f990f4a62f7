"""Guard overhead: the same Open Inference Protocol requests (one row of 100 features) sent
straight to a model server and through ``secplan guard serve`` in front of it, alternating
request by request; and the decision itself as a middleware adds it, in process.

    PYTHONPATH=src python benchmarks/guard/overhead.py --rounds 1000

Writes docs/benchmarks/guard.md. Latency is measured at the client (wall time, keep-alive,
one request at a time); the guard's CPU time per request is read from its process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FEATURES = [f"f{i}" for i in range(100)]
POLICY = """
[[route]]
name = "bench"
path = "/v2/models/bench/infer"
protocol = "oip-v2"
public = true
[route.input]
profile = "bench.profile.json"
range_margin = 0.1
[route.output]
round = 3
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(url, timeout=1.0)
            return
        time.sleep(0.1)
    raise SystemExit(f"{url} did not start")


def _setup(tmp: Path) -> None:
    from secplan.data.profile import build_profile, write_profile

    rng = random.Random(1)
    data = tmp / "bench.csv"
    with data.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(FEATURES)
        for _ in range(2000):
            w.writerow([round(rng.gauss(0, 1), 4) for _ in FEATURES])
    write_profile(tmp / "bench.profile.json", build_profile(tmp, [data]))
    (tmp / "guard.toml").write_text(POLICY)


def _body(rng: random.Random) -> bytes:
    row = [round(max(-2.5, min(2.5, rng.gauss(0, 1))), 4) for _ in FEATURES]
    return json.dumps(
        {"inputs": [{"name": "x", "shape": [1, 100], "datatype": "FP64", "data": row}]}
    ).encode()


def _q(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def proxy_run(tmp: Path, rounds: int) -> dict[str, Any]:
    up_port, guard_port, bare_port = _port(), _port(), _port()
    env = {
        **os.environ,
        "SECPLAN_HOME": str(tmp / "home"),
        "SECPLAN_DATABASE_URL": f"sqlite:///{tmp / 'state.db'}",
    }
    up = subprocess.Popen([sys.executable, str(HERE / "upstream.py"), str(up_port)], env=env)
    serve = f"guard serve --port {guard_port} --upstream http://127.0.0.1:{up_port}"
    argv = [sys.executable, "-m", "secplan", *serve.split(), "--policy", str(tmp / "guard.toml")]
    guard = subprocess.Popen(argv, env=env)
    bare = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "bare_proxy.py"),
            str(bare_port),
            f"http://127.0.0.1:{up_port}",
        ],
        env=env,
    )
    try:
        direct = f"http://127.0.0.1:{up_port}/v2/models/bench/infer"
        guarded = f"http://127.0.0.1:{guard_port}/v2/models/bench/infer"
        plain = f"http://127.0.0.1:{bare_port}/v2/models/bench/infer"
        _wait(f"http://127.0.0.1:{guard_port}/metrics")
        _wait(f"http://127.0.0.1:{bare_port}/")
        rng = random.Random(2)
        times: dict[str, list[float]] = {"direct": [], "bare": [], "guard": []}
        urls = [("direct", direct), ("bare", plain), ("guard", guarded)]
        headers = {"content-type": "application/json"}
        with httpx.Client(timeout=30) as c:
            for _ in range(100):  # warm-up
                for _name, url in urls:
                    c.post(url, content=_body(rng), headers=headers).raise_for_status()
            cpu0, bare0 = _cpu(guard.pid), _cpu(bare.pid)
            for i in range(rounds):
                body = _body(rng)
                order = urls[i % 3 :] + urls[: i % 3]  # the order rotates every round
                for name, url in order:
                    t0 = time.perf_counter()
                    r = c.post(url, content=body, headers=headers)
                    times[name].append(time.perf_counter() - t0)
                    r.raise_for_status()
            guard_cpu = (_cpu(guard.pid) - cpu0) / rounds
            bare_cpu = (_cpu(bare.pid) - bare0) / rounds
        load: dict[str, list[float]] = {name: [] for name, _ in urls}
        for i in range(LOAD_ROUNDS):
            for name, url in urls[i % 3 :] + urls[: i % 3]:
                load[name].append(asyncio.run(_throughput(url)))
    finally:
        for p in (guard, bare, up):
            p.terminate()
            p.wait(10)
    diffs = [g - d for g, d in zip(times["guard"], times["direct"], strict=True)]
    ratios = [g / d for g, d in zip(times["guard"], times["direct"], strict=True)]
    checks = [g - b for g, b in zip(times["guard"], times["bare"], strict=True)]
    return {
        "times": times,
        "diffs": diffs,
        "ratios": ratios,
        "guard_cpu": guard_cpu,
        "bare_cpu": bare_cpu,
        "checks": checks,
        "load": load,
    }


#: Concurrent clients, seconds and rounds of the throughput runs.
CLIENTS, LOAD_SECONDS, LOAD_ROUNDS = 16, 5.0, 3


async def _throughput(url: str) -> float:
    """Requests a second that :data:`CLIENTS` concurrent clients get answered."""
    rng = random.Random(4)
    bodies = [_body(rng) for _ in range(200)]
    done = 0
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(timeout=30, limits=limits) as c:
        stop = time.perf_counter() + LOAD_SECONDS

        async def worker(k: int) -> None:
            nonlocal done
            while time.perf_counter() < stop:
                body = bodies[(done + k) % len(bodies)]
                r = await c.post(url, content=body, headers={"content-type": "application/json"})
                r.raise_for_status()
                done += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(CLIENTS)))
        return done / (time.perf_counter() - t0)


def middleware_run(tmp: Path, rounds: int) -> dict[str, Any]:
    """The same app called in process with and without the middleware, alternating."""
    sys.path.insert(0, str(HERE))
    from upstream import app as model_app

    from secplan.guard.gate import Gate
    from secplan.guard.policy import PolicyHolder
    from secplan.guard.proxy import GuardMiddleware

    guarded = GuardMiddleware(model_app, Gate(PolicyHolder(tmp / "guard.toml")))
    rng = random.Random(3)
    times: dict[str, list[float]] = {"app": [], "guarded": []}

    async def call(app: Any, body: bytes) -> None:
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(msg: dict[str, Any]) -> None:
            if msg["type"] == "http.response.start" and msg["status"] != 200:
                raise SystemExit(f"status {msg['status']}")

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/v2/models/bench/infer",
            "headers": [(b"content-type", b"application/json")],
            "query_string": b"",
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "scheme": "http",
            "root_path": "",
            "http_version": "1.1",
            "asgi": {"version": "3.0"},
        }
        await app(scope, receive, send)

    async def run() -> float:
        for _ in range(100):
            await call(model_app, _body(rng))
            await call(guarded, _body(rng))
        cpu = 0.0
        for i in range(rounds):
            body = _body(rng)
            order = [("app", model_app), ("guarded", guarded)]
            for name, app in order if i % 2 == 0 else order[::-1]:
                c0, t0 = time.process_time(), time.perf_counter()
                await call(app, body)
                times[name].append(time.perf_counter() - t0)
                if name == "guarded":
                    cpu += time.process_time() - c0
                else:
                    cpu -= time.process_time() - c0
        return cpu / rounds

    cpu = asyncio.run(run())
    diffs = [g - a for g, a in zip(times["guarded"], times["app"], strict=True)]
    return {"times": times, "diffs": diffs, "cpu": cpu}


def _ms(x: float) -> str:
    return f"{x * 1000:.3f}"


def render(rounds: int, p: dict[str, Any], m: dict[str, Any]) -> str:
    load = p["load"]
    t = p["times"]
    rows = [
        f"| straight to the upstream | {_ms(statistics.median(t['direct']))} | "
        f"{_ms(_q(t['direct'], 0.99))} | |",
        f"| through a bare pass-through proxy (same stack, no checks) | "
        f"{_ms(statistics.median(t['bare']))} | {_ms(_q(t['bare'], 0.99))} | "
        f"{_ms(p['bare_cpu'])} |",
        f"| through `secplan guard serve` | {_ms(statistics.median(t['guard']))} | "
        f"{_ms(_q(t['guard'], 0.99))} | {_ms(p['guard_cpu'])} |",
        f"| guard minus direct, pair by pair | {_ms(statistics.median(p['diffs']))} | "
        f"{_ms(_q(p['diffs'], 0.99))} | |",
        f"| guard minus bare proxy, pair by pair | {_ms(statistics.median(p['checks']))} | "
        f"{_ms(_q(p['checks'], 0.99))} | |",
    ]
    mt = m["times"]
    mrows = [
        f"| the app alone | {_ms(statistics.median(mt['app']))} | {_ms(_q(mt['app'], 0.99))} |",
        f"| the app behind `GuardMiddleware` | {_ms(statistics.median(mt['guarded']))} | "
        f"{_ms(_q(mt['guarded'], 0.99))} |",
        f"| difference, pair by pair | {_ms(statistics.median(m['diffs']))} | "
        f"{_ms(_q(m['diffs'], 0.99))} |",
    ]
    return f"""# Guard

Overhead of the inference guard on Open Inference Protocol requests of one row of 100
features (checked against a profile of 2,000 generated rows: names, types, ranges and the
out-of-distribution score; scores rounded on the way back), {rounds} requests each way,
one at a time over a kept-alive connection, the order of the three paths rotating every
round. Generated data (speed only).

    PYTHONPATH=src python benchmarks/guard/overhead.py --rounds {rounds}

Machine: {platform.machine()}, {os.cpu_count()} CPUs shared with other work (load average
{", ".join(f"{x:.2f}" for x in os.getloadavg())} at the end), Python {platform.python_version()}.

## Reverse proxy (separate processes, wall time at the client, ms)

| path | p50 | p99 | proxy CPU per request |
|---|---|---|---|
{chr(10).join(rows)}

Median ratio guard / direct, pair by pair: {statistics.median(p["ratios"]):.2f}.

Throughput with {CLIENTS} concurrent clients ({LOAD_SECONDS:.0f} s per run, {LOAD_ROUNDS} runs
per path, the order rotating), median requests/s: straight to the upstream
{statistics.median(load["direct"]):.0f}, bare proxy {statistics.median(load["bare"]):.0f},
guard {statistics.median(load["guard"]):.0f}. The clients run on the same machine.

## Middleware (in process, the ASGI app called directly, ms)

| path | p50 | p99 |
|---|---|---|
{chr(10).join(mrows)}

CPU time the middleware adds per request: {_ms(m["cpu"])} ms.

Latencies above are sequential; the throughput runs share the machine's cores between the
clients, the proxies and the upstream, so they understate what a dedicated host serves.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks" / "guard.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        _setup(tmp)
        p = proxy_run(tmp, args.rounds)
        m = middleware_run(tmp, args.rounds)
    text = render(args.rounds, p, m)
    args.output.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
