"""Running secplan and the anchor tools over a directory, and mapping their rule ids to the
benchmark's classes. A tool with no rule for a class can score nothing there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

SECRET_CLASSES = (
    "ml-platform-token",
    "cloud-credential",
    "forge-or-service-token",
    "private-key",
    "url-with-password",
    "jwt",
    "generic-secret",
)

SECPLAN: dict[str, tuple[str, ...]] = {
    **{f"CD{n}": ("unsafe-deserialization",) for n in range(101, 110)},
    "CD110": ("remote-code-trust",),
    "CD111": ("remote-code-trust",),
    "CD112": ("unpinned-model-revision",),
    "CD120": ("code-execution",),
    "CD121": ("code-execution",),
    "CD122": ("chat-template-injection",),
    "CD130": ("tls-verification-off",),
    "CD131": ("plaintext-ml-endpoint",),
    "CD132": ("plaintext-ml-endpoint",),
    "CD140": ("ml-serving-exposure",),
    "CD141": ("ml-serving-exposure",),
    "CD142": ("ml-serving-exposure",),
    "CD143": ("ml-serving-exposure",),
    "CD201": ("cloud-credential",),
    "CD202": ("ml-platform-token",),
    "CD203": ("forge-or-service-token",),
    "CD204": ("forge-or-service-token",),
    "CD205": ("private-key",),
    "CD206": ("url-with-password",),
    "CD207": ("jwt",),
    "CD208": SECRET_CLASSES,  # generic detectors count for every secret class, as for anchors
    "CD302": ("notebook-output-pii",),
    "CD303": ("notebook-shell-risk",),
    "CD304": ("notebook-shell-risk",),
}

BANDIT: dict[str, tuple[str, ...]] = {
    "B301": ("unsafe-deserialization",),  # pickle, dill, shelve, jsonpickle, pandas.read_pickle
    "B302": ("unsafe-deserialization",),  # marshal
    "B506": ("unsafe-deserialization",),  # yaml.load
    "B614": ("unsafe-deserialization",),  # torch.load
    "B615": ("unpinned-model-revision",),  # Hugging Face download without revision
    "B102": ("code-execution",),
    "B307": ("code-execution",),
    "B602": ("code-execution",),
    "B604": ("code-execution",),
    "B605": ("code-execution",),
    "B609": ("code-execution",),
    "B701": ("chat-template-injection",),  # jinja2 autoescape off: the nearest rule
    "B501": ("tls-verification-off",),
    "B323": ("tls-verification-off",),
    "B201": ("ml-serving-exposure",),
    "B104": ("ml-serving-exposure",),
    "B105": SECRET_CLASSES,
    "B106": SECRET_CLASSES,
    "B107": SECRET_CLASSES,
}

#: detect-secrets types and checkov check names, matched by lower-case substring.
SECRET_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aws", ("cloud-credential",)),
    ("azure", ("cloud-credential",)),
    ("ibm", ("cloud-credential",)),
    ("softlayer", ("cloud-credential",)),
    ("cloudant", ("cloud-credential",)),
    ("google", ("cloud-credential",)),
    ("gcp", ("cloud-credential",)),
    ("openai", ("ml-platform-token",)),
    ("hugging", ("ml-platform-token",)),
    ("github", ("forge-or-service-token",)),
    ("gitlab", ("forge-or-service-token",)),
    ("slack", ("forge-or-service-token",)),
    ("stripe", ("forge-or-service-token",)),
    ("private key", ("private-key",)),
    ("basic auth", ("url-with-password",)),
    ("json web token", ("jwt",)),
    ("jwt", ("jwt",)),
    ("keyword", SECRET_CLASSES),
    ("entropy", SECRET_CLASSES),
)

Detections = dict[str, set[str]]  # path relative to the corpus -> classes reported


def _by_name(name: str) -> tuple[str, ...]:
    low = name.lower()
    for needle, classes in SECRET_NAMES:
        if needle in low:
            return classes
    return ("forge-or-service-token",) if "token" in low else ()


def secplan_findings(root: Path) -> list[tuple[str, str]]:
    """(path, rule) for every finding of secplan's code, secrets and notebook scanners."""
    from secplan.config import Settings
    from secplan.engine import scan
    from secplan.governance.records import Records
    from secplan.scanners import NOT_VERIFIED, build_registry
    from secplan.scanners.code import SCANNERS

    registry = build_registry(SCANNERS, plugins=False, engine_rules=(NOT_VERIFIED,))
    report = scan(root, Settings(), Records(), registry, as_of=date(2026, 12, 2))
    return [(f.location.path, f.rule) for f in report.findings]


def run_secplan(root: Path) -> Detections:
    out: Detections = defaultdict(set)
    for path, rule in secplan_findings(root):
        out[path].update(SECPLAN.get(rule, ()))
    return out


def run_bandit(venv: Path, root: Path) -> Detections:
    proc = subprocess.run(
        [str(venv / "bin" / "bandit"), "-r", str(root), "-f", "json", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    out: Detections = defaultdict(set)
    for issue in json.loads(proc.stdout or "{}").get("results", []):
        rel = Path(issue["filename"]).resolve().relative_to(root.resolve()).as_posix()
        out[rel].update(BANDIT.get(issue["test_id"], ()))
    return out


def run_detect_secrets(venv: Path, root: Path) -> Detections:
    proc = subprocess.run(
        [str(venv / "bin" / "detect-secrets"), "scan", "--all-files", "."],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )
    out: Detections = defaultdict(set)
    for path, results in json.loads(proc.stdout or "{}").get("results", {}).items():
        for r in results:
            out[Path(path).as_posix()].update(_by_name(r["type"]))
    return out


def run_checkov(venv: Path, root: Path) -> Detections:
    proc = subprocess.run(
        [
            str(venv / "bin" / "checkov"),
            "-d",
            ".",
            "--framework",
            "secrets",
            "--enable-secret-scan-all-files",
            "-o",
            "json",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
        env={**os.environ, "BC_SKIP_MAPPING": "TRUE", "LOG_LEVEL": "ERROR"},
    )
    reports = json.loads(proc.stdout or "[]")
    out: Detections = defaultdict(set)
    for rep in reports if isinstance(reports, list) else [reports]:
        for check in rep.get("results", {}).get("failed_checks", []):
            rel = check["file_path"].lstrip("/")
            out[rel].update(_by_name(check.get("check_name", "")))
    return out


def timed(cmd: Iterable[str], cwd: Path | None = None) -> float:
    """Wall-clock seconds of a command (its output discarded)."""
    t0 = time.perf_counter()
    subprocess.run(list(cmd), cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - t0


def time_secplan(paths: list[Path]) -> float:
    return timed(
        [sys.executable, str(Path(__file__).with_name("run.py")), "--scan-only", *map(str, paths)]
    )


def time_bandit(venv: Path, paths: list[Path]) -> float:
    return timed([str(venv / "bin" / "bandit"), "-r", *map(str, paths), "-f", "json", "-q"])
