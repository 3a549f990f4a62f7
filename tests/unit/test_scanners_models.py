"""MF00x: signatures, code-executing formats, provenance and model cards."""

from __future__ import annotations

import pickle
from pathlib import Path

from secplan.model import Confidence
from tests.helpers import findings_of, rules_of, scan, write

PICKLE = pickle.dumps({"weights": [0.1, 0.2]}, protocol=4)
SAFETENSORS_LIKE = b'\x10\x00\x00\x00\x00\x00\x00\x00{"a": 1}        '


def test_unsigned_model_and_signature_in_a_parent_directory(tmp_path: Path) -> None:
    write(tmp_path, "models/v1/model.pkl", PICKLE)
    [f] = findings_of(scan(tmp_path), "MF001")
    assert f.location.path == "models/v1/model.pkl" and f.controls == ("MS1",)
    write(tmp_path, "models/model.sig", "{}")
    assert "MF001" not in rules_of(scan(tmp_path))


def test_signature_beside_the_file(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", PICKLE)
    write(tmp_path, "m.pkl.sig", "{}")
    assert "MF001" not in rules_of(scan(tmp_path))


def test_pickle_format_is_flagged_by_content_not_name(tmp_path: Path) -> None:
    write(tmp_path, "labels.csv", PICKLE)  # a pickle in disguise
    write(tmp_path, "w.safetensors", SAFETENSORS_LIKE)
    a = scan(tmp_path)
    [f] = findings_of(a, "MF002")
    assert f.location.path == "labels.csv" and f.confidence is Confidence.HIGH
    assert "(from file content)" in f.evidence


def test_provenance_record(tmp_path: Path) -> None:
    write(tmp_path, "models/m.pkl", PICKLE)
    assert findings_of(scan(tmp_path), "MF003")[0].evidence == "no model record"
    write(tmp_path, ".secplan/models/m.toml", 'path = "models/m.pkl"\nsource = "internal"\n')
    assert "lacks licence" in findings_of(scan(tmp_path), "MF003")[0].evidence
    write(
        tmp_path,
        ".secplan/models/m.toml",
        'path = "models/m.pkl"\nsource = "internal"\nlicence = "proprietary"\n',
    )
    assert "MF003" not in rules_of(scan(tmp_path))


def test_model_card(tmp_path: Path) -> None:
    write(tmp_path, "models/m.pkl", PICKLE)
    write(tmp_path, "README.md", "# project\n")  # the project README is not a model card
    assert "MF004" in rules_of(scan(tmp_path))
    write(tmp_path, "models/README.md", "# Model card\n")
    assert "MF004" not in rules_of(scan(tmp_path))


def test_model_card_named_in_record_must_exist(tmp_path: Path) -> None:
    write(tmp_path, "m.pkl", PICKLE)
    write(tmp_path, ".secplan/models/m.toml", 'path = "m.pkl"\ncard = "docs/card.md"\n')
    assert "MF004" in rules_of(scan(tmp_path))
    write(tmp_path, "docs/card.md", "# card\n")
    assert "MF004" not in rules_of(scan(tmp_path))


def test_pickled_list_of_indices_is_data_not_a_model(tmp_path: Path) -> None:
    # stable-diffusion's data/imagenet_val_hr_indices.p: no class, no float, no weights
    write(tmp_path, "data/indices.p", pickle.dumps(list(range(0, 5000, 7)), protocol=2))
    rules = rules_of(scan(tmp_path))
    assert "MF001" in rules and "MF002" in rules  # still a pickle that code unpickles
    assert "MF003" not in rules and "MF004" not in rules
