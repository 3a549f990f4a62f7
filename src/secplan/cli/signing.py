"""``sign`` and ``verify`` commands, attached to ``secplan model`` and ``secplan data``."""

from pathlib import Path
from typing import Annotated

import typer

from secplan.cli.sign_command import run_sign, run_verify


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
        code = run_sign(kind, path, key, signature, keyless)
        if code:
            raise typer.Exit(code)

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
        code = run_verify(kind, path, list(key or ()), signature, fmt, strict)
        if code:
            raise typer.Exit(code)

    del sign_command, verify_command
