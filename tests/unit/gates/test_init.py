"""``secplan init``: profile inferred from the project, hook and CI files, no overwrite."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import yaml

from secplan.config import load_settings
from secplan.errors import SecplanError
from secplan.initialize import plan_files, write_files

TRAIN = (
    "import torch\nfrom transformers import AutoModel\n"
    'm = AutoModel.from_pretrained("bert-base-uncased")\n'
    "opt = torch.optim.Adam(m.parameters())\n"
    "for x in range(3):\n    loss = m(x)\n    loss.backward()\n    opt.step()\n"
)


def _init(root: Path, *, force: bool = False, **which: bool) -> list[Path]:
    opts = {"pre_commit": False, "github": False, "gitlab": False, **which}
    return write_files(plan_files(root, **opts), force=force)


def test_profile_follows_the_files_found(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text(TRAIN)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text("a,b\n1,2\n")
    _init(tmp_path)
    profile = tomllib.loads((tmp_path / "secplan.toml").read_text())["profile"]
    assert profile == {
        "develops_models": True,
        "uses_pretrained_models": True,
        "uses_cloud_ai": False,
        "uses_public_datasets": False,
        "uses_internal_datasets": True,
    }
    settings = load_settings(tmp_path)  # the file is valid settings
    assert settings.profile.develops_models is True


def test_empty_project_declares_nothing_true(tmp_path: Path) -> None:
    (tmp_path / "util.py").write_text("def add(a, b):\n    return a + b\n")
    _init(tmp_path)
    profile = tomllib.loads((tmp_path / "secplan.toml").read_text())["profile"]
    assert not any(profile.values())


def test_hook_and_ci_files_on_request_are_valid_yaml(tmp_path: Path) -> None:
    written = _init(tmp_path, pre_commit=True, github=True, gitlab=True)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert names == {
        "secplan.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/secplan.yml",
        ".gitlab-ci.yml",
    }
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())
    ids = [h["id"] for h in hooks["repos"][0]["hooks"]]
    assert ids == ["secplan-model-scan", "secplan-secrets", "secplan-code"]
    workflow = yaml.safe_load((tmp_path / ".github/workflows/secplan.yml").read_text())
    steps = workflow["jobs"]["secplan"]["steps"]
    assert any("/.github/actions/secplan@" in s.get("uses", "") for s in steps)
    assert yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text())["include"]


def test_never_overwrites_without_force_and_writes_nothing_then(tmp_path: Path) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text("mine\n")
    with pytest.raises(SecplanError, match="already exists; nothing was written"):
        _init(tmp_path, pre_commit=True)
    assert not (tmp_path / "secplan.toml").exists()
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "mine\n"
    _init(tmp_path, pre_commit=True, force=True)
    assert "secplan-code" in (tmp_path / ".pre-commit-config.yaml").read_text()


def test_a_link_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.toml"
    target.write_text("keep\n")
    root = tmp_path / "proj"
    root.mkdir()
    (root / "secplan.toml").symlink_to(target)
    with pytest.raises(SecplanError, match="symbolic link"):
        _init(root, force=True)
    assert target.read_text() == "keep\n"
