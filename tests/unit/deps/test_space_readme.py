"""A Hugging Face Space's README front matter pins the SDK the Space runtime installs
(``sdk: gradio`` + ``sdk_version``): that pin is checked against advisories like a
requirement, at the ``sdk_version`` line."""

from __future__ import annotations

import json
from pathlib import Path

from secplan.vulndb import default_path, import_osv
from tests.helpers import findings_of, scan, write

ADVISORY = {
    "id": "PYSEC-2099-0001",
    "modified": "2024-02-01T00:00:00Z",
    "summary": "file read through the demo's upload route",
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "gradio"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.11.0"}]}],
        }
    ],
}


def _db(tmp_path: Path) -> None:
    osv = tmp_path / "osv"
    osv.mkdir()
    (osv / "PYSEC-2099-0001.json").write_text(json.dumps(ADVISORY))
    import_osv(osv, default_path())


def test_space_sdk_version_is_checked_against_advisories(tmp_path: Path) -> None:
    _db(tmp_path)
    project = tmp_path / "p"
    text = "---\ntitle: demo\nsdk: gradio\nsdk_version: 3.50.2\napp_file: app.py\n---\n"
    write(project, "space/README.md", text)
    a = scan(project)
    assert [(f.location.path, f.location.line) for f in findings_of(a, "DP101")] == [
        ("space/README.md", 4)
    ]
    assert findings_of(a, "DP001") == []


def test_fixed_sdk_version_and_plain_readme_are_quiet(tmp_path: Path) -> None:
    _db(tmp_path)
    project = tmp_path / "p"
    write(project, "space/README.md", "---\nsdk: gradio\nsdk_version: 4.44.1\n---\n")
    write(project, "README.md", "# Tool\n\nsdk: gradio\nsdk_version: 3.50.2\n")
    assert findings_of(scan(project), "DP101") == []
