"""``secplan model``: analyse model files for malicious code and malformed structure.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or input
error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from secplan.cli._common import Engine, RayAddress, Resume, check_engine

model_app = typer.Typer(
    name="model",
    help="Analyse model files (pickle, PyTorch, joblib, NumPy, Keras, TensorFlow, ONNX, GGUF, "
    "safetensors and the archives they travel in) without loading them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@model_app.callback()
def _group() -> None:
    """Analyse model files without loading them."""


@model_app.command("scan")
def scan_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Model files, directories or archives to analyse, or one s3:// (fsspec) URL "
            "prefix."
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output format: table, json, sarif, html or junit."),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity (info, low, medium, high, "
            "critical). Default: fail_on in secplan.toml, else high.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Settings file (default: secplan.toml of the scan root)."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge waiver expiry as of this day (YYYY-MM-DD).")
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also scan files that .gitignore excludes.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Report only findings new since this earlier JSON or SARIF report of secplan; "
            "the exit code follows the new ones only.",
        ),
    ] = None,
    engine: Engine = "local",
    ray_address: RayAddress = None,
    resume: Resume = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Analyse model files, directories and archives; several paths make one report.

    Examples:

      secplan model scan pytorch_model.bin

      secplan model scan models/ downloads/ --format sarif --output models.sarif

      secplan model scan checkpoint.tar.gz --fail-on medium

      secplan model scan /mnt/hub-mirror --engine ray --ray-address head:6379
    """
    from secplan.cli.model_command import run_model_scan

    code = run_model_scan(
        paths,
        fmt=fmt,
        output=output,
        fail_on=fail_on,
        config=config,
        jobs=jobs,
        as_of=as_of,
        no_gitignore=no_gitignore,
        baseline=baseline,
        debug=debug,
        engine=check_engine(engine),
        ray_address=ray_address,
        resume=resume,
    )
    raise typer.Exit(code)


