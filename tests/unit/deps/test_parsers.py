"""Parsers of every dependency format."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.scanners.deps import FileKind, parse_text
from secplan.scanners.deps.manifests import ConstraintError, poetry_to_pep440
from secplan.scanners.deps.requirements import parse_requirements_text


def shown(name: str, text: str) -> list[str]:
    f = parse_text(name, text, name)
    assert f is not None
    return [d.shown for d in f.deps if not d.direct]


def test_requirements_options_hashes_markers() -> None:
    f = parse_requirements_text(
        "--index-url http://pypi.internal/simple\n"
        "--trusted-host pypi.internal\n"
        "-rbase.txt\n--constraint=c.txt\n--require-hashes\n"
        "torch==2.6.0 ; sys_platform == 'linux' --hash=sha256:aa --hash sha256:bb\n"
        "-e git+https://github.com/org/repo@abc#egg=x\n",
        "r.txt",
    )
    assert [(i.target, i.constraint) for i in f.includes] == [("base.txt", False), ("c.txt", True)]
    assert f.require_hashes and [x.rule for x in f.findings] == ["DP108", "DP108"]
    torch = next(d for d in f.deps if not d.direct)
    assert torch.hashes == ("sha256:aa", "sha256:bb") and torch.marker == 'sys_platform == "linux"'
    assert [d.direct for d in f.deps] == [False, True]


@pytest.mark.parametrize(
    "constraint, pep440",
    [
        ("^1.2.3", ">=1.2.3,<2.0.0"),
        ("^0.2.3", ">=0.2.3,<0.3.0"),
        ("^0.0.3", ">=0.0.3,<0.0.4"),
        ("~1.2.3", ">=1.2.3,<1.3.0"),
        ("~1", ">=1,<2"),
        ("1.2.*", "==1.2.*"),
        (">=1.0 <2.0", ">=1.0,<2.0"),
        (">=1.0,<2.0 || ==3.0", ">=1.0,<2.0 || ==3.0"),
        ("*", ""),
        # pre-releases under ^ and ~, operators written apart from their version
        ("^0.53b0", ">=0.53b0,<0.54"),
        ("~1.2rc1", ">=1.2rc1,<1.3"),
        ("> 2, < 3", ">2,<3"),
        (">= 0.12, < 1.0", ">=0.12,<1.0"),
    ],
)
def test_poetry_constraints(constraint: str, pep440: str) -> None:
    assert poetry_to_pep440(constraint) == pep440


def test_poetry_constraint_error() -> None:
    with pytest.raises(ConstraintError):
        poetry_to_pep440("^banana")


def test_pyproject() -> None:
    text = """
