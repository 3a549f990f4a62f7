"""secplan model harden on a PyTorch module (a small MLP trained here, given by a loader file):
ART's adversarial training makes it harder to flip than the same module trained on clean rows,
the trade-off is reported, the weights are saved only once they scan clean, and bad input
writes nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from secplan.cli.app import app
from secplan.model import Severity
from tests.unit.assurance.test_model_harden import _digests, wide_data
from tests.unit.assurance.test_model_loaders import train_torch

ARGS = ("--epsilon", "0.25", "--epochs", "20")


def _mlp(root: Path) -> Path:
    """The wide data of the scikit-learn case (one strong feature, nineteen weak ones) and an
    MLP trained on its first 800 rows."""
    pytest.importorskip("torch", reason="torch is not installed")
    df, y = wide_data(root)
    train_torch(root, df.to_numpy()[:800], y[:800])
    return root


def _run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["model", "harden", str(root / "loader.py"), "--train", str(root / "train.csv"),
         "--data", str(root / "holdout.csv"), *args],
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def mlp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _mlp(tmp_path_factory.mktemp("mlp"))


@pytest.fixture(scope="module")
def mlp_run(mlp: Path) -> dict[str, Any]:
    code, stdout, stderr = _run(mlp, "-o", str(mlp / "hardened.pt"), *ARGS, "-f", "json")
    assert code == 0, stderr
    doc: dict[str, Any] = json.loads(stdout)
    return doc


def test_adversarial_training_makes_the_module_harder_to_flip(mlp_run: dict[str, Any]) -> None:
    m = mlp_run["metrics"]
    assert "AdversarialTrainer" in m["attack"] and m["epochs"] == 20
    assert m["adversarial_rows"] == 20 * 400  # half of every batch, every epoch
    hard, plain = m["hardened"], m["retrained"]
    assert hard["median_distance"] > 1.5 * plain["median_distance"]
    assert hard["robust_accuracy"]["0.5"] > plain["robust_accuracy"]["0.5"] + 0.15
    assert hard["accuracy"] <= plain["accuracy"]  # the price, reported
    assert set(hard["robust_accuracy"]) == {"0.05", "0.1", "0.25", "0.5", "1.0"}


def test_the_weights_are_saved_scan_clean_and_load_without_pickled_code(
    mlp: Path, mlp_run: dict[str, Any]
) -> None:
    import torch

    from secplan.modelfile.api import analyze_file

    out = mlp / "hardened.pt"
    assert mlp_run["output_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert all(f.severity < Severity.MEDIUM for f in analyze_file(out, out.name))
    hardened = torch.load(out, weights_only=True)
    original = torch.load(mlp / "weights.pt", weights_only=True)
    assert hardened.keys() == original.keys()
    assert torch.equal(hardened["mean"], original["mean"])  # buffers are kept
    assert not torch.equal(hardened["body.0.weight"], original["body.0.weight"])
    assert not [p for p in mlp.iterdir() if p.name.endswith(".partial")]


def test_the_hardened_module_is_tested_through_its_loader(
    tmp_path: Path, mlp: Path, mlp_run: dict[str, Any]
) -> None:
    root = tmp_path / "after"
    shutil.copytree(mlp, root)
    shutil.copy(root / "hardened.pt", root / "weights.pt")
    r = CliRunner().invoke(
        app,
        ["model", "test", str(root / "loader.py"), "-d", str(root / "holdout.csv"),
         "--no-record", "-f", "json"],
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.stderr
    assert json.loads(r.stdout)["metrics"]["accuracy"] == mlp_run["metrics"]["hardened"]["accuracy"]


def test_two_runs_with_the_same_seed_give_identical_metrics(
    mlp: Path, mlp_run: dict[str, Any]
) -> None:
    code, stdout, stderr = _run(mlp, "-o", str(mlp / "again.pt"), *ARGS, "-f", "json")
    assert code == 0, stderr
    again = json.loads(stdout)
    assert again["metrics"] == mlp_run["metrics"]
    import torch

    first = torch.load(mlp / "hardened.pt", weights_only=True)
    second = torch.load(mlp / "again.pt", weights_only=True)
    assert all(torch.equal(first[k], second[k]) for k in first)  # the archive names differ


def test_the_table_names_the_trade_off_and_the_next_step(mlp: Path) -> None:
    code, stdout, stderr = _run(mlp, "-o", str(mlp / "table.pt"), *ARGS[:2], "--epochs", "2")
    assert code == 0, stderr
    assert "in 2 epochs over 800 training rows" in stdout
    assert "the same module trained from the same fresh weights" in stdout
    assert "have loader.py load table.pt" in stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("-o", "h.joblib"), "saved as its weights"),
        (("-o", "h.pt", "--attack", "hopskipjump"), "projected gradient descent"),
        (("-o", "h.pt", "--epochs", "0"), "epochs 0 is out of range"),
        (("-o", "h.pt", "--learning-rate", "2"), "learning rate 2.0 is out of range"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    mlp: Path, args: tuple[str, ...], expected: str
) -> None:
    before = _digests(mlp)
    rel = [str(mlp / a) if a.endswith((".joblib", ".pt")) else a for a in args]
    code, _, stderr = _run(mlp, *rel)
    assert code == 2, stderr
    assert expected in stderr and len(stderr.strip().splitlines()) == 1
    assert _digests(mlp) == before
