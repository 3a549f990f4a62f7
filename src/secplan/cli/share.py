"""``secplan share`` (create, open, list): data for third parties, encrypted to the recipient,
signed, under a data-usage agreement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from secplan.cli._common import errors_as_exit, services

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


__all__ = ["share_app"]
