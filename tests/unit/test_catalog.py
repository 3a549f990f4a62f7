from __future__ import annotations

import copy
import tomllib
from importlib import resources
from typing import Any

import pytest

from secplan.catalog import CONTROL_IDS, REQUIRED_FRAMEWORKS, build_catalog, load_catalog
from secplan.errors import CatalogError
from secplan.model import ControlId, Rule, Severity
from secplan.scanners import default_registry


def _docs() -> tuple[dict[str, Any], dict[str, Any]]:
    pkg = resources.files("secplan.catalog")
    return (
        tomllib.loads(pkg.joinpath("controls.toml").read_text()),
        tomllib.loads(pkg.joinpath("frameworks.toml").read_text()),
    )


def test_catalog_has_the_thirty_plan_controls_in_order() -> None:
    cat = load_catalog()
    assert [c.id for c in cat.controls] == list(CONTROL_IDS)
    assert len(cat.controls) == 30
    assert [p.id for p in cat.pillars] == ["data", "model", "platform", "compliance", "human"]


def test_every_control_is_mapped_to_the_required_frameworks_or_says_why() -> None:
    for c in load_catalog().controls:
        notes = dict(c.crosswalk_notes)
        for fw in REQUIRED_FRAMEWORKS:
            assert c.mapped(fw) or fw in notes, (c.id, fw)
        assert c.requirement and c.evidence


def test_crosswalk_items_have_titles() -> None:
    cat = load_catalog()
    for c in cat.controls:
        for fw_id, ids in c.crosswalk:
            fw = cat.framework(fw_id)
            for i in ids:
                assert fw.title_of(i), (c.id, fw_id, i)


def test_registry_rules_map_to_existing_controls() -> None:
    load_catalog().validate_rules(default_registry(plugins=False).rules)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda c, f: c["control"].pop(), "expected exactly the 30 plan controls"),
        (lambda c, f: c["control"][1].__setitem__("id", "DS1"), "duplicate control id"),
        (
            lambda c, f: c["control"][0]["crosswalk"]["mitre_atlas"].append("AML.M9999"),
            "unknown mitre_atlas id",
        ),
        (lambda c, f: c["control"][0]["crosswalk"].pop("gdpr"), "crosswalk must list"),
        (lambda c, f: c["control"][0].__setitem__("pillar", "human"), "has pillar"),
        (lambda c, f: c["control"][0].__setitem__("applies_when", ["sometimes"]), "applies_when"),
        (lambda c, f: c["control"][0].__setitem__("colour", "red"), "colour"),
    ],
)
def test_loader_rejects_inconsistent_catalogs(mutate: Any, message: str) -> None:
    controls, frameworks = copy.deepcopy(_docs())
    mutate(controls, frameworks)
    with pytest.raises(CatalogError, match=message):
        build_catalog(controls, frameworks)


def test_loader_requires_a_note_for_an_empty_required_mapping() -> None:
    controls, frameworks = copy.deepcopy(_docs())
    first = controls["control"][0]
    first["crosswalk"]["owasp_ml_2023"] = []
    first.get("crosswalk_notes", {}).pop("owasp_ml_2023", None)
    with pytest.raises(CatalogError, match="no owasp_ml_2023 mapping and no note"):
        build_catalog(controls, frameworks)


def _rule(**kw: Any) -> Rule:
    base: dict[str, Any] = {
        "id": "ZZ001",
        "name": "z",
        "title": "z",
        "severity": Severity.LOW,
        "controls": (ControlId("DS1"),),
        "summary": "s",
        "rationale": "r",
        "remediation": "f",
    }
    base.update(kw)
    return Rule(**base)


def test_validate_rules_rejects_unknown_controls_and_duplicates() -> None:
    cat = load_catalog()
    with pytest.raises(CatalogError, match="unknown control"):
        cat.validate_rules([_rule(controls=(ControlId("XX9"),))])
    with pytest.raises(CatalogError, match="maps to no control"):
        cat.validate_rules([_rule(controls=())])
    with pytest.raises(CatalogError, match="defined twice"):
        cat.validate_rules([_rule(), _rule(title="other")])


def test_every_mapping_has_a_source() -> None:
    """Each framework item a control maps to names the text that states it (an https URL)."""
    cat = load_catalog()
    for c in cat.controls:
        for fw_id, ids in c.crosswalk:
            sources = dict(cat.framework(fw_id).sources)
            for i in ids:
                assert sources.get(i, "").startswith("https://"), (c.id, fw_id, i)


def test_loader_rejects_an_item_without_a_source() -> None:
    controls, frameworks = copy.deepcopy(_docs())
    del frameworks["framework"][0]["item"][0]["source"]
    with pytest.raises(CatalogError, match="source"):
        build_catalog(controls, frameworks)