@model_app.command("test")
def test_command(
    model: Annotated[
        Path,
        typer.Argument(
            help="The team's own model: a joblib/pickle estimator or pipeline (scikit-learn, "
            "XGBoost, LightGBM), an ONNX file, an XGBoost .json, or a loader .py file exposing "
            "predict (and predict_proba), a load() function or a model object."
        ),
    ],
    data: Annotated[
        Path, typer.Option("--data", "-d", help="Held-out rows to test on (CSV, Parquet).")
    ],
    target: Annotated[
        str | None,
        typer.Option("--target", "-t", help="The label column (default: [assurance] target)."),
    ] = None,
    sensitive: Annotated[
        list[str] | None,
        typer.Option(
            "--sensitive",
            "-s",
            help="A sensitive column for the fairness and driver checks; repeat for more "
            "(default: [assurance] sensitive).",
        ),
    ] = None,
    train: Annotated[
        Path | None,
        typer.Option("--train", help="The training rows, to measure membership inference."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output: table, json, markdown or html (model card)."),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the output here, not stdout.")
    ] = None,
    card: Annotated[
        Path | None,
        typer.Option("--card", help="Also write the model card to this .md or .html file."),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed of every random choice (default 0).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file (default: secplan.toml).")
    ] = None,
    no_record: Annotated[
        bool,
        typer.Option("--no-record", help="Do not write evidence records under .secplan/."),
    ] = False,
    explain: Annotated[
        list[int] | None,
        typer.Option(
            "--explain",
            help="Explain the prediction for this row of --data (0-based) with SHAP; repeat "
            "for more rows (needs shap).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Test the team's own model for robustness, leakage, explainability and fairness, and
    record the signed results as evidence for MS3, MS4 and SC2.

    The model file is refused if secplan model scan flags it; the model then runs in a child
    process with CPU-time and memory limits ([assurance] cpu_seconds, memory_mb) and no
    network. Thresholds come from [assurance] in secplan.toml (see docs/assurance.md).
    Exit 0 when every check meets policy, 1 when one does not, 2 on bad input.

    Examples:

      secplan model test models/credit.joblib --data data/holdout.csv --target default \
        --sensitive sex --sensitive age_band

      secplan model test model.onnx -d test.parquet -t label --card model-card.html
    """
    from secplan.cli.model_test import run_model_test

    code = run_model_test(
        model,
        data=data,
        target=target,
        sensitive=sensitive or [],
        train=train,
        fmt=fmt,
        output=output,
        card=card,
        seed=seed,
        config=config,
        record=not no_record,
        debug=debug,
        explain=tuple(explain or ()),
    )
    raise typer.Exit(code)


def main() -> None:
    """Run ``model_app`` on its own (``python -m secplan.cli.model``)."""
    model_app()


if __name__ == "__main__":
    main()


@model_app.command("harden")
def harden_command(
    model: Annotated[
        Path,
        typer.Argument(
            help="The team's own scikit-learn-compatible estimator or pipeline (joblib or "
            "pickle; XGBoost and LightGBM through their scikit-learn API), or a loader .py "
            "file whose load() returns one or a PyTorch module."
        ),
    ],
    train: Annotated[
        Path, typer.Option("--train", help="The training rows to refit on (CSV, Parquet).")
    ],
    data: Annotated[
        Path,
        typer.Option("--data", "-d", help="Held-out rows to measure the trade-off on."),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Where to save the hardened model (.joblib; a PyTorch module's weights: .pt).",
        ),
    ],
    target: Annotated[
        str | None,
        typer.Option("--target", "-t", help="The label column (default: [assurance] target)."),
    ] = None,
    attack: Annotated[
        str,
        typer.Option(
            "--attack",
            help="auto (PGD where ART has the model's loss gradient, else HopSkipJump), pgd "
            "or hopskipjump.",
        ),
    ] = "auto",
    epsilon: Annotated[
        float | None,
        typer.Option(
            "--epsilon",
            help="Attack strength in standard deviations of each feature (L-infinity; "
            "default: [assurance] robust_epsilon).",
        ),
    ] = None,
    samples: Annotated[
        int, typer.Option("--samples", help="Training rows to attack (seeded sample).")
    ] = 500,
    rounds: Annotated[
        int,
        typer.Option(
            "--rounds", help="Rounds of training; each attacks the model the last one made."
        ),
    ] = 1,
    epochs: Annotated[
        int, typer.Option("--epochs", help="PyTorch: passes over the training rows.")
    ] = 20,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="PyTorch: rows per training batch.")
    ] = 64,
    learning_rate: Annotated[
        float, typer.Option("--learning-rate", help="PyTorch: Adam's learning rate.")
    ] = 0.01,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed of every random choice (default 0).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output: table or json.")] = "table",
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file if it exists.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file (default: secplan.toml).")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Adversarially train the team's own model (ART) and report the accuracy trade-off.

    Adversarial rows that ART's attacks find against the model (PGD where the loss gradient is
    available, HopSkipJump otherwise; realistic: integer columns rounded, values kept within
    the data's ranges, [assurance] categorical columns unchanged) are added, with their true
    labels, to the training rows, and a clone of the estimator is refitted on them. The
    original, the same estimator refitted without adversarial rows, and the hardened one are
    measured on the held-out rows: accuracy, and accuracy under attack against strength.

    A PyTorch module (from a loader file) is trained with ART's AdversarialTrainer: half of
    every batch replaced by PGD rows, against a copy trained from the same fresh weights on
    clean rows only; its weights are saved as a state dict (.pt).

    The model file is refused if secplan model scan flags it; training runs in a child process
    with CPU-time and memory limits and no network. The hardened model is saved only once it
    scans clean. Exit 0 when saved, 2 on bad input.

    Example:

      secplan model harden models/credit.joblib --train data/train.csv \
        --data data/holdout.csv --target default -o models/credit-hardened.joblib
    """
    from secplan.cli.model_harden import run_model_harden

    code = run_model_harden(
        model,
        train=train,
        data=data,
        output=output,
        target=target,
        attack=attack,
        epsilon=epsilon,
        samples=samples,
        rounds=rounds,
        training=(epochs, batch_size, learning_rate),
        seed=seed,
        fmt=fmt,
        force=force,
        config=config,
        debug=debug,
    )
    raise typer.Exit(code)
