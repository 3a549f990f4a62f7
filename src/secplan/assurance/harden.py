"""``secplan model harden`` as a library call: adversarial training of the team's own model.

The model file is refused when ``secplan model scan`` flags it, exactly as ``secplan model
test`` does; the training runs in the same limited child process (CPU time, memory, no
network). The hardened estimator is written under a temporary name beside the output, synced,
analysed by the model-file scanner (a file the scanner would flag is never handed over), and
only then renamed into place: a failed run leaves no output and never touches the inputs.

>>> # harden_model(root, root / "model.joblib", root / "train.csv", root / "holdout.csv",
>>> #              root / "model-hardened.joblib", settings.assurance)
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secplan._io import fsync_dir, sha256_file
from secplan.assurance.run import (
    _check_header,
    _child,
    _need_file,
    _need_libraries,
    _versions,
    refuse_flagged,
    shown,
)
from secplan.config import Assurance
from secplan.errors import TargetError
from secplan.model import Severity

ATTACKS = ("auto", "pgd", "hopskipjump")
#: What a hardened model is saved as: joblib (which reads pickles too), or a PyTorch module's
#: weights (a state dict).
SAVED = (".joblib", ".pkl", ".pickle", ".pt", ".pth")


@dataclass(frozen=True, slots=True, kw_only=True)
class Training:
    """How a PyTorch module is trained: for ``epochs`` passes over the training rows in
    batches of ``batch_size``, with Adam at ``learning_rate``."""

    epochs: int = 20
    batch_size: int = 64
    learning_rate: float = 0.01

    def check(self) -> None:
        if not 1 <= self.epochs <= 1000:
            raise TargetError(f"epochs {self.epochs} is out of range", "give 1 to 1000 epochs")
        if not 1 <= self.batch_size <= 100_000:
            raise TargetError(
                f"batch size {self.batch_size} is out of range", "give 1 to 100000 rows"
            )
        if not 0 < self.learning_rate <= 1:
            raise TargetError(
                f"learning rate {self.learning_rate} is out of range", "give a value in (0, 1]"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class HardenRun:
    model: str
    model_sha256: str
    train: str
    train_sha256: str
    data: str
    data_sha256: str
    output: str
    output_sha256: str
    metrics: dict[str, Any]
    versions: dict[str, str]

    def gain(self, epsilon: float) -> float | None:
        """Accuracy under attack at ``epsilon``, hardened minus retrained without adversarial
        rows (None where not measured)."""
        key = str(round(epsilon, 6))
        a = self.metrics["hardened"]["robust_accuracy"].get(key)
        b = self.metrics["retrained"]["robust_accuracy"].get(key)
        return None if a is None or b is None else round(a - b, 6)


def _check_output(out: Path, model: Path, overwrite: bool) -> None:
    if out.suffix.lower() not in SAVED:
        raise TargetError(
            f"{out}: a hardened model is saved with joblib, or as a PyTorch module's weights",
            "name the output file.joblib (file.pt for a PyTorch module)",
        )
    if out.resolve() == model.resolve():
        raise TargetError(
            f"{out}: the output would replace the model being hardened",
            "write the hardened model to a new file and compare the two before switching",
        )
    if out.exists() and not overwrite:
        raise TargetError(f"{out}: already exists", "choose another name, or pass --force")
    if not out.parent.is_dir():
        raise TargetError(f"{out.parent}: no such directory", "create it, or name another")


def harden_model(
    root: Path,
    model: Path,
    train: Path,
    data: Path,
    out: Path,
    policy: Assurance,
    *,
    attack: str = "auto",
    epsilon: float | None = None,
    samples: int = 500,
    rounds: int = 1,
    training: Training | None = None,
    overwrite: bool = False,
    fail_on: Severity = Severity.HIGH,
    allow: tuple[str, ...] = (),
) -> HardenRun:
    """Retrain ``model`` on ``train`` plus adversarial rows, measure it against the original
    on ``data`` (held-out rows) and save it to ``out``; raises :class:`TargetError` with a
    one-line message on bad input, before anything is written. ``training``: how a PyTorch
    module is trained (ignored for other models)."""
    training = training or Training()
    if attack not in ATTACKS:
        raise TargetError(f"unknown attack {attack!r}", "use one of " + ", ".join(ATTACKS))
    if epsilon is not None and not 0 < epsilon <= 10:
        raise TargetError(f"epsilon {epsilon} is out of range", "give a value in (0, 10]")
    if not 1 <= samples <= 100_000:
        raise TargetError(f"samples {samples} is out of range", "give 1 to 100000 rows")
    if not 1 <= rounds <= 10:
        raise TargetError(f"rounds {rounds} is out of range", "give 1 to 10 rounds")
    training.check()
    _need_libraries()
    m_name = shown(root, model)
    _need_file(model, "model file", "give the path of the saved model")
    _need_file(train, "training dataset", "give the path of the training rows")
    _need_file(data, "dataset", "give the path of held-out rows (CSV or Parquet)")
    if model.suffix.lower() == ".onnx":
        raise TargetError(
            f"{m_name}: an ONNX graph cannot be retrained",
            "harden the estimator it was exported from, then export it again",
        )
    if not policy.target:
        raise TargetError(
            f"{shown(root, train)}: no target column named",
            "pass --target COL or set [assurance] target",
        )
    _check_output(out, model, overwrite)
    if model.suffix.lower() != ".py":
        refuse_flagged(model, m_name, fail_on, allow)
    _check_header(train, shown(root, train), policy)
    _check_header(data, shown(root, data), policy)
    eps = policy.robust_epsilon if epsilon is None else epsilon
    tmp = out.parent / f".{out.name}.{secrets.token_hex(6)}.partial"
    request: dict[str, Any] = {
        "mode": "harden",
        "model": str(model.resolve()),
        "model_shown": m_name,
        "train": str(train.resolve()),
        "train_shown": shown(root, train),
        "data": str(data.resolve()),
        "data_shown": shown(root, data),
        "out": str(tmp.resolve()),
        "policy": {**_policy(policy), "epsilons": sorted({*policy.epsilons, eps})},
        "harden": {"attack": attack, "epsilon": eps, "samples": samples, "rounds": rounds}
        | dataclasses.asdict(training),
        "saved_as": out.suffix.lower(),
    }
    try:
        metrics = _child(request, policy, m_name)
        if not tmp.is_file():
            raise TargetError(f"{m_name}: the hardened model was not written", "run it again")
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        refuse_flagged(tmp, shown(root, out), fail_on, allow)
        tmp.replace(out)
        fsync_dir(out.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return HardenRun(
        model=m_name,
        model_sha256=sha256_file(model),
        train=shown(root, train),
        train_sha256=sha256_file(train),
        data=shown(root, data),
        data_sha256=sha256_file(data),
        output=shown(root, out),
        output_sha256=sha256_file(out),
        metrics=metrics,
        versions=_versions(),
    )


def _policy(p: Assurance) -> dict[str, Any]:
    return dataclasses.asdict(p)
