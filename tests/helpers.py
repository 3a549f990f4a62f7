"""Small builders used across tests."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from secplan.engine import Assessment, run

AS_OF = date(2026, 12, 2)


def write(root: Path, rel: str, content: str | bytes = "", mode: int | None = None) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    if mode is not None:
        path.chmod(mode)
    return path


def scan(root: Path, **kw: object) -> Assessment:
    kw.setdefault("as_of", AS_OF)
    kw.setdefault("plugins", False)
    return run(root, **kw)  # type: ignore[arg-type]


def rules_of(a: Assessment) -> list[str]:
    return [f.rule for f in a.report.findings]


def findings_of(a: Assessment, rule: str) -> list:  # type: ignore[type-arg]
    return [f for f in a.report.findings if f.rule == rule]


def line_with(text: str, needle: str) -> int:
    """The 1-based number of the first line of ``text`` (dedented) that contains ``needle``."""
    lines = textwrap.dedent(text).splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def deny_reading(monkeypatch: object, name: str) -> None:
    """Make opening files called ``name`` fail as a permission error would.

    Tests run as root in CI, and root reads anything, so a real ``chmod 0`` proves nothing there.
    """
    real_open = Path.open

    def fake_open(self: Path, *a: object, **k: object):  # type: ignore[no-untyped-def]
        if self.name == name:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", fake_open)  # type: ignore[attr-defined]
