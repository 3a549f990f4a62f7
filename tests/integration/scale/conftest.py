"""A real Ray cluster on 127.0.0.1 for the scale-out tests: a head node and a second worker
node, one CPU each, started once per session and stopped after it.

Skipped with a clear message when ray is not installed, unless SECPLAN_REQUIRE_TOOLS=1 (CI),
where a missing ray fails the tests.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, REQUIRE_TOOLS

START_SECONDS = 240  # a loaded two-core machine starts a node in tens of seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ray_cli() -> str:
    if importlib.util.find_spec("ray") is None:
        if REQUIRE_TOOLS:
            pytest.fail("SECPLAN_REQUIRE_TOOLS=1 but ray is not installed (pip install -e .[dev])")
        pytest.skip("ray is not installed: pip install 'secplan[ray]' to run the scale-out tests")
    beside = Path(sys.executable).parent / "ray"
    return str(beside) if beside.exists() else (shutil.which("ray") or "ray")


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A node started with --block in a session of its own, so that stopping it stops every
    process it started (and nothing else on the machine)."""
    with log.open("wb") as out:
        return subprocess.Popen(
            args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a node: its process group, then the workers it started (each in a session of
    its own), by their process ids."""
    import psutil

    try:
        workers = psutil.Process(proc.pid).children(recursive=True)
    except psutil.Error:
        workers = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=20)
            break
        except subprocess.TimeoutExpired:
            continue
    for w in workers:
        with contextlib.suppress(psutil.Error):
            w.kill()


def _wait_for_cpus(
    address: str, cpus: int, nodes: list[subprocess.Popen[bytes]], log: Path
) -> None:
    import ray

    ray.init(address=address, log_to_driver=False, logging_level="ERROR")
    try:
        ends = time.monotonic() + START_SECONDS
        while ray.cluster_resources().get("CPU", 0) < cpus:
            if any(n.poll() is not None for n in nodes) or time.monotonic() > ends:
                tail = log.read_text(errors="replace")[-2000:]
                pytest.fail(f"the Ray cluster did not reach {cpus} CPUs: {tail}")
            time.sleep(0.5)
    finally:
        ray.shutdown()


#: Credentials of the test's S3 server: canaries that no report may contain.
S3_KEY_ID = "AKIACANARYKEYID00001"
S3_SECRET = "canary/secret/never-in-a-report-0001"


@dataclass(frozen=True)
class S3:
    endpoint: str
    env: dict[str, str]


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3 | None]:
    """moto's S3 server on 127.0.0.1 (None when moto or s3fs is not installed)."""
    if any(importlib.util.find_spec(m) is None for m in ("moto", "s3fs", "boto3", "flask")):
        if REQUIRE_TOOLS:
            pytest.fail("SECPLAN_REQUIRE_TOOLS=1 but moto[server] or s3fs is not installed")
        yield None
        return
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {
        "AWS_ACCESS_KEY_ID": S3_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": S3_SECRET,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint,
    }
    try:
        yield S3(endpoint, env)
    finally:
        server.stop()


@pytest.fixture
def s3(s3_server: S3 | None, monkeypatch: pytest.MonkeyPatch) -> S3:
    """The S3 server, with its endpoint and canary credentials in this process's environment."""
    if s3_server is None:
        pytest.skip("moto[server] and s3fs are not installed: pip install -e '.[dev]'")
    for k, v in s3_server.env.items():
        monkeypatch.setenv(k, v)
    return s3_server


@dataclass(frozen=True)
class Cluster:
    address: str
    groups: tuple[int, ...]  # the process groups of the nodes (and of their workers)


@pytest.fixture(scope="session")
def ray_nodes(s3_server: S3 | None) -> Iterator[Cluster]:
    """A running two-node Ray cluster (head and worker, one CPU each); its workers read
    objects from the test's S3 server with the environment a real worker would have."""
    cli = _ray_cli()
    # unix socket paths are short: the session directory lives in a short temporary folder
    temp = Path(tempfile.mkdtemp(prefix="ray"))
    port = _free_port()
    address = f"127.0.0.1:{port}"
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "PYTHONUNBUFFERED": "1"}
    env.update(s3_server.env if s3_server is not None else {})
    # workers import this checkout's secplan, and the test modules whose functions they run
    paths = [str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env.pop("RAY_ADDRESS", None)
    common = [
        "--num-cpus",
        "1",
        "--block",
        "--disable-usage-stats",
        "--node-ip-address",
        "127.0.0.1",
    ]
    head_log, worker_log = temp / "head.log", temp / "worker.log"
    head = _start(
        [
            cli,
            "start",
            "--head",
            "--port",
            str(port),
            "--include-dashboard=false",
            "--temp-dir",
            str(temp),
            *common,
        ],
        env,
        head_log,
    )
    nodes = [head]
    try:
        _wait_for_cpus(address, 1, nodes, head_log)
        nodes.append(_start([cli, "start", "--address", address, *common], env, worker_log))
        _wait_for_cpus(address, 2, nodes, worker_log)
        yield Cluster(address, tuple(n.pid for n in nodes))
    finally:
        for node in reversed(nodes):
            _stop(node)
        shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture
def ray_cluster(ray_nodes: Cluster) -> str:
    """The address of the session's Ray cluster."""
    return ray_nodes.address
