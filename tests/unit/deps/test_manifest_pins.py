"""DP001 on every unpinned line of an application's manifest (pyproject.toml, Pipfile,
setup.py, setup.cfg: its main dependencies) and of a conda environment, at the line that
declares it. A library's ranges (a build backend, no container or deployment file beside it)
and development groups are not reported.

Known false negatives: requirements computed in setup.py (read from a file, built in a loop),
`dynamic = ["dependencies"]`, and Poetry dependencies given as a list of constraints (only
the first is judged).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.deps.files import parse_text
from tests.helpers import findings_of, line_with, scan, write

CANARY = "secplan-canary-setup-ran"
DOCKERFILE = "FROM python:3.12.4-slim\nUSER 1000\n"


def _pins(root: Path, path: str) -> list[tuple[int, str]]:
    a = scan(root)
    return sorted(
        (f.location.line, f.evidence) for f in findings_of(a, "DP001") if f.location.path == path
    )


PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]

[project]
name = "svc"
dependencies = [
    "numpy",
    "torch>=2.0",
    "requests==2.32.3",
]

[project.optional-dependencies]
serve = ["fastapi>=0.110", "numpy"]

[dependency-groups]
dev = ["pytest", {include-group = "lint"}]
lint = ["ruff==0.6.9"]

[tool.poetry.dependencies]
python = "^3.11"
pytorch-lightning = "^2.2"
transformers = "4.44.2"

[tool.poetry.group.test.dependencies]
hypothesis = {version = ">=6"}

[tool.pdm.dev-dependencies]
docs = ["mkdocs"]

[tool.uv]
dev-dependencies = ["mypy>=1"]
"""


def test_pyproject_lines(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", PYPROJECT)
    write(tmp_path, "Dockerfile", DOCKERFILE)  # deployed from here: an application

    def at(needle: str) -> int:
        return line_with(PYPROJECT, needle)

    # main dependencies only: extras and development groups are not what is deployed
    assert _pins(tmp_path, "pyproject.toml") == sorted(
        [
            (at('"numpy",'), "numpy any version"),
            (at('"torch>=2.0"'), "torch >=2.0"),
            (at("pytorch-lightning"), "pytorch-lightning >=2.2,<3.0"),
        ]
    )


def test_a_library_states_ranges(tmp_path: Path) -> None:
    write(tmp_path, "lib/pyproject.toml", PYPROJECT)
    write(tmp_path, "lib/setup.cfg", "[options]\ninstall_requires =\n    numpy>=1.21\n")
    write(tmp_path, "lib/setup.py", 'from setuptools import setup\nsetup(install_requires=["x"])\n')
    write(tmp_path, "service/Dockerfile", DOCKERFILE)  # another folder's image
    write(tmp_path, "lib/docker/Dockerfile", DOCKERFILE)  # CI or demo images of the library
    write(tmp_path, "lib/serve.py", "import uvicorn\nuvicorn.run(app, host='0.0.0.0')\n")
    assert findings_of(scan(tmp_path), "DP001") == []


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "app"\ndependencies = ["numpy"]\n',  # no build backend
        '[project]\nname = "app"\ndependencies = ["numpy"]\n[build-system]\nrequires = []\n'
        "[tool.pdm]\ndistribution = false\n",
        '[tool.poetry]\npackage-mode = false\n[tool.poetry.dependencies]\nnumpy = "^2"\n'
        "[build-system]\nrequires = []\n",
    ],
)
def test_a_manifest_that_says_it_is_an_application(tmp_path: Path, text: str) -> None:
    write(tmp_path, "pyproject.toml", text)
    [f] = findings_of(scan(tmp_path), "DP001")
    assert "numpy" in f.evidence


def test_pipfile_lines(tmp_path: Path) -> None:
    text = (
        '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\ntorch = "*"\n'
        'numpy = "==1.26.4"\n"scikit-learn" = ">=1.4"\n\n[dev-packages]\n'
        'pytest = {version = ">=8"}\ntorch-tb-profiler = "*"\n'
    )
    write(tmp_path, "Pipfile", text)
    assert _pins(tmp_path, "Pipfile") == [
        (5, "torch any version"),
        (7, "scikit-learn >=1.4"),
    ]


