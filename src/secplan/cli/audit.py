"""``secplan audit``: read, verify, prove, checkpoint and watch the audit trail."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from secplan._io import atomic_write
from secplan.cli._common import ERROR, FINDINGS, errors_as_exit, local_only, services
from secplan.errors import SecplanError

if TYPE_CHECKING:
    from secplan.audit.events import Event
    from secplan.audit.trail import Filters
    from secplan.audit.verify import VerifyResult

audit_app = typer.Typer(
    help="The tamper-evident audit trail: log, verify, checkpoint, prove, report, watch.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
console = Console(highlight=False)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write(output, text)


@audit_app.command("log")
def log_command(
    actor: Annotated[str | None, typer.Option(help="Only this actor.")] = None,
    action: Annotated[
        str | None, typer.Option(help="Only this action (suffix * for a prefix: key:*).")
    ] = None,
    resource: Annotated[
        str | None, typer.Option(help="Only this resource (suffix * allowed).")
    ] = None,
    outcome: Annotated[str | None, typer.Option(help="allowed, denied or failed.")] = None,
    since: Annotated[str | None, typer.Option(help="From this time (ISO 8601, UTC).")] = None,
    until: Annotated[str | None, typer.Option(help="Before this time (ISO 8601, UTC).")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, json (lines) or csv")
    ] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """List and export events, filtered. JSON lines are the events' canonical bodies, so
    ``SHA-256(0x00 || line)`` is each event's leaf hash. With SECPLAN_SERVER set, the
    server's events (audit:read there)."""
    from secplan import remote
    from secplan.audit import via_server

    if fmt not in ("table", "json", "csv"):
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    filters: Filters = {
        "actor": actor,
        "action": action,
        "resource": resource,
        "outcome": outcome,
        "since": since,
        "until": until,
    }
    with errors_as_exit():
        url = remote.server()
        if url is None:
            svc = services()
            svc.access.require(svc.actor, "audit:read", "audit", export=fmt)
            events: Iterable[Event] = svc.trail.events(**filters, limit=limit)
        else:
            events = via_server.events(url, limit, **filters)
        _write_log(events, fmt, output)


def _write_log(events: Iterable[Event], fmt: str, output: Path | None) -> None:
    if fmt == "json":
        _emit("".join(e.body().decode() + "\n" for e in events), output)
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["seq", "ts", "actor", "action", "resource", "outcome", "details"])
        for e in events:
            w.writerow([e.seq, e.ts, e.actor, e.action, e.resource, e.outcome, e.details])
        _emit(buf.getvalue(), output)
    else:
        table = Table(show_edge=False)
        for col in ("Seq", "Time", "Actor", "Action", "Resource", "Outcome"):
            table.add_column(col)
        for e in events:
            table.add_row(str(e.seq), e.ts, e.actor, e.action, e.resource, e.outcome)
        console.print(table)