[project]
dependencies = ["torch>=2.0", "numpy==1.26.4"]
[project.optional-dependencies]
serve = ["fastapi"]
[dependency-groups]
dev = ["pytest>=8"]
[tool.poetry.dependencies]
python = "^3.11"
transformers = "^4.36"
mylib = {path = "../mylib"}
[tool.poetry.group.test.dependencies]
hypothesis = {version = "6.100.0"}
"""
    assert shown("pyproject.toml", text) == [
        "torch >=2.0",
        "numpy==1.26.4",
        "fastapi any version",
        "pytest >=8",
        "transformers >=4.36,<5.0",
        "hypothesis==6.100.0",
    ]
    f = parse_text("pyproject.toml", text, "pyproject.toml")
    assert f is not None and f.kind is FileKind.MANIFEST
    assert [d.location.line for d in f.deps][:2] == [3, 3]


def test_pipfile_and_lock() -> None:
    assert shown(
        "Pipfile",
        '[packages]\ntorch = "*"\nnumpy = "==1.26.4"\n[dev-packages]\npytest = {version = ">=8"}\n',
    ) == [
        "torch any version",
        "numpy==1.26.4",
        "pytest >=8",
    ]
    lock = '{"default": {"torch": {"version": "==2.5.1", "hashes": ["sha256:aa"]}}, "develop": {}}'
    f = parse_text("Pipfile.lock", lock, "Pipfile.lock")
    assert f is not None and f.kind is FileKind.LOCK and f.deps[0].hashes == ("sha256:aa",)


def test_lock_files() -> None:
    poetry = (
        '[[package]]\nname = "torch"\nversion = "2.5.1"\n'
        'files = [{file = "t.whl", hash = "sha256:aa"}]\n'
    )
    uv = (
        '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n'
        '[[package]]\nname = "torch"\nversion = "2.5.1"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        'wheels = [{ url = "https://x/t.whl", hash = "sha256:aa" }]\n'
    )
    pylock = (
        'lock-version = "1.0"\n[[packages]]\nname = "torch"\nversion = "2.5.1"\n'
        '[[packages.wheels]]\nname = "t.whl"\nhashes = {sha256 = "aa"}\n'
        '[[packages]]\nname = "local"\ndirectory = {path = "."}\n'
    )
    for name, text in (("poetry.lock", poetry), ("uv.lock", uv), ("pylock.toml", pylock)):
        f = parse_text(name, text, name)
        assert f is not None and f.kind is FileKind.LOCK
        [torch] = [d for d in f.deps if d.name == "torch"]
        assert (
            torch.version == "2.5.1"
            and torch.hashes
            and torch.location.line
            == 2 + (4 if name == "uv.lock" else 0) + (1 if name == "pylock.toml" else 0)
        )


def test_conda_environment() -> None:
    text = (
        "name: x\ndependencies:\n  - python=3.11\n  - numpy=1.24\n"
        "  - pytorch=2.3.0=py3.11\n  - pip:\n    - torch==2.5.1\n"
    )
    assert shown("environment.yml", text) == ["numpy =1.24", "pytorch==2.3.0", "torch==2.5.1"]


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_requirements_parser_never_raises(text: str) -> None:
    f = parse_requirements_text(text, "r.txt")
    assert all(x.rule in ("DP002", "DP108") for x in f.findings)


@given(
    st.lists(
        st.sampled_from(
            [
                "torch",
                "==",
                ">=",
                "1.0",
                " ",
                ";",
                "--hash",
                "=sha256:x",
                "-r",
                "\\\n",
                "#",
                "'",
                "@",
                "https://x",
                "[a]",
                "python_version<'3'",
            ]
        ),
        max_size=20,
    )
)
def test_requirements_parser_on_near_valid_lines(parts: list[str]) -> None:
    f = parse_requirements_text("".join(parts), "r.txt")
    for d in f.deps:
        assert d.version is None or d.version in "".join(parts)


@given(st.text(max_size=200))
def test_toml_and_yaml_parsers_raise_only_value_errors(text: str) -> None:
    from secplan.scanners.platform_config.yamlsafe import YamlError

    for name in (
        "pyproject.toml",
        "poetry.lock",
        "uv.lock",
        "pylock.toml",
        "Pipfile",
        "Pipfile.lock",
        "environment.yml",
    ):
        with contextlib.suppress(ValueError, YamlError):
            parse_text(name, text, name)


@given(
    st.lists(
        st.sampled_from(
            [
                "setup(",
                ")",
                "install_requires=",
                "extras_require=",
                "[",
                "]",
                "{",
                "}",
                "'numpy'",
                "'x': ",
                ", ",
                " + ",
                "REQ",
                "REQ = ",
                "\n",
                "(",
                "**kw",
            ]
        ),
        max_size=30,
    )
)
def test_setup_py_reader_raises_only_value_errors(parts: list[str]) -> None:
    """Any arrangement of setup.py pieces is read or refused, never run and never a crash."""
    with contextlib.suppress(ValueError):
        f = parse_text("setup.py", "".join(parts), "setup.py")
        assert f is not None and all(d.name == "numpy" for d in f.deps)


@given(st.text(max_size=300))
def test_ini_and_conda_like_parsers_raise_only_value_errors(text: str) -> None:
    import configparser

    from secplan.scanners.platform_config.yamlsafe import YamlError

    for name in ("setup.cfg", "environment-gpu.yml", "setup.py"):
        with contextlib.suppress(ValueError, YamlError, configparser.Error):
            parse_text(name, text, name)
