"""Load and validate the packaged control catalog (``controls.toml``, ``frameworks.toml``).

Each file is checked against its schema (:mod:`secplan.catalog._schema`), or read from its
validated snapshot when the file is the one the snapshot was made from
(:mod:`secplan._snapshot`); the checks across the two files run on every load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from secplan._snapshot import load
from secplan.errors import CatalogError
from secplan.model.control import Control, Fact, Framework, Pillar
from secplan.model.finding import ControlId
from secplan.model.rule import Rule

PILLARS = ("data", "model", "platform", "compliance", "human")
CONTROL_IDS: tuple[str, ...] = (
    *(f"DS{i}" for i in range(1, 7)),
    *(f"MS{i}" for i in range(1, 7)),
    *(f"PS{i}" for i in range(1, 8)),
    *(f"SC{i}" for i in range(1, 7)),
    *(f"HS{i}" for i in range(1, 6)),
)
#: Frameworks every control must be mapped to now (an empty list needs a note saying why).
REQUIRED_FRAMEWORKS = ("owasp_ml_2023", "mitre_atlas", "nist_ai_rmf_1_0")
FRAMEWORK_IDS = (
    *REQUIRED_FRAMEWORKS,
    "iso_iec_42001_2023",
    "iso_iec_27001_2022",
    "eu_ai_act",
    "gdpr",
    "hipaa_security_rule",
    "pci_dss_4_0",
)


@dataclass(frozen=True, slots=True)
class Catalog:
    """The 30 controls, their pillars and the frameworks they map to, validated."""

    pillars: tuple[Pillar, ...]
    controls: tuple[Control, ...]
    frameworks: tuple[Framework, ...]

    def control(self, control_id: str) -> Control:
        wanted = control_id.strip().upper()
        for c in self.controls:
            if c.id == wanted:
                return c
        raise KeyError(control_id)

    def pillar(self, pillar_id: str) -> Pillar:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)

    def framework(self, framework_id: str) -> Framework:
        for f in self.frameworks:
            if f.id == framework_id:
                return f
        raise KeyError(framework_id)

    def validate_rules(self, rules: Iterable[Rule]) -> None:
        """Every rule must name at least one control, and only controls that exist."""
        known = {c.id for c in self.controls}
        seen: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in seen and seen[rule.id] is not rule:
                raise CatalogError(
                    f"rule id {rule.id} is defined twice", "give each rule its own id"
                )
            seen[rule.id] = rule
            if not rule.controls:
                raise CatalogError(f"rule {rule.id} maps to no control", "list its controls")
            unknown = [c for c in rule.controls if c not in known]
            if unknown:
                raise CatalogError(
                    f"rule {rule.id} maps to unknown control(s) {', '.join(unknown)}",
                    f"use ids from {', '.join(CONTROL_IDS)}",
                )


def build_catalog(controls_doc: dict[str, Any], frameworks_doc: dict[str, Any]) -> Catalog:
    """Validate two parsed documents into a :class:`Catalog` (raises :class:`CatalogError`)."""
    from secplan.catalog._schema import validated_controls, validated_frameworks

    return _assemble(validated_controls(controls_doc), validated_frameworks(frameworks_doc))


def _assemble(cf: dict[str, Any], ff: dict[str, Any]) -> Catalog:
    """The catalog from the two documents as their schemas validated them (JSON values)."""
    if [p["id"] for p in cf["pillar"]] != list(PILLARS):
        raise CatalogError("catalog: pillars must be " + ", ".join(PILLARS), "fix [[pillar]] ids")
    ids = [c["id"] for c in cf["control"]]
    if len(ids) != len(set(ids)):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise CatalogError(f"catalog: duplicate control id(s) {', '.join(dupes)}", "ids are unique")
    if sorted(ids) != sorted(CONTROL_IDS):
        missing = sorted(set(CONTROL_IDS) - set(ids))
        extra = sorted(set(ids) - set(CONTROL_IDS))
        raise CatalogError(
            f"catalog: expected exactly the 30 plan controls "
            f"(missing {missing}, unexpected {extra})",
            "the plan's ids are DS1-DS6, MS1-MS6, PS1-PS7, SC1-SC6, HS1-HS5",
        )

    fw_ids = [f["id"] for f in ff["framework"]]
    if sorted(fw_ids) != sorted(FRAMEWORK_IDS):
        raise CatalogError(f"catalog: frameworks must be {', '.join(FRAMEWORK_IDS)}", "fix ids")
    items = {f["id"]: {i["id"] for i in f["item"]} for f in ff["framework"]}

    controls = []
    for c in cf["control"]:
        if c["pillar"] not in PILLARS or not c["id"].startswith(_prefix(c["pillar"])):
            raise CatalogError(
                f"catalog: control {c['id']} has pillar {c['pillar']!r}", "fix pillar"
            )
        if sorted(c["crosswalk"]) != sorted(FRAMEWORK_IDS):
            raise CatalogError(
                f"catalog: control {c['id']} crosswalk must list {', '.join(FRAMEWORK_IDS)}",
                "add the missing keys (an empty list is allowed)",
            )
        for fw, mapped in c["crosswalk"].items():
            unknown = [m for m in mapped if m not in items[fw]]
            if unknown:
                raise CatalogError(
                    f"catalog: control {c['id']} maps to unknown {fw} id(s) {unknown}",
                    "add them to frameworks.toml or fix the id",
                )
        for fw in REQUIRED_FRAMEWORKS:
            if not c["crosswalk"][fw] and fw not in c["crosswalk_notes"]:
                raise CatalogError(
                    f"catalog: control {c['id']} has no {fw} mapping and no note saying why",
                    "map it or add crosswalk_notes." + fw,
                )
        controls.append(
            Control(
                id=ControlId(c["id"]),
                pillar=c["pillar"],
                title=c["title"],
                requirement=" ".join(c["requirement"].split()),
                applies_when=tuple(Fact(x) for x in c["applies_when"]),
                manual=c["manual"],
                evidence=tuple(c["evidence"]),
                crosswalk=tuple((fw, tuple(c["crosswalk"][fw])) for fw in FRAMEWORK_IDS),
                crosswalk_notes=tuple(sorted(c["crosswalk_notes"].items())),
            )
        )
    controls.sort(key=lambda c: CONTROL_IDS.index(c.id))
    pillars = tuple(
        Pillar(
            id=p["id"],
            title=p["title"],
            summary=p["summary"],
            goals=tuple(p["goals"]),
            techniques=tuple(p["techniques"]),
        )
        for p in cf["pillar"]
    )
    frameworks = tuple(
        Framework(
            id=f["id"],
            name=f["name"],
            version=f["version"],
            url=f["url"],
            complete=f["complete"],
            items=tuple((i["id"], i["title"]) for i in f["item"]),
            sources=tuple((i["id"], i["source"]) for i in f["item"]),
        )
        for f in sorted(ff["framework"], key=lambda f: FRAMEWORK_IDS.index(f["id"]))
    )
    return Catalog(pillars=pillars, controls=tuple(controls), frameworks=frameworks)


def _prefix(pillar: str) -> str:
    return {"data": "DS", "model": "MS", "platform": "PS", "compliance": "SC", "human": "HS"}[
        pillar
    ]


@cache
def load_catalog() -> Catalog:
    """The packaged catalog, validated once per process (each file from its snapshot when
    the snapshot is current)."""
    return _assemble(load("controls.toml"), load("frameworks.toml"))
