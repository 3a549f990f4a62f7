"""Start-up stays light: ``import secplan`` and ``secplan --version`` load no database, crypto
or command-line machinery."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("typer", "click", "rich", "sqlalchemy", "alembic", "cryptography", "pydantic")


def _loaded_after(code: str) -> list[str]:
    probe = (
        "import sys, json\n"
        f"{code}\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    loaded: list[str] = json.loads(out.strip().splitlines()[-1])
    return loaded


def test_importing_secplan_loads_nothing_heavy() -> None:
    assert _loaded_after("import secplan") == []


def test_version_answers_before_the_command_line_loads() -> None:
    code = "sys.argv = ['secplan', '--version']\nfrom secplan.cli import main\nmain()"
    assert _loaded_after(code) == []


def test_model_names_still_resolve_from_the_package() -> None:
    import secplan

    assert secplan.Severity.CRITICAL > secplan.Severity.HIGH
    assert secplan.Finding.__name__ == "Finding"
