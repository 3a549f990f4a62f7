"""secplan model harden on small models trained here: adversarial training makes a model that
leans on many weak features harder to flip, the trade-off is reported, and bad input writes
nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from secplan.cli.app import app
from secplan.model import Severity
from tests.unit.assurance.conftest import make_project

HARDEN_SETTINGS = """[assurance]
target = "y"
attack_samples = 40
attack_iterations = 5
attack_evaluations = 100
cpu_seconds = 120
"""


def _split(root: Path, rows: int) -> None:
    """``data.csv`` split into ``train.csv`` (the first ``rows`` rows) and ``holdout.csv``."""
    head, *body = (root / "data.csv").read_text(encoding="utf-8").splitlines()
    (root / "train.csv").write_text("\n".join([head, *body[:rows]]) + "\n", encoding="utf-8")
    (root / "holdout.csv").write_text("\n".join([head, *body[rows:]]) + "\n", encoding="utf-8")


def _wide(root: Path) -> Path:
    """A linear model whose label rests on one strong feature and many weak ones: an
    L-infinity attack moves every weak feature at once, the textbook case where adversarial
    training trades clean accuracy for robustness."""
    import joblib
    from sklearn.linear_model import LogisticRegression

    df, y = wide_data(root)
    joblib.dump(LogisticRegression(C=100).fit(df[:800], y[:800]), root / "model.joblib")
    return root


def wide_data(root: Path) -> tuple[Any, Any]:
    """``root`` with 1000 rows of the wide data (``data.csv``, split into ``train.csv``, the
    first 800, and ``holdout.csv``) and the settings; the features (a DataFrame) and labels."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    pytest.importorskip("art")
    rng = np.random.default_rng(3)
    n, k = 1000, 20
    x = rng.normal(size=(n, k))
    y = (x[:, 0] + 0.15 * x[:, 1:].sum(axis=1) + rng.normal(scale=0.3, size=n) > 0).astype(int)
    df = pd.DataFrame(x, columns=[f"f{i}" for i in range(k)])
    root.mkdir(parents=True, exist_ok=True)
    df.assign(y=y).to_csv(root / "data.csv", index=False)
    _split(root, 800)
    (root / "secplan.toml").write_text(HARDEN_SETTINGS, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)
    return df, y


def _run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["model", "harden", str(root / "model.joblib"), "--train", str(root / "train.csv"),
         "--data", str(root / "holdout.csv"), *args],
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def _digests(root: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.iterdir())
        if p.is_file()
    }


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _wide(tmp_path_factory.mktemp("wide"))


@pytest.fixture(scope="module")
def wide_run(wide: Path) -> dict[str, Any]:
    out = wide / "hardened.joblib"
    code, stdout, stderr = _run(
        wide, "-o", str(out), "--epsilon", "0.25", "--samples", "400", "--rounds", "2",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, stderr
    doc: dict[str, Any] = json.loads(stdout)
    return doc


def test_adversarial_training_makes_the_model_harder_to_flip(wide_run: dict[str, Any]) -> None:
    m = wide_run["metrics"]
    assert m["attack"].startswith("PGD")
    assert m["adversarial_rows"] == 800 and m["rounds"] == 2
    hard, plain = m["hardened"], m["retrained"]
    # the trade-off, both sides of it: farther from the boundary, at some clean accuracy
    assert hard["median_distance"] > 1.5 * plain["median_distance"]
    assert hard["robust_accuracy"]["1.0"] > plain["robust_accuracy"]["1.0"] + 0.15
    assert hard["accuracy"] <= plain["accuracy"]
    assert set(hard["robust_accuracy"]) == {"0.05", "0.1", "0.25", "0.5", "1.0"}


def test_the_hardened_model_is_saved_scans_clean_and_keeps_the_classes(
    wide: Path, wide_run: dict[str, Any]
) -> None:
    import joblib

    from secplan.modelfile.api import analyze_file

    out = wide / "hardened.joblib"
    assert wide_run["output_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    # nothing the scanner would refuse (the info note names the estimator it builds)
    assert all(f.severity < Severity.MEDIUM for f in analyze_file(out, out.name))
    # the files written here are this test's own: loading them is safe
    assert list(joblib.load(out).classes_) == list(joblib.load(wide / "model.joblib").classes_)
    assert not [p for p in wide.iterdir() if p.name.endswith(".partial")]


def test_two_runs_with_the_same_seed_give_identical_metrics(
    wide: Path, wide_run: dict[str, Any]
) -> None:
    code, stdout, stderr = _run(
        wide, "-o", str(wide / "again.joblib"), "--epsilon", "0.25", "--samples", "400",
        "--rounds", "2", "--format", "json",
    )  # fmt: skip
    assert code == 0, stderr
    assert json.loads(stdout)["metrics"] == wide_run["metrics"]


def test_a_tree_is_hardened_with_the_black_box_attack_and_the_table_shows_the_trade_off(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "p", "fragile", n=600)
    _split(root, 480)
    code, stdout, stderr = _run(root, "-o", str(root / "h.joblib"), "--samples", "60")
    assert code == 0, stderr
    assert "HopSkipJump" in stdout
    assert "original" in stdout and "retrained" in stdout and "hardened" in stdout
    assert "under attack at 0.1" in stdout
    assert (root / "h.joblib").is_file()


def test_pgd_on_a_model_without_gradients_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", "fragile", n=300)
    _split(root, 240)
    before = _digests(root)
    code, _, stderr = _run(root, "-o", str(root / "h.joblib"), "--attack", "pgd")
    assert code == 2
    assert "gradient" in stderr and "--attack hopskipjump" in stderr
    assert _digests(root) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("-o", "model.joblib"), "would replace the model"),
        (("-o", "existing.joblib"), "already exists"),
        (("-o", "h.onnx"), "saved with joblib"),
        (("-o", "h.joblib", "--attack", "fgsm"), "unknown attack"),
        (("-o", "h.joblib", "--epsilon", "0"), "out of range"),
        (("-o", "h.joblib", "--target", "nope"), "target column 'nope' is missing"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    root = make_project(tmp_path / "p", "fair", n=200)
    _split(root, 160)
    (root / "existing.joblib").write_bytes(b"keep me")
    before = _digests(root)
    rel = [str(root / a) if a.endswith((".joblib", ".onnx")) else a for a in args]
    code, _, stderr = _run(root, *rel)
    assert code == 2, stderr
    assert expected in stderr and len(stderr.strip().splitlines()) == 1
    assert _digests(root) == before


def test_a_flagged_model_file_is_refused_and_never_loaded(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", "fair", n=200)
    _split(root, 160)
    canary = tmp_path / "canary"
    cmd = f"touch {canary}".encode()
    (root / "model.joblib").write_bytes(
        b"\x80\x02cos\nsystem\n(X" + len(cmd).to_bytes(4, "little") + cmd + b"tR."
    )
    code, _, stderr = _run(root, "-o", str(root / "h.joblib"))
    assert code == 2
    assert "refused" in stderr
    assert not canary.exists()
    assert not (root / "h.joblib").exists()


def test_an_onnx_graph_is_not_retrained(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", "fair", n=200)
    _split(root, 160)
    onnx = root / "model.onnx"
    onnx.write_bytes(b"\x08\x07")
    result = CliRunner().invoke(
        app,
        ["model", "harden", str(onnx), "--train", str(root / "train.csv"),
         "--data", str(root / "holdout.csv"), "-o", str(root / "h.joblib")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "cannot be retrained" in result.stderr
