"""What ``secplan model harden`` does once its arguments are parsed: settings, the
adversarial training, and the trade-off it made, as a table or JSON."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from secplan.cli._common import OK
from secplan.cli.model_test import _fail, settings_for

FORMATS = ("table", "json")


def _row(name: str, values: list[Any]) -> str:
    cells = "".join(f"{'-' if v is None else v!s:>12}" for v in values)
    return f"  {name:<26}{cells}\n"


def summary(run: Any) -> str:
    """The trade-off as plain text: accuracy and accuracy under attack, per model."""
    m = run.metrics
    kinds = ("original", "retrained", "hardened")
    head = f"{run.model} hardened with {m['attack']} at {m['epsilon']} standard deviations: "
    if "epochs" in m:
        head += (
            f"{m['adversarial_rows']} adversarial rows in {m['epochs']} epochs over "
            f"{m['training_rows']} training rows ({run.train})\n"
        )
        baseline = "the same module trained from the same fresh weights without adversarial rows"
    else:
        head += (
            f"{m['adversarial_rows']} adversarial rows added to {m['training_rows']} training "
            f"rows ({run.train}) in {m['rounds']} round(s)\n"
        )
        baseline = "the same estimator refitted on the same rows without adversarial ones"
    out = [
        head,
        f"measured on {m['evaluation_rows']} held-out rows ({run.data}); retrained: {baseline}\n",
        _row("", list(kinds)),
        _row("accuracy", [m[k]["accuracy"] for k in kinds]),
    ]
    for eps in m["hardened"]["robust_accuracy"]:
        out.append(_row(f"under attack at {eps}", [m[k]["robust_accuracy"][eps] for k in kinds]))
    out.append(_row("median distance to flip", [m[k]["median_distance"] for k in kinds]))
    out.append(f"saved: {run.output} (sha256 {run.output_sha256[:16]}...)\n")
    if "epochs" in m:
        out.append(
            f"next: have {run.model} load {run.output} "
            "(torch.load(..., weights_only=True)), then "
            f"secplan model test {run.model} --data {run.data} records MS4 evidence for the "
            "hardened module\n"
        )
    else:
        out.append(
            f"next: secplan model test {run.output} --data {run.data} records MS4 evidence "
            "for the hardened model\n"
        )
    return "".join(out)


def run_model_harden(
    model: Path,
    *,
    train: Path,
    data: Path,
    output: Path,
    target: str | None,
    attack: str,
    epsilon: float | None,
    samples: int,
    rounds: int,
    training: tuple[int, int, float],
    seed: int | None,
    fmt: str,
    force: bool,
    config: Path | None,
    debug: bool,
) -> int:
    """Harden ``model``, print the trade-off; the exit code."""
    from secplan.errors import SecplanError

    fmt = fmt.lower()
    if fmt not in FORMATS:
        return _fail(f"unknown format {fmt!r}", "use one of " + ", ".join(FORMATS))
    try:
        if not model.exists():
            return _fail(f"{model}: no such file", "give the path of the saved model")
        root, settings, p = settings_for(model, config, target, seed)
        from secplan.assurance.harden import Training, harden_model

        run = harden_model(
            root,
            model,
            train,
            data,
            output,
            p,
            attack=attack,
            epsilon=epsilon,
            samples=samples,
            rounds=rounds,
            training=Training(
                epochs=training[0], batch_size=training[1], learning_rate=training[2]
            ),
            overwrite=force,
            fail_on=settings.fail_on,
            allow=settings.model_allow,
        )
    except SecplanError as exc:
        if debug:
            raise
        return _fail(exc.message, exc.hint)
    if fmt == "json":
        doc = dataclasses.asdict(run)
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(summary(run))
    return OK
