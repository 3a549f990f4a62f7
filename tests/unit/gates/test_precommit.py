"""The pre-commit hooks: each entry, run as pre-commit runs it on a temporary repository's
staged files, stops the commit on a finding and lets a clean one through."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from secplan.modelfile.formats import MODEL_NAMES
from tests.unit.gates.pickles import canary_pickle

HOOKS = {
    h["id"]: h
    for h in yaml.safe_load(
        (Path(__file__).parents[3] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
}
TOKEN = "ghp_" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz1A2"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def _staged(repo: Path, hook: dict[str, object]) -> list[str]:
    """The staged files pre-commit would pass to ``hook`` (its ``files`` pattern)."""
    names = _git(repo, "diff", "--cached", "--name-only", "--diff-filter=ACM").split()
    pattern = re.compile(str(hook.get("files", "")))
    return [n for n in names if pattern.search(n)]


def _run(repo: Path, hook_id: str) -> subprocess.CompletedProcess[str]:
    hook = HOOKS[hook_id]
    entry = str(hook["entry"]).split()
    assert entry[0] == "secplan"
    return subprocess.run(
        [sys.executable, "-m", "secplan", *entry[1:], *_staged(repo, hook)],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _repo(tmp_path: Path, files: dict[str, bytes]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    for name, data in files.items():
        (repo / name).write_bytes(data)
    _git(repo, "add", ".")
    return repo


def test_model_hook_covers_every_model_extension() -> None:
    pattern = re.compile(str(HOOKS["secplan-model-scan"]["files"]))
    assert all(pattern.search("m" + ext) for ext in MODEL_NAMES)
    assert not pattern.search("train.py")


def test_hooks_stop_a_commit_with_findings_and_pass_a_clean_one(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    repo = _repo(
        tmp_path,
        {
            "model.pkl": canary_pickle(canary),
            "settings.py": f'TOKEN = "{TOKEN}"\n'.encode(),
            "train.py": b"import pickle\n\ndef load(f):\n    return pickle.load(f)\n",
            "README.md": b"# demo\n",
        },
    )
    model = _run(repo, "secplan-model-scan")
    assert model.returncode == 1, model.stderr
    assert "model.pkl" in model.stdout
    secrets = _run(repo, "secplan-secrets")
    assert secrets.returncode == 1, secrets.stderr
    assert "settings.py:1:" in secrets.stdout and "CD203" in secrets.stdout
    assert "CD101" not in secrets.stdout
    code = _run(repo, "secplan-code")
    assert code.returncode == 1, code.stderr
    assert "train.py:4:" in code.stdout and "CD101" in code.stdout
    assert "CD203" not in code.stdout
    assert not canary.exists()

    # fixed and suppressed with a reason: the same hooks pass
    (repo / "settings.py").write_text('import os\nTOKEN = os.environ["TOKEN"]\n')
    (repo / "train.py").write_text(
        "import pickle\n\ndef load(f):\n"
        "    return pickle.load(f)  # secplan: ignore[CD101] -- our own signed cache\n"
    )
    _git(repo, "rm", "-q", "--cached", "model.pkl")
    _git(repo, "add", "settings.py", "train.py")
    assert _staged(repo, HOOKS["secplan-model-scan"]) == []  # pre-commit skips the hook
    for hook_id in ("secplan-secrets", "secplan-code"):
        r = _run(repo, hook_id)
        assert r.returncode == 0, (hook_id, r.stdout, r.stderr)


def test_unknown_hook_kind_is_a_usage_error(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "secplan", "hook", "models", "x.py"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert r.returncode == 2 and "unknown hook" in r.stderr


def test_hook_checks_a_named_file_that_gitignore_lists(tmp_path: Path) -> None:
    from secplan.hook import run_hook

    repo = _repo(tmp_path, {".gitignore": b"local_settings.py\n"})
    (repo / "local_settings.py").write_text(f'TOKEN = "{TOKEN}"\n')
    result = run_hook("secrets", [repo / "local_settings.py"])
    assert [f.rule for f in result.findings] == ["CD203"]
