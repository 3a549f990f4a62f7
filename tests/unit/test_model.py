from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.model import Confidence, ControlId, Finding, Location, RuleId, Severity
from secplan.report._common import finding_dict, finding_from_dict


def test_severity_is_ordered_for_fail_on() -> None:
    assert Severity.INFO < Severity.LOW < Severity.MEDIUM < Severity.HIGH < Severity.CRITICAL
    assert Severity.parse(" High ") is Severity.HIGH


def test_severity_parse_names_allowed_values() -> None:
    with pytest.raises(ValueError, match="expected one of: info, low, medium, high, critical"):
        Severity.parse("severe")


def _finding(**kw: object) -> Finding:
    base: dict[str, object] = {
        "rule": RuleId("DT101"),
        "severity": Severity.MEDIUM,
        "confidence": Confidence.HIGH,
        "controls": (ControlId("DS3"),),
        "location": Location(path="data/a.csv"),
        "message": "m",
    }
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_finding_is_immutable() -> None:
    f = _finding()
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.message = "changed"  # type: ignore[misc]


def test_fingerprint_is_stable_and_location_sensitive() -> None:
    assert _finding().fingerprint == _finding().fingerprint
    assert _finding().fingerprint != _finding(location=Location(path="data/b.csv")).fingerprint
    # the line does not change identity, so a finding survives edits above it
    assert (
        _finding(location=Location(path="data/a.csv", line=3)).fingerprint
        == _finding(location=Location(path="data/a.csv", line=9)).fingerprint
    )


def test_location_str() -> None:
    loc = Location(path="m.zip", member="archive/data.pkl", offset=12)
    assert str(loc) == "m.zip!archive/data.pkl@12"
    assert str(Location(path="nb.ipynb", cell=2, line=4)) == "nb.ipynb[cell 2]:4"


def test_sort_key_puts_most_severe_first() -> None:
    fs = [_finding(severity=Severity.LOW), _finding(severity=Severity.CRITICAL)]
    assert sorted(fs, key=Finding.sort_key)[0].severity is Severity.CRITICAL


text = st.text(max_size=40)
optional_int = st.none() | st.integers(min_value=0, max_value=2**40)
findings = st.builds(
    Finding,
    rule=st.from_regex(r"[A-Z]{2}[0-9]{3}", fullmatch=True).map(RuleId),
    severity=st.sampled_from(Severity),
    confidence=st.sampled_from(Confidence),
    controls=st.lists(st.sampled_from(["DS1", "MS4", "HS3"]), max_size=3).map(
        lambda xs: tuple(ControlId(x) for x in xs)
    ),
    location=st.builds(
        Location,
        path=text,
        line=optional_int,
        column=optional_int,
        offset=optional_int,
        member=st.none() | text,
        cell=optional_int,
    ),
    message=text,
    evidence=text,
    remediation=text,
)


@given(findings)
def test_finding_json_round_trip(f: Finding) -> None:
    wire = json.dumps(finding_dict(f, "name"))
    assert finding_from_dict(json.loads(wire)) == f