@audit_app.command("verify")
def verify_command(
    checkpoint: Annotated[
        list[Path] | None,
        typer.Option(
            "--checkpoint",
            "-c",
            help="Exported checkpoint file or directory of *.checkpoint files kept outside "
            "the database. Repeatable. Default: the .secplan/audit-checkpoints/ of the "
            "project the current directory belongs to, when it exists.",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
) -> None:
    """Check every event, the hash chain, the Merkle tree and every checkpoint.

    Exit 0 when the trail verifies, 1 when tampering is detected, 2 on an error (including a
    --checkpoint directory with no checkpoint in it). With SECPLAN_SERVER set, the server
    verifies its trail against the exported checkpoints kept here (audit:verify there)."""
    from secplan import remote

    with errors_as_exit():
        url = remote.server()
        if url is None:
            result, elapsed, sources = _verify_here(checkpoint)
        else:
            result, elapsed, sources = _verify_on(url, checkpoint)
    _show_verified(result, elapsed, sources, fmt)


def _verify_here(checkpoint: list[Path] | None) -> tuple[VerifyResult, float, list[str]]:
    """The verification of the local trail, recorded in it."""
    from secplan.audit.keys import trusted_verifiers
    from secplan.audit.verify import timed

    svc = services()
    svc.access.require(svc.actor, "audit:verify", "audit")
    notes, sources = _exported_notes(checkpoint)
    result, elapsed = timed(svc.trail, trusted_verifiers(), notes)
    svc.audit("audit:verify", "audit", result.outcome, **result.recorded)
    return result, elapsed, sources


def _verify_on(url: str, checkpoint: list[Path] | None) -> tuple[VerifyResult, float, list[str]]:
    """The server's verification against the exported checkpoints kept here."""
    from secplan.audit import via_server

    notes, sources = _exported_notes(checkpoint)
    sent, left_out = via_server.sendable(notes)
    if left_out:
        sys.stderr.write(
            f"note: sent the {len(sent)} newest of {len(notes)} exported checkpoints (the "
            "newest rules out truncation for all)\n"
        )
    result, elapsed = via_server.verify(url, sent)
    return result, elapsed, sources


def _show_verified(result: VerifyResult, elapsed: float, sources: list[str], fmt: str) -> NoReturn:
    if fmt == "json":
        typer.echo(
            json.dumps(
                {
                    "ok": result.ok,
                    "size": result.size,
                    "checkpoints": result.checkpoints,
                    "exported": result.exported,
                    "exported_from": sources,
                    "problems": result.problems,
                    "seconds": round(elapsed, 3),
                }
            )
        )
    else:
        if result.ok:
            where = f" from {', '.join(sources)}" if sources else ""
            typer.echo(
                f"audit trail verified: {result.size} events, {result.checkpoints} "
                f"checkpoints ({result.exported} exported{where}) in {elapsed:.2f}s"
            )
            if not result.exported:
                typer.echo(
                    "note: no exported checkpoint was checked, so truncation of the newest "
                    "events cannot be ruled out (secplan audit checkpoint --export DIR)",
                    err=True,
                )
        else:
            typer.echo(f"audit trail FAILED verification ({len(result.problems)} problems):")
            for p in result.problems:
                typer.echo(f"  - {p}")
    raise typer.Exit(0 if result.ok else FINDINGS)


#: Where a project keeps exported checkpoints; ``verify`` reads it without being told.
PROJECT_CHECKPOINTS = Path(".secplan") / "audit-checkpoints"


def _exported_notes(paths: list[Path] | None) -> tuple[list[str], list[str]]:
    """The exported notes to verify against, and where they came from."""
    from secplan.audit.verify import exported_checkpoints, read_checkpoint_file

    if not paths:
        from secplan.project import find_root

        found = find_root(Path.cwd()) / PROJECT_CHECKPOINTS
        if not found.is_dir():
            return [], []
        return exported_checkpoints(found), [str(found)]
    notes: list[str] = []
    for p in paths:
        if p.is_dir():
            notes.extend(exported_checkpoints(p, required=True))
        elif p.is_file():
            notes.append(read_checkpoint_file(p))
        else:
            from secplan.errors import ConfigError

            raise ConfigError(f"{p}: no such checkpoint file or directory", "check the path")
    return notes, [str(p) for p in paths]


@audit_app.command("checkpoint")
def checkpoint_command(
    export: Annotated[
        Path | None,
        typer.Option(
            "--export",
            help="Also write the signed checkpoint here: a FILE.checkpoint, or a "
            "directory where <size>.checkpoint is created. Keep it where the database's "
            "administrators cannot write, e.g. committed to git.",
        ),
    ] = None,
) -> None:
    """Sign a reviewed checkpoint of the current tree (C2SP signed note, Ed25519). With
    SECPLAN_SERVER set, the server signs one of its trail with its key (audit:checkpoint
    there), and --export writes it here."""
    from secplan import remote
    from secplan.audit import via_server

    with errors_as_exit():
        url = remote.server()
        if url is not None:
            size, note = via_server.checkpoint(url)
        else:
            svc = services()
            svc.access.require(svc.actor, "audit:checkpoint", "audit")
            cp = svc.trail.checkpoint(by=svc.actor.name)
            size, note = cp.tree_size, cp.note
        if export is not None:
            # a directory (existing, or any path not ending in .checkpoint) gets <size>.checkpoint
            is_file = export.suffix == ".checkpoint" and not export.is_dir()
            target = export if is_file else export / f"{size}.checkpoint"
            atomic_write(target, note)
            sys.stderr.write(f"exported to {target}\n")
        sys.stdout.write(note)


@audit_app.command("prove")
def prove_command(
    seq: Annotated[int, typer.Argument(help="The event's sequence number.")],
    size: Annotated[
        int | None,
        typer.Option(
            help="Tree size of the stored checkpoint to prove against (default: the newest "
            "that covers the event)."
        ),
    ] = None,
    checkpoint: Annotated[
        Path | None,
        typer.Option(
            "--checkpoint",
            "-c",
            help="Prove against this exported checkpoint file instead of a stored one.",
        ),
    ] = None,
) -> None:
    """An inclusion proof (RFC 9162) for one event against a signed checkpoint.

    The root is taken from the checkpoint's signed note, after checking its signature with a
    trusted key, never from the database's columns. Exit 0 verified, 1 not verified (the event
    or the checkpoint was altered), 2 on an error."""
    import base64

    from secplan.audit.keys import trusted_verifiers
    from secplan.audit.proofs import prove
    from secplan.audit.verify import read_checkpoint_file
    from secplan.errors import VerificationError

    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "audit:read", "audit")
        note = read_checkpoint_file(checkpoint) if checkpoint else None
        try:
            r = prove(svc.trail, trusted_verifiers(), seq, size=size, note=note)
        except VerificationError as exc:
            _unverified(exc)
    typer.echo(
        json.dumps(
            {
                "event": r.event.body().decode(),
                "leaf_index": r.leaf_index,
                "tree_size": r.tree_size,
                "root": base64.b64encode(r.root).decode(),
                "proof": [base64.b64encode(p).decode() for p in r.proof],
                "checkpoint": r.note,
                "verified": r.verified,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    raise typer.Exit(0 if r.verified else FINDINGS)


def _unverified(exc: SecplanError) -> NoReturn:
    typer.echo(json.dumps({"verified": False, "problem": exc.message}, indent=2))
    sys.stderr.write(f"error: {exc}\n")
    raise typer.Exit(FINDINGS)


@audit_app.command("consistency")
def consistency_command(
    old: Annotated[int, typer.Argument(help="Tree size of the older checkpoint.")],
    new: Annotated[int, typer.Argument(help="Tree size of the newer checkpoint.")],
) -> None:
    """A consistency proof (RFC 9162) that the older checkpoint's tree is a prefix of the newer.

    Both roots come from signed notes checked with trusted keys. Exit 0 verified, 1 not
    verified, 2 on an error."""
    import base64

    from secplan.audit.keys import trusted_verifiers
    from secplan.audit.proofs import consistency
    from secplan.errors import VerificationError

    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "audit:read", "audit")
        try:
            r = consistency(svc.trail, trusted_verifiers(), old, new)
        except VerificationError as exc:
            _unverified(exc)
    typer.echo(
        json.dumps(
            {
                "old_size": r.old.size,
                "new_size": r.new.size,
                "old_root": base64.b64encode(r.old.root).decode(),
                "new_root": base64.b64encode(r.new.root).decode(),
                "proof": [base64.b64encode(p).decode() for p in r.proof],
                "verified": r.verified,
            },
            indent=2,
        )
    )
    raise typer.Exit(0 if r.verified else FINDINGS)


@audit_app.command("report")
def report_command(
    by: Annotated[
        str, typer.Option(help="resource (datasets, models, keys, projects) or actor")
    ] = "resource",
    since: Annotated[str | None, typer.Option(help="From this time (ISO 8601).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Access and usage per dataset, model, key and project, or per person."""
    from secplan.audit.report import usage

    if by not in ("resource", "actor"):
        raise typer.BadParameter("use resource or actor", param_hint="--by")
    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "audit:read", "audit", report=by)
        rows = usage(svc.trail.events(since=since), by=by)
    if fmt == "json":
        typer.echo(json.dumps([u.as_dict() for u in rows], indent=2))
        return
    table = Table(show_edge=False)
    for col in (
        "Subject",
        "Events",
        "Denied",
        "Failed",
        "Distinct " + ("actors" if by == "resource" else "resources"),
        "Last",
        "Actions",
    ):
        table.add_column(col)
    for u in rows:
        table.add_row(
            u.subject,
            str(u.events),
            str(u.denied),
            str(u.failed),
            str(len(u.others)),
            u.last,
            ", ".join(f"{a}×{n}" for a, n in u.actions.most_common(4)),
        )
    console.print(table)


@audit_app.command("watch")
def watch_command(
    once: Annotated[
        bool, typer.Option(help="Check the events recorded so far, then exit.")
    ] = False,
    from_seq: Annotated[
        int,
        typer.Option(
            help="Start after this sequence number (default: the current end, or 0 with --once)."
        ),
    ] = -1,
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 1.0,
    log_file: Annotated[
        Path | None, typer.Option("--log", help="Append alerts (JSON lines).")
    ] = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert as JSON here.")] = None,
) -> None:
    """Follow the event stream and raise alerts: bursts of decryption or re-identification,
    sensitive actions outside a role, repeated denials or failed logins, failed verifications.
    Alerts go to stdout (JSON lines) and optionally a log file and a webhook; each is also
    recorded in the trail."""
    from secplan.audit.detect import (
        FileSink,
        Sink,
        StreamSink,
        WebhookSink,
        default_detectors,
    )

    sinks: list[Sink] = [StreamSink(sys.stdout)]
    if log_file is not None:
        sinks.append(FileSink(log_file))
    if webhook is not None:
        sinks.append(WebhookSink(webhook))
    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "audit:read", "audit", watch=True)
        after = from_seq if from_seq >= 0 else (0 if once else svc.trail.size())
        detectors = default_detectors()
        try:
            while True:
                for event in svc.trail.events(after_seq=after):
                    after = event.seq
                    if event.action == "alert:raised":
                        continue
                    for rule in detectors:
                        for alert in rule.feed(event):
                            for sink in sinks:
                                sink.send(alert)
                            svc.audit(
                                "alert:raised",
                                f"alert:{alert.rule}",
                                **{k: v for k, v in alert.as_dict().items() if k != "message"},
                            )
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            return


@audit_app.command("key")
def key_command() -> None:
    """Print the local audit key's verifier key (share it so others can verify checkpoints)."""
    from secplan.audit.keys import local_signer

    with errors_as_exit():
        local_only("an audit key")
        signer = local_signer()
        assert signer is not None
    typer.echo(signer.verifier.vkey())


@audit_app.command("trust")
def trust_command(vkey: Annotated[str, typer.Argument(help="A verifier key name+id+key.")]) -> None:
    """Trust checkpoints signed by another audit key (e.g. another writer host's)."""
    from secplan.audit.keys import trust

    with errors_as_exit():
        local_only("an audit key")
        v = trust(vkey)
    typer.echo(f"trusted {v.name}")


__all__ = ["ERROR", "audit_app"]
