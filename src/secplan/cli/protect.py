"""``secplan protect`` (encrypt, decrypt, shred) and ``secplan keys`` (create, list, show,
rotate, destroy)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from secplan.cli._common import errors_as_exit, services
from secplan.cli.share import share_app

if TYPE_CHECKING:
    from secplan.protect.service import Protection
    from secplan.protect.via_server import ServerProtection

protect_app = typer.Typer(
    help="Encryption at rest with managed keys (age format).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
keys_app = typer.Typer(
    help="Keys: versions, rotation, destruction; local or cloud KMS.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False)


def _protection() -> Protection:
    from secplan.protect.keystore import KeyStore
    from secplan.protect.service import Protection

    return Protection(services(), KeyStore())


def _file_protection() -> Protection | ServerProtection:
    """For encrypting and decrypting files: the local keys and audit trail; or, with
    ``SECPLAN_SERVER`` set, the server's keys (it releases what each file needs, and records
    it)."""
    return _server_keys() or _protection()


def _server_keys() -> ServerProtection | None:
    """The keys of the server ``SECPLAN_SERVER`` names, or None in local mode."""
    from secplan import remote

    url = remote.server()
    if url is None:
        return None
    from secplan.protect.via_server import ServerProtection

    return ServerProtection(url)


@contextmanager
def _bar(total: int) -> Iterator[Callable[[int], None] | None]:
    if not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("working", total=total)
        yield lambda n: bar.update(task, advance=n)


def _report_notes(p: Protection | ServerProtection) -> None:
    """What the command did besides its work: leftovers removed, paths left out."""
    for f in p.swept:
        typer.echo(f"removed {f}: a partial file left by an interrupted run", err=True)
    for f, why in p.skipped:
        typer.echo(f"skipped {f}: {why}", err=True)


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


@protect_app.command("encrypt")
def encrypt_command(
    path: Annotated[Path, typer.Argument(help="A file, or a directory (every file in it).")],
    key: Annotated[
        str, typer.Option(help="Key name; create it first with `secplan keys create NAME`.")
    ] = "default",
    remove_plaintext: Annotated[
        bool,
        typer.Option(
            "--remove-plaintext",
            help="Delete each original after its ciphertext was read back and verified.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an existing FILE.age (refused otherwise)."),
    ] = False,
) -> None:
    """Encrypt to FILE.age (age format), streaming in constant memory. The key must exist,
    and an existing FILE.age is never replaced without --force.

    Example:  secplan keys create customers
              secplan protect encrypt data/ --key customers --remove-plaintext
    """
    with errors_as_exit():
        p = _file_protection()
        with _bar(_size(path)) as progress:
            done = p.encrypt(
                path, key, remove_plaintext=remove_plaintext, force=force, progress=progress
            )
    _report_notes(p)
    for e in done:
        typer.echo(
            f"encrypted {e.source} -> {e.target} (key {e.key}, {e.version})"
            + (", plaintext removed" if e.removed else "")
        )


@protect_app.command("decrypt")
def decrypt_command(
    path: Annotated[Path, typer.Argument(help="A .age file, or a directory of them.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write: a file (single file only), or an existing directory.",
        ),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option(
            help="Try only this key for files that name no secplan key version "
            "(made with age -r); default: every key of the key store.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace an existing plaintext file (refused otherwise)."),
    ] = False,
) -> None:
    """Decrypt; plaintext appears under its name only after the whole file authenticated,
    and never replaces an existing file without --force. Reads files made by secplan and by
    other age tools (binary or armored, age -a). Needs the key:decrypt permission (with MFA
    in multi-user mode)."""
    with errors_as_exit():
        p = _file_protection()
        with _bar(_size(path)) as progress:
            done = p.decrypt(path, output, key=key, force=force, progress=progress)
    _report_notes(p)
    for d in done:
        typer.echo(f"decrypted {d}")


@protect_app.command("shred")
def shred_command(
    dataset: Annotated[str, typer.Argument(help="The dataset (path) being destroyed.")],
    key: Annotated[str, typer.Option(help="The key its data is encrypted under.")],
    reason: Annotated[str, typer.Option(help="Why (retention ended, erasure request, ...).")] = "",
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: this cannot be undone.")] = False,
) -> None:
    """Crypto-shredding: destroy the dataset's key, making its ciphertext unrecoverable, and
    record the deletion (what, when, who, which key) in the audit trail. DATASET must be a
    path holding files encrypted under --key, or the id or path of a record in
    .secplan/datasets/; anything else is refused before the key is touched."""
    if not yes:
        raise typer.BadParameter("destroying a key cannot be undone; add --yes", param_hint="--yes")
    with errors_as_exit():
        p = _protection()
        gone = p.shred(dataset, key, reason=reason)
    _report_notes(p)
    typer.echo(f"shredded {dataset}: key {key} destroyed ({len(gone)} versions)")


@keys_app.command("create")
def keys_create(name: str) -> None:
    """Create a key."""
    with errors_as_exit():
        ring = _protection().create(name)
    typer.echo(f"created key {name} ({ring.primary.id}, {ring.primary.recipient})")


@keys_app.command("list")
def keys_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Keys with their versions' ids, dates and states (never secrets). With SECPLAN_SERVER
    set, the server's keys you hold a key action on."""
    from secplan.protect.kek import BOUND
    from secplan.protect.keystore import KeyStore

    with errors_as_exit():
        server = _server_keys()
        rings = KeyStore().rings() if server is None else server.rings()
    if fmt == "json":
        typer.echo(json.dumps([r.public() for r in rings], indent=2))
        return
    table = Table(show_edge=False)
    for col in ("Key", "Version", "State", "Created", "Wrapped by"):
        table.add_column(col)
    for r in rings:
        for v in r.versions:
            wrapped_by = v.kek if v.scheme >= BOUND else f"{v.kek} (unbound: keys migrate)"
            table.add_row(r.name, v.id, v.state.value, v.created, wrapped_by)
    Console(highlight=False).print(table)


