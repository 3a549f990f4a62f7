"""``secplan waiver``: request, approve (sign) and list the project's exceptions.

Exit codes: 0 done; 2 usage or input error, or a refused approval (one line: what, where, how
to fix). See ``docs/waivers.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from secplan.cli._common import errors_as_exit, services

if TYPE_CHECKING:
    from secplan.access.values import Actor

waiver_app = typer.Typer(
    name="waiver",
    help="Request, approve and list exceptions (waivers under .secplan/waivers/). A waiver "
    "counts only once a designated approver signs it with `secplan waiver approve`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Root = Annotated[
    Path | None,
    typer.Option(
        "--project",
        help="The project root (default: the project the current directory belongs to).",
    ),
]


ServerProject = Annotated[
    str | None,
    typer.Option(
        "--server-project",
        help="With SECPLAN_SERVER: the project's name on the server (default: the name of "
        "the project's folder).",
    ),
]


@waiver_app.callback()
def _group() -> None:
    """Exceptions: request, approve (sign), list; with SECPLAN_SERVER, on the server."""


def _remote_project(name: str | None, project: Path | None) -> tuple[str, str] | None:
    """(server URL, project name) when SECPLAN_SERVER is set."""
    from urllib.parse import quote

    from secplan import remote

    url = remote.server()
    if url is None:
        return None
    return url, quote(name or _root(project).name, safe="")


def _root(project: Path | None, near: Path | None = None) -> Path:
    from secplan.errors import ConfigError
    from secplan.project import find_root

    if project is not None:
        if not project.is_dir():
            raise ConfigError(f"{project}: not a directory", "give the project's root folder")
        return project.resolve()
    return find_root((near or Path.cwd()).resolve())


def _acting_as(actor: Actor, name: str | None, option: str) -> str:
    """The name to record: the actor's own; in local mode (one person, no accounts) the name
    given with ``option`` (how the project knows that person, such as an e-mail address)."""
    from secplan.errors import AccessDenied

    if name is None or name == actor.name:
        return actor.name
    if actor.kind != "local":
        raise AccessDenied(
            f"{actor.name} cannot act as {name!r}",
            f"leave out {option}: in multi-user mode your own account name is recorded",
        )
    return name.strip()


def _resource(path: Path, root: Path) -> str:
    """``waiver:<path in the project>``."""
    from secplan.access.resources import file_resource

    return file_resource("waiver", path, root)


@waiver_app.command("request")
def request_command(
    justification: Annotated[
        str, typer.Option(help="Why the exception is needed (at least 10 characters).")
    ],
    risk: Annotated[
        Literal["low", "medium", "high", "critical"], typer.Option(help="The accepted risk.")
    ],
    expires: Annotated[
        dt.datetime,
        typer.Option(formats=["%Y-%m-%d"], help="Last day the waiver applies (YYYY-MM-DD)."),
    ],
    rule: Annotated[str | None, typer.Option(help="The rule it waives, e.g. DP001.")] = None,
    control: Annotated[str | None, typer.Option(help="The control it waives, e.g. HS2.")] = None,
    path: Annotated[
        list[str] | None,
        typer.Option("--path", help="A path pattern it covers; repeatable (default: all)."),
    ] = None,
    mitigation: Annotated[
        list[str] | None, typer.Option("--mitigation", help="A mitigation in place; repeatable.")
    ] = None,
    waiver_id: Annotated[
        str | None, typer.Option("--id", help="The waiver's id (default: WV-<year>-<next>).")
    ] = None,
    requester: Annotated[
        str | None,
        typer.Option(help="Name to record as requester (local mode only; default: you)."),
    ] = None,
    project: Root = None,
    server_project: ServerProject = None,
) -> None:
    """Write a new, unapproved request to .secplan/waivers/ID.toml (with SECPLAN_SERVER: file
    it on the server). It waives nothing until a
    designated approver other than the requester runs `secplan waiver approve` on it."""
    from pydantic import ValidationError

    from secplan.errors import ConfigError
    from secplan.governance._records_in import WaiverIn as _WaiverIn
    from secplan.governance.approval import WAIVERS_DIR, check_id, next_id, write_request

    with errors_as_exit():
        on_server = _remote_project(server_project, project)
        if on_server is not None:
            from secplan import remote

            url, name = on_server
            body = {
                "id": waiver_id,
                "rule": rule,
                "control": control,
                "paths": list(path or ["**"]),
                "justification": justification,
                "risk": risk,
                "mitigations": list(mitigation or ()),
                "expires": expires.date().isoformat(),
            }
            got = remote.call("POST", url, f"/api/v1/projects/{name}/exceptions", body)
            typer.echo(f"requested {got['id']} on {url} (pending)")
            return
        root = _root(project)
        rid = check_id(waiver_id or next_id(root, dt.date.today()))
        target = root / WAIVERS_DIR / f"{rid}.toml"
        svc = services()
        actor = svc.actor
        svc.access.require(actor, "waiver:request", _resource(target, root))
        name = _acting_as(actor, requester, "--requester")
        try:
            rec = _WaiverIn(
                id=rid,
                rule=rule,
                control=control,
                paths=list(path or ["**"]),
                justification=justification,
                risk=risk,
                mitigations=list(mitigation or ()),
                requester=name,
                expires=expires.date(),
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "waiver"
            raise ConfigError(
                f"{where}: {first['msg']}", "see secplan waiver request --help"
            ) from None
        written = write_request(root, rec, rid)
        svc.audit("waiver:requested", _resource(written, root), waiver=rid, requester=name)
    typer.echo(f"requested {rid} -> {written.relative_to(root).as_posix()}")


@waiver_app.command("approve")
def approve_command(
    file: Annotated[Path, typer.Argument(help="The waiver file (.secplan/waivers/ID.toml).")],
    key: Annotated[
        Path | None,
        typer.Option(
            help="Your ECDSA private key (PEM); its public key must be listed under your "
            "name in [governance] approver_keys. Not used with SECPLAN_SERVER (FILE is then "
            "the waiver's id, and the server signs)."
        ),
    ] = None,
    approver: Annotated[
        str | None,
        typer.Option(help="Name to record as approver (local mode only; default: you)."),
    ] = None,
    project: Root = None,
    server_project: ServerProject = None,
) -> None:
    """Approve a waiver: needs the waiver:approve permission (with a second factor in
    multi-user mode); the requester cannot approve their own request. Records the approver
    and today's date, writes the waiver in canonical form, and signs its exact content
    (FILE.sig beside it). The approval is an audit event."""
    from secplan.audit.events import Outcome
    from secplan.config import load_settings
    from secplan.errors import AccessDenied
    from secplan.governance.approval import approve

    with errors_as_exit():
        on_server = _remote_project(server_project, project)
        if on_server is not None:
            from urllib.parse import quote

            from secplan import remote

            url, name = on_server
            wid = quote(file.name.removesuffix(".toml"), safe="")
            remote.call("POST", url, f"/api/v1/projects/{name}/exceptions/{wid}/approve", {})
            typer.echo(f"approved {file.name.removesuffix('.toml')} on {url}")
            return
        if key is None:
            raise AccessDenied("approving a waiver file needs --key", "give your private key")
        root = _root(project, file)
        resource = _resource(file, root)
        svc = services()
        actor = svc.actor
        svc.access.require(actor, "waiver:approve", resource)
        shown = (
            file.resolve().relative_to(root).as_posix()
            if file.resolve().is_relative_to(root)
            else str(file)
        )
        try:
            name = _acting_as(actor, approver, "--approver")
            done = approve(
                root,
                file,
                shown,
                approver=name,
                private_key=key,
                settings=load_settings(root),
                on=dt.date.today(),
            )
        except AccessDenied as exc:
            who = approver or actor.name
            svc.audit("waiver:approve", resource, Outcome.DENIED, approver=who, reason=exc.message)
            raise
        svc.audit(
            "waiver:approved",
            resource,
            waiver=done.id,
            approver=name,
            sha256=done.sha256,
            key=done.key,
            signature=done.signature.relative_to(root).as_posix(),
        )
    typer.echo(f"approved {done.id} as {name}: signed {shown} -> {shown}.sig ({done.key})")


@waiver_app.command("list")
def list_command(
    fmt: Annotated[
        Literal["table", "json"], typer.Option("--format", "-f", help="table or json")
    ] = "table",
    project: Root = None,
    server_project: ServerProject = None,
) -> None:
    """Each waiver with its state: active (signed by a trusted approver key), or why it waives
    nothing (unapproved, unsigned, altered since approval, untrusted signature, expired...)."""
    from secplan.config import load_settings
    from secplan.governance.approval import load_checked_records
    from secplan.governance.waivers import waiver_state

    with errors_as_exit():
        on_server = _remote_project(server_project, project)
        if on_server is not None:
            from secplan import remote

            url, name = on_server
            items = remote.call("GET", url, f"/api/v1/projects/{name}/exceptions")
            if fmt == "json":
                typer.echo(json.dumps(items, indent=2))
                return
            for e in items:
                typer.echo(
                    f"{e['id']}  {e['rule'] or e['control']}  {e['state']}  approver "
                    f"{e['approver'] or '-'}  expires {e['expires']}  requester {e['requester']}"
                )
            if not items:
                typer.echo(f"no exceptions on {url}")
            return
        root = _root(project)
        settings = load_settings(root)
        records = load_checked_records(root, settings)
    today = dt.date.today()
    rows = [
        {
            "id": w.id,
            "file": w.file,
            "target": w.target,
            "state": waiver_state(w, today, settings.approvers).value,
            "requester": w.requester,
            "approver": w.approver,
            "approved": w.approved.isoformat() if w.approved else None,
            "expires": w.expires.isoformat(),
            "signature": w.approval.value,
            "note": w.approval_note,
        }
        for w in records.waivers
    ]
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        typer.echo("no waivers under .secplan/waivers/")
    for r in rows:
        typer.echo(
            f"{r['id']}  {r['target']}  {r['state']}  approver {r['approver'] or '-'}  "
            f"expires {r['expires']}  ({r['file']}: {r['note']})"
        )


@waiver_app.command("pull")
def pull_command(project: Root = None, server_project: ServerProject = None) -> None:
    """With SECPLAN_SERVER: write the exceptions approved on the server to .secplan/waivers/,
    each signed by the server's approval key (list its public key, GET
    /api/v1/approval-key, under the approvers in [governance] approver_keys)."""
    from secplan._io import atomic_write
    from secplan.errors import ConfigError
    from secplan.governance.approval import WAIVERS_DIR, check_id

    with errors_as_exit():
        on_server = _remote_project(server_project, project)
        if on_server is None:
            raise ConfigError("secplan waiver pull needs SECPLAN_SERVER", "set it to the server")
        from secplan import remote

        url, name = on_server
        got = remote.call("GET", url, f"/api/v1/projects/{name}/exceptions-export")
        folder = _root(project) / WAIVERS_DIR
        for f in got["files"]:
            stem = check_id(str(f["name"]).removesuffix(".toml"))
            atomic_write(folder / f"{stem}.toml", str(f["text"]))
            atomic_write(folder / f"{stem}.toml.sig", str(f["signature"]))
    typer.echo(f"wrote {len(got['files'])} approved waivers to {WAIVERS_DIR}/")


@waiver_app.command("push")
def push_command(
    files: Annotated[list[Path], typer.Argument(help="Waiver files to import.")],
    server_project: ServerProject = None,
    project: Root = None,
) -> None:
    """With SECPLAN_SERVER: import waiver files. One signed by the server's key, unchanged,
    is imported as approved; any other as a pending request in your name."""
    from secplan.errors import ConfigError
    from secplan.governance.approval import signature_path

    with errors_as_exit():
        on_server = _remote_project(server_project, project)
        if on_server is None:
            raise ConfigError("secplan waiver push needs SECPLAN_SERVER", "set it to the server")
        from secplan import remote

        url, name = on_server
        for f in files:
            sig = signature_path(f)
            body = {
                "name": f.name,
                "text": f.read_text(encoding="utf-8"),
                "signature": sig.read_text(encoding="utf-8") if sig.is_file() else None,
            }
            got = remote.call("POST", url, f"/api/v1/projects/{name}/exceptions-import", body)
            typer.echo(f"{got['id']}: {got['state']}")
