"""``secplan init``: a starting ``secplan.toml`` with the profile inferred from the project,
and, on request, the pre-commit and CI files.

The profile comes from the same facts a scan computes (:func:`secplan.facts.project_facts`):
the kinds of files found (models, datasets) and the signs in code (training loops, pre-trained
model downloads, cloud AI SDKs, public dataset loaders). Nothing is executed or imported.
Existing files are never overwritten without ``force``; when one would be, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from secplan import __version__
from secplan._io import atomic_write
from secplan.errors import SecplanError
from secplan.model.control import PROFILE_FACTS, Fact

PRE_COMMIT = f"""\
# secplan's hooks on the staged files; see https://pre-commit.com and docs/ci.md of secplan.
repos:
  - repo: https://github.com/secplan/secplan
    rev: v{__version__}
    hooks:
      - id: secplan-model-scan
      - id: secplan-secrets
      - id: secplan-code
"""

GITHUB = f"""\
# secplan: scan, upload SARIF to code scanning, fail on findings at or above fail-on.
name: secplan
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
jobs:
  secplan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - uses: secplan/secplan/.github/actions/secplan@v{__version__}
        with:
          fail-on: high
          # baseline: .secplan/baseline.sarif   # report only findings new since this report
"""

GITLAB = f"""\
# secplan: scan and fail on findings at or above SECPLAN_FAIL_ON; the SARIF is an artifact.
include:
  - remote: https://raw.githubusercontent.com/secplan/secplan/v{__version__}/ci/gitlab/secplan.yml
secplan:
  variables:
    SECPLAN_FAIL_ON: high
    SECPLAN_REF: v{__version__}
    SECPLAN_VERSION: "=={__version__}"
"""

_WHY = {
    Fact.DEVELOPS_MODELS: "the team trains its own models",
    Fact.USES_PRETRAINED_MODELS: "downloaded pre-trained models",
    Fact.USES_CLOUD_AI: "a cloud provider's AI service",
    Fact.USES_PUBLIC_DATASETS: "public datasets",
    Fact.USES_INTERNAL_DATASETS: "the organisation's own data",
}


@dataclass(frozen=True, slots=True)
class Inferred:
    """Each profile fact with whether the project shows it, and where."""

    profile: tuple[tuple[Fact, bool, str], ...]


def infer(root: Path) -> Inferred:
    """The profile the files under ``root`` show."""
    from secplan.config import Profile
    from secplan.discovery import discover
    from secplan.facts import list_files, project_facts
    from secplan.governance.records import Records

    found = discover(root)
    facts = project_facts(Profile(), found.artifacts, Records())
    where = dict(facts.found)
    models = [a.relpath for a in found.artifacts if a.kind.value == "model"]
    datasets = [a.relpath for a in found.artifacts if a.kind.value == "dataset"]
    out: list[tuple[Fact, bool, str]] = []
    for fact in sorted(PROFILE_FACTS, key=list(_WHY).index):
        files = list(where.get(fact, ()))
        if fact is Fact.USES_PRETRAINED_MODELS and not files and models:
            files = models
        if fact is Fact.USES_INTERNAL_DATASETS and not files and datasets:
            files = datasets
        out.append((fact, bool(files), f"found in {list_files(files)}" if files else "not found"))
    return Inferred(tuple(out))


def settings_text(inferred: Inferred) -> str:
    lines = [
        "# secplan settings; see docs/configuration.md of secplan.",
        "# The profile was inferred from the files found by `secplan init`: check each line.",
        'fail_on = "high"               # default for --fail-on',
        "exclude = []                   # gitignore-style patterns, relative to this folder",
        "",
        "[profile]",
    ]
    for fact, value, why in inferred.profile:
        lines.append(f"{fact.value} = {'true' if value else 'false'}  # {_WHY[fact]}: {why}")
    return "\n".join(lines) + "\n"


def plan_files(
    root: Path, *, pre_commit: bool, github: bool, gitlab: bool
) -> list[tuple[Path, str]]:
    """The files ``init`` writes, with their text."""
    files = [(root / "secplan.toml", settings_text(infer(root)))]
    if pre_commit:
        files.append((root / ".pre-commit-config.yaml", PRE_COMMIT))
    if github:
        files.append((root / ".github" / "workflows" / "secplan.yml", GITHUB))
    if gitlab:
        files.append((root / ".gitlab-ci.yml", GITLAB))
    return files


def write_files(files: list[tuple[Path, str]], *, force: bool) -> list[Path]:
    """Write ``files`` atomically; none at all when one exists and ``force`` is false."""
    links = [p for p, _ in files if p.is_symlink()]
    if links:
        raise SecplanError(
            f"{links[0]} is a symbolic link; nothing was written", "remove the link first"
        )
    existing = [p for p, _ in files if p.exists()]
    if existing and not force:
        raise SecplanError(
            f"{existing[0]} already exists; nothing was written",
            "pass --force to replace it, or edit it by hand",
        )
    for path, text in files:
        atomic_write(path, text)
    return [p for p, _ in files]


__all__ = ["GITHUB", "GITLAB", "PRE_COMMIT", "Inferred", "infer", "plan_files", "write_files"]
