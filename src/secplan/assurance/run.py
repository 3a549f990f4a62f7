"""``secplan model test`` as a library call: refuse a flagged model file, run the tests in a
limited child process, and judge the measurements against policy.

>>> # test_model(root, root / "model.joblib", root / "holdout.csv", settings.assurance)
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import secplan
from secplan._io import sha256_file
from secplan.assurance.verdict import Check, judge
from secplan.config import Assurance
from secplan.errors import ServiceError, TargetError
from secplan.model import Severity

#: Libraries whose versions go into the evidence.
TOOLS = ("numpy", "scikit-learn", "adversarial-robustness-toolbox", "fairlearn", "pandas", "shap")


@dataclass(frozen=True, slots=True, kw_only=True)
class TestRun:
    model: str  # as shown (relative to the project where possible)
    model_sha256: str
    data: str
    data_sha256: str
    policy: Assurance
    metrics: dict[str, Any]
    timings: dict[str, float]
    checks: tuple[Check, ...]
    versions: dict[str, str]

    @property
    def passed(self) -> bool:
        return all(c.passed is not False for c in self.checks)


def shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _need_file(path: Path, what: str, fix: str) -> None:
    if not path.is_file():
        raise TargetError(f"{path}: {what} not found", fix)


def refuse_flagged(
    path: Path, name: str, fail_on: Severity = Severity.HIGH, allow: tuple[str, ...] = ()
) -> None:
    """:class:`TargetError` when ``secplan model scan`` flags the model file (a finding at or
    above ``fail_on``): a file that may run code when loaded is never loaded."""
    from secplan.modelfile.api import analyze_file

    found = analyze_file(path, name, allow=allow)
    flagged = [f for f in found if f.severity >= fail_on]
    if flagged:
        f = max(flagged, key=lambda f: f.severity)
        raise TargetError(
            f"{name}: refused: secplan model scan flags it ({f.rule} {f.message})",
            f"run secplan model scan {name} and rebuild the model from trusted code",
        )


#: The libraries the tests run on (import name, distribution).
LIBRARIES = (
    ("numpy", "numpy"),
    ("sklearn", "scikit-learn"),
    ("art", "adversarial-robustness-toolbox"),
    ("fairlearn", "fairlearn"),
)


def _need_libraries() -> None:
    from importlib.util import find_spec

    missing = [dist for mod, dist in LIBRARIES if find_spec(mod) is None]
    if missing:
        raise ServiceError(
            f"secplan model test needs libraries that are not installed: {', '.join(missing)}",
            "pip install 'secplan[assurance]'",
        )


def _check_header(path: Path, name: str, p: Assurance) -> None:
    from secplan.assurance._load import check_columns
    from secplan.data.readers import Limits, open_reader

    reader = open_reader(path, limits=Limits(max_records=1))
    for _ in reader.batches():
        break
    if not reader.fields:
        raise TargetError(f"{name}: no columns could be read", "give a CSV or Parquet table")
    check_columns(reader.fields, name, p.target or "", p.sensitive, p.features)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"secplan": secplan.__version__, "python": sys.version.split()[0]}
    for name in TOOLS:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def _child(request: dict[str, Any], p: Assurance, model: str) -> dict[str, Any]:
    env = dict(os.environ)
    src = str(Path(secplan.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    env["OMP_NUM_THREADS"] = "1"
    wall = p.cpu_seconds * 2 + 60
    over = TargetError(
        f"{model}: the test exceeded its limits ({p.cpu_seconds} CPU seconds, {p.memory_mb} MiB)",
        "raise [assurance] cpu_seconds or memory_mb, or lower attack_samples and max_rows",
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "secplan.assurance._child"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            env=env,
            timeout=wall,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise over from exc
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise over
    try:
        out: dict[str, Any] = json.loads(proc.stdout)
    except ValueError:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]
        raise TargetError(
            f"{model}: the test process failed (exit {proc.returncode}: {tail})",
            "run it again with --debug, or check the model's library is installed",
        ) from None
    if "error" in out:
        if out["error"] == "limit":
            raise over
        raise TargetError(out["error"], out.get("hint", ""))
    result: dict[str, Any] = out["ok"]
    return result


def test_model(
    root: Path,
    model: Path,
    data: Path,
    policy: Assurance,
    *,
    train: Path | None = None,
    fail_on: Severity = Severity.HIGH,
    allow: tuple[str, ...] = (),
    explain: tuple[int, ...] = (),
) -> TestRun:
    """Test ``model`` on ``data`` (and ``train``, its training rows, for membership
    inference); raises :class:`TargetError` with a one-line message on bad input. The model
    file is refused when ``secplan model scan`` gives it a finding at or above ``fail_on``
    (``allow``: the project's ``[models] allow``). ``explain``: rows of ``data`` (0-based) to
    explain one by one, with SHAP."""
    _need_libraries()
    if explain:
        from secplan.assurance.explain import available

        if not available():
            raise ServiceError(
                "per-prediction explanations need the shap library, which is not installed",
                "pip install 'secplan[assurance]'",
            )
        if min(explain) < 0:
            raise TargetError(f"row {min(explain)}: rows are counted from 0", "give rows >= 0")
    m_name, d_name = shown(root, model), shown(root, data)
    _need_file(model, "model file", "give the path of the saved model")
    _need_file(data, "dataset", "give the path of a CSV or Parquet file")
    if not policy.target:
        raise TargetError(
            f"{d_name}: no target column named", "pass --target COL or set [assurance] target"
        )
    if model.suffix.lower() != ".py":
        refuse_flagged(model, m_name, fail_on, allow)
    _check_header(data, d_name, policy)
    request: dict[str, Any] = {
        "model": str(model.resolve()),
        "model_shown": m_name,
        "data": str(data.resolve()),
        "data_shown": d_name,
        "policy": dataclasses.asdict(policy) | {"explain": sorted(set(explain))},
    }
    if train is not None:
        _need_file(train, "training dataset", "give the path of the training rows")
        _check_header(train, shown(root, train), policy)
        request |= {"train": str(train.resolve()), "train_shown": shown(root, train)}
    metrics = _child(request, policy, m_name)
    timings = metrics.pop("cpu_seconds", {})
    return TestRun(
        model=m_name,
        model_sha256=sha256_file(model),
        data=d_name,
        data_sha256=sha256_file(data),
        policy=policy,
        metrics=metrics,
        timings=timings,
        checks=judge(metrics, policy),
        versions=_versions(),
    )
