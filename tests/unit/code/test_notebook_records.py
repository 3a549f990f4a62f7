"""A record printed one field a line (a transposed data frame row, ``print(customer)``): the
name and the address are personal data when a field of the same record proves itself (a
phone number, an e-mail address), though they are not on its line."""

from __future__ import annotations

import pytest

from secplan.scanners.code.pii import DataPiiDetector

RECORD = (
    "driver_id                       1007\n"
    "full_name          Kwame Mensah-Boateng\n"
    "licence_no                 MENSA712034KB9\n"
    "mobile              +49 151 2384 7719\n"
    "home_address  Schönhauser Allee 41, 10435 Berlin"
)


def kinds(text: str) -> list[str]:
    return sorted(h.kind for h in DataPiiDetector().find(text))


def test_fields_of_a_record_with_a_phone_number() -> None:
    assert kinds(RECORD) == ["address", "person", "phone"]
    found = {RECORD[h.start : h.end] for h in DataPiiDetector().find(RECORD)}
    assert "Kwame Mensah-Boateng" in found


@pytest.mark.parametrize(
    "text",
    [
        # no identifier that proves the record
        RECORD.replace("+49 151 2384 7719", "n/a"),
        # a blank line between the name and the phone: another record
        "full_name          Kwame Mensah-Boateng\n\nmobile              +49 151 2384 7719",
        # too far from it
        "full_name   Kwame Mensah-Boateng\n" + "x   1\n" * 8 + "mobile   +49 151 2384 7719",
    ],
)
def test_name_without_a_proving_field_nearby_is_not_reported(text: str) -> None:
    assert "person" not in kinds(text)


def test_table_rows_are_not_fields() -> None:
    # a label that names no personal data (a breed in a results table)
    text = "breed         Golden Retriever\nvet_phone     +49 151 2384 7719"
    assert "person" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # a download log: the resolved address is an IP address, not a phone number
        "Resolving ommer-lab.com (ommer-lab.com)... 141.84.41.65",
        "Connecting to ommer-lab.com (ommer-lab.com)|141.84.41.65|:443... connected.",
    ],
)
def test_a_dotted_quad_is_no_phone_number(text: str) -> None:
    assert kinds(text) == []
