"""Faults on the Ray cluster: a worker killed in the middle of a scan costs nothing (Ray runs
its task again), and a unit that fails on every retry is reported, never a silent gap."""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
from datetime import date
from pathlib import Path

import psutil
import pytest

from secplan.config import Settings
from secplan.executor import Failed
from secplan.executor.local import LocalExecutor
from secplan.executor.ray_engine import RayExecutor
from secplan.governance.records import Records
from secplan.model_scan import scan_models
from tests.integration.scale.conftest import Cluster
from tests.unit.executor.test_local import die_on_seven
from tests.unit.modelfile.build import safetensors, system

AS_OF = date(2026, 12, 2)


def _busy_worker(groups: tuple[int, ...]) -> psutil.Process | None:
    """A worker process of this cluster that is running a chunk of units now."""
    for proc in psutil.process_iter(["cmdline"]):
        cmd = " ".join(proc.info["cmdline"] or ())
        try:
            if cmd.startswith("ray::_run_chunk") and os.getpgid(proc.ppid()) in groups:
                return proc
        except (ProcessLookupError, psutil.Error):
            continue
    return None


class KillOnce:
    """Watches the cluster from a thread while the scan runs, and kills the first worker it
    finds running a chunk of units (once some units have finished, before all have)."""

    def __init__(self, groups: tuple[int, ...]) -> None:
        self.groups = groups
        self.killed = 0
        self.done = 0
        self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set() and not self.killed:
            if 0 < self.done < self.total:
                victim = _busy_worker(self.groups)
                if victim is not None:
                    victim.send_signal(signal.SIGKILL)
                    self.killed = victim.pid
            time.sleep(0.005)

    def discovered(self, total: int) -> None:
        self.total = total
        self._thread.start()

    def scanning(self, path: str) -> None:
        self.done += 1

    def finished(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """240 files, most of them pickles of plain data long enough (tens of thousands of
    opcodes) that a chunk of them keeps a worker busy for a while."""
    root = tmp_path_factory.mktemp("models")
    for i in range(240):
        if i % 40 == 0:
            (root / f"m{i:03d}.pkl").write_bytes(system(root))
        elif i % 4 == 0:
            n = i % 7 + 1
            header = {"w": {"dtype": "F32", "shape": [n], "data_offsets": [0, 4 * n]}}
            (root / f"m{i:03d}.safetensors").write_bytes(safetensors(header, 4 * n))
        else:  # written by pickle.dumps, never loaded
            data = {"step": i, "ids": list(range(i, i + 20_000))}
            (root / f"m{i:03d}.pkl").write_bytes(pickle.dumps(data, protocol=2))
    return root


def test_a_worker_killed_mid_scan_changes_nothing(models: Path, ray_nodes: Cluster) -> None:
    local = scan_models([models], Settings(), Records(), as_of=AS_OF, executor=LocalExecutor(1))
    killer = KillOnce(ray_nodes.groups)
    with RayExecutor(ray_nodes.address) as ex:
        ray = scan_models(
            [models], Settings(), Records(), as_of=AS_OF, executor=ex, observer=killer
        )
    assert killer.killed, "no worker was running a task when units finished"
    assert killer.done >= 240
    assert ray.report.findings == local.report.findings
    assert ray.posture == local.posture
    assert sum(f.rule.startswith("MF") for f in ray.report.findings) >= 6
    assert not (models / "CANARY").exists()


def test_a_unit_failing_every_retry_is_reported_alone(ray_cluster: str) -> None:
    units = [(f"u{i}", i) for i in range(12)]
    with RayExecutor(ray_cluster, retries=1) as ex:
        assert ex.last_run_s is None
        out = ex.run(die_on_seven, 100, units)
        assert ex.last_run_s is not None and ex.last_run_s > 0  # the engine's own time
    failed = [r for r in out if isinstance(r, Failed)]
    assert [f.key for f in failed] == ["u7"]
    assert "worker failed" in failed[0].message and "\n" not in failed[0].message
    assert [r for i, r in enumerate(out) if i != 7] == [100 + i for i in range(12) if i != 7]
