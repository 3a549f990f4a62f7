"""Shared fixtures: a clean environment, the demo project, golden files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No test asserts a wall-clock time, and Hypothesis's per-example deadline and "too slow"
# check would be exactly that: on a loaded machine they fail tests that behave correctly.
settings.register_profile("secplan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("secplan")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo-project"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = date(2026, 12, 2)
#: Read before the autouse fixture clears SECPLAN_* variables.
REQUIRE_TOOLS = os.environ.get("SECPLAN_REQUIRE_TOOLS") == "1"


def require_tool(name: str) -> str:
    """The path of a system tool a test needs; skip without it (fail when CI requires it)."""
    import shutil

    path = shutil.which(name)
    if path is None:
        if REQUIRE_TOOLS:
            pytest.fail(f"SECPLAN_REQUIRE_TOOLS=1 but {name} is not installed (make tools)")
        pytest.skip(f"{name} not installed (make test installs it where it can)")
    return path


def require_weasyprint() -> None:
    """Skip a PDF test without WeasyPrint or the Pango it loads (fail when CI requires it)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        if REQUIRE_TOOLS:
            pytest.fail(f"SECPLAN_REQUIRE_TOOLS=1 but WeasyPrint cannot load ({exc})")
        pytest.skip(f"WeasyPrint cannot load ({exc}): pip install -e '.[pdf]', make tools")


pytest_plugins = ["tests.dbs"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden files")


@pytest.fixture(scope="session")
def _session_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("secplan-home")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, _session_home: Path) -> None:
    for key in list(os.environ):
        if key.startswith("SECPLAN_") or key == "SOURCE_DATE_EPOCH":
            monkeypatch.delenv(key, raising=False)
    # secplan's own state (database, audit key) never lands in the real home directory
    monkeypatch.setenv("SECPLAN_HOME", str(_session_home))


def build_demo(dest: Path) -> Path:
    """A copy of the demo project with its model trained and file modes fixed."""
    shutil.copytree(DEMO, dest, ignore=shutil.ignore_patterns("models", "__pycache__"))
    subprocess.run([sys.executable, str(dest / "train.py")], check=True, capture_output=True)
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dest


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo-project")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path.name}; run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} differs; if intended, run pytest --update-golden"
