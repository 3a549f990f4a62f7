"""``secplan``: scan, enforce and prove a Security Plan for ML systems.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage or input
error (the message names the file, the field and the fix).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from secplan import __version__
from secplan.cli._common import Engine, RayAddress, Resume, check_engine, upload_target
from secplan.cli.access import (
    login_command,
    logout_command,
    mfa_app,
    roles_app,
    tokens_app,
    users_app,
    whoami_command,
)
from secplan.cli.audit import audit_app
from secplan.cli.backup import backup_app
from secplan.cli.bom import bom_command
from secplan.cli.controls import controls_app
from secplan.cli.data import data_app
from secplan.cli.guard import guard_app
from secplan.cli.model import model_app
from secplan.cli.progress import progress_observer
from secplan.cli.protect import keys_app, protect_app, share_app, shred_command
from secplan.cli.report import report_app
from secplan.cli.rules import rules_command
from secplan.cli.server import serve_command
from secplan.cli.signing import add_signing_commands
from secplan.cli.vulndb import vulndb_app
from secplan.cli.waiver import waiver_app
from secplan.errors import SecplanError
from secplan.model import Severity

app = typer.Typer(
    name="secplan",
    help="Scan ML projects against the 30 controls of the Security Plan, and prove their "
    "status.\n\nStart with:  secplan scan .",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


OK, FINDINGS, ERROR = 0, 1, 2
EXTENSIONS = {
    ".json": "json",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".xml": "junit",
    ".txt": "table",
}
err = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"secplan {__version__}")
        raise typer.Exit(OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Scan, enforce and prove a Security Plan for machine-learning systems."""


