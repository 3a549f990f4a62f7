"""secplan model test from the command line: the card and evidence of a run, and bad input
(a one-line error naming the file and the fix, exit 2, nothing written)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from secplan.cli.app import app
from tests.helpers import write
from tests.unit.assurance.conftest import make_project

#: A protocol-0 pickle that would call os.system with a harmless canary; never loaded.
FLAGGED_PICKLE = b"cos\nsystem\n(S'echo canary'\ntR."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("cli"), "biased", n=400)


def _run(root: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, ["model", "test", *args])
    return r.exit_code, r.stdout, r.stderr


def _nothing_written(root: Path) -> None:
    assert not (root / ".secplan").exists()
    assert not (root / "card.html").exists()


def test_a_failing_model_gets_evidence_a_card_and_exit_1(
    tmp_path: Path, project: Path, audit_home: Path
) -> None:
    card = tmp_path / "card.html"
    code, out, err = _run(
        project,
        str(project / "model.joblib"),
        "-d",
        str(project / "data.csv"),
        "-s",
        "sex",
        "--card",
        str(card),
    )
    assert code == 1, err
    assert "FAIL     fairness:sex" in out
    records = sorted(p.name for p in (project / ".secplan" / "evidence").iterdir())
    assert [n.rsplit("-", 1)[1] for n in records] == [
        "ms3.toml",
        "ms3.toml.sig",
        "ms4.toml",
        "ms4.toml.sig",
        "sc2.toml",
        "sc2.toml.sig",
    ]
    html = card.read_text()
    assert html.count("<svg") == 2  # the robustness curve and the fairness bars of sex
    assert "demographic-parity difference" in html and "<script" not in html


def test_markdown_card_on_stdout_without_records(tmp_path: Path, audit_home: Path) -> None:
    root = make_project(tmp_path, "fair", n=300)
    code, out, err = _run(
        root,
        str(root / "model.joblib"),
        "-d",
        str(root / "data.csv"),
        "--no-record",
        "-f",
        "markdown",
    )
    assert code == 0, err
    assert out.startswith("# Model card: model.joblib")
    assert "| Attack strength | Accuracy under attack |" in out
    _nothing_written(root)


def _bad(root: Path, *args: str) -> str:
    code, out, err = _run(root, *args)
    assert code == 2, (out, err)
    assert err.startswith("secplan: error: ") and err.count("\n") == 1, err
    _nothing_written(root)
    return err


def _fresh(tmp_path: Path) -> Path:
    write(tmp_path, ".git/HEAD", "")
    write(tmp_path, "data.csv", "x0,x1,y\n0.1,2,0\n0.5,1,1\n0.9,3,1\n0.2,1,0\n")
    return tmp_path


def test_missing_target(tmp_path: Path, project: Path) -> None:
    root = _fresh(tmp_path)
    err = _bad(root, str(project / "model.joblib"), "-d", str(root / "data.csv"), "-t", "label")
    assert "data.csv: the target column 'label' is missing" in err and "--target" in err


def test_columns_that_do_not_match(tmp_path: Path, project: Path) -> None:
    root = _fresh(tmp_path)
    model = str(project / "model.joblib")
    err = _bad(root, model, "-d", str(root / "data.csv"), "-t", "y", "-s", "sex")
    assert "column(s) 'sex' are not in the dataset" in err
    # the model was fitted on other columns than the data has
    err = _bad(root, model, "-d", str(root / "data.csv"), "-t", "y")
    assert "data.csv: column(s) 'age', 'sex' are not in the dataset" in err


def test_model_that_cannot_be_loaded(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    write(root, "model.joblib", b"not a model at all")
    err = _bad(root, str(root / "model.joblib"), "-d", str(root / "data.csv"), "-t", "y")
    assert "model.joblib: the model cannot be loaded" in err


def test_flagged_model_is_refused_unloaded(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    write(root, "model.pkl", FLAGGED_PICKLE)
    err = _bad(root, str(root / "model.pkl"), "-d", str(root / "data.csv"), "-t", "y")
    assert "model.pkl: refused: secplan model scan flags it (MF101" in err


def test_the_model_runs_without_network(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    write(
        root,
        "loader.py",
        "import socket\ndef load():\n    socket.create_connection(('127.0.0.1', 9))\n",
    )
    err = _bad(root, str(root / "loader.py"), "-d", str(root / "data.csv"), "-t", "y")
    assert "loader.py: the model tried to reach the network" in err


def test_a_run_over_its_cpu_limit_is_stopped(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    write(root, "secplan.toml", "[assurance]\ncpu_seconds = 2\n")
    write(root, "loader.py", "def predict(x):\n    while True:\n        pass\n")
    err = _bad(root, str(root / "loader.py"), "-d", str(root / "data.csv"), "-t", "y")
    assert "loader.py: the test exceeded its limits (2 CPU seconds" in err


def test_a_text_column_with_too_many_values_or_gaps_is_not_a_category(tmp_path: Path) -> None:
    root = _fresh(tmp_path)
    rows = "".join(f"0.{i},id-{i},{i % 2}\n" for i in range(1200))
    write(root, "data.csv", "x0,customer,y\n" + rows)
    write(root, "loader.py", "def predict(x):\n    return [0] * len(x)\n")
    err = _bad(root, str(root / "loader.py"), "-d", str(root / "data.csv"), "-t", "y")
    assert "data.csv: column 'customer' holds 1200 different texts" in err
    write(root, "data.csv", "x0,colour,y\n0.1,red,0\n0.5,,1\n")
    err = _bad(root, str(root / "loader.py"), "-d", str(root / "data.csv"), "-t", "y")
    assert "data.csv: empty values in the text column 'colour'" in err


def test_missing_libraries_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from secplan.assurance import run

    root = _fresh(tmp_path)
    monkeypatch.setattr(run, "LIBRARIES", (("no_such_module_x", "no-such-dist"),))
    write(root, "model.joblib", b"never read")
    err = _bad(root, str(root / "model.joblib"), "-d", str(root / "data.csv"), "-t", "y")
    assert "needs libraries that are not installed: no-such-dist" in err
    assert "secplan[assurance]" in err
