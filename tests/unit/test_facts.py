"""Applicability from what the scan found: personal data, training code, pre-trained models,
cloud AI services, public datasets and serving make their controls apply, and the reasons
say where they were found."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from secplan.model import Fact, Status
from tests.helpers import scan, write

PII = "name,ssn,card\nMaria Gonzalez,536-22-1847,4539 1488 0343 6467\n" * 3


def _status(root: Path, control: str) -> tuple[Status, tuple[str, ...]]:
    c = scan(root).posture.get(control)
    return c.status, c.reasons


def test_personal_data_found_makes_its_controls_apply(tmp_path: Path) -> None:
    write(
        tmp_path,
        "notes/ops.txt",
        "Customer Maria Gonzalez, SSN 536-22-1847, card 4539 1488 0343 6467\n",
    )
    a = scan(tmp_path)
    assert Fact.PERSONAL_DATA in a.facts and Fact.SENSITIVE_DATA in a.facts
    sc2 = a.posture.get("SC2")
    assert sc2.status is not Status.NOT_APPLICABLE
    assert "applies: personal_data (found in notes/ops.txt)" in sc2.reasons
    ds1 = a.posture.get("DS1")  # a document, not a dataset: only the data found makes it apply
    assert ds1.status is not Status.NOT_APPLICABLE
    assert any(
        r.startswith("obligation: personal data found in 1 file(s) (notes/ops.txt)")
        for r in ds1.reasons
    )
    for cid in ("DS4", "DS6", "SC3"):
        assert a.posture.get(cid).status is not Status.NOT_APPLICABLE, cid


def test_personal_data_counts_even_when_its_findings_are_not_reported(tmp_path: Path) -> None:
    write(tmp_path, "data/c.csv", PII)
    write(tmp_path, "secplan.toml", 'select = ["MF"]\n')
    a = scan(tmp_path)
    assert not a.report.findings  # DT201 was found, and left out of the report
    assert Fact.PERSONAL_DATA in a.facts
    assert a.posture.get("SC2").status is not Status.NOT_APPLICABLE


def _notebook(*cells: tuple[str, str]) -> str:
    """A notebook of code cells: (source, text of its one output or "")."""
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "source": source,
                    "outputs": [{"output_type": "stream", "text": out}] if out else [],
                }
                for source, out in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_personal_data_in_notebook_outputs_counts(tmp_path: Path) -> None:
    out = "Maria Gonzalez, maria.g@mail.es, SSN 536-22-1847\n"
    write(tmp_path, "explore.ipynb", _notebook(("df.head()", out)))
    assert Fact.PERSONAL_DATA in scan(tmp_path).facts


@pytest.mark.parametrize(
    ("fact", "source", "control"),
    [
        (
            Fact.DEVELOPS_MODELS,
            "from sklearn.linear_model import LogisticRegression\n"
            "m = LogisticRegression()\nm.fit(X, y)\n",
            "SC2",
        ),
        (
            Fact.DEVELOPS_MODELS,
            "import torch\nfor x, y in data:\n    loss = f(model(x), y)\n    loss.backward()\n",
            "MS1",
        ),
        (
            Fact.DEVELOPS_MODELS,
            "from transformers import Trainer\nTrainer(model=m, args=a).train()\n",
            "SC2",
        ),
        (
            Fact.USES_PRETRAINED_MODELS,
            "from transformers import AutoModel as M\nm = M.from_pretrained('bert-base-uncased')\n",
            "MS3",
        ),
        (
            Fact.USES_PRETRAINED_MODELS,
            "import torch\nm = torch.hub.load('pytorch/vision:v0.10.0', 'resnet18')\n",
            "SC6",
        ),
        (Fact.USES_CLOUD_AI, "from openai import OpenAI\nOpenAI().responses.create()\n", "MS3"),
        (
            Fact.USES_CLOUD_AI,
            "import boto3\nc = boto3.client('bedrock-runtime')\n",
            "SC6",
        ),
        (
            Fact.USES_PUBLIC_DATASETS,
            "from datasets import load_dataset\nds = load_dataset('imdb')\n",
            "DS5",
        ),
        (
            Fact.USES_PUBLIC_DATASETS,
            "from sklearn.datasets import fetch_openml\nX = fetch_openml('mnist_784')\n",
            "DS3",
        ),
    ],
)
def test_code_shows_what_the_project_does(
    tmp_path: Path, fact: Fact, source: str, control: str
) -> None:
    assert _status(tmp_path, control)[0] is Status.NOT_APPLICABLE
    write(tmp_path, "src/job.py", source)
    a = scan(tmp_path)
    assert fact in a.facts
    c = a.posture.get(control)
    assert c.status is not Status.NOT_APPLICABLE
    assert any(f"{fact.value} (found in src/job.py" in r for r in c.reasons), c.reasons


def test_training_in_a_notebook_counts(tmp_path: Path) -> None:
    cells = (
        ("!pip install xgboost==2.0.3", ""),
        ("import xgboost as xgb\nb = xgb.train(p, d)", ""),
    )
    write(tmp_path, "train.ipynb", _notebook(*cells))
    assert Fact.DEVELOPS_MODELS in scan(tmp_path).facts


@pytest.mark.parametrize(
    "source",
    [
        "x = 'model.fit(X, y)'  # model.fit(X, y)\n",  # in a string and a comment
        "import csv\nrows = list(csv.reader(f))\nrows.sort()\n",
        "def fit(a):\n    return a\nfit(1)\n",  # a plain function called fit, no ML library
        "import requests\nrequests.get('https://api.openai.com')\n",
    ],
)
def test_code_that_does_none_of_it_changes_nothing(tmp_path: Path, source: str) -> None:
    write(tmp_path, "src/job.py", source)
    facts = scan(tmp_path).facts
    found = {
        Fact.DEVELOPS_MODELS,
        Fact.USES_PRETRAINED_MODELS,
        Fact.USES_CLOUD_AI,
        Fact.USES_PUBLIC_DATASETS,
        Fact.PERSONAL_DATA,
    }
    assert not (found & facts.facts)


def test_found_outweighs_a_declaration_of_false(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", "[profile]\ndevelops_models = false\n")
    write(tmp_path, "fit.py", "import sklearn.svm\nsklearn.svm.SVC().fit(X, y)\n")
    status, reasons = _status(tmp_path, "SC2")
    assert status is not Status.NOT_APPLICABLE
    assert any("declared false in secplan.toml" in r and "fit.py" in r for r in reasons)


def test_serving_manifests_and_archives_count(tmp_path: Path) -> None:
    write(
        tmp_path,
        "deploy/isvc.yaml",
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
        "metadata:\n  name: churn\nspec:\n  predictor:\n    sklearn:\n"
        "      storageUri: s3://models/churn\n",
    )
    assert Fact.SERVING in scan(tmp_path).facts


def test_every_not_applicable_reason_names_facts_a_scan_can_find(tmp_path: Path) -> None:
    """Every fact a control's applicability names is either declared or found by a scan."""
    from secplan.catalog import load_catalog
    from secplan.facts import FOUND_BY_SCAN
    from secplan.model.control import PROFILE_FACTS

    for control in load_catalog().controls:
        for fact in control.applies_when:
            assert fact is Fact.ALWAYS or fact in FOUND_BY_SCAN, (control.id, fact)
    assert PROFILE_FACTS <= FOUND_BY_SCAN  # a profile fact can be found as well as declared
    write(tmp_path, "m.pkl", pickle.dumps(1, protocol=4))  # keep the scan non-trivial
    assert scan(tmp_path).posture
