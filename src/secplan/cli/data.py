"""``secplan data``: find personal data, label, anonymize and validate datasets.

Exit codes: 0 nothing found (or the operation succeeded); 1 personal data or integrity
problems found; 2 usage or input error (one line: what, where, how to fix), and for
``anonymize`` an output that would still hold personal data (nothing is written).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from secplan.cli._common import (
    ERROR,
    FINDINGS,
    OK,
    Engine,
    RayAddress,
    Resume,
    check_engine,
    errors_as_exit,
    services,
)

data_app = typer.Typer(
    name="data",
    help="Find personal data in datasets and documents, label them by sensitivity, anonymize "
    "them, and validate that data is what it claims to be.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False)

Jobs = Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: all cores).")]
Threshold = Annotated[
    float, typer.Option("--threshold", min=0.0, max=1.0, help="Lowest score reported.")
]
Ner = Annotated[
    str, typer.Option("--ner", help="Also use an installed NER model, e.g. spacy:en_core_web_lg.")
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
]


@data_app.callback()
def _group() -> None:
    """Personal data, labels, anonymization and validation of datasets."""


def _fail(message: str, hint: str) -> typer.Exit:
    sys.stderr.write(f"secplan: error: {message} ({hint})\n")
    return typer.Exit(ERROR)


@contextmanager
def _bar(label: str) -> Iterator[object]:
    """A byte-progress bar on stderr when it is a terminal; a no-op callback otherwise."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.description}"),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def update(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, description=path[-40:])

        yield update


def _spec(threshold: float, ner: str, entities: str = "") -> object:
    from secplan.data.spans import DEFAULT_ENTITIES
    from secplan.data.work import DetectorSpec

    chosen = (
        frozenset(e.strip().upper() for e in entities.split(",") if e.strip()) or DEFAULT_ENTITIES
    )
    if ner:
        from secplan.data.ner import load_ner

        load_ner(ner)  # fail here, once, if the model is missing
    return DetectorSpec(threshold=threshold, entities=chosen, ner=ner)


def _files(paths: list[Path]) -> list[Path]:
    from secplan.data.ops import data_files

    return data_files(paths)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from secplan._io import atomic_write

    atomic_write(output, text)


@data_app.command("scan")
def scan_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or directories to scan, or one s3:// (fsspec) URL prefix."),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    output: Output = None,
    jobs: Jobs = 0,
    threshold: Threshold = 0.5,
    entities: Annotated[
        str, typer.Option("--entities", help="Comma-separated types (default: all).")
    ] = "",
    ner: Ner = "",
    engine: Engine = "local",
    ray_address: RayAddress = None,
    resume: Resume = False,
) -> None:
    """Find personal data in files, per column for tables: types, counts, confidence, rows and
    masked examples (never the values).

    Examples:

      secplan data scan data/

      secplan data scan customers.csv --format json --output pii.json

      secplan data scan /lake/exports --engine ray --ray-address head:6379
    """
    from secplan.data.ops import run_scan
    from secplan.data.report import scan_json, scan_table
    from secplan.executor import make_executor
    from secplan.objectstore import as_target, is_remote

    if fmt not in ("table", "json"):
        raise _fail(f"unknown format {fmt!r}", "use table or json")
    name = check_engine(engine)
    urls = [t for t in map(as_target, paths) if is_remote(t)]
    if urls and len(paths) != 1:
        raise _fail("a URL is scanned on its own", "give one URL, or local paths only")
    if urls and resume:
        raise _fail("--resume works on local paths", "scan the URL without --resume")
    with errors_as_exit():
        spec = _spec(threshold, ner, entities)
        if urls:
            from secplan.data.ops import run_remote_scan
            from secplan.data.scan import default_jobs

            workers = jobs or default_jobs()
            with (
                _bar("scanning") as bar,
                make_executor(name, jobs=workers, address=ray_address) as executor,
            ):
                results = run_remote_scan(
                    services(),
                    urls[0],
                    spec,  # type: ignore[arg-type]
                    executor,
                    progress=bar,  # type: ignore[arg-type]
                )
        else:
            files = _files(paths)
            db = None
            if resume:
                from secplan.store import open_database

                db = open_database()
            try:
                with _bar("scanning") as bar, make_executor(name, address=ray_address) as ex:
                    results = run_scan(
                        services(),
                        files,
                        spec,  # type: ignore[arg-type]
                        jobs=jobs,
                        progress=bar,  # type: ignore[arg-type]
                        executor=ex,
                        resume=db,
                    )
            finally:
                if db is not None:
                    db.dispose()
    _write(
        json.dumps(scan_json(results), indent=2) + "\n" if fmt == "json" else scan_table(results),
        output,
    )
    if any(r.hits for r in results):
        raise typer.Exit(FINDINGS)
    unread = [r for r in results if r.errors]
    if unread:  # nothing found is not "clean" when part of a file could not be read
        sys.stderr.write(
            f"secplan: error: {unread[0].path}: {unread[0].errors[0]} "
            "(those records were not checked; fix the file and scan again)\n"
        )
        raise typer.Exit(ERROR)
    raise typer.Exit(OK)


