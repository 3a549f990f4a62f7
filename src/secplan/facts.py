"""Facts about a project that decide which controls apply: its declared profile, what
discovery found (models, datasets, serving code, ...), what its code shows it does (trains
models, downloads pre-trained ones, calls cloud AI, loads public datasets), what the scan
found in it (personal data), and its dataset records (sensitive data).

What a scan finds outweighs a declaration: a profile that says ``develops_models = false``
does not hide training code the scan found, and the reason says both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from secplan.code_facts import CLOUD_AI, PRETRAINED, PUBLIC_DATA, SERVING, TRAINING, code_facts
from secplan.config import Profile
from secplan.governance.records import Records
from secplan.model.artifact import Artifact, ArtifactKind, may_declare_endpoints
from secplan.model.control import PROFILE_FACTS, Fact
from secplan.model.finding import Finding

if TYPE_CHECKING:
    from secplan.guard.coverage import Cover

MAX_SHOWN = 3

_KIND_FACTS = {
    ArtifactKind.MODEL: Fact.MODELS,
    ArtifactKind.DATASET: Fact.DATASETS,
    ArtifactKind.CODE: Fact.CODE,
    ArtifactKind.NOTEBOOK: Fact.NOTEBOOKS,
    ArtifactKind.DEPENDENCIES: Fact.DEPENDENCIES,
    ArtifactKind.CONTAINER: Fact.CONTAINERS,
    ArtifactKind.DEPLOYMENT: Fact.DEPLOYMENTS,
}
#: What the signs in code show.
_CODE_FACTS = {
    SERVING: Fact.SERVING,
    TRAINING: Fact.DEVELOPS_MODELS,
    PRETRAINED: Fact.USES_PRETRAINED_MODELS,
    CLOUD_AI: Fact.USES_CLOUD_AI,
    PUBLIC_DATA: Fact.USES_PUBLIC_DATASETS,
}
#: Findings that show a fact, whether or not the run reports them (``--select``, waivers).
FINDING_FACTS: dict[str, Fact] = {
    "DT201": Fact.PERSONAL_DATA,  # personal data in a dataset
    "DT202": Fact.PERSONAL_DATA,  # ... in a text, log or document
    "CD302": Fact.PERSONAL_DATA,  # ... in a stored notebook output
    "DT401": Fact.PERSONAL_DATA,  # a dataset labelled below the personal data it holds
    "CD140": Fact.SERVING,  # web apps and model servers started in code
    "CD141": Fact.SERVING,
    "CD142": Fact.SERVING,
    "CD143": Fact.SERVING,
    "CF114": Fact.SERVING,  # model servers in Kubernetes manifests and server configuration
    "CF117": Fact.SERVING,
    "CF118": Fact.SERVING,
    "CF120": Fact.SERVING,
}
#: Every fact a scan can establish on its own (profile facts can also be declared).
FOUND_BY_SCAN: frozenset[Fact] = frozenset(
    {*_KIND_FACTS.values(), *_CODE_FACTS.values(), *FINDING_FACTS.values(), Fact.SENSITIVE_DATA}
    | {Fact.USES_INTERNAL_DATASETS}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectFacts:
    """The facts that decide which controls apply to the project, and where each was
    found."""

    facts: frozenset[Fact]
    declared: bool  # the profile was declared in configuration
    serving_files: tuple[str, ...] = ()
    sensitive_datasets: tuple[str, ...] = ()  # record files of confidential/restricted datasets
    encrypted: tuple[tuple[str, str, str], ...] = ()  # (path, format, key version or "")
    personal_files: tuple[str, ...] = ()  # files the scan found personal data in
    found: tuple[tuple[Fact, tuple[str, ...]], ...] = ()  # facts the scan found, and where
    declared_true: frozenset[Fact] = frozenset()  # profile facts declared true
    declared_false: frozenset[Fact] = frozenset()  # profile facts declared false
    scope: str = ""  # the part of the project scanned, when not all of it
    #: serving endpoints found (``file:line (kind service:port)``), each with the guard and
    #: policy covering it, or ``""`` when no valid guard policy covers it
    endpoints: tuple[tuple[str, str], ...] = ()

    def __contains__(self, fact: object) -> bool:
        return fact in self.facts

    def source(self, fact: Fact) -> str:
        """Where the scan found ``fact``; ``""`` when it was declared, recorded, or not found."""
        files = dict(self.found).get(fact, ())
        if not files or fact in self.declared_true:
            return ""
        if fact in self.declared_false:
            return f"declared false in secplan.toml, but found in {list_files(files)}"
        return f"found in {list_files(files)}"


def list_files(files: Iterable[str]) -> str:
    items = sorted(set(files))
    more = len(items) - MAX_SHOWN
    return ", ".join(items[:MAX_SHOWN]) + (f" and {more} more" if more > 0 else "")


def serving_files(artifacts: Iterable[Artifact]) -> tuple[str, ...]:
    """Files that show the project serves a model: serving imports or server commands."""
    return code_facts(artifacts).files(SERVING)


def serving_endpoints(artifacts: tuple[Artifact, ...]) -> tuple[Cover, ...]:
    """Each serving endpoint found in ``artifacts``, with the guard policy covering it."""
    if not any(may_declare_endpoints(a) for a in artifacts):
        return ()  # nothing to read: the guard's modules stay unloaded (a model-file scan)
    from secplan.guard.coverage import coverage

    try:
        return coverage(artifacts).covers
    except Exception:  # the guard-coverage scanner reports the failure as not verified
        return ()


def facts_from_findings(findings: Iterable[Finding]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(fact, files) that findings show; kept on the report before select/ignore and waivers
    apply, since a finding left out of the report was still found."""
    found: dict[str, set[str]] = {}
    for f in findings:
        fact = FINDING_FACTS.get(f.rule)
        if fact is not None:
            found.setdefault(fact.value, set()).add(f.location.path)
    return tuple((k, tuple(sorted(v))) for k, v in sorted(found.items()))


