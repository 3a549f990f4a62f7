"""Every code, secret and notebook rule is documented data, and the lists behind them are sound."""

from __future__ import annotations

import re

import pytest

from secplan.catalog import load_catalog
from secplan.model import Rule
from secplan.scanners.code import SCANNERS
from secplan.scanners.code._lists import code_lists, secret_lists

RULES: dict[str, Rule] = {r.id: r for s in SCANNERS for r in s.rules}


def test_rule_ids_are_in_the_code_family_and_unique() -> None:
    all_rules = [r for s in SCANNERS for r in s.rules]
    assert all(re.fullmatch(r"CD[123]\d\d", r.id) for r in all_rules)
    for rule in all_rules:
        assert rule is RULES[rule.id]  # one object per id across scanners
    load_catalog().validate_rules(RULES.values())


@pytest.mark.parametrize("rule", sorted(RULES.values(), key=lambda r: r.id), ids=lambda r: r.id)
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name)
    assert not rule.name.startswith(("no-", "banned-"))
    for text in (rule.title, rule.summary, rule.rationale, rule.remediation, rule.example):
        assert text.strip(), rule.id
    assert len(rule.summary) > 40 and len(rule.rationale) > 40
    assert any(ref.kind == "cwe" for ref in rule.references), rule.id
    assert rule.controls


def test_ml_rules_cite_the_supply_chain_technique() -> None:
    for rule_id in ("CD101", "CD103", "CD110", "CD111", "CD112", "CD122"):
        assert any(ref.id == "AML.T0010" for ref in RULES[rule_id].references), rule_id


def test_control_mapping() -> None:
    assert RULES["CD101"].controls == ("MS4", "MS1")
    assert set(RULES["CD112"].controls) == {"MS1", "SC6"}
    assert set(RULES["CD120"].controls) == {"MS6", "PS7"}
    assert RULES["CD130"].controls == ("PS4",)
    assert set(RULES["CD141"].controls) == {"PS5", "MS6", "PS3"}
    assert "DS2" in RULES["CD201"].controls and "PS3" in RULES["CD202"].controls
    assert RULES["CD302"].controls == ("DS4",)


def test_lists_load_and_name_known_rules() -> None:
    lists = code_lists()
    assert {d.rule for d in lists.deserializers.values()} <= set(RULES)
    secrets = secret_lists()
    assert {d.rule for d in secrets.detectors} <= set(RULES)
    assert len({d.id for d in secrets.detectors}) == len(secrets.detectors)
