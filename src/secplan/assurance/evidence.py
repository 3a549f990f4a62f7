"""``secplan model test`` results as signed evidence records under ``.secplan/evidence/``.

One record per judged control (MS3, MS4, SC2), in the ordinary evidence format
(``docs/records.md``) with an ``[assurance]`` table: the checks and their details, the
thresholds, the measurements (JSON), the SHA-256 of the model and the dataset, and the tool
versions. ``<record>.toml.sig`` beside it is a signed note (the audit signing key, Ed25519)
over the record's SHA-256, so a hand-edited result proves nothing.

A record proves its control only while it is *current*: signed by a trusted key, unchanged
since, and about the model file as it is now (same SHA-256). Posture reads the state that
:func:`check_model_tests` sets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from secplan._io import atomic_write, sha256_file
from secplan.assurance.run import TestRun
from secplan.assurance.verdict import JUDGED, Check
from secplan.errors import VerificationError
from secplan.governance.records import RECORDS_DIR, Evidence, Records, TestState

OWNER = "secplan model test"
HEADER = "secplan model test evidence"
#: The thresholds each control's checks are judged by.
THRESHOLDS = {
    "MS3": (
        "top_drivers",
        "proxy_correlation",
        "max_single_feature_accuracy",
        "max_calibration_error",
        "max_slice_drop",
        "min_slice_rows",
        "max_overconfidence_gap",
        "max_underconfidence_gap",
    ),
    "MS4": (
        "robust_epsilon",
        "min_robust_accuracy",
        "epsilons",
        "attack_samples",
        "attack_iterations",
        "attack_evaluations",
    ),
    "SC2": ("max_demographic_parity_difference", "max_equalized_odds_difference"),
}
#: The measurements behind each control's checks.
METRICS = {
    "MS3": (
        "accuracy",
        "importance",
        "shap",
        "proxies",
        "leakage",
        "calibration",
        "slices",
        "confidence",
    ),
    "MS4": ("accuracy", "robustness", "extraction", "membership"),
    "SC2": ("positive", "fairness"),
}


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, once DEL is escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")


def _v(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_v(v) for v in value) + "]"
    return _s(str(value))


def _title(run: TestRun, control: str, checks: list[Check]) -> str:
    failed = [c.name for c in checks if c.passed is False]
    verdict = f"failed {', '.join(failed)}" if failed else "passed"
    return f"Model test ({control}) of {run.model} on {run.data}: {verdict}"


def render(run: TestRun, control: str, run_id: str, day: dt.date) -> str:
    checks = [
        c for c in run.checks if c.control == control or (control == "MS4" and c.control == "MS5")
    ]
    judged = [c for c in checks if c.control == control]
    passed = all(c.passed is not False for c in judged)
    p = dataclasses.asdict(run.policy)
    metrics = {k: run.metrics[k] for k in METRICS[control] if k in run.metrics}
    lines = [
        f"# Written by secplan model test; {'passed' if passed else 'failed'}.",
        f"id = {_s(f'{run_id}-{control.lower()}')}",
        f"control = {_s(control)}",
        f"title = {_s(_title(run, control, judged)[:400])}",
        f"owner = {_s(OWNER)}",
        f"date = {day.isoformat()}",
        f"expires = {(day + dt.timedelta(days=run.policy.max_age_days)).isoformat()}",
        f"result = {_s('passed' if passed else 'failed')}",
        f"file = {_s(run.model)}",
        "",
        "[assurance]",
        f"run = {_s(run_id)}",
        f"model = {_s(run.model)}",
        f"model_sha256 = {_s(run.model_sha256)}",
        f"data = {_s(run.data)}",
        f"data_sha256 = {_s(run.data_sha256)}",
        f"seed = {run.policy.seed}",
        "checks = [",
        *(
            f"  {{ name = {_s(c.name)}, "
            + ("" if c.passed is None else f"passed = {_v(c.passed)}, ")
            + f"detail = {_s(c.detail[:600])} }},"
            for c in checks
        ),
        "]",
        "thresholds = { " + ", ".join(f"{k} = {_v(p[k])}" for k in THRESHOLDS[control]) + " }",
        f"metrics = {_s(json.dumps(metrics, sort_keys=True, separators=(',', ':')))}",
        "",
        "[assurance.versions]",
        *(f"{_s(k)} = {_s(v)}" for k, v in sorted(run.versions.items())),
    ]
    return "\n".join(lines) + "\n"


def _note_text(digest: str) -> str:
    return f"{HEADER}\n{digest}\n"


def write_records(root: Path, run: TestRun, now: dt.datetime) -> list[Path]:
    """Write and sign one record per judged control; returns the record paths."""
    from secplan.audit.keys import local_signer

    signer = local_signer()
    assert signer is not None  # created on first use
    run_id = f"model-test-{now.strftime('%Y%m%dT%H%M%S%fZ')}"
    folder = root / RECORDS_DIR / "evidence"
    out = []
    for control in JUDGED:
        path = folder / f"{run_id}-{control.lower()}.toml"
        text = render(run, control, run_id, now.date())
        digest = hashlib.sha256(text.encode()).hexdigest()
        atomic_write(path, text)
        atomic_write(path.with_name(path.name + ".sig"), signer.sign(_note_text(digest)))
        out.append(path)
    return out


def verify_record(root: Path, e: Evidence) -> tuple[TestState, str]:
    """The state of one model-test record: signed, unaltered and about the current model?"""
    from secplan.audit.keys import trusted_verifiers
    from secplan.audit.notes import open_note

    assert e.test is not None
    path = root / e.file
    sig = path.with_name(path.name + ".sig")
    if sig.is_symlink() or not sig.is_file():
        return TestState.UNSIGNED, f"no signature ({e.file}.sig)"
    try:
        text, _ = open_note(sig.read_text(encoding="utf-8"), trusted_verifiers())
    except (VerificationError, OSError, UnicodeDecodeError) as exc:
        return TestState.ALTERED, f"{e.file}.sig does not verify: {exc}"
    if text != _note_text(sha256_file(path)):
        return TestState.ALTERED, f"{e.file} changed after it was signed"
    model = root / e.test.model
    if model.is_symlink() or not model.is_file():
        return TestState.STALE, f"the tested model {e.test.model} is gone"
    if sha256_file(model) != e.test.model_sha256:
        return TestState.STALE, f"{e.test.model} changed since it was tested ({e.id})"
    return TestState.CURRENT, f"signed results for the current {e.test.model}"


def check_model_tests(root: Path, records: Records) -> Records:
    """``records`` with each model-test record's state set."""
    if not any(e.test is not None for e in records.evidence):
        return records
    out = []
    for e in records.evidence:
        if e.test is not None:
            state, note = verify_record(root, e)
            e = dataclasses.replace(e, test=dataclasses.replace(e.test, state=state, note=note))
        out.append(e)
    return dataclasses.replace(records, evidence=tuple(out))


def latest_tests(records: Records, control: str) -> list[Evidence]:
    """The latest model-test record of ``control`` for each model."""
    latest: dict[str, Evidence] = {}
    for e in records.evidence:
        if e.test is None or e.control != control:
            continue
        best = latest.get(e.test.model)
        if best is None or (e.date, e.test.run) > (best.date, best.test.run if best.test else ""):
            latest[e.test.model] = e
    return [latest[k] for k in sorted(latest)]
