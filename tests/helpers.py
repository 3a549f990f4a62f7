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


def new_signing_key(directory: Path, name: str) -> tuple[Path, Path]:
    """An ECDSA P-256 key pair written to ``directory``: (private PEM, public PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    priv = write(
        directory,
        f"{name}.pem",
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    pub = write(
        directory,
        f"{name}.pub",
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )
    return priv, pub


def trust_approver(root: Path, approver: str = "carol") -> Path:
    """Give ``approver`` a new key in the project's trust policy (appended to secplan.toml,
    written afterwards); returns the private key, kept outside the project."""
    priv, pub = new_signing_key(root.parent / f"{root.name}-keys", approver)
    write(root, f".secplan/trust/{approver}.pub", pub.read_bytes())
    settings = root / "secplan.toml"
    before = settings.read_text(encoding="utf-8") if settings.is_file() else ""
    table = "[governance.approver_keys]\n"
    if table not in before:  # (appended last, so its keys can be appended below it)
        before += "\n" + table
    line = f'"{approver}" = ".secplan/trust/{approver}.pub"\n'
    settings.write_text(before + line, encoding="utf-8")
    return priv


def sign_waivers(root: Path, approver: str = "carol") -> Path:
    """Sign every waiver under ``root/.secplan/waivers`` exactly as it stands, with a key the
    trust policy gives to ``approver`` (as ``secplan waiver approve`` would, without
    rewriting the files); returns the private key."""
    from secplan.protect.signing import sign

    priv = trust_approver(root, approver)
    for w in sorted((root / ".secplan/waivers").glob("*.toml")):
        sign(w, priv, w.with_name(w.name + ".sig"))
    return priv


def reader_goes_away(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run ``argv`` with its output's reader gone before anything is written (``| head``);
    the exit code and what it wrote to stderr."""
    import subprocess

    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    return proc.wait(timeout=120), err
