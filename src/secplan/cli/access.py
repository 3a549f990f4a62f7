"""``secplan users``, ``roles``, ``tokens``, ``mfa``, ``login``, ``logout``, ``whoami``."""

from __future__ import annotations

import getpass
import json
import sys
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from secplan.cli._common import errors_as_exit, services
from secplan.errors import ConfigError

console = Console(highlight=False)
users_app = typer.Typer(
    help="Local users and service accounts.", no_args_is_help=True, rich_markup_mode=None
)
roles_app = typer.Typer(
    help="Roles and who holds them.", no_args_is_help=True, rich_markup_mode=None
)
tokens_app = typer.Typer(
    help="API tokens: random, stored only as hashes, scoped, expiring.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
mfa_app = typer.Typer(
    help="Multi-factor authentication with one-time codes (TOTP, RFC 6238).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _ask(prompt: str, *, secret: bool = True) -> str:
    """One answer from the terminal; a clear error where there is no terminal to ask."""
    if not sys.stdin.isatty():
        raise ConfigError(
            f"no terminal to ask for the {prompt.rstrip(': ')}",
            "pass it on standard input with --password-stdin (or --code for a one-time code)",
        )
    try:
        return getpass.getpass(prompt) if secret else input(prompt)
    except (EOFError, KeyboardInterrupt):
        raise ConfigError(f"no {prompt.rstrip(': ')} given", "type it when asked") from None


def _password(prompt: str, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = _ask(prompt)
    if _ask("again: ") != first:
        raise ConfigError("the two passwords differ", "type the same password twice")
    return first


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Login name or e-mail address.")],
    role: Annotated[
        list[str] | None, typer.Option("--role", help="Grant this role (repeatable).")
    ] = None,
    service: Annotated[
        bool,
        typer.Option("--service", help="A service account (tokens only, no password, no MFA)."),
    ] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Add a user (asks for a password) or a service account. The first user must be an
    administrator; adding it ends local mode."""
    with errors_as_exit():
        svc = services()
        pw = None if service else _password("password: ", password_stdin)
        svc.access.add_principal(
            svc.actor,
            name,
            kind="service" if service else "user",
            password=pw,
            roles=tuple(role or ()),
        )
    typer.echo(f"added {'service account' if service else 'user'} {name}")


@users_app.command("list")
def users_list(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Users and service accounts with their roles, MFA and last activity (the access review)."""
    from secplan.access.review import access_review

    with errors_as_exit():
        svc = services()
        svc.access.require(svc.actor, "user:read", "principals")
        rows = access_review(svc.access)
    if fmt == "json":
        typer.echo(json.dumps([asdict(r) for r in rows], indent=2))
        return
    table = Table(show_edge=False)
    for col in ("Name", "Kind", "Roles", "MFA", "Last activity", "Tokens", "Flags"):
        table.add_column(col)
    for r in rows:
        flags = [
            f
            for f, on in (
                ("disabled", r.disabled),
                ("stale", r.stale),
                ("privileged without MFA", r.privileged_without_mfa),
                (f"{len(r.stale_tokens)} stale token(s)", bool(r.stale_tokens)),
            )
            if on
        ]
        table.add_row(
            r.name,
            r.kind,
            ", ".join(r.roles),
            "yes" if r.mfa else "no",
            r.last_activity or "never",
            str(r.active_tokens),
            ", ".join(flags),
        )
    console.print(table)


@users_app.command("disable")
def users_disable(name: str) -> None:
    """Disable an account (its tokens stop working)."""
    with errors_as_exit():
        svc = services()
        svc.access.set_disabled(svc.actor, name, True)
    typer.echo(f"disabled {name}")


@users_app.command("enable")
def users_enable(name: str) -> None:
    """Enable a disabled account."""
    with errors_as_exit():
        svc = services()
        svc.access.set_disabled(svc.actor, name, False)
    typer.echo(f"enabled {name}")


@users_app.command("passwd")
def users_passwd(
    name: Annotated[str | None, typer.Argument(help="The account (default: yourself).")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the passwords from stdin: for your own account the current one on the "
            "first line and the new one on the second; for another account only the new one.",
        ),
    ] = False,
) -> None:
    """Change your own password (the current one is asked), or set another account's with
    user:manage. Every other session and token of the account is revoked."""
    with errors_as_exit():
        svc = services()
        me = svc.actor
        target = name or me.name
        current = None
        if target == me.name:
            current = (
                sys.stdin.readline().rstrip("\n") if password_stdin else _ask("current password: ")
            )
        new = _password("new password: ", password_stdin)
        svc.access.set_password(me, target, new, current=current)
    typer.echo(f"password changed for {target}; its other sessions and tokens are revoked")


@users_app.command("unlock")
def users_unlock(name: str) -> None:
    """Clear an account's back-off and lockout after failed logins, from every source."""
    with errors_as_exit():
        svc = services()
        svc.access.unlock(svc.actor, name)
    typer.echo(f"unlocked {name}")


@roles_app.command("list")
def roles_list() -> None:
    """Every role and the actions it grants; actions needing MFA are marked."""
    from secplan.access.roles import ACTIONS, ROLES, role_grants

    table = Table(show_edge=False)
    table.add_column("Role")
    table.add_column("Actions (* = needs MFA)")
    for role in ROLES:
        granted = [
            a.name + ("*" if a.mfa else "") for a in ACTIONS.values() if role_grants(role, a.name)
        ]
        table.add_row(role, ", ".join(granted))
    console.print(table)


@roles_app.command("grant")
def roles_grant(
    name: str,
    role: str,
    on: Annotated[
        str,
        typer.Option(help="Scope: a resource glob such as 'dataset:data/*' (default: everything)."),
    ] = "*",
) -> None:
    """Grant ROLE to NAME, on everything or on a scope."""
    with errors_as_exit():
        svc = services()
        svc.access.grant(svc.actor, name, role, on)
    typer.echo(f"granted {role} on {on} to {name}")


@roles_app.command("revoke")
def roles_revoke(
    name: str,
    role: str,
    on: Annotated[str, typer.Option(help="Scope.")] = "*",
) -> None:
    """Revoke ROLE (on a scope) from NAME."""
    with errors_as_exit():
        svc = services()
        svc.access.revoke(svc.actor, name, role, on)
    typer.echo(f"revoked {role} on {on} from {name}")


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str | None, typer.Option(help="For this account (default: yourself).")] = None,
    scope: Annotated[
        list[str] | None,
        typer.Option(
            help="Limit the token to these actions or patterns, e.g. scan:run (repeatable)."
        ),
    ] = None,
    days: Annotated[int, typer.Option(help="Lifetime in days (1-365).")] = 90,
    description: Annotated[str, typer.Option(help="What it is for.")] = "",
) -> None:
    """Create an API token. It is printed once and stored only as a hash."""
    with errors_as_exit():
        svc = services()
        me = svc.actor
        new = svc.access.create_token(
            me, user or me.name, scopes=tuple(scope or ()), days=days, description=description
        )
    sys.stderr.write(f"token {new.id} created; it is shown once, store it now:\n")
    typer.echo(new.token)


