"""``sign`` and ``verify`` commands, attached to ``secplan model`` and ``secplan data``."""

import json
from pathlib import Path
from typing import Annotated

import typer

from secplan.audit.events import Outcome
from secplan.cli._common import FINDINGS, errors_as_exit, services


def _resource(kind: str, path: Path) -> str:
    """``kind:<path>``, symbolic links resolved and relative to the working directory."""
    from secplan.access.resources import file_resource

    return file_resource(kind, path)


def _noun(kind: str) -> str:
    """The action family: ``model:sign`` for models, ``data:sign`` for datasets."""
    return "data" if kind == "dataset" else "model"


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
        from secplan.protect.signing import sign

        with errors_as_exit():
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
    ) -> None:
        """Check the signature and list the files added, removed or changed since signing.
        Exit 0 when it verifies, 1 when it does not."""
        from secplan.config import load_settings
        from secplan.protect.signing import verify

        with errors_as_exit():
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
            )
        if fmt == "json":
            typer.echo(
                json.dumps(
                    {
                        "ok": v.ok,
                        "signer": v.signer,
                        "added": list(v.added),
                        "removed": list(v.removed),
                        "changed": list(v.changed),
                        "problems": list(v.problems),
                    },
                    indent=2,
                )
            )
        elif v.ok:
            typer.echo(f"verified {path}: signed by {v.signer}")
        else:
            typer.echo(f"{path} does NOT verify:")
            for label, names in (
                ("added", v.added),
                ("removed", v.removed),
                ("changed", v.changed),
                ("problem", v.problems),
            ):
                for n in names:
                    typer.echo(f"  {label}: {n}")
        if not v.ok:
            raise typer.Exit(FINDINGS)

    del sign_command, verify_command
