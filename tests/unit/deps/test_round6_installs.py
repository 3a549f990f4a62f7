"""Round-6 causes in dependency scanning: conda-lock files, installs in a script placed at
their own line, and images built in code (Modal's ``Image``)."""

from __future__ import annotations

from pathlib import Path

from secplan.scanners.deps.image_installs import parse_python_installs, parse_script_installs
from tests.helpers import findings_of, scan, write

CONDA_LOCK = """\
version: 1
metadata:
  platforms:
    - linux-64
  sources:
    - environment.yml
package:
  - name: pytorch
    version: 2.5.1
    manager: conda
    platform: linux-64
    hash:
      md5: 00000000000000000000000000000000
  - name: mlflow
    version: 2.10.0
    manager: pip
    platform: linux-64
    hash:
      sha256: 1111111111111111111111111111111111111111111111111111111111111111
  - name: numpy
    version: 1.26.4
    manager: conda
    platform: linux-64
"""
ENVIRONMENT = "name: demo\nchannels:\n  - conda-forge\ndependencies:\n  - pytorch>=2.5\n  - numpy\n"


def test_conda_lock_versions_are_checked_for_vulnerabilities(tmp_path: Path, osv_db: Path) -> None:
    write(tmp_path, "env/conda-lock.yml", CONDA_LOCK)
    found = findings_of(scan(tmp_path), "DP101")
    # conda's pytorch is PyPI's torch; each finding sits on the package's version line
    assert sorted((f.location.path, f.location.line) for f in found) == [
        ("env/conda-lock.yml", 9),
        ("env/conda-lock.yml", 15),
    ]


def test_environment_ranges_locked_by_conda_lock_are_not_unpinned(tmp_path: Path) -> None:
    write(tmp_path, "env/environment.yml", ENVIRONMENT)
    write(tmp_path, "env/conda-lock.yml", CONDA_LOCK)
    assert findings_of(scan(tmp_path), "DP001") == []


def test_environment_ranges_without_a_lock_stay_unpinned(tmp_path: Path) -> None:
    write(tmp_path, "env/environment.yml", ENVIRONMENT)
    write(tmp_path, "other/conda-lock.yml", CONDA_LOCK)  # locks another folder's environment
    lines = sorted(f.location.line for f in findings_of(scan(tmp_path), "DP001"))
    assert lines == [5, 6]


def test_script_install_is_placed_at_the_install_not_an_earlier_mention() -> None:
    script = (
        "#!/bin/sh\n"
        "export TRACKER_URL=https://wandb.example.com\n"
        "echo wandb sweep starting\n"
        "pip install wandb\n"
    )
    [dep] = parse_script_installs(script, "run.sh").deps
    assert (dep.name, dep.location.line) == ("wandb", 4)


def test_image_built_in_code_installs_are_read() -> None:
    src = (
        "import modal\n"
        "image = (\n"
        "    modal.Image.debian_slim()\n"
        '    .pip_install("torch==2.5.1", "accelerate")\n'
        '    .pip_install(["numpy==1.26.4", "scipy>=1.11"])\n'
        '    .run_commands("pip install --no-cache-dir einops")\n'
        ")\n"
    )
    deps = parse_python_installs(src, "app.py").deps
    assert sorted((d.location.line, d.name, d.version) for d in deps) == [
        (4, "accelerate", None),
        (4, "torch", "2.5.1"),
        (5, "numpy", "1.26.4"),
        (5, "scipy", None),
        (6, "einops", None),
    ]


def test_image_built_in_code_unpinned_packages_are_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve/app.py",
        'import modal\nimage = modal.Image.debian_slim().pip_install("torch==2.5.1", "vllm")\n',
    )
    [f] = findings_of(scan(tmp_path), "DP001")
    assert (f.location.path, f.location.line) == ("serve/app.py", 2) and "vllm" in f.message


def test_pip_install_methods_of_unrelated_objects_need_string_arguments() -> None:
    src = "helper.pip_install(packages)\nhelper.run_commands(cmds)\n"
    assert parse_python_installs(src, "x.py").deps == ()