@tokens_app.command("list")
def tokens_list(
    user: Annotated[str | None, typer.Option(help="Only this account.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Tokens with their scopes, expiry and last use (never their secrets)."""
    with errors_as_exit():
        svc = services()
        rows = svc.access.visible_tokens(svc.actor, user)
    if fmt == "json":
        typer.echo(json.dumps([asdict(t) for t in rows], indent=2))
        return
    table = Table(show_edge=False)
    table.add_column("Id", no_wrap=True, min_width=16)  # whole, so it can be pasted back
    for col in ("Account", "Kind", "Scopes", "Expires", "Last used", "Revoked"):
        table.add_column(col, overflow="fold")
    for t in rows:
        table.add_row(
            t.id,
            t.principal,
            t.kind,
            ", ".join(t.scopes) or "all",
            t.expires,
            t.last_used or "never",
            t.revoked or "",
        )
    console.print(table)


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[
        str, typer.Argument(help="The id tokens list prints (or spt_<id>, or the token).")
    ],
) -> None:
    """Revoke a token by its id."""
    with errors_as_exit():
        svc = services()
        svc.access.revoke_token(svc.actor, token_id)
    typer.echo(f"revoked {token_id}")


@mfa_app.command("enroll")
def mfa_enroll(
    user: Annotated[
        str | None,
        typer.Option(help="Another account (needs an administrator logged in with MFA)."),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(help="A current one-time code: needed to replace your own second factor."),
    ] = None,
) -> None:
    """Start TOTP enrollment: prints the secret and an otpauth:// URI for an authenticator.
    The new factor is pending, and the old one (if any) keeps working, until mfa confirm."""
    with errors_as_exit():
        svc = services()
        secret, uri = svc.access.mfa_enroll(svc.actor, user or svc.actor.name, code=code)
    typer.echo(f"secret: {secret}\nuri: {uri}\nconfirm with: secplan mfa confirm CODE")


@mfa_app.command("confirm")
def mfa_confirm(
    code: str, user: Annotated[str | None, typer.Option(help="Default: yourself.")] = None
) -> None:
    """Finish enrollment with a current one-time code."""
    with errors_as_exit():
        svc = services()
        ok = svc.access.mfa_confirm(svc.actor, user or svc.actor.name, code)
    if not ok:
        typer.echo("the code did not match; try again with a fresh one", err=True)
        raise typer.Exit(1)
    typer.echo("multi-factor authentication enabled")


def login_command(
    name: Annotated[
        str,
        typer.Argument(
            help="Your login name; or a server's URL (https://HOST) to log in to the server."
        ),
    ],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    code: Annotated[
        str | None, typer.Option(help="One-time code (asked for when enrolled).")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="Your name on the server (with a server URL).")
    ] = None,
) -> None:
    """Log in: stores a 12-hour session token (0600) used by later commands. With a server
    URL, the token is the server's, and commands run with SECPLAN_SERVER set act through it."""
    if name.startswith(("https://", "http://")):
        _login_server(name, user, password_stdin, code)
        return
    with errors_as_exit():
        svc = services()
        pw = sys.stdin.readline().rstrip("\n") if password_stdin else _ask("password: ")
        p = svc.access.principal(name)
        if p is not None and p.mfa_enabled and code is None:
            code = _ask("one-time code: ", secret=False)
        token = svc.access.login(name, pw, code)
        svc.save_session(token.token)
    typer.echo(f"logged in as {name}" + (" with MFA" if code else ""))


def _login_server(url: str, user: str | None, password_stdin: bool, code: str | None) -> None:
    import getpass

    from secplan import remote

    with errors_as_exit():
        who = user or getpass.getuser()
        pw = sys.stdin.readline().rstrip("\n") if password_stdin else _ask("password: ")
        got = remote.call(
            "POST", url, "/api/v1/login", {"name": who, "password": pw, "code": code}, auth=False
        )
        remote.save_login(url, str(got["token"]))
    typer.echo(f"logged in to {url} as {who}" + (" with MFA" if got.get("mfa") else ""))


def logout_command() -> None:
    """Revoke and forget the current session (with SECPLAN_SERVER set, the one secplan login
    stored for the server)."""
    from secplan import remote
    from secplan.session import session_file

    with errors_as_exit():
        url = remote.server()
        if url is not None:
            done = remote.logout(url)
            typer.echo(f"logged out of {url}" if done else f"no stored session for {url}")
            return
        svc = services()
        actor = svc.actor
        if actor.via == "session" and actor.token_id:
            svc.access.revoke_token(actor, actor.token_id)
        session_file().unlink(missing_ok=True)
    typer.echo("logged out")


def whoami_command() -> None:
    """Who secplan thinks you are, how, and with which roles (on the server when
    SECPLAN_SERVER is set)."""
    from secplan import remote

    with errors_as_exit():
        url = remote.server()
        if url is not None:
            got = remote.call("GET", url, "/api/v1/whoami")
            bindings = tuple((str(b["role"]), str(b["scope"])) for b in got["roles"])
            name, kind, via, mfa = got["name"], got["kind"], got["via"], got["mfa"]
        else:
            a = services().actor
            bindings, name, kind, via, mfa = a.bindings, a.name, a.kind, a.via, a.mfa
    roles = ", ".join(f"{r}" + ("" if s == "*" else f" on {s}") for r, s in bindings)
    where = f" on {url}" if url else ""
    typer.echo(
        f"{name} ({kind}, via {via}{', MFA' if mfa else ''}){where}"
        f"{': ' + roles if roles else ': no roles'}"
    )
