"""The Security Plan's controls, pillars and the outside frameworks they map to (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from secplan.model.finding import ControlId


class Fact(StrEnum):
    """What makes a control applicable: the declared profile, or what discovery found."""

    ALWAYS = "always"
    # declared in the project profile
    DEVELOPS_MODELS = "develops_models"
    USES_PRETRAINED_MODELS = "uses_pretrained_models"
    USES_CLOUD_AI = "uses_cloud_ai"
    USES_PUBLIC_DATASETS = "uses_public_datasets"
    USES_INTERNAL_DATASETS = "uses_internal_datasets"
    # found by discovery
    MODELS = "models"
    DATASETS = "datasets"
    CODE = "code"
    NOTEBOOKS = "notebooks"
    DEPENDENCIES = "dependencies"
    CONTAINERS = "containers"
    DEPLOYMENTS = "deployments"
    SERVING = "serving"
    SENSITIVE_DATA = "sensitive_data"
    PERSONAL_DATA = "personal_data"


PROFILE_FACTS: frozenset[Fact] = frozenset(
    {
        Fact.DEVELOPS_MODELS,
        Fact.USES_PRETRAINED_MODELS,
        Fact.USES_CLOUD_AI,
        Fact.USES_PUBLIC_DATASETS,
        Fact.USES_INTERNAL_DATASETS,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Pillar:
    """One of the five pillars of the plan, with its goals and techniques."""

    id: str
    title: str
    summary: str
    goals: tuple[str, ...]
    techniques: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Control:
    """One control of the catalogue: what it requires, when it applies, and the rules
    and records that count as its evidence."""

    id: ControlId
    pillar: str
    title: str
    requirement: str
    applies_when: tuple[Fact, ...]
    manual: bool
    evidence: tuple[str, ...]
    crosswalk: tuple[tuple[str, tuple[str, ...]], ...]  # (framework id, item ids), catalog order
    crosswalk_notes: tuple[tuple[str, str], ...] = ()

    def mapped(self, framework: str) -> tuple[str, ...]:
        return dict(self.crosswalk).get(framework, ())


@dataclass(frozen=True, slots=True, kw_only=True)
class Framework:
    """An external framework the controls are mapped to, with its items."""

    id: str
    name: str
    version: str
    url: str
    complete: bool
    items: tuple[tuple[str, str], ...]  # (item id, title)
    sources: tuple[tuple[str, str], ...] = ()  # (item id, URL of the text that states it)

    def title_of(self, item: str) -> str:
        return dict(self.items).get(item, "")
