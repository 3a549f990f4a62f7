from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from secplan.errors import ConfigError
from secplan.governance import Approval, Label, WaiverState, load_records, waiver_state
from secplan.governance.records import Waiver, covering_dataset
from tests.helpers import write

WAIVER = """
    control = "PS2"
    justification = "Migration to the lock file is under way."
    risk = "medium"
    requester = "bob"
    approver = "carol"
    approved = 2026-01-10
    expires = 2026-06-30
    """


def test_all_record_kinds_load(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".secplan/evidence/t.toml",
        """
        control = "hs1"
        title = "Training"
        owner = "carol"
        date = 2026-01-01
        expires = 2027-01-01
        file = "docs/t.md"
        """,
    )
    write(tmp_path, ".secplan/waivers/w1.toml", WAIVER)
    write(tmp_path, ".secplan/datasets/d.toml", 'paths = ["data/*.csv"]\nlabel = "restricted"\n')
    write(tmp_path, ".secplan/models/m.toml", 'path = "models/m.pkl"\nsource = "hf://a/b"\n')
    r = load_records(tmp_path)
    assert r.evidence[0].control == "HS1" and r.evidence[0].id == "t"
    assert r.waivers[0].target == "PS2" and r.waivers[0].whole_project
    assert r.datasets[0].label is Label.RESTRICTED
    assert covering_dataset(r, "data/x.csv") is r.datasets[0]
    assert covering_dataset(r, "other/x.csv") is None
    assert r.models[0].source == "hf://a/b"


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            WAIVER.replace("expires = 2026-06-30", 'expires = "2026-06-30"'),
            r"\.secplan/waivers/w\.toml: expires: .*\(write a TOML date without quotes, "
            r"like 2026-06-30\)",
        ),
        (
            WAIVER.replace("expires = 2026-06-30", "expires = 2026-13-01"),
            r"\.secplan/waivers/w\.toml: invalid TOML",
        ),
        (
            WAIVER.replace("expires = 2026-06-30\n", ""),
            r"w\.toml: expires: Field required \(add it\)",
        ),
        (
            WAIVER.replace('control = "PS2"', 'control = "PS9"'),
            r"w\.toml: control: .*unknown control",
        ),
        (WAIVER + 'rule = "DP001"\n', r"w\.toml: .*exactly one of control or rule"),
        (
            WAIVER.replace("expires = 2026-06-30", "expires = 2025-01-01"),
            r"w\.toml: .*expires must be after the approval date",
        ),
        (WAIVER.replace('risk = "medium"', 'risk = "meh"'), r"w\.toml: risk: .*allowed values"),
    ],
)
def test_bad_waiver_is_a_one_line_error(tmp_path: Path, body: str, expected: str) -> None:
    write(tmp_path, ".secplan/waivers/w.toml", body)
    with pytest.raises(ConfigError) as info:
        load_records(tmp_path)
    text = str(info.value)
    assert "\n" not in text
    assert __import__("re").search(expected, text), text


def test_duplicate_record_ids_are_refused(tmp_path: Path) -> None:
    write(tmp_path, ".secplan/waivers/a.toml", 'id = "W1"\n' + WAIVER)
    write(tmp_path, ".secplan/waivers/b.toml", 'id = "W1"\n' + WAIVER)
    with pytest.raises(ConfigError, match="already used"):
        load_records(tmp_path)


def _waiver(**kw: object) -> Waiver:
    base: dict[str, object] = {
        "id": "W",
        "file": "w.toml",
        "control": "PS2",
        "rule": None,
        "paths": ("**",),
        "justification": "j" * 10,
        "risk": "low",
        "mitigations": (),
        "requester": "bob",
        "approver": "carol",
        "approved": date(2026, 1, 1),
        "expires": date(2026, 12, 31),
        "approval": Approval.SIGNED,
    }
    base.update(kw)
    return Waiver(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kw, as_of, approvers, state",
    [
        ({}, date(2026, 6, 1), (), WaiverState.ACTIVE),
        ({}, date(2026, 12, 31), (), WaiverState.ACTIVE),  # the expiry day itself still counts
        ({}, date(2027, 1, 1), (), WaiverState.EXPIRED),
        ({"approver": None}, date(2026, 6, 1), (), WaiverState.UNAPPROVED),
        ({"approved": None}, date(2026, 6, 1), (), WaiverState.UNAPPROVED),
        ({"approver": "Bob "}, date(2026, 6, 1), (), WaiverState.SELF_APPROVED),
        ({}, date(2026, 6, 1), ("dana",), WaiverState.APPROVER_NOT_DESIGNATED),
        ({}, date(2026, 6, 1), ("CAROL",), WaiverState.ACTIVE),
        ({"approved": date(2026, 7, 1)}, date(2026, 6, 1), (), WaiverState.NOT_YET_APPROVED),
        # the approval fields alone prove nothing: only a verified signature makes it active
        ({"approval": Approval.UNSIGNED}, date(2026, 6, 1), (), WaiverState.UNSIGNED),
        ({"approval": Approval.ALTERED}, date(2026, 6, 1), (), WaiverState.ALTERED),
        ({"approval": Approval.UNTRUSTED}, date(2026, 6, 1), (), WaiverState.UNTRUSTED),
        ({"approval": Approval.UNCHECKED}, date(2026, 6, 1), (), WaiverState.UNVERIFIED),
        # expired stays expired, signed or not; self-approval is refused before the signature
        ({"approval": Approval.UNSIGNED}, date(2027, 1, 1), (), WaiverState.EXPIRED),
        (
            {"approver": "bob", "approval": Approval.UNSIGNED},
            date(2026, 6, 1),
            (),
            WaiverState.SELF_APPROVED,
        ),
    ],
)
def test_waiver_state(
    kw: dict[str, object], as_of: date, approvers: tuple[str, ...], state: WaiverState
) -> None:
    assert waiver_state(_waiver(**kw), as_of, approvers) is state
