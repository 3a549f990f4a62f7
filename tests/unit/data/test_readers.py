"""Streaming readers: formats, limits, malformed input (never an exception)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.data.readers import Limits, open_reader


def rows(
    path: Path, fmt: str | None = None, limits: Limits | None = None
) -> tuple[list[tuple[str, ...]], object]:
    r = open_reader(path, fmt, limits)
    out = [row for b in r.batches() for row in b.rows]
    return out, r


def test_csv_header_quotes_and_short_rows(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text('name,note\n"Silva, Ana","says ""hi""\nline two"\nBo\n', encoding="utf-8")
    out, r = rows(p)
    assert r.fields == ["name", "note"]  # type: ignore[attr-defined]
    assert out == [("Silva, Ana", 'says "hi"\nline two'), ("Bo", "")]


def test_tsv_and_semicolon_delimiters(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("a\tb\n1\t2\n")
    (tmp_path / "b.csv").write_text("a;b\n1;2\n")
    assert rows(tmp_path / "a.tsv")[0] == [("1", "2")]
    assert rows(tmp_path / "b.csv")[0] == [("1", "2")]


def test_record_and_byte_limits_hold(tmp_path: Path) -> None:
    p = tmp_path / "big.csv"
    p.write_text("a\n" + "".join(f"{i}\n" for i in range(10_000)))
    out, r = rows(p, limits=Limits(max_records=100))
    assert len(out) == 100 and "100 records" in r.truncated  # type: ignore[attr-defined]
    out, r = rows(p, limits=Limits(max_bytes=1000))
    assert r.bytes_read <= 1000 and len(out) < 400 and "bytes" in r.truncated  # type: ignore[attr-defined]


def test_oversized_cell_is_an_error_not_an_exception(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("a,b\n" + "x" * 5000 + ",1\nok,2\n")
    _, r = rows(p, limits=Limits(max_field_chars=1000))
    assert r.errors and "line" in r.errors[0]  # type: ignore[attr-defined]


def test_too_many_columns_are_cut(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(",".join(f"c{i}" for i in range(50)) + "\n" + ",".join("1" * 50) + "\n")
    out, r = rows(p, limits=Limits(max_fields=10))
    assert len(r.fields) == 10 and len(out[0]) == 10  # type: ignore[attr-defined]


def test_jsonl_flattens_and_reports_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text('{"user": {"email": "ana@mail.pt"}, "tags": ["a", "b"]}\nnot json\n{"n": 1}\n')
    out, r = rows(p)
    assert r.fields == ["user.email", "tags[0]", "tags[1]", "n"]  # type: ignore[attr-defined]
    assert out[0][:3] == ("ana@mail.pt", "a", "b") and out[1][3] == "1"
    assert r.errors == ["line 2: not JSON (Expecting value: line 1 column 1 (char 0))"]  # type: ignore[attr-defined]


def test_jsonl_line_limit_and_depth(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    deep = "[" * 100 + "]" * 100
    p.write_text('{"a": "' + "x" * 3000 + '"}\n' + deep + '\n{"b": "ok"}\n')
    out, r = rows(p, limits=Limits(max_line_bytes=1000, max_depth=8))
    assert any("longer than" in e for e in r.errors)  # type: ignore[attr-defined]
    assert ("ok",) in [tuple(v for v in row if v) for row in out] or out[-1][-1] == "ok"


def test_text_lines(tmp_path: Path) -> None:
    p = tmp_path / "app.log"
    p.write_bytes(b"one\r\ntwo \xff\nthree")
    out, _ = rows(p)
    assert out == [("one",), ("two \ufffd",), ("three",)]


def test_parquet(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    p = tmp_path / "a.parquet"
    pq.write_table(pa.table({"email": ["ana@mail.pt", None], "n": [1, 2]}), p)
    out, r = rows(p)
    assert r.fields == ["email", "n"] and out == [("ana@mail.pt", "1"), ("", "2")]  # type: ignore[attr-defined]


def test_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    p = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["name", "phone"])
    ws.append(["Ana Silva", "+351 912 345 678"])
    wb.save(p)
    out, r = rows(p)
    assert r.fields == ["People!name", "People!phone"] and out == [
        ("Ana Silva", "+351 912 345 678")
    ]  # type: ignore[attr-defined]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=3000),
    fmt=st.sampled_from(["csv", "tsv", "jsonl", "text", "json-records"]),
)
def test_any_bytes_never_raise_and_limits_hold(tmp_path: Path, data: bytes, fmt: str) -> None:
    p = tmp_path / "fuzz.bin"
    p.write_bytes(data)
    out, _ = rows(p, fmt, Limits(max_records=50, max_fields=20, max_field_chars=500, batch_rows=7))
    assert len(out) <= 50
    assert all(len(row) <= 20 for row in out)
    assert all(len(v) <= 500 for row in out for v in row)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=6), min_size=1, max_size=30))
def test_csv_round_trip(tmp_path: Path, table: list[list[str]]) -> None:
    import csv

    width = max(len(r) for r in table)
    header = [f"c{i}" for i in range(width)]
    body = [[v.replace("\x00", "").replace("\r", "") for v in r] for r in table]
    p = tmp_path / "rt.csv"
    with p.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *body])
    out, _ = rows(p)
    expected = [tuple(r + [""] * (width - len(r))) for r in body]
    assert out == expected


def test_json_records_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"a": "x" * 100}] * 50))
    out, r = rows(p, "json-records", Limits(max_json_bytes=1000))
    assert out == [] and "over" in r.truncated  # type: ignore[attr-defined]


BOM = "\ufeff"


@pytest.mark.parametrize(
    ("name", "content", "fields", "first"),
    [
        ("a.csv", "name,email\nAna,ana@mail.pt\n", ["name", "email"], ("Ana", "ana@mail.pt")),
        ("a.tsv", "name\temail\nAna\tana@mail.pt\n", ["name", "email"], ("Ana", "ana@mail.pt")),
        ("a.csv", '"name";"email"\r\nAna;x\r\n', ["name", "email"], ("Ana", "x")),
        ("a.jsonl", '{"name": "Ana"}\n{"name": "Bo"}\n', ["name"], ("Ana",)),
        ("a.json", '[{"name": "Ana"}]', ["name"], ("Ana",)),
        ("a.txt", "Ana wrote\nBo\n", ["text"], ("Ana wrote",)),
    ],
)
def test_a_utf8_byte_order_mark_is_not_part_of_the_data(
    tmp_path: Path, name: str, content: str, fields: list[str], first: tuple[str, ...]
) -> None:
    p = tmp_path / name
    p.write_bytes((BOM + content).encode("utf-8"))  # as spreadsheet programs save "UTF-8 CSV"
    out, r = rows(p)
    assert r.fields == fields  # type: ignore[attr-defined]
    assert out[0] == first
    assert not r.errors  # type: ignore[attr-defined]
