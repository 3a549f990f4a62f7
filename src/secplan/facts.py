"""Facts about a project that decide which controls apply: its declared profile plus what
discovery found (models, datasets, serving code, sensitive data, ...)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass

from secplan.config import Profile
from secplan.governance.records import Records
from secplan.model.artifact import Artifact, ArtifactKind
from secplan.model.control import PROFILE_FACTS, Fact
from secplan.textfile import TooLarge, read_text

#: Top-level modules whose import means the code serves requests (a model endpoint or demo).
SERVING_MODULES = frozenset(
    {
        "fastapi",
        "flask",
        "gradio",
        "streamlit",
        "bentoml",
        "litserve",
        "sanic",
        "tornado",
        "aiohttp",
        "starlette",
        "mlserver",
        "kserve",
        "tritonclient",
        "vllm",
        "ray.serve",
        "torchserve",
        "ts",
        "uvicorn",
        "gunicorn",
        "django",
    }
)
_SERVE_COMMANDS = re.compile(
    r"\b(uvicorn|gunicorn|torchserve|tritonserver|vllm\s+serve|mlflow\s+models\s+serve|"
    r"bentoml\s+serve|streamlit\s+run|text-generation-launcher)\b"
)
MAX_CODE_BYTES = 2 << 20

_KIND_FACTS = {
    ArtifactKind.MODEL: Fact.MODELS,
    ArtifactKind.DATASET: Fact.DATASETS,
    ArtifactKind.CODE: Fact.CODE,
    ArtifactKind.NOTEBOOK: Fact.NOTEBOOKS,
    ArtifactKind.DEPENDENCIES: Fact.DEPENDENCIES,
    ArtifactKind.CONTAINER: Fact.CONTAINERS,
    ArtifactKind.DEPLOYMENT: Fact.DEPLOYMENTS,
}


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    facts: frozenset[Fact]
    declared: bool  # the profile was declared in configuration
    serving_files: tuple[str, ...] = ()
    sensitive_datasets: tuple[str, ...] = ()  # record files of confidential/restricted datasets
    encrypted: tuple[tuple[str, str, str], ...] = ()  # (path, format, key version or "")

    def __contains__(self, fact: object) -> bool:
        return fact in self.facts


def _imports(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names.add(alias.name)
                names.add(alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.add(node.module.split(".")[0])
    return names


def serving_files(artifacts: Iterable[Artifact]) -> tuple[str, ...]:
    """Files that show the project serves a model: serving imports or server commands."""
    found = []
    for a in artifacts:
        if a.kind not in (ArtifactKind.CODE, ArtifactKind.CONTAINER, ArtifactKind.DEPLOYMENT):
            continue
        if a.size > MAX_CODE_BYTES:
            continue
        try:
            text = read_text(a.path, MAX_CODE_BYTES)
        except (OSError, TooLarge):
            continue
        if a.kind is ArtifactKind.CODE and a.format == "python":
            if _imports(text) & SERVING_MODULES:
                found.append(a.relpath)
        elif _SERVE_COMMANDS.search(text):
            found.append(a.relpath)
    return tuple(found)


def project_facts(
    profile: Profile, artifacts: tuple[Artifact, ...], records: Records
) -> ProjectFacts:
    facts: set[Fact] = {Fact.ALWAYS}
    for fact in PROFILE_FACTS:
        if getattr(profile, fact.value) is True:
            facts.add(fact)
    for a in artifacts:
        kind_fact = _KIND_FACTS.get(a.kind)
        if kind_fact is not None:
            facts.add(kind_fact)
    serving = serving_files(artifacts)
    if serving:
        facts.add(Fact.SERVING)
    sensitive = tuple(r.file for r in records.datasets if r.label.sensitive)
    if sensitive:
        facts.add(Fact.SENSITIVE_DATA)
    if any(r.contains for r in records.datasets):
        facts.add(Fact.PERSONAL_DATA)
    return ProjectFacts(
        frozenset(facts), profile.declared, serving, sensitive, encrypted_inventory(artifacts)
    )


def encrypted_inventory(artifacts: tuple[Artifact, ...]) -> tuple[tuple[str, str, str], ...]:
    """Files stored encrypted, with the key version an age file names (DS1/PS4 evidence)."""
    encrypted = [a for a in artifacts if a.format.startswith("encrypted")]
    if not encrypted:  # spare every other scan the import of the cryptography stack
        return ()
    from secplan.protect.files import key_hint

    return tuple(
        (a.relpath, a.format, (key_hint(a.path) or "") if a.format == "encrypted-age" else "")
        for a in encrypted
    )