@data_app.command("detect")
def detect_command(
    file: Annotated[Path, typer.Argument(help="A CSV, JSON Lines, Parquet, Excel or text file.")],
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="Text field to analyse (repeatable; default: all)."),
    ] = None,
    jobs: Jobs = 0,
    threshold: Threshold = 0.5,
    ner: Ner = "",
) -> None:
    """Print one JSON line per input record with the spans found in each field (start, end,
    label, score), for scoring against labelled data.

    Example:

      secplan data detect corpus.jsonl --field text > predictions.jsonl
    """
    from secplan.cli.detect_command import run_detect

    raise typer.Exit(run_detect(file, tuple(field or ()), jobs, threshold, ner))


@data_app.command("anonymize")
def anonymize_command(
    src: Annotated[
        Path, typer.Argument(help="The dataset to anonymize (CSV, TSV, JSON Lines or text).")
    ],
    out: Annotated[Path, typer.Option("--out", help="The new file to write.")],
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy", help="Policy TOML (see docs/data-security.md); default: a built-in policy."
        ),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the before/after report (JSON) here.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUT if it exists (never the input).")
    ] = False,
    no_verify: Annotated[
        bool,
        typer.Option(
            "--no-verify",
            help="Publish the output without scanning it again (it may still hold personal "
            "data; the audit trail records that it was not verified).",
        ),
    ] = False,
    jobs: Jobs = 0,
) -> None:
    """Anonymize a dataset into a new file, as a policy says, and report what changed and
    what was kept. The output is scanned again before it is published: if personal data is
    left outside the columns the policy keeps, nothing is written and the exit code is 2.

    Example:

      secplan data anonymize customers.csv --policy anonymize.toml --out customers.anon.csv
    """
    from secplan.data.anonymize import ResidualPersonalData
    from secplan.data.ops import run_anonymize

    with errors_as_exit():
        try:
            result = run_anonymize(
                services(), src, out, policy, jobs=jobs, overwrite=force, check=not no_verify
            )
        except ResidualPersonalData as exc:
            if report is not None:  # counts only: says what is left, and where
                _write(json.dumps(exc.result.as_json(), indent=2) + "\n", report)
            raise
    doc = result.as_json()
    if report is not None:
        _write(json.dumps(doc, indent=2) + "\n", report)
    changed = ", ".join(f"{k} {v}" for k, v in doc["changed"].items()) or "nothing"
    err.print(f"wrote {out} ({result.rows_out} of {result.rows_in} records); changed: {changed}")
    if no_verify:
        err.print("warning: the output was not scanned again (--no-verify)")
    if result.kanon_needed is not None:
        m = result.kanon_needed
        k = doc["kanon"]["after"]["k"]
        err.print(f"k-anonymity {k} is below the target; reaching it needs: {m.levels}")
    raise typer.Exit(OK)


@data_app.command("reidentify")
def reidentify_command(
    src: Annotated[Path, typer.Argument(help="A file holding vault tokens (TOK_...).")],
    out: Annotated[Path, typer.Option("--out", help="The new file to write.")],
    vault: Annotated[str, typer.Option("--vault", help="The vault the policy used.")] = "default",
    key: Annotated[str, typer.Option("--key", help="The project key the policy used.")] = "default",
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
) -> None:
    """Replace vault tokens with the original values. Needs the data:reidentify permission
    (and MFA in multi-user mode); every attempt is audited.
    """
    from secplan.data.ops import run_reidentify

    with errors_as_exit():
        counts, unknown = run_reidentify(services(), src, out, vault, key, overwrite=force)
    err.print(f"wrote {out}: {sum(counts.values())} token(s) revealed, {unknown} unknown")
    raise typer.Exit(OK)


