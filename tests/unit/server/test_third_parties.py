"""The third-party register: fed from the ML-BOM secplan bom writes (and from any CycloneDX
JSON naming hub models, suppliers and licences), entries by hand, review of what is missing;
other projects, CSRF, stored XSS, mass assignment, hostile BOMs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.unit.server._kit import XSS, Kit

API = "/api/v1/projects/alpha/third-parties"
HUB_BOM = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "components": [
        {
            "type": "machine-learning-model",
            "group": "google-bert",
            "name": "bert-base-uncased",
            "version": "86b5e09",
            "supplier": {"name": "Hugging Face Hub: google-bert"},
            "licenses": [{"license": {"id": "Apache-2.0"}}],
            "purl": "pkg:huggingface/google-bert/bert-base-uncased@86b5e09",
        },
        {
            "type": "data",
            "name": "imdb",
            "licenses": [{"license": {"name": "other"}}],
            "externalReferences": [{"type": "distribution", "url": "https://example.org/imdb"}],
        },
        {"type": "application", "name": "the project itself"},
        {"type": "library", "name": "left-pad"},
        "not a component",
    ],
}


@pytest.fixture
def kit(app_parts: Any) -> Kit:
    app, ac = app_parts
    return Kit(app, ac)


def _by_name(kit: Kit, user: str) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in kit.api(user, "GET", API).json()}


def test_the_register_is_fed_from_secplan_bom(kit: Kit, tmp_path: Path) -> None:
    from secplan.bom import render_bom

    (tmp_path / "requirements.txt").write_text("torch==2.6.0\nnumpy\n")
    (tmp_path / "model.onnx").write_bytes(b"\x08\x07" + b"\0" * 64)
    bom = render_bom(tmp_path)
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", f"{API}/bom", content=bom)
    assert r.status_code == 200, r.text
    got = _by_name(kit, eng)
    assert got["torch"]["kind"] == "library" and got["torch"]["version"] == "2.6.0"
    assert got["torch"]["provenance"] == "pkg:pypi/torch@2.6.0"
    assert got["torch"]["missing"] == ["licence"]  # secplan bom names no licences
    models = [e for e in got.values() if e["kind"] == "model"]
    assert [m["name"] for m in models] == ["model.onnx"] and len(models[0]["sha256"]) == 64
    assert models[0]["provenance"] == "file:model.onnx"
    # the same BOM again adds nothing; a licence given by hand is kept
    again = kit.api(eng, "POST", f"{API}/bom", content=bom).json()
    assert again == {"added": 0, "updated": 0}
    fix = {"kind": "library", "name": "torch", "version": "2.6.0", "licence": "BSD-3-Clause"}
    assert kit.api(eng, "POST", API, json=fix).json() == {"added": 0, "updated": 1}
    kit.api(eng, "POST", f"{API}/bom", content=bom)
    assert _by_name(kit, eng)["torch"]["licence"] == "BSD-3-Clause"
    first = kit.events("third-party:recorded")[0]
    assert json.loads(first.details)["added"] == r.json()["added"] > 0


def test_hub_models_datasets_and_vendors_with_licence_and_provenance(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", f"{API}/bom", json=HUB_BOM)
    assert r.json() == {"added": 4, "updated": 0}
    got = _by_name(kit, eng)
    bert = got["google-bert/bert-base-uncased"]
    assert (bert["kind"], bert["licence"], bert["supplier"]) == (
        "model",
        "Apache-2.0",
        "Hugging Face Hub: google-bert",
    )
    assert bert["provenance"].startswith("pkg:huggingface/") and bert["missing"] == []
    assert got["imdb"]["provenance"] == "https://example.org/imdb"
    assert got["Hugging Face Hub: google-bert"]["kind"] == "vendor"
    assert got["left-pad"]["missing"] == ["licence", "provenance"]
    assert "the project itself" not in got


@pytest.mark.parametrize(
    "raw",
    [b"not json", b"[1]", json.dumps({"bomFormat": "SPDX"}).encode(), b"[" * 100_000],
)
def test_a_bad_bom_is_a_one_line_error(kit: Kit, raw: bytes) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", f"{API}/bom", content=raw)
    assert r.status_code == 400 and "\n" not in r.json()["error"]


def test_a_bom_over_the_form_limit_is_refused(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    big = json.dumps({**HUB_BOM, "pad": "x" * (1024 * 1024)})
    assert kit.api(eng, "POST", f"{API}/bom", content=big).status_code == 413


def test_long_fields_are_cut_to_their_columns(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    doc = {"bomFormat": "CycloneDX", "components": [{"type": "data", "name": "n" * 5000}]}
    assert kit.api(eng, "POST", f"{API}/bom", json=doc).status_code == 200
    (entry,) = kit.api(eng, "GET", API).json()
    assert len(entry["name"]) == 500


@pytest.mark.parametrize("extra", [{"source": "bom"}, {"added_by": "eve"}, {"sha256": "0" * 64}])
def test_mass_assignment_is_refused(kit: Kit, extra: dict[str, Any]) -> None:
    eng = kit.user("ml-engineer")
    body = {"kind": "vendor", "name": "Acme Labelling", **extra}
    r = kit.api(eng, "POST", API, json=body)
    assert r.status_code == 422 and next(iter(extra)) in r.json()["error"]


def test_other_projects_and_roles(kit: Kit) -> None:
    root = kit.user("admin", scope="*")
    kit.api(root, "POST", "/api/v1/projects/beta/third-parties/bom", json=HUB_BOM)
    eng, viewer = kit.user("ml-engineer"), kit.user("viewer")
    assert kit.api(eng, "GET", "/api/v1/projects/beta/third-parties").status_code == 404
    assert kit.api(eng, "GET", API).json() == []  # beta's entries are not alpha's
    assert kit.api(viewer, "GET", API).status_code == 200
    assert kit.api(viewer, "POST", f"{API}/bom", json=HUB_BOM).status_code == 404


def test_page_adds_and_reads_a_bom_with_csrf(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    c, csrf = kit.browser(eng, "/projects/alpha/third-parties")
    form = {"kind": "vendor", "name": "Acme Labelling", "notes": "labels our data"}
    assert c.post("/projects/alpha/third-parties", data=form).status_code == 403
    assert c.post("/projects/alpha/third-parties", data={**form, "csrf": csrf}).status_code == 303
    bom = {"csrf": csrf, "bom": json.dumps(HUB_BOM)}
    assert c.post("/projects/alpha/third-parties", data=bom).status_code == 303
    names = set(_by_name(kit, eng))
    assert {"Acme Labelling", "imdb", "google-bert/bert-base-uncased"} <= names


@pytest.mark.parametrize("field", ["name", "version", "supplier", "licence", "provenance"])
def test_free_text_from_a_bom_is_escaped(kit: Kit, field: str) -> None:
    eng = kit.user("ml-engineer")
    component: dict[str, Any] = {"type": "library", "name": "lib"}
    match field:
        case "supplier":
            component["supplier"] = {"name": XSS}
        case "licence":
            component["licenses"] = [{"license": {"name": XSS}}]
        case "provenance":
            component["purl"] = XSS
        case _:
            component[field] = XSS
    doc = {"bomFormat": "CycloneDX", "components": [component]}
    assert kit.api(eng, "POST", f"{API}/bom", json=doc).status_code == 200
    c, _ = kit.browser(eng, "/projects/alpha/third-parties")
    page = c.get("/projects/alpha/third-parties").text
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_notes_are_escaped(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    kit.api(eng, "POST", API, json={"kind": "vendor", "name": "v", "notes": XSS})
    c, _ = kit.browser(eng, "/projects/alpha/third-parties")
    page = c.get("/projects/alpha/third-parties").text
    assert "<script" not in page and "&lt;script&gt;" in page


RECORDS = {
    "models": [
        {
            "id": "bert",
            "source": "hf://google-bert/bert-base-uncased",
            "licence": "Apache-2.0",
            "revision": "86b5e09",
            "files": [{"path": "models/bert.safetensors", "sha256": "a" * 64}],
        },
        {"id": "churn", "source": "internal training pipeline", "licence": "proprietary"},
    ],
    "datasets": [{"id": "imdb", "source": "https://huggingface.co/datasets/stanfordnlp/imdb"}],
}


def test_the_register_is_fed_from_model_and_dataset_records(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", f"{API}/records", json=RECORDS)
    assert r.status_code == 200, r.text
    assert r.json() == {"added": 5, "updated": 0}
    got = _by_name(kit, eng)
    bert = got["models/bert.safetensors"]  # the file's entry, the one the BOM names
    assert (bert["kind"], bert["licence"], bert["sha256"], bert["source"]) == (
        "model",
        "Apache-2.0",
        "a" * 64,
        "records",
    )
    assert bert["provenance"] == "pkg:huggingface/google-bert/bert-base-uncased@86b5e09"
    assert bert["supplier"] == "Hugging Face Hub: google-bert" and bert["missing"] == []
    assert got["Hugging Face Hub: google-bert"]["kind"] == "vendor"
    assert got["churn"]["provenance"] == "internal training pipeline"
    imdb = got["stanfordnlp/imdb"]  # no file: named by its Hub repository
    assert imdb["kind"] == "dataset" and imdb["provenance"] == "pkg:huggingface/stanfordnlp/imdb"
    assert imdb["missing"] == ["licence"]
    assert kit.api(eng, "POST", f"{API}/records", json=RECORDS).json() == {"added": 0, "updated": 0}
    first = kit.events("third-party:recorded")[0]
    details = json.loads(first.details)
    assert (details["source"], details["added"], details["updated"]) == ("records", 5, 0)


def test_records_complete_the_bom_s_entries(kit: Kit, tmp_path: Path) -> None:
    from secplan.bom import records_payload, render_bom

    proj = tmp_path / "churn"  # the server's database is in tmp_path
    (proj / "models").mkdir(parents=True)
    (proj / "models" / "churn.onnx").write_bytes(b"\x08\x07" + b"\0" * 64)
    (proj / "models" / "other.onnx").write_bytes(b"\x08\x07" + b"\1" * 64)
    rec = proj / ".secplan" / "models"
    rec.mkdir(parents=True)
    (rec / "churn.toml").write_text(
        'path = "models/churn.onnx"\nsource = "hf://acme/churn"\nrevision = "1a2b"\n'
        'licence = "MIT"\nowner = "ml@example.com"\n'
    )
    (proj / ".secplan" / "datasets").mkdir()
    (proj / ".secplan" / "datasets" / "all.toml").write_text('paths = ["**"]\nlabel = "internal"\n')
    bom = render_bom(proj)
    payload = records_payload(proj, bom)
    (model,) = payload["models"]
    assert [f["path"] for f in model["files"]] == ["models/churn.onnx"]
    assert payload["datasets"] == [  # a dataset record covers data files only
        {"id": "all", "source": "", "licence": "", "revision": "", "files": []}
    ]
    eng = kit.user("ml-engineer")
    assert kit.api(eng, "POST", f"{API}/bom", content=bom).json()["added"] == 2
    assert kit.api(eng, "POST", f"{API}/records", json=payload).json() == {
        "added": 2,  # the vendor, and the dataset record that covers no file (by its id)
        "updated": 1,
    }
    # the BOM again keeps what the record says (its file: path says less than the record)
    assert kit.api(eng, "POST", f"{API}/bom", content=bom).json() == {"added": 0, "updated": 0}
    got = _by_name(kit, eng)
    churn = got["models/churn.onnx"]
    assert churn["provenance"] == "pkg:huggingface/acme/churn@1a2b" and churn["licence"] == "MIT"
    assert churn["sha256"] == model["files"][0]["sha256"] and churn["missing"] == []
    assert got["models/other.onnx"]["missing"] == ["licence"]


def _records(**record: Any) -> dict[str, Any]:
    return {"models": [{"id": "m", **record}]}


@pytest.mark.parametrize(
    ("body", "word"),
    [
        (_records(source="s" * 801), "source"),
        (_records(licence="x" * 501), "licence"),
        (_records(revision="r" * 101), "revision"),
        (_records(id=""), "id"),
        (_records(source="hf://a/b\x00"), "NUL"),
        (_records(files=[{"path": "m.bin\x00"}]), "NUL"),
        (_records(files=[{"path": "m.bin", "sha256": "not-a-digest"}]), "sha256"),
        (_records(files=[{"path": "m.bin", "size": 1}]), "size"),
        (_records(licence=["MIT"]), "licence"),
        (_records(source=5), "source"),
        (_records(files="m.bin"), "files"),
        (_records(owner="me"), "owner"),  # a field the route does not define
        ({"models": {"id": "m"}}, "models"),
        ({"models": [], "evidence": []}, "evidence"),
        ({"models": [{"id": str(i)} for i in range(10_001)]}, "models"),
        (_records(files=[{"path": f"{i}.bin"} for i in range(10_000)]), "10000"),
    ],
)
def test_hostile_records_are_refused(kit: Kit, body: Any, word: str) -> None:
    eng = kit.user("ml-engineer")
    r = kit.api(eng, "POST", f"{API}/records", json=body)
    assert r.status_code == 422, r.text
    assert word in r.json()["error"] and "\n" not in r.json()["error"]
    assert kit.api(eng, "GET", API).json() == []


def test_records_over_the_form_limit_are_refused(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    big = json.dumps(_records(files=[{"path": "p" * 500, "sha256": "a" * 64}] * 3000))
    assert kit.api(eng, "POST", f"{API}/records", content=big).status_code == 413


def test_records_of_other_projects_and_roles(kit: Kit) -> None:
    eng, viewer = kit.user("ml-engineer"), kit.user("viewer")
    url = "/api/v1/projects/beta/third-parties/records"
    assert kit.api(eng, "POST", url, json=RECORDS).status_code == 404
    assert kit.api(viewer, "POST", f"{API}/records", json=RECORDS).status_code == 404
    assert kit.api(eng, "GET", API).json() == []


def test_free_text_from_records_is_escaped(kit: Kit) -> None:
    eng = kit.user("ml-engineer")
    body = _records(id=XSS, source=XSS, licence=XSS, revision="r")
    assert kit.api(eng, "POST", f"{API}/records", json=body).status_code == 200
    c, _ = kit.browser(eng, "/projects/alpha/third-parties")
    page = c.get("/projects/alpha/third-parties").text
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page
