"""Driving restic: list arguments, no shell, ``--json`` output parsed line by line.

The repository password never appears in argv, the environment or a file: it is written into
a pipe and restic reads it through ``--password-file /dev/fd/N``. Errors are one line, taken
from restic's own last complaint, with a hint that says what to check.

    >>> Restic(binary="restic", repository="/srv/backup").args("snapshots")[:3]
    ['restic', '--repo', '/srv/backup']
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from secplan.errors import ConfigError, ServiceError

#: restic's JSON lines are small; one over this is not restic talking.
MAX_LINE = 64 << 20
#: Variables that would hand restic another password or repository than ours.
_SCRUBBED = (
    "RESTIC_PASSWORD",
    "RESTIC_PASSWORD_FILE",
    "RESTIC_PASSWORD_COMMAND",
    "RESTIC_REPOSITORY",
    "RESTIC_REPOSITORY_FILE",
)


class ResticError(ServiceError):
    """restic ran and failed; ``kind`` names the failure for drill records."""

    def __init__(self, message: str, hint: str = "", kind: str = "restic") -> None:
        super().__init__(message, hint)
        self.kind = kind


def find_restic() -> str:
    path = shutil.which("restic")
    if path is None:
        raise ConfigError(
            "restic is not installed",
            "install it (Debian/Ubuntu: apt-get install restic; see https://restic.net)",
        )
    return path


def _classify(stderr: str) -> tuple[str, str, str]:
    """(kind, one-line message, hint) from restic's stderr."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    low = stderr.lower()
    if "wrong password" in low or "no key found" in low:
        return (
            "wrong-password",
            "restic could not open the repository: wrong password or no key found",
            "the password kept in secplan's key store is not this repository's; check the "
            "repository in [backup] and the key store (SECPLAN_KEYSTORE)",
        )
    if "no matching id found" in low or "no snapshot" in low or "snapshot not found" in low:
        return ("missing-snapshot", "restic: snapshot not found", "see secplan backup list")
    if "does not exist" in low and ("repository" in low or "config" in low):
        return (
            "no-repository",
            "restic: no repository at the configured location",
            "run secplan backup init, or check [backup] repository",
        )
    damaged = ("ciphertext verification failed", "checksum", "unexpected eof", "invalid data")
    if any(d in low for d in damaged) or ("pack" in low and "error" in low):
        last = next((ln for ln in lines if any(d in ln.lower() for d in damaged)), lines[-1])
        return (
            "corrupted",
            "restic: the repository is damaged: " + last.removeprefix("Fatal: ")[:300],
            "run restic check; restore the repository from another copy",
        )
    last = lines[-1].removeprefix("Fatal: ") if lines else "no message"
    return ("restic", f"restic failed: {last[:300]}", "see restic's documentation for the error")


@dataclass(frozen=True, slots=True)
class Restic:
    binary: str
    repository: str
    password: bytes = field(default=b"", repr=False)
    cache_dir: Path | None = None

    def args(self, *rest: str, fd: int | None = None) -> list[str]:
        out = [self.binary, "--repo", self.repository]
        if fd is not None:
            out += ["--password-file", f"/dev/fd/{fd}"]
        out += ["--cache-dir", str(self.cache_dir)] if self.cache_dir else ["--no-cache"]
        return [*out, *rest]

    @contextmanager
    def _pipe(self) -> Iterator[int]:
        """A read end holding the password (and a newline for restic's reader)."""
        if not self.password:
            raise ConfigError("no repository password", "run secplan backup init")
        r, w = os.pipe()
        try:
            os.write(w, self.password + b"\n")  # far below a pipe's buffer
            os.close(w)
            w = -1
            yield r
        finally:
            os.close(r)
            if w != -1:
                os.close(w)

    def _env(self) -> dict[str, str]:
        return {k: v for k, v in os.environ.items() if k not in _SCRUBBED}

    def run(self, *rest: str, cwd: Path | None = None) -> str:
        """Run one restic command; its stdout, or :class:`ResticError` with one line."""
        with self._pipe() as fd:
            try:
                proc = subprocess.run(  # noqa: S603 (list args, no shell)
                    self.args(*rest, fd=fd),
                    capture_output=True,
                    pass_fds=(fd,),
                    env=self._env(),
                    cwd=cwd,
                    check=False,
                    stdin=subprocess.DEVNULL,
                )
            except OSError as exc:
                raise ConfigError(f"cannot run restic: {exc.strerror}", "check restic") from exc
        out = proc.stdout.decode("utf-8", "replace")
        if proc.returncode != 0:
            kind, message, hint = _classify(proc.stderr.decode("utf-8", "replace"))
            raise ResticError(message, hint, kind)
        return out

    def json_lines(self, *rest: str) -> list[dict[str, Any]]:
        """The JSON objects restic printed, one per line (non-JSON lines are skipped)."""
        out: list[dict[str, Any]] = []
        for line in self.run(*rest, "--json").splitlines():
            line = line.strip()
            if not line.startswith(("{", "[")) or len(line) > MAX_LINE:
                continue
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            if isinstance(doc, dict):
                out.append(doc)
            elif isinstance(doc, list):
                out.extend(d for d in doc if isinstance(d, dict))
        return out

    def init(self) -> str:
        docs = self.json_lines("init")
        for d in docs:
            if d.get("message_type") == "initialized" or "id" in d:
                return str(d.get("id", ""))
        return ""

    def backup(self, paths: Sequence[Path], tags: Sequence[str] = ()) -> dict[str, Any]:
        extra = [a for t in tags for a in ("--tag", t)]
        docs = self.json_lines("backup", *extra, *(str(p) for p in paths))
        for d in docs:
            if d.get("message_type") == "summary":
                return d
        raise ResticError("restic backup printed no summary", "run it again with restic -v")

    def snapshots(self, snapshot: str | None = None) -> list[dict[str, Any]]:
        return self.json_lines("snapshots", *([snapshot] if snapshot else []))

    def snapshot(self, snapshot: str = "latest") -> dict[str, Any]:
        found = self.snapshots(snapshot)
        if not found:
            raise ResticError(
                f"snapshot {snapshot!r} not found"
                + (" (the repository has no snapshots)" if snapshot == "latest" else ""),
                "run secplan backup run first, or see secplan backup list",
                "missing-snapshot",
            )
        return found[-1]

    def restore(self, snapshot: str, target: Path) -> str:
        """Restore ``snapshot`` under ``target``; restic's message naming the snapshot."""
        return self.run("restore", snapshot, "--target", str(target))


def check_snapshot_id(value: str) -> str:
    if value != "latest" and not (
        4 <= len(value) <= 64 and all(c in "0123456789abcdef" for c in value)
    ):
        raise ConfigError(
            f"{value!r} is not a snapshot id", "use latest or a hex id from secplan backup list"
        )
    return value