def test_setup_py_is_read_not_run(tmp_path: Path) -> None:
    text = f"""\
        import os
        from setuptools import setup, find_packages

        open({str(tmp_path / CANARY)!r}, "w").write("ran")
        os.system("touch {tmp_path / CANARY}")
        REQUIRED = [
            "torch>=2.1",
            "transformers==4.44.2",
        ]

        setup(
            name="pkg",
            packages=find_packages(),
            install_requires=REQUIRED + ["numpy"],
            extras_require={{
                "serve": ["fastapi", "uvicorn==0.30.6"],
            }},
        )
        """
    write(tmp_path, "setup.py", text)
    write(tmp_path, "Dockerfile", DOCKERFILE)
    assert _pins(tmp_path, "setup.py") == [
        (7, "torch >=2.1"),
        (14, "numpy any version"),
    ]
    assert not (tmp_path / CANARY).exists()


def test_setup_cfg_lines(tmp_path: Path) -> None:
    text = (
        "[metadata]\nname = pkg\n\n[options]\ninstall_requires =\n    numpy\n"
        "    torch==2.5.1\n    pandas>=2\n\n[options.extras_require]\nserve =\n    fastapi\n"
    )
    write(tmp_path, "setup.cfg", text)
    write(tmp_path, "Dockerfile", DOCKERFILE)
    assert _pins(tmp_path, "setup.cfg") == [
        (6, "numpy any version"),
        (8, "pandas >=2"),
    ]


@pytest.mark.parametrize("name", ["environment.yml", "environment-gpu.yaml", "conda_env.yml"])
def test_conda_environment_lines(tmp_path: Path, name: str) -> None:
    text = (
        "name: train\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n"
        "  - numpy-base\n  - numpy\n  - pytorch=2.3.0=py3.11_cuda\n  - pip\n  - pip:\n"
        "    - torch\n    - transformers==4.44.2\n    - datasets>=2\n"
    )
    write(tmp_path, name, text)
    assert _pins(tmp_path, name) == [
        (5, "numpy-base any version"),
        (6, "numpy any version"),
        (10, "torch any version"),
        (12, "datasets >=2"),
    ]


def test_a_lock_file_pins_the_manifest(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", PYPROJECT)
    write(tmp_path, "Dockerfile", DOCKERFILE)
    lock = "".join(f'[[package]]\nname = "{n}"\nversion = "1.0.0"\n' for n in ("numpy", "torch"))
    write(tmp_path, "poetry.lock", lock)
    assert [f.evidence for f in findings_of(scan(tmp_path), "DP001")] == [
        "pytorch-lightning >=2.2,<3.0",
    ]  # what the lock file does not pin is still reported


def test_severity_follows_deployability(tmp_path: Path) -> None:
    write(tmp_path, "requirements.txt", "numpy\n")
    [f] = findings_of(scan(tmp_path), "DP001")
    assert f.severity.label == "low"
    write(tmp_path, "Dockerfile", DOCKERFILE)
    [f] = findings_of(scan(tmp_path), "DP001")
    assert f.severity.label == "medium"


def test_pinned_manifests_are_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\ndependencies = ["numpy==2.0.1", "torch @ file:///w/t.whl"]\n'
        '[tool.poetry.dependencies]\npython = "^3.11"\nmylib = {path = "../mylib"}\n'
        'torch = "2.5.1"\n',
    )
    write(tmp_path, "Pipfile", '[packages]\nnumpy = "==2.0.1"\nmylib = {path = "."}\n')
    write(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=DEPS)\n")
    assert findings_of(scan(tmp_path), "DP001") == []


def test_other_yaml_is_not_a_conda_environment(tmp_path: Path) -> None:
    write(tmp_path, "environment-settings.yaml", "dependencies:\n  api: {url: x}\nreplicas: 3\n")
    write(tmp_path, "conda-notes.yml", "- not a mapping\n")
    a = scan(tmp_path)
    assert findings_of(a, "DP001") == [] and findings_of(a, "DP105") == []


def test_setup_py_that_does_not_parse_is_reported(tmp_path: Path) -> None:
    for text in ("setup(install_requires=[x for x in y])", "setup(**kw)"):
        f = parse_text("setup.py", text, "setup.py")
        assert f is not None and f.deps == ()
    with pytest.raises(ValueError, match="not valid Python"):
        parse_text("setup.py", "setup(", "setup.py")
    write(tmp_path, "setup.py", "print 'python 2'\nsetup(install_requires=['x'])\n")
    [f] = findings_of(scan(tmp_path), "DP105")
    assert f.location.path == "setup.py" and "not valid Python" in f.message
