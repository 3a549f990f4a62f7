"""The lean entry of ``secplan model sign|verify`` gives the output, the exit code and the
audit events of the full command line, and loads none of its machinery.

Each case runs both entries in a subprocess: ``secplan.cli.main`` (which takes the lean path
when it can) and the typer application itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secplan.cli.sign_command import parse
from tests.helpers import reader_goes_away, write

from .test_signing import keypair

LEAN = "import sys; from secplan.cli import main; sys.argv[0] = 'secplan'; main()"
FULL = "import sys; from secplan.cli.app import main; sys.argv[0] = 'secplan'; main()"


def _run(entry: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120", "SECPLAN_HOME": str(cwd / "home")}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "SECPLAN_SERVER", "SIGSTORE_ID_TOKEN"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", entry, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "m", "config.json", '{"layers": 2}')
    write(tmp_path / "m", "weights/part-0.bin", os.urandom(100_000))
    keypair(tmp_path, "key")
    keypair(tmp_path, "other")
    return tmp_path


def _actions(cwd: Path) -> list[str]:
    """The actions of the project's audit trail, oldest first (without reading it)."""
    log = _run(FULL, ["audit", "log", "--format", "json"], cwd)
    assert log.returncode == 0, log.stderr
    events = [json.loads(line) for line in log.stdout.splitlines() if line.strip()]
    return [e["action"] for e in events if e["action"] != "audit:read"]


def _both(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], ...]:
    lean, full = _run(LEAN, args, cwd), _run(FULL, args, cwd)
    assert "Traceback" not in lean.stderr + full.stderr
    return lean, full


def test_sign_and_verify_match_the_full_command(project: Path) -> None:
    sign = ["model", "sign", "m", "--key", "key.pem", "--signature=m.sig"]
    lean = _run(LEAN, sign, project)
    events = _actions(project)  # the access check and the signing, recorded by each entry
    full = _run(FULL, sign, project)
    assert "model:signed" in events and _actions(project) == events + events
    assert (lean.returncode, lean.stdout, lean.stderr) == (0, "signed m -> m.sig\n", "")
    assert (full.returncode, full.stdout, full.stderr) == (0, lean.stdout, "")
    write(project / "m", ".github/workflows/release.yml", "on: push\n")  # not covered
    for args, code in (
        (["--key", "key.pub"], 0),  # verifies, with a warning
        (["--key", "other.pub", "--key=key.pub", "-f", "json"], 0),
        (["--key", "key.pub", "--strict"], 1),  # a file the signature does not cover
        (["--key", "other.pub", "--format=json"], 1),  # not by a trusted key
        (["--key", "other.pub"], 1),
    ):
        lean, full = _both(["model", "verify", "m", "--signature", "m.sig", *args], project)
        assert lean.returncode == full.returncode == code, lean.stderr + full.stderr
        assert lean.stdout == full.stdout and lean.stderr == full.stderr
        assert lean.stdout
    write(project / "m", "weights/part-0.bin", b"tampered")
    lean, full = _both(
        ["model", "verify", "m", "--signature", "m.sig", "--key", "key.pub"], project
    )
    assert lean.returncode == full.returncode == 1
    assert lean.stdout == full.stdout and "changed: weights/part-0.bin" in lean.stdout
    assert _actions(project).count("model:verify") == 2 * 2 * 6  # the check and the outcome


@pytest.mark.parametrize(
    "args",
    [
        ["model", "sign", "missing", "--key", "key.pem"],  # input error: exit 2, one line
        ["model", "sign", "m", "--key", "key.pub"],  # not a private key
        ["model", "verify", "m", "--key", "key.pem"],  # not a public key
        ["model", "verify", "m"],  # no trusted keys configured, no signature
        ["model", "sign", "m", "n", "--key", "key.pem"],  # usage error: the full command's
        ["model", "verify", "m", "--colour"],  # unknown option: the full command's
        ["model", "sign", "m", "--key"],  # a value missing: click's message
        ["model", "verify"],  # no path
    ],
)
def test_errors_match_the_full_command(project: Path, args: list[str]) -> None:
    lean, full = _both(args, project)
    assert lean.returncode == full.returncode == 2
    assert (lean.stdout, lean.stderr) == (full.stdout, full.stderr)
    assert lean.stderr.startswith(("secplan: error: ", "Usage:", "Error: "))


@pytest.mark.parametrize("command", ["sign", "verify"])
def test_the_lean_entry_loads_no_command_line_framework(project: Path, command: str) -> None:
    key = "key.pem" if command == "sign" else "key.pub"
    if command == "verify":
        assert _run(LEAN, ["model", "sign", "m", "--key", "key.pem"], project).returncode == 0
    probe = (
        "import sys\n"
        f"sys.argv = ['secplan', 'model', {command!r}, 'm', '--key', {key!r}]\n"
        "from secplan.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    print(e.code, sorted({'typer', 'click', 'rich'} & set(sys.modules)))\n"
    )
    res = _run(probe, [], project)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[-1] == "0 []"


@pytest.mark.parametrize(
    "command, args",
    [
        ("sign", ["m", "--help"]),
        ("sign", ["--key", "k.pem"]),
        ("sign", ["m", "--key="]),
        ("sign", ["m", "--keyless=yes"]),
        ("verify", ["m", "--keyless"]),
        ("verify", ["m", "-fjson"]),
        ("verify", ["m", "--", "n"]),
    ],
)
def test_what_the_lean_entry_leaves_to_the_full_command(command: str, args: list[str]) -> None:
    assert parse(command, args) is None


def test_the_data_commands_keep_their_kind(project: Path) -> None:
    res = _run(FULL, ["data", "sign", "m", "--key", "key.pem"], project)
    assert res.returncode == 0, res.stderr
    assert _actions(project) == ["data:sign", "data:signed"]


def test_a_reader_that_goes_away_is_no_traceback(project: Path) -> None:
    assert _run(LEAN, ["model", "sign", "m", "--key", "key.pem"], project).returncode == 0
    env = {**os.environ, "SECPLAN_HOME": str(project / "home")}
    for entry in (LEAN, FULL):
        argv = [sys.executable, "-c", entry, "model", "verify", "m", "--key", "key.pub"]
        assert reader_goes_away([*argv, "-f", "json"], project, env) == (1, ""), entry
