from __future__ import annotations

from pathlib import Path

import pytest

from secplan.config import load_settings
from secplan.errors import ConfigError
from secplan.model import Severity
from tests.helpers import write


def test_defaults_without_any_file(tmp_path: Path) -> None:
    s = load_settings(tmp_path)
    assert s.fail_on is Severity.HIGH and not s.profile.declared and s.source == ""


def test_secplan_toml(tmp_path: Path) -> None:
    write(
        tmp_path,
        "secplan.toml",
        """
        fail_on = "medium"
        exclude = ["vendor/"]
        ignore = ["mf004"]
        [profile]
        develops_models = true
        [severity]
        DT101 = "low"
        [governance]
        approvers = ["carol"]
        """,
    )
    s = load_settings(tmp_path)
    assert s.fail_on is Severity.MEDIUM
    assert s.exclude == ("vendor/",) and s.ignore == ("MF004",)
    assert s.profile.develops_models is True and s.profile.declared
    assert s.severity_overrides == (("DT101", Severity.LOW),)
    assert s.approvers == ("carol",) and s.source == "secplan.toml"


def test_pyproject_tool_section(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        """
        [project]
        name = "x"
        [tool.secplan]
        fail_on = "critical"
        """,
    )
    assert load_settings(tmp_path).fail_on is Severity.CRITICAL


def test_secplan_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.secplan]\nfail_on = "critical"\n')
    write(tmp_path, "secplan.toml", 'fail_on = "low"\n')
    assert load_settings(tmp_path).fail_on is Severity.LOW


@pytest.mark.parametrize(
    "content, expected",
    [
        ("fail_on = \n", r"secplan.toml: invalid TOML: .*line 1.*\(fix the syntax"),
        ("colour = 1\n", r"secplan.toml: colour: unknown field \(remove it, or check its spelling"),
        ('fail_on = "severe"\n', r"secplan.toml: fail_on: Input should be 'info'.*allowed values"),
        (
            '[profile]\ndevelops_models = "yes"\n',
            r"secplan.toml: profile.develops_models: .*true or false",
        ),
    ],
)
def test_broken_config_names_file_field_and_fix(
    tmp_path: Path, content: str, expected: str
) -> None:
    write(tmp_path, "secplan.toml", content)
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert "\n" not in str(info.value)
    assert __import__("re").search(expected, str(info.value)), str(info.value)


def test_explicit_config_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path, tmp_path / "nope.toml")


def test_oversized_config_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "secplan.toml", "# " + "x" * (1 << 20) + "\n")
    with pytest.raises(ConfigError, match="over the"):
        load_settings(tmp_path)


def test_the_documented_example_loads_as_documented(tmp_path: Path) -> None:
    """docs/configuration.md's example is valid, and its top-level keys are top-level."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text()
    block = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    write(tmp_path, "secplan.toml", block)
    for folder in ("docs/security", "vendor"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs/security/incident-response.md").write_text("# plan\n")
    write(tmp_path, ".secplan/trust/carol.lee.pub", "a public key\n")
    s = load_settings(tmp_path)
    assert s.approver_keys == (("carol.lee@example.com", (".secplan/trust/carol.lee.pub",)),)
    assert s.fail_on is Severity.HIGH
    assert "MF004" in s.ignore and "vendor/" in s.exclude
    assert s.profile.develops_models is True


@pytest.mark.parametrize(
    "keys",
    ['"../outside.pub"', '"/etc/hostname"', '"missing.pub"', '["ok.pub", "missing.pub"]'],
)
def test_approver_keys_must_be_files_inside_the_project(tmp_path: Path, keys: str) -> None:
    write(tmp_path, "ok.pub", "key\n")
    write(tmp_path, "secplan.toml", f"[governance.approver_keys]\ncarol = {keys}\n")
    with pytest.raises(ConfigError, match=r"approver_keys\.carol: .* not a file inside"):
        load_settings(tmp_path)


def test_approver_keys_take_one_key_or_a_list(tmp_path: Path) -> None:
    write(tmp_path, "a.pub", "key\n")
    write(tmp_path, "b.pub", "key\n")
    write(
        tmp_path,
        "secplan.toml",
        '[governance.approver_keys]\ncarol = "a.pub"\ndana = ["a.pub", "b.pub"]\n',
    )
    s = load_settings(tmp_path)
    assert s.approver_keys == (("carol", ("a.pub",)), ("dana", ("a.pub", "b.pub")))