@keys_app.command("rotate")
def keys_rotate(
    name: str,
    rewrap: Annotated[
        list[Path] | None,
        typer.Option(
            "--rewrap",
            help="Move the files under this path to the new version (repeatable): their "
            "file keys are re-wrapped, their data is not re-encrypted.",
        ),
    ] = None,
    reencrypt: Annotated[
        bool,
        typer.Option(
            "--reencrypt",
            help="Re-encrypt the --rewrap files under fresh file keys instead (for a file "
            "key that may have leaked; reads and writes all the data).",
        ),
    ] = False,
) -> None:
    """Make a new primary version; the old one becomes decrypt-only. All or nothing: a
    failure leaves the key and the files as they were."""
    if reencrypt and not rewrap:
        raise typer.BadParameter("--reencrypt needs --rewrap PATH", param_hint="--reencrypt")
    with errors_as_exit():
        server = _server_keys()
        if server is not None:
            if rewrap:
                from secplan.errors import ConfigError

                raise ConfigError(
                    "--rewrap with SECPLAN_SERVER set: the key ring is the server's and the "
                    "files are here, so the server cannot move them",
                    "rotate without --rewrap (files under the old version still open)",
                )
            old, new = server.rotate(name)
            typer.echo(f"rotated {name}: {old} -> {new} (on the server)")
            return
        p = _protection()
        rot = p.rotate(name, tuple(rewrap or ()), reencrypt=reencrypt)
    _report_notes(p)
    verb = "re-encrypted" if rot.reencrypted else "re-wrapped"
    typer.echo(f"rotated {name}: {rot.old.id} -> {rot.new.id}; {verb} {len(rot.rewrapped)} file(s)")


@keys_app.command("migrate")
def keys_migrate(
    name: Annotated[str | None, typer.Argument(help="One key (default: every key).")] = None,
) -> None:
    """Re-wrap every version's secret under the configured key-encryption key, bound to its
    key and version (for rings made by earlier releases, or to move keys to a new KEK, such
    as a passphrase or a KMS key). One atomic write: a failure changes nothing."""
    with errors_as_exit():
        done = _protection().migrate(name)
    for key, v in done:
        typer.echo(f"re-wrapped {key} {v.id} with {v.kek}")
    typer.echo(f"re-wrapped {len(done)} version(s)")


@keys_app.command("destroy")
def keys_destroy(
    name: str,
    version: Annotated[
        str | None,
        typer.Option(help="Destroy only this older version (see keys list); not the active one."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm.")] = False,
) -> None:
    """Destroy every version of a key, or one older --version: what it encrypted becomes
    unrecoverable."""
    if not yes:
        raise typer.BadParameter("destroying a key cannot be undone; add --yes", param_hint="--yes")
    with errors_as_exit():
        gone = _protection().destroy(name, version=version)
    typer.echo(
        f"destroyed key {name}"
        + (f" version {version}" if version else "")
        + f" ({len(gone)} version(s))"
    )


@keys_app.command("show")
def keys_show(name: str) -> None:
    """A key's public recipient (age1…): what others encrypt or share to. With SECPLAN_SERVER
    set, the server's key (key:encrypt there)."""
    from secplan.protect.keystore import KeyStore

    with errors_as_exit():
        server = _server_keys()
        if server is None:
            recipient = KeyStore().ring(name).primary.recipient
        else:
            recipient = str(server.recipient(name)[1])
    typer.echo(recipient)


@keys_app.command("new-signing-key")
def keys_new_signing_key(
    out: Annotated[
        Path,
        typer.Argument(
            help="Private key file to write (PEM, mode 0600); the "
            "public key goes to the same name with .pub."
        ),
    ],
) -> None:
    """Create an ECDSA P-256 key pair for signing models, datasets and share bundles."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from secplan._io import atomic_write

    if out.exists():
        raise typer.BadParameter(f"{out} exists; refusing to overwrite a key", param_hint="OUT")
    key = ec.generate_private_key(ec.SECP256R1())
    atomic_write(
        out,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        mode=0o600,
    )
    pub = out.with_suffix(".pub")
    atomic_write(
        pub,
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )
    typer.echo(f"wrote {out} (private, 0600) and {pub} (public)")


__all__ = ["keys_app", "protect_app", "share_app"]
