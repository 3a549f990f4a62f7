"""The scanned commit, read from ``.git`` files (never by running git on the scanned repo):
branches, packed refs, detached heads, worktrees, and hostile contents."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from secplan.gitinfo import Commit, head_commit
from tests.conftest import require_tool
from tests.helpers import write

SHA = "0123456789abcdef0123456789abcdef01234567"


def _git(*args: str, cwd: Path) -> str:
    env = {"PATH": os.environ["PATH"], "HOME": str(cwd), "GIT_CONFIG_NOSYSTEM": "1"}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@x"}
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_a_real_repository_agrees_with_git(tmp_path: Path) -> None:
    require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git("init", "-q", "-b", "main", cwd=repo)
    write(repo, "a.txt", "a\n")
    _git("add", "a.txt", cwd=repo)
    _git("commit", "-q", "-m", "one", cwd=repo)
    assert head_commit(repo) == Commit(
        sha=_git("rev-parse", "HEAD", cwd=repo), ref="refs/heads/main"
    )
    _git("pack-refs", "--all", cwd=repo)  # the branch now lives in packed-refs only
    assert not (repo / ".git/refs/heads/main").exists()
    assert head_commit(repo) == Commit(
        sha=_git("rev-parse", "HEAD", cwd=repo), ref="refs/heads/main"
    )
    _git("worktree", "add", "-q", "-b", "side", str(tmp_path / "wt"), cwd=repo)
    side = head_commit(tmp_path / "wt")
    assert (
        side is not None
        and side.branch == "side"
        and side.sha == _git("rev-parse", "HEAD", cwd=repo)
    )
    _git("checkout", "-q", "--detach", cwd=repo)
    assert head_commit(repo) == Commit(sha=_git("rev-parse", "HEAD", cwd=repo), ref=None)


def test_an_unborn_branch_has_no_commit(tmp_path: Path) -> None:
    write(tmp_path, ".git/HEAD", "ref: refs/heads/main\n")
    assert head_commit(tmp_path) == Commit(sha=None, ref="refs/heads/main")


def test_no_repository_no_commit(tmp_path: Path) -> None:
    assert head_commit(tmp_path) is None


def test_refs_never_leave_the_git_folder(tmp_path: Path) -> None:
    write(tmp_path, "secret", SHA + "\n")  # what a traversal would read
    for ref in ("refs/../../secret", "../secret", "refs/heads/../../../secret", "/etc/hostname"):
        write(tmp_path, "repo/.git/HEAD", f"ref: {ref}\n")
        found = head_commit(tmp_path / "repo")
        assert found is None or found.sha is None, ref


def test_oversized_and_odd_files_give_no_commit(tmp_path: Path) -> None:
    write(tmp_path, ".git/HEAD", "ref: refs/heads/main\n" + "x" * 10_000)
    assert head_commit(tmp_path) is None
    write(tmp_path, ".git/HEAD", "ref: refs/heads/main\n")
    (tmp_path / ".git/refs/heads").mkdir(parents=True)
    os.mkfifo(tmp_path / ".git/refs/heads/main")  # would block a naive reader forever
    assert head_commit(tmp_path) == Commit(sha=None, ref="refs/heads/main")
    write(tmp_path, "other/.git", "gitdir: nowhere\n")
    assert head_commit(tmp_path / "other") is None


@given(head=st.binary(max_size=300), packed=st.binary(max_size=300))
def test_any_bytes_never_raise(tmp_path_factory: object, head: bytes, packed: bytes) -> None:
    root = tmp_path_factory.mktemp("g")  # type: ignore[attr-defined]
    write(root, ".git/HEAD", head)
    write(root, ".git/packed-refs", packed)
    found = head_commit(root)
    assert found is None or isinstance(found, Commit)
