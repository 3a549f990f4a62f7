"""The test process: ``python -m secplan.assurance._child`` reads a request (JSON) on stdin
and writes the measurements (JSON) on stdout: the tests of ``secplan model test``, or the
adversarial training of ``secplan model harden`` (``"mode": "harden"``).

Before the model is loaded it caps its own CPU time and memory (``setrlimit``) and replaces
every way to open a socket with one that raises, so the team's model code runs without
network access. A failure becomes ``{"error": ..., "hint": ...}``, never a traceback.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import sys
import warnings
from pathlib import Path
from typing import Any, NoReturn

NETWORK_BLOCKED = "network access is blocked while a model is tested"


def _no_network(*_: object, **__: object) -> NoReturn:
    raise PermissionError(NETWORK_BLOCKED)


def guard_network() -> None:
    """Every socket constructor and name lookup raises ``PermissionError``."""

    class _Blocked(socket.socket):
        def __init__(self, *_: object, **__: object) -> None:
            raise PermissionError(NETWORK_BLOCKED)

    socket.socket = _Blocked  # type: ignore[misc]
    for name in ("create_connection", "socketpair", "fromfd", "getaddrinfo", "gethostbyname"):
        setattr(socket, name, _no_network)


def limit(cpu_seconds: int, memory_mb: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    mem = memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))


def _run(req: dict[str, Any]) -> dict[str, Any]:
    from secplan.assurance import _load, checks

    if req.get("mode") == "harden":
        from secplan.assurance import _harden

        return _harden.run(req)

    model = _load.load_model(Path(req["model"]), req["model_shown"])
    p = req["policy"]
    features = list(p["features"]) or model.names
    table = _load.load_table(
        Path(req["data"]), req["data_shown"], p["target"], p["sensitive"], features, p["max_rows"]
    )
    if len(set(table.y.tolist())) < 2:
        from secplan.errors import TargetError

        raise TargetError(
            f"{req['data_shown']}: the target {p['target']!r} has a single class",
            "test with data that holds every class",
        )
    over = [r for r in p.get("explain", ()) if r >= len(table.y)]
    if over:
        from secplan.errors import TargetError

        raise TargetError(
            f"{req['data_shown']}: row {over[0]} is out of range (the dataset has "
            f"{len(table.y)} rows, counted from 0)",
            "give --explain a row number within the dataset",
        )
    members = None
    if req.get("train"):
        members = _load.load_table(
            Path(req["train"]),
            req["train_shown"],
            p["target"],
            p["sensitive"],
            table.features,
            p["max_rows"],
        )
    if members is not None:
        _load.align(table, members)
    model.decode(table)
    p = p | {"categorical": sorted({*p["categorical"], *table.codes})}
    return checks.run_all(model, table, p, members)


def main() -> None:
    req = json.loads(sys.stdin.read())
    limit(req["policy"]["cpu_seconds"], req["policy"]["memory_mb"])
    guard_network()
    warnings.simplefilter("ignore")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from secplan.errors import SecplanError

    try:
        out: dict[str, Any] = {"ok": _run(req)}
    except SecplanError as exc:
        out = {"error": exc.message, "hint": exc.hint}
    except MemoryError:
        out = {"error": "limit", "hint": "memory"}
    except Exception as exc:  # the team's model code failed: say what, not a traceback
        out = {
            "error": f"{req['model_shown']}: the model failed while "
            f"{'hardened' if req.get('mode') == 'harden' else 'tested'} "
            f"({getattr(exc, 'kind', type(exc).__name__)}: {str(exc)[:300]})",
            "hint": "check that the model accepts the dataset's feature columns, in order",
        }
    sys.stdout.write(json.dumps(out, sort_keys=True, allow_nan=False, default=str))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
