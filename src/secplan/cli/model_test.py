"""What ``secplan model test`` does once its arguments are parsed: settings, the test run,
the evidence records, the model card and the summary. Nothing is written unless the run
completed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from secplan.cli._common import ERROR, FINDINGS, OK

if TYPE_CHECKING:
    from secplan.config import Assurance, Settings

FORMATS = ("table", "json", "markdown", "html")


def _fail(message: str, hint: str) -> int:
    sys.stderr.write(f"secplan: error: {message}" + (f" ({hint})" if hint else "") + "\n")
    return ERROR


def _summary(run: object) -> str:
    from secplan.assurance.run import TestRun

    assert isinstance(run, TestRun)
    lines = [
        f"{run.model} on {run.data}: accuracy {run.metrics['accuracy']}, "
        f"{'passed' if run.passed else 'FAILED'}",
    ]
    for c in run.checks:
        mark = "reported" if c.passed is None else ("pass" if c.passed else "FAIL")
        lines.append(f"  {c.control:<4} {mark:<8} {c.name:<22} {c.detail}")
    for e in run.metrics.get("explanations", []):
        lines.append(
            f"  row {e['row']}: predicted {e['prediction']} (label {e['label']}), score "
            f"{e['score']} against a base of {e['base']} (SHAP):"
        )
        lines += [f"    {f} = {v}: {c:+}" for f, v, c in e["contributions"]]
    return "\n".join(lines) + "\n"


def settings_for(
    model: Path,
    config: Path | None,
    target: str | None,
    seed: int | None,
    sensitive: list[str] | None = None,
) -> tuple[Path, Settings, Assurance]:
    """The project root of ``model``, its settings, and ``[assurance]`` with the command
    line's target, seed and sensitive columns applied."""
    from secplan.config import load_settings
    from secplan.model_scan import project_root

    root = project_root([model.resolve()])
    settings = load_settings(root, config)
    changes: dict[str, object] = {}
    if target:
        changes["target"] = target
    if sensitive:
        changes["sensitive"] = tuple(sensitive)
    if seed is not None:
        changes["seed"] = seed
    p = dataclasses.replace(settings.assurance, **changes)  # type: ignore[arg-type]
    return root, settings, p


def run_model_test(
    model: Path,
    *,
    data: Path,
    target: str | None,
    sensitive: list[str],
    train: Path | None,
    fmt: str,
    output: Path | None,
    card: Path | None,
    seed: int | None,
    config: Path | None,
    record: bool,
    debug: bool,
    explain: tuple[int, ...] = (),
) -> int:
    """Test ``model``, write its evidence and card, print the result; the exit code."""
    from secplan._io import atomic_write
    from secplan.errors import SecplanError

    fmt = fmt.lower()
    if fmt not in FORMATS:
        return _fail(f"unknown format {fmt!r}", "use one of " + ", ".join(FORMATS))
    if card is not None and card.suffix.lower() not in (".md", ".html", ".htm"):
        return _fail(f"{card}: a model card is .md or .html", "name the card file.md or .html")
    try:
        if not model.exists():
            return _fail(f"{model}: no such file", "give the path of the saved model")
        root, settings, p = settings_for(model, config, target, seed, sensitive)
        from secplan.assurance.run import test_model

        run = test_model(
            root,
            model,
            data,
            p,
            train=train,
            fail_on=settings.fail_on,
            allow=settings.model_allow,
            explain=explain,
        )
    except SecplanError as exc:
        if debug:
            raise
        return _fail(exc.message, exc.hint)
    from secplan.assurance import card as cards

    now = dt.datetime.now(dt.UTC)
    when = now.strftime("%Y-%m-%d %H:%M UTC")
    written: list[Path] = []
    if record:
        from secplan.assurance.evidence import write_records

        written = write_records(root, run, now)
    if card is not None:
        html = card.suffix.lower() != ".md"
        atomic_write(card, (cards.render_html if html else cards.render_markdown)(run, when))
    if fmt == "json":
        text = (
            json.dumps(
                {
                    "model": run.model,
                    "model_sha256": run.model_sha256,
                    "data": run.data,
                    "data_sha256": run.data_sha256,
                    "passed": run.passed,
                    "checks": [dataclasses.asdict(c) for c in run.checks],
                    "metrics": run.metrics,
                    "cpu_seconds": run.timings,
                    "versions": run.versions,
                    "evidence": [w.relative_to(root).as_posix() for w in written],
                },
                indent=2,
                sort_keys=True,
            )
            + "\n"
        )
    elif fmt == "markdown":
        text = cards.render_markdown(run, when)
    elif fmt == "html":
        text = cards.render_html(run, when)
    else:
        text = _summary(run) + "".join(
            f"evidence: {w.relative_to(root).as_posix()}\n" for w in written
        )
    if output is not None:
        atomic_write(output, text)
    else:
        sys.stdout.write(text)
    return OK if run.passed else FINDINGS
