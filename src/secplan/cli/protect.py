"""``secplan protect`` (encrypt, decrypt, shred) and ``secplan keys`` (create, list, show,
rotate, destroy)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
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

if TYPE_CHECKING:
    from secplan.protect.service import Protection

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


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


@protect_app.command("encrypt")
def encrypt_command(
    path: Annotated[Path, typer.Argument(help="A file, or a directory (every file in it).")],
    key: Annotated[str, typer.Option(help="Key name (created on first use).")] = "default",
    remove_plaintext: Annotated[
        bool,
        typer.Option(
            "--remove-plaintext",
            help="Delete each original after its ciphertext was read back and verified.",
        ),
    ] = False,
) -> None:
    """Encrypt to FILE.age (age format), streaming in constant memory.

    Example:  secplan protect encrypt data/ --key customers --remove-plaintext
    """
    with errors_as_exit():
        p = _protection()
        with _bar(_size(path)) as progress:
            done = p.encrypt(path, key, remove_plaintext=remove_plaintext, progress=progress)
    for e in done:
        typer.echo(
            f"encrypted {e.source} -> {e.target} (key {e.key}, {e.version})"
            + (", plaintext removed" if e.removed else "")
        )


@protect_app.command("decrypt")
def decrypt_command(
    path: Annotated[Path, typer.Argument(help="A .age file, or a directory of them.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write (single file only).")
    ] = None,
) -> None:
    """Decrypt; plaintext appears under its name only after the whole file authenticated.
    Needs the key:decrypt permission (with MFA in multi-user mode)."""
    with errors_as_exit():
        p = _protection()
        with _bar(_size(path)) as progress:
            done = p.decrypt(path, output, progress=progress)
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
    record the deletion (what, when, who, which key) in the audit trail."""
    if not yes:
        raise typer.BadParameter("destroying a key cannot be undone; add --yes", param_hint="--yes")
    with errors_as_exit():
        ring = _protection().destroy(key, dataset=dataset, reason=reason)
    typer.echo(f"shredded {dataset}: key {key} destroyed ({len(ring.versions)} versions)")


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
    """Keys with their versions' ids, dates and states (never secrets)."""
    from secplan.protect.keystore import KeyStore

    with errors_as_exit():
        rings = KeyStore().rings()
    if fmt == "json":
        typer.echo(
            json.dumps(
                [
                    {
                        **asdict(r),
                        "versions": [
                            {k: v for k, v in asdict(x).items() if k != "wrapped"}
                            for x in r.versions
                        ],
                    }
                    for r in rings
                ],
                indent=2,
            )
        )
        return
    table = Table(show_edge=False)
    for col in ("Key", "Version", "State", "Created", "Wrapped by"):
        table.add_column(col)
    for r in rings:
        for v in r.versions:
            table.add_row(r.name, v.id, v.state.value, v.created, v.kek)
    Console(highlight=False).print(table)


@keys_app.command("rotate")
def keys_rotate(
    name: str,
    rewrap: Annotated[
        list[Path] | None,
        typer.Option(
            "--rewrap",
            help="Re-wrap the files under this path for the new version (repeatable); "
            "their data is not re-encrypted.",
        ),
    ] = None,
) -> None:
    """Make a new primary version; the old one becomes decrypt-only."""
    with errors_as_exit():
        rot = _protection().rotate(name, tuple(rewrap or ()))
    typer.echo(
        f"rotated {name}: {rot.old.id} -> {rot.new.id}; re-wrapped {len(rot.rewrapped)} file(s)"
    )


@keys_app.command("destroy")
def keys_destroy(
    name: str,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm.")] = False,
) -> None:
    """Destroy every version of a key (its data becomes unrecoverable)."""
    if not yes:
        raise typer.BadParameter("destroying a key cannot be undone; add --yes", param_hint="--yes")
    with errors_as_exit():
        _protection().destroy(name)
    typer.echo(f"destroyed key {name}")


__all__ = ["keys_app", "protect_app", "sys"]