@data_app.command("classify")
def classify_command(
    path: Annotated[Path, typer.Argument(help="The dataset file to classify.")],
    write: Annotated[
        bool, typer.Option("--write", help="Create or update its record under .secplan/datasets/.")
    ] = False,
    project: Annotated[
        Path, typer.Option("--project", help="Project root holding .secplan/.")
    ] = Path(),
    owner: Annotated[str | None, typer.Option("--owner")] = None,
    source: Annotated[str | None, typer.Option("--source")] = None,
    licence: Annotated[str | None, typer.Option("--licence")] = None,
    retention_until: Annotated[
        str | None, typer.Option("--retention-until", help="YYYY-MM-DD.")
    ] = None,
    retention_days: Annotated[int | None, typer.Option("--retention-days", min=1)] = None,
    jobs: Jobs = 0,
) -> None:
    """Suggest a sensitivity label from the personal data found (restricted for government ids,
    cards, bank accounts, credentials and health data), and record it with --write.
    """
    from secplan.data.classify import RecordFields
    from secplan.data.ops import run_classify

    try:
        until = dt.date.fromisoformat(retention_until) if retention_until else None
    except ValueError:
        raise _fail(f"{retention_until!r} is not a date", "write it like 2027-06-30") from None
    if retention_days is not None:
        until = dt.date.today() + dt.timedelta(days=retention_days)
    fields = RecordFields(owner=owner, source=source, licence=licence, retention_until=until)
    with errors_as_exit():
        if not path.is_file():
            raise _fail(f"{path}: no such file", "name a dataset file")
        s, file = run_classify(services(), path, project, fields, write=write, jobs=jobs)
    sys.stdout.write(f"{path}: {s.label.value}\n" + "".join(f"  {r}\n" for r in s.reasons))
    if file is not None:
        sys.stdout.write(f"  recorded in {file}\n")
        if s.label.sensitive and until is None:
            err.print("hint: sensitive data needs a retention period (--retention-until)")
    raise typer.Exit(OK)


@data_app.command("profile")
def profile_command(
    paths: Annotated[list[Path], typer.Argument(help="The files that make up the dataset.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Profile name (default: the first file's stem).")
    ] = None,
    label: Annotated[
        str | None, typer.Option("--label", help="The label column, whose distribution is kept.")
    ] = None,
    project: Annotated[
        Path, typer.Option("--project", help="Project root holding .secplan/.")
    ] = Path(),
) -> None:
    """Record a dataset's schema, types, statistics and checksums as a manifest under
    .secplan/profiles/, for `secplan data validate` and `secplan scan` to compare against.
    """
    from secplan.data.ops import run_profile

    with errors_as_exit():
        files = _files(paths)
        if not files:
            raise _fail("no data files found", "name CSV, JSON Lines, Parquet or Excel files")
        out, doc = run_profile(services(), files, project, name=name or files[0].stem, label=label)
    columns = doc["columns"]
    ncols = len(columns) if isinstance(columns, list) else 0
    sys.stdout.write(f"wrote {out}: {doc['rows']} rows, {ncols} columns, {len(files)} file(s)\n")
    raise typer.Exit(OK)


@data_app.command("validate")
def validate_command(
    paths: Annotated[list[Path], typer.Argument(help="Data files or directories.")],
    profile: Annotated[
        Path | None, typer.Option("--profile", help="A profile manifest to compare with.")
    ] = None,
    project: Annotated[
        Path,
        typer.Option("--project", help="Project root (profile file paths are relative to it)."),
    ] = Path(),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Check that data is what it claims to be: content type, encoding, formula injection,
    hidden pickles, malware (YARA, ClamAV); with --profile, drift from the recorded profile.
    """
    from secplan.data.ops import run_validate

    with errors_as_exit():
        problems = run_validate(paths, profile, project)
    if fmt == "json":
        sys.stdout.write(json.dumps({"version": 1, "problems": problems}, indent=2) + "\n")
    else:
        for p in problems:
            sys.stdout.write(
                f"{p['rule']}  {p['path']}  {p['message']}"
                + (f"  ({p['evidence']})" if p["evidence"] else "")
                + "\n"
            )
        if not problems:
            sys.stdout.write("no problems found\n")
    raise typer.Exit(FINDINGS if problems else OK)


def main() -> None:
    """Run ``data_app`` on its own (``python -m secplan.cli.data``)."""
    data_app()


if __name__ == "__main__":
    main()
