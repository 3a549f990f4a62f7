"""``sign`` and ``verify`` commands, attached to ``secplan model`` and ``secplan data``."""

import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from secplan.audit.events import Outcome
from secplan.cli._common import FINDINGS, errors_as_exit, services

if TYPE_CHECKING:
    from secplan.protect.signing import Verification


def _resource(kind: str, path: Path) -> str:
    """``kind:<path>``, symbolic links resolved and relative to the working directory."""
    from secplan.access.resources import file_resource

    return file_resource(kind, path)


def _noun(kind: str) -> str:
    """The action family: ``model:sign`` for models, ``data:sign`` for datasets."""
    return "data" if kind == "dataset" else "model"


def _render(path: Path, v: "Verification", fmt: str) -> None:
    """A verification as JSON, or as lines: what changed, and what the signature does not
    cover (a warning when all else verifies)."""
    if fmt == "json":
        lists = ("added", "removed", "changed", "problems", "unsigned")
        doc = {"ok": v.ok, "signer": v.signer} | {k: list(getattr(v, k)) for k in lists}
        typer.echo(json.dumps(doc, indent=2))
        return
    if v.ok:
        typer.echo(f"verified {path}: signed by {v.signer}")
        if v.unsigned:
            typer.echo(
                f"warning: {len(v.unsigned)} file(s) present that the signature does not "
                "cover (not verified):"
            )
    else:
        typer.echo(f"{path} does NOT verify:")
    for label, names in (
        ("added", v.added),
        ("removed", v.removed),
        ("changed", v.changed),
        ("problem", v.problems),
        ("unsigned", v.unsigned),
    ):
        for n in names:
            typer.echo(f"  {label}: {n}")


def add_signing_commands(app: typer.Typer, kind: str) -> None:
    """Add ``sign`` and ``verify`` for ``kind`` (``model`` or ``dataset``) to ``app``."""

    @app.command("sign")
    def sign_command(
        path: Annotated[Path, typer.Argument(help=f"The {kind} file or directory to sign.")],
        key: Annotated[
            Path | None, typer.Option(help="ECDSA private key (PEM) to sign with (offline).")
        ] = None,
        signature: Annotated[
            Path | None,
            typer.Option(help="Where to write the signature (default: DIR/model.sig or FILE.sig)."),
        ] = None,
        keyless: Annotated[
            bool,
            typer.Option(
                "--keyless",
                help="Sign with Sigstore instead (online): an OIDC identity (ambient "
                "CI credentials, or SIGSTORE_ID_TOKEN), a Fulcio certificate, a Rekor entry.",
            ),
        ] = False,
    ) -> None:
        """Sign in the OpenSSF model-signing format (a Sigstore bundle listing every file's
        SHA-256); verifiable with `secplan ... verify` and with `model_signing verify key`."""
        from secplan.protect.signing import hashing_ahead, sign

        # the files hash on the other cores while the services load and access is checked
        ahead = hashing_ahead(path) if key is not None and not keyless else nullcontext()
        with errors_as_exit(), ahead:
            svc = services()
            svc.access.require(svc.actor, f"{_noun(kind)}:sign", _resource(kind, path))
            import os

            sig = sign(
                path,
                key,
                signature,
                keyless=keyless,
                identity_token=os.environ.get("SIGSTORE_ID_TOKEN"),
            )
            svc.audit(f"{_noun(kind)}:signed", _resource(kind, path), signature=str(sig))
        typer.echo(f"signed {path} -> {sig}")

    @app.command("verify")
    def verify_command(
        path: Annotated[Path, typer.Argument(help=f"The signed {kind} file or directory.")],
        key: Annotated[
            list[Path] | None,
            typer.Option(
                help="Trusted public key (PEM); repeatable. Default: [signing] trusted_keys."
            ),
        ] = None,
        signature: Annotated[Path | None, typer.Option(help="The signature file.")] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
        strict: Annotated[
            bool,
            typer.Option(
                "--strict",
                help="Fail (exit 1) when files are present that the signature does not cover.",
            ),
        ] = False,
    ) -> None:
        """Check the signature and list the files added, removed or changed since signing,
        and the files present that it does not cover (such as .git/, .gitattributes and
        .github/, which model_signing leaves out by default): "unsigned", a warning, or a
        failure with --strict. Exit 0 when it verifies, 1 when it does not."""
        from secplan.config import load_settings
        from secplan.protect.signing import hashing_ahead, verify

        with errors_as_exit(), hashing_ahead(path):
            root = Path.cwd()
            keys = list(key or ()) or [root / k for k in load_settings(root).signing_keys]
            svc = services()
            svc.access.require(svc.actor, f"{_noun(kind)}:verify", _resource(kind, path))
            settings = load_settings(root)
            v = verify(
                path,
                keys,
                signature,
                identities=settings.signing_identities,
                oidc_issuer=settings.signing_issuer,
            )
            svc.audit(
                f"{_noun(kind)}:verify",
                _resource(kind, path),
                Outcome.ALLOWED if v.ok else Outcome.FAILED,
                signer=v.signer or "",
                added=len(v.added),
                removed=len(v.removed),
                changed=len(v.changed),
                unsigned=len(v.unsigned),
            )
        _render(path, v, fmt)
        if not v.ok or (strict and v.unsigned):
            raise typer.Exit(FINDINGS)

    del sign_command, verify_command