def _split(values: list[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip().upper() for p in v.split(",") if p.strip())
    return tuple(out)


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2026-06-30") from None


def _parse_severity(text: str | None) -> Severity | None:
    if text is None:
        return None
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def scan(
    path: Annotated[
        Path,
        typer.Argument(
            help="Project directory, or a file or folder inside a project (its settings and "
            "records apply)."
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="Output format: table, json, sarif, html or junit."),
    ] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    report: Annotated[
        list[Path] | None,
        typer.Option(
            "--report",
            help="Also write a report; format from the extension (.json, .sarif, "
            ".html, .xml for JUnit). Repeatable.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity "
            "(info, low, medium, high, critical). Default: fail_on in secplan.toml, else high.",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Only report these rules or rule prefixes (DT101, DT, ...). Controls with a "
            "check left out are 'not assessed' (needs-evidence), never pass.",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Do not report these rules or rule prefixes (their controls are then 'not "
            "assessed').",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (default: secplan.toml, else [tool.secplan] in "
            "pyproject.toml, at the project root: the nearest folder above PATH with either, "
            "or with .secplan/).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Judge expiry dates as of this day (YYYY-MM-DD). Default: today."
        ),
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also scan files that .gitignore excludes.")
    ] = False,
    imports: Annotated[
        list[Path] | None,
        typer.Option(
            "--import",
            help="Merge another tool's SARIF 2.1.0 results (bandit, checkov, trivy, "
            "semgrep, ...), mapped to the plan's controls. Repeatable.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Report only findings that are new since this earlier report (a JSON report "
            "of secplan scan, or its SARIF); the exit code follows the new ones only. Findings "
            "match by fingerprint, so a moved line is still known.",
        ),
    ] = None,
    env: Annotated[
        bool,
        typer.Option(
            "--env",
            help="Also check the packages installed in this Python environment against "
            "the vulnerability database.",
        ),
    ] = False,
    env_path: Annotated[
        Path | None,
        typer.Option(
            "--env-path", help="Like --env, for the environment at this site-packages directory."
        ),
    ] = None,
    no_plugins: Annotated[
        bool,
        typer.Option(
            "--no-plugins", help="Do not load scanners from the secplan.scanners entry points."
        ),
    ] = False,
    upload: Annotated[
        str | None,
        typer.Option(
            "--upload",
            help="Also send the JSON report to a project on the governance server: its page "
            "URL, https://HOST/projects/NAME (credential: SECPLAN_TOKEN, a token with "
            "scan:upload, or secplan login HOST).",
        ),
    ] = None,
    engine: Engine = "local",
    ray_address: RayAddress = None,
    resume: Resume = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Scan a project and report the status of every control, with the findings behind it.

    Examples:

      secplan scan .

      secplan scan . --format sarif --output secplan.sarif --fail-on medium

      secplan scan models/ --select MF --report report.html

      secplan scan . --baseline secplan-baseline.json --fail-on medium

      secplan scan . --upload https://secplan.example.org/projects/churn
      secplan scan /data/hub-mirror --engine ray --ray-address head:6379
    """
    from secplan.scan_command import ScanOptions, run_scan

    fmt = fmt.lower()
    if fmt not in ("table", "json", "sarif", "html", "junit"):
        raise typer.BadParameter(
            f"unknown format {fmt!r} (table, json, sarif, html, junit)", param_hint="--format"
        )
    extra = []
    for p in report or []:
        kind = EXTENSIONS.get(p.suffix.lower())
        if kind is None:
            raise typer.BadParameter(
                f"cannot tell the format of {p} from its extension "
                "(use .json, .sarif, .html or .xml)",
                param_hint="--report",
            )
        extra.append((p, kind))
    target = upload_target(upload) if upload else None
    if target is not None:
        import tempfile

        tmp = Path(tempfile.mkdtemp(prefix="secplan-upload-")) / "report.json"
        extra.append((tmp, "json"))
    opts = ScanOptions(
        path=path,
        fmt=fmt,
        output=output,
        reports=tuple(extra),
        fail_on=_parse_severity(fail_on),
        select=_split(select),
        ignore=_split(ignore),
        config=config,
        as_of=_parse_date(as_of),
        use_gitignore=not no_gitignore,
        plugins=not no_plugins,
        env=env,
        env_path=env_path,
        imports=tuple(imports or ()),
        baseline=baseline,
        local_state=target is None and not os.environ.get("SECPLAN_SERVER"),
        engine=check_engine(engine),
        ray_address=ray_address,
        resume=resume,
    )
    try:
        code = run_scan(opts, observer=progress_observer(err), stdout_color=sys.stdout.isatty())
        if target is not None:
            code = _upload(target, extra[-1][0], code)
    except SecplanError as exc:
        if debug:
            raise
        sys.stderr.write(
            f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
        )
        raise typer.Exit(ERROR) from None
    raise typer.Exit(code)


def _upload(target: tuple[str, str], report: Path, code: int) -> int:
    from secplan import remote

    try:
        raw = report.read_bytes()
    finally:
        report.unlink(missing_ok=True)
        report.parent.rmdir()
    base, name = target
    got = remote.call("POST", base, f"/api/v1/projects/{name}/assessments", raw=raw)
    err.print(f"uploaded assessment {got['assessment']} to {base}/projects/{name}")
    return code


@app.command()
def hook(
    kind: Annotated[
        str, typer.Argument(help="Which rules: code (code, notebook and configuration) or secrets.")
    ],
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Files to check (pre-commit passes the staged ones)."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity. Default: fail_on in "
            "secplan.toml, else high.",
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge waiver expiry as of this day.")
    ] = None,
) -> None:
    """Check files with the code or secret rules of `secplan scan`, one line per finding: the
    entry of the secplan-code and secplan-secrets pre-commit hooks. The project's settings,
    waivers and inline suppressions apply as they do in a scan.

    Examples:

      secplan hook secrets config/settings.py .env

      secplan hook code train.py notebooks/eda.ipynb --fail-on medium
    """
    from secplan.hook import FAMILIES, failed, render, run_hook

    if kind not in FAMILIES:
        raise typer.BadParameter(
            f"unknown hook {kind!r} ({', '.join(FAMILIES)}; model files: secplan model scan)",
            param_hint="KIND",
        )
    threshold = _parse_severity(fail_on)
    try:
        result = run_hook(kind, files or [], as_of=_parse_date(as_of))
    except SecplanError as exc:
        sys.stderr.write(
            f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
        )
        raise typer.Exit(ERROR) from None
    sys.stdout.write(render(result))
    code = FINDINGS if failed(result, threshold or result.fail_on) else OK
    if result.findings:
        sys.stdout.write(
            f"secplan: {len(result.findings)} finding(s) in {len(files or [])} file(s); "
            "suppress one with a reason: # secplan: ignore[RULE] -- why\n"
        )
    raise typer.Exit(code)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="The project directory.")] = Path(),
    pre_commit: Annotated[
        bool, typer.Option("--pre-commit", help="Also write .pre-commit-config.yaml.")
    ] = False,
    github: Annotated[
        bool, typer.Option("--github", help="Also write .github/workflows/secplan.yml.")
    ] = False,
    gitlab: Annotated[bool, typer.Option("--gitlab", help="Also write .gitlab-ci.yml.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace files that exist.")] = False,
) -> None:
    """Write a starting secplan.toml with the profile inferred from the project's files, and
    the pre-commit and CI files on request. Nothing is overwritten without --force.

    Examples:

      secplan init

      secplan init --pre-commit --github
    """
    from secplan.initialize import plan_files, write_files

    if not path.is_dir():
        err.print(f"secplan: error: {path}: not a directory (pass the project directory)")
        raise typer.Exit(ERROR)
    try:
        written = write_files(
            plan_files(path, pre_commit=pre_commit, github=github, gitlab=gitlab), force=force
        )
    except SecplanError as exc:
        sys.stderr.write(
            f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
        )
        raise typer.Exit(ERROR) from None
    for p in written:
        typer.echo(f"wrote {p}")
    typer.echo("Check the [profile] in secplan.toml, then run: secplan scan " + str(path))
    raise typer.Exit(OK)


# after `scan`, in the order --help lists them
app.add_typer(controls_app, name="controls")
app.add_typer(report_app, name="report")
app.command("rules")(rules_command)
add_signing_commands(model_app, "model")
add_signing_commands(data_app, "dataset")
data_app.command("shred")(shred_command)
app.add_typer(data_app, name="data")
app.add_typer(model_app, name="model")
app.add_typer(protect_app, name="protect")
app.add_typer(keys_app, name="keys")
app.add_typer(backup_app, name="backup")
app.add_typer(share_app, name="share")
app.add_typer(vulndb_app, name="vulndb")
app.command("bom")(bom_command)
app.add_typer(waiver_app, name="waiver")
app.add_typer(audit_app, name="audit")
app.add_typer(guard_app, name="guard")
app.add_typer(users_app, name="users")
app.add_typer(roles_app, name="roles")
app.add_typer(tokens_app, name="tokens")
app.add_typer(mfa_app, name="mfa")
app.command("login")(login_command)
app.command("serve")(serve_command)
app.command("logout")(logout_command)
app.command("whoami")(whoami_command)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("secplan: interrupted")
        sys.exit(130)