def project_facts(
    profile: Profile,
    artifacts: tuple[Artifact, ...],
    records: Records,
    observed: tuple[tuple[str, tuple[str, ...]], ...] = (),
    *,
    scope: str = "",
) -> ProjectFacts:
    facts: set[Fact] = {Fact.ALWAYS}
    declared_true = {f for f in PROFILE_FACTS if getattr(profile, f.value) is True}
    declared_false = {f for f in PROFILE_FACTS if getattr(profile, f.value) is False}
    facts |= declared_true
    for a in artifacts:
        kind_fact = _KIND_FACTS.get(a.kind)
        if kind_fact is not None:
            facts.add(kind_fact)
    found: dict[Fact, set[str]] = {}
    for sign, files in code_facts(artifacts).found:
        found.setdefault(_CODE_FACTS[sign], set()).update(files)
    for value, files in observed:
        found.setdefault(Fact(value), set()).update(files)
    covers = serving_endpoints(artifacts)
    if covers:
        found.setdefault(Fact.SERVING, set()).update(c.endpoint.path for c in covers)
    endpoints = tuple((c.endpoint.label, c.how if c.covered else "") for c in covers)
    facts |= set(found)
    personal = tuple(sorted(found.get(Fact.PERSONAL_DATA, ())))
    sensitive = tuple(r.file for r in records.datasets if r.label.sensitive)
    if sensitive or personal:  # personal data is at least confidential
        facts.add(Fact.SENSITIVE_DATA)
    if any(r.contains for r in records.datasets):
        facts.add(Fact.PERSONAL_DATA)
    return ProjectFacts(
        facts=frozenset(facts),
        declared=profile.declared,
        serving_files=tuple(sorted(found.get(Fact.SERVING, ()))),
        sensitive_datasets=sensitive,
        encrypted=encrypted_inventory(artifacts),
        personal_files=personal,
        found=tuple((f, tuple(sorted(v))) for f, v in sorted(found.items())),
        declared_true=frozenset(declared_true),
        declared_false=frozenset(declared_false),
        scope=scope,
        endpoints=endpoints,
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
