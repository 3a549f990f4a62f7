"""The fuzz targets of the text groups: group -> target name -> function of the input bytes."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from secplan.config import load_settings
from secplan.data.readers import Limits
from secplan.data.scan import scan_file as scan_data_file
from secplan.data.stream import detect_records
from secplan.governance.records import load_records
from secplan.importers import import_sarif
from secplan.scanners.governance import headings
from tests.fuzz._text_harness import scan_file

Target = Callable[[bytes], object]


def _in_project(rel: str, call: Callable[[Path, Path], object]) -> Target:
    def run(data: bytes) -> object:
        with tempfile.TemporaryDirectory() as d:
            root = Path(d)
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return call(root, path)

    return run


_DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-project"


def _approval(data: bytes) -> object:
    """The demo's signed waiver and trust policy, with ``data`` as the approval signature."""
    from secplan.governance.approval import load_checked_records

    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        waivers = root / ".secplan" / "waivers"
        waivers.mkdir(parents=True)
        (root / ".secplan" / "trust").mkdir()
        for rel in ("secplan.toml", ".secplan/trust/carol.lee.pub"):
            (root / rel).write_bytes((_DEMO / rel).read_bytes())
        name = "WV-2026-002.toml"
        (waivers / name).write_bytes((_DEMO / ".secplan/waivers" / name).read_bytes())
        (waivers / f"{name}.sig").write_bytes(data)
        return load_checked_records(root, load_settings(root))


def _markdown(data: bytes) -> object:
    return headings(data.decode("utf-8", errors="replace"))


_SMALL = Limits(max_records=500, max_bytes=1 << 20)


def _detect(name: str) -> Target:
    def call(root: Path, path: Path) -> object:
        return list(detect_records(path, limits=_SMALL))

    return _in_project(name, call)


def _data_scan(name: str) -> Target:
    return _in_project(name, lambda root, path: scan_data_file(path, limits=_SMALL))


TARGETS: dict[str, dict[str, Target]] = {
    "code": {
        "python": scan_file("train.py"),
        "notebook": scan_file("analysis.ipynb"),
        "shell": scan_file("run.sh"),
        "dotenv": scan_file(".env"),
    },
    "config": {
        "dockerfile": scan_file("Dockerfile"),
        "compose": scan_file("docker-compose.yml"),
        "kubernetes": scan_file("deploy.yaml"),
        "pyproject": scan_file("pyproject.toml"),
        "requirements": scan_file("requirements.txt"),
        "conda": scan_file("environment.yml"),
        "jupyter-json": scan_file("jupyter_server_config.json"),
        "properties": scan_file("config.properties"),
        "markdown": _markdown,
        "settings": _in_project("secplan.toml", lambda root, path: load_settings(root)),
        "evidence": _in_project(".secplan/evidence/e.toml", lambda root, p: load_records(root)),
        "waiver": _in_project(".secplan/waivers/w.toml", lambda root, p: load_records(root)),
        "waiver-approval": _approval,
        "sarif": _in_project("r.sarif", lambda root, path: import_sarif(path, root)),
    },
    "data": {
        "csv": _detect("people.csv"),
        "jsonl": _detect("records.jsonl"),
        "json": _detect("rows.json"),
        "text": _detect("notes.txt"),
        "parquet": _detect("t.parquet"),
        "xlsx": _detect("t.xlsx"),
        "csv-scan": _data_scan("people.csv"),
        "csv-scanners": scan_file("data/people.csv"),
    },
}


def parquet_seed() -> bytes:
    """A small Parquet file (empty when pyarrow is not installed)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return b""
    buf = io.BytesIO()
    table = pa.table({"name": ["Ana", "Bo"], "email": ["ana@mail.pt", "bo@mail.se"], "n": [1, -9]})
    pq.write_table(table, buf)
    return buf.getvalue()


def xlsx_seed() -> bytes:
    """A small workbook written with the standard library's zipfile."""
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    )
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": ct,
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="{ns}/spreadsheetml/'
        '2006/main"><dimension ref="A1:B3"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>email</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>ana@mail.pt</t></is></c></row>'
        '<row r="3"><c r="A3"><v>-9</v></c></row></sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # stored: mutations reach the XML
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()
