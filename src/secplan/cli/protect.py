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


share_app = typer.Typer(
    help="Share data with third parties: encrypted to the recipient, "
    "signed, under a data-usage agreement.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@share_app.command("create")
def share_create(
    path: Annotated[Path, typer.Argument(help="The file or directory to share.")],
    to: Annotated[str, typer.Option("--to", help="The recipient's public key (age1…).")],
    purpose: Annotated[str, typer.Option(help="What the recipient may use the data for.")],
    expires: Annotated[str, typer.Option(help="Last day of the agreement (YYYY-MM-DD).")],
    sign_key: Annotated[Path, typer.Option(help="Your ECDSA signing key (PEM).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The bundle to write.")],
    recipient_name: Annotated[str, typer.Option(help="Who the recipient is.")] = "",
    use: Annotated[list[str] | None, typer.Option(help="A permitted use (repeatable).")] = None,
    contact: Annotated[str, typer.Option(help="The data controller's contact.")] = "",
) -> None:
    """Build a share bundle: the data encrypted to the recipient's key, a signed data-usage
    agreement (purpose, permitted uses, recipient, contact, expiry)."""
    from datetime import date

    from secplan.access.resources import file_resource
    from secplan.protect import share

    try:
        until = date.fromisoformat(expires)
    except ValueError:
        raise typer.BadParameter(
            f"{expires!r} is not a date like 2027-06-30", param_hint="--expires"
        ) from None
    with errors_as_exit():
        svc = services()
        res = file_resource("dataset", path)  # symbolic links resolved, as data commands do
        svc.access.require(svc.actor, "data:share", res, recipient=to, purpose=purpose)
        a = share.create(
            path,
            to,
            purpose=purpose,
            expires=until,
            sign_key=sign_key,
            sender=svc.actor.name,
            output=output,
            recipient_name=recipient_name,
            permitted_uses=tuple(use or ()),
            controller_contact=contact,
        )
        svc.audit(
            "share:created",
            res,
            share=a.id,
            recipient=a.recipient,
            recipient_name=a.recipient_name,
            purpose=a.purpose,
            expires=a.expires.isoformat(),
            bundle=str(output),
            payload_sha256=a.payload_sha256,
        )
    typer.echo(
        f"share {a.id} of {path} for {recipient_name or to} written to {output}, "
        f"expires {a.expires}"
    )


@share_app.command("open")
def share_open(
    bundle: Annotated[Path, typer.Argument(help="The share bundle received.")],
    key: Annotated[str, typer.Option(help="Your key (a secplan key name) it was shared to.")],
    sender_key: Annotated[
        list[Path], typer.Option(help="The sender's public signing key (PEM); repeatable.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="A new directory to write to.")],
) -> None:
    """Verify sender, recipient, integrity and expiry, then write the data out."""
    from secplan.protect import share
    from secplan.protect.keystore import KeyStore

    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "key:decrypt", f"key:{key}", share_bundle=str(bundle))
        store = KeyStore()
        try:
            a = share.open_bundle(bundle, [i for _, i in store.identities(key)], sender_key, output)
        except Exception as exc:
            from secplan.audit.events import Outcome

            svc.audit(
                "share:opened",
                f"bundle:{bundle.name}",
                Outcome.FAILED,
                error=str(getattr(exc, "message", exc))[:300],
            )
            raise
        svc.audit(
            "share:opened",
            f"share:{a.id}",
            sender=a.sender,
            purpose=a.purpose,
            expires=a.expires.isoformat(),
            output=str(output),
        )
    typer.echo(
        f"opened share {a.id} from {a.sender} into {output}\n"
        f"purpose: {a.purpose}\nexpires: {a.expires}"
        + (f"\npermitted uses: {', '.join(a.permitted_uses)}" if a.permitted_uses else "")
    )


@share_app.command("list")
def share_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """The share register: what went to whom, for what, until when (from the audit trail)."""
    from datetime import date

    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "audit:read", "audit", register="shares")
        rows = []
        for e in svc.trail.events(action="share:created"):
            d = e.details_dict()
            rows.append(
                {
                    "share": d.get("share"),
                    "dataset": e.resource.split(":", 1)[1],
                    "recipient": d.get("recipient_name") or d.get("recipient"),
                    "purpose": d.get("purpose"),
                    "sent": e.ts,
                    "by": e.actor,
                    "expires": d.get("expires"),
                    "expired": str(d.get("expires", "")) < date.today().isoformat(),
                }
            )
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(show_edge=False)
    for col in ("Share", "Dataset", "Recipient", "Purpose", "Sent", "Expires"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r["share"])[:8],
            str(r["dataset"]),
            str(r["recipient"]),
            str(r["purpose"]),
            str(r["sent"])[:10],
            f"{r['expires']}" + (" (expired)" if r["expired"] else ""),
        )
    Console(highlight=False).print(table)


@keys_app.command("show")
def keys_show(name: str) -> None:
    """A key's public recipient (age1…): what others encrypt or share to."""
    from secplan.protect.keystore import KeyStore

    with errors_as_exit():
        ring = KeyStore().ring(name)
    typer.echo(ring.primary.recipient)


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


__all__ = ["keys_app", "protect_app", "share_app", "sys"]
