"""The data operations as the CLI and the server run them: each one authorized through access
control and recorded in the audit trail (counts and types only, never values).

========================  ===================  ==========================================
operation                 action               resource
========================  ===================  ==========================================
scan for personal data    ``data:read``        ``dataset:<path relative to the project>``
anonymize                 ``data:anonymize``   ``dataset:<input path>``
re-identify               ``data:reidentify``  ``dataset:<input path>`` (MFA in multi-user)
write a dataset record    ``data:label``       ``dataset:<path>``
========================  ===================  ==========================================
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secplan._io import sha256_file
from secplan.audit.events import Outcome
from secplan.errors import TargetError

if TYPE_CHECKING:
    from secplan.data.anonymize import Result
    from secplan.data.classify import RecordFields, Suggestion
    from secplan.data.keys import KeySource
    from secplan.data.policy import Policy
    from secplan.data.scan import DetectorSpec, FileScan, Progress
    from secplan.data.vault import TokenVault
    from secplan.executor import Executor
    from secplan.services import Services
    from secplan.store import Database


def resource(path: Path, root: Path | None = None) -> str:
    base = (root or Path.cwd()).resolve()
    p = path.resolve()
    rel = p.relative_to(base).as_posix() if p.is_relative_to(base) else p.as_posix()
    return f"dataset:{rel}"


def authorize(svc: Services, action: str, res: str, **details: object) -> None:
    """Raise :class:`~secplan.errors.AccessDenied` (audited) unless the actor may act."""
    svc.access.require(svc.actor, action, res, **details)


def record(
    svc: Services, action: str, res: str, outcome: Outcome = Outcome.ALLOWED, **details: object
) -> None:
    svc.audit(action, res, outcome, **details)


def int_counts(counts: dict[str, int]) -> dict[str, int]:
    """Counts safe for audit details: ASCII keys, integer values."""
    return {k.replace(":", ".")[:60]: int(v) for k, v in counts.items()}


# -- the operations ------------------------------------------------------------------------

_TEXT_SUFFIXES = (".txt", ".log", ".md")


def data_files(paths: list[Path], *, any_data: bool = False) -> list[Path]:
    """The data and text files named by ``paths`` (directories walked, hidden parts skipped);
    ``any_data`` also takes binary data formats and pickles (for validation)."""
    from secplan.data.readers import TABLE_FORMATS, reader_format
    from secplan.data.validate import DATA_SUFFIXES

    out: list[Path] = []
    for p in paths:
        if not p.exists():
            raise TargetError(f"{p}: no such file or directory", "check the path")
        if p.is_file():
            out.append(p)
            continue
        for f in sorted(p.rglob("*")):
            hidden = any(part.startswith(".") for part in f.relative_to(p).parts)
            suffix = f.suffix.lower()
            wanted = reader_format(f) in TABLE_FORMATS or suffix in _TEXT_SUFFIXES
            wanted = wanted or (any_data and suffix in DATA_SUFFIXES)
            if f.is_file() and not hidden and wanted:
                out.append(f)
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the scan reports it


def run_scan(
    svc: Services,
    files: list[Path],
    spec: DetectorSpec,
    *,
    jobs: int = 0,
    progress: Progress | None = None,
    executor: Executor | None = None,
    resume: Database | None = None,
) -> list[FileScan]:
    """Authorize reading each file, scan it on all cores (or one file per unit on
    ``executor``, when it is not the local one), and audit what was found. With ``resume``,
    files are units (on ``executor``, else on ``jobs`` local processes), each recorded in that
    database when done, and those an interrupted run finished are read back, not scanned."""
    from secplan.data.scan import default_jobs, pool_for, scan_file

    if resume is not None:
        return _resumed(svc, files, spec, jobs or default_jobs(), executor, resume, progress)
    if executor is not None and executor.name != "local":
        return _scan_units(svc, files, spec, executor, progress)
    results = []
    pool = pool_for(jobs, sum(_size(f) for f in files), spec)
    try:
        for f in files:
            res = resource(f)
            authorize(svc, "data:read", res, operation="pii-scan")
            r = scan_file(f, shown=str(f), spec=spec, pool=pool, progress=progress)
            results.append(r)
            _record_scan(svc, res, r)
    finally:
        if pool is not None:
            pool.shutdown()
    return results


def _record_scan(svc: Services, res: str, r: FileScan) -> None:
    found = int_counts(r.entities)
    record(
        svc,
        "data:read",
        res,
        operation="pii-scan",
        records=r.records,
        complete=r.complete,
        found=found,
    )


def scan_unit(spec: DetectorSpec, item: tuple[Path, str]) -> FileScan:
    """One work unit: one whole file, scanned in the worker that runs it."""
    from secplan.data.scan import scan_file

    path, shown = item
    return scan_file(path, shown=shown, spec=spec)


def scan_remote_unit(spec: DetectorSpec, item: tuple[str, str]) -> FileScan:
    """One work unit: one remote object, streamed into a private temporary file under the
    size limit, scanned, then deleted."""
    from secplan.data.scan import scan_file
    from secplan.objectstore import Fetched

    url, shown = item
    with Fetched(url, shown) as path:
        return scan_file(path, shown=shown, spec=spec)


def run_remote_scan(
    svc: Services,
    url: str,
    spec: DetectorSpec,
    executor: Executor,
    *,
    max_files: int = 200_000,
    progress: Progress | None = None,
) -> list[FileScan]:
    """Authorize and scan the data files under ``url`` (``s3://bucket/prefix``...), one
    object per unit on ``executor``; each result is shown by its URL (without credentials)."""
    from secplan.data.readers import TABLE_FORMATS, reader_format
    from secplan.objectstore import list_objects, shown_url

    objects = [
        o
        for o in list_objects(url, max_files)
        if reader_format(Path(o.relpath)) in TABLE_FORMATS
        or Path(o.relpath).suffix.lower() in _TEXT_SUFFIXES
    ]
    if not objects:
        raise TargetError(f"{shown_url(url)}: no data files under this prefix", "check the URL")
    shown = {o.url: shown_url(o.url) for o in objects}
    sizes = {shown[o.url]: o.size for o in objects}
    units = [(shown[o.url], (o.url, shown[o.url])) for o in objects]
    return _run_units(svc, units, sizes, spec, executor, progress, scan_remote_unit)


def _resumed(
    svc: Services,
    files: list[Path],
    spec: DetectorSpec,
    jobs: int,
    executor: Executor | None,
    db: Database,
    progress: Progress | None,
) -> list[FileScan]:
    from secplan import __version__
    from secplan.executor.local import LocalExecutor
    from secplan.executor.resume import FILE_SCAN, digest, file_state, resuming

    inner = executor if executor is not None and executor.name != "local" else LocalExecutor(jobs)
    scan_id = digest("data scan", __version__, spec)
    ex = resuming(inner, db, scan_id, FILE_SCAN, lambda item: file_state(item[0]))
    sizes = {str(f): f.stat().st_size for f in files}
    units: list[tuple[str, tuple[Any, str]]] = [(str(f), (f, str(f))) for f in files]
    return _run_units(svc, units, sizes, spec, ex, progress, scan_unit)


def scan_item(spec: DetectorSpec, item: Any) -> Any:
    """One work unit: a whole file, or one row group of a large Parquet file."""
    from secplan.data.split import Part, scan_part

    return scan_part(spec, item) if isinstance(item, Part) else scan_unit(spec, item)


def _scan_units(
    svc: Services,
    files: list[Path],
    spec: DetectorSpec,
    executor: Executor,
    progress: Progress | None,
) -> list[FileScan]:
    """Each file a unit, except that a Parquet file with several row groups is spread over
    the workers one row group per unit."""
    from secplan.data.readers import Limits
    from secplan.data.split import join, parts
    from secplan.executor import Failed

    sizes = {str(f): f.stat().st_size for f in files}
    for f in files:  # every file is authorized before any is read
        authorize(svc, "data:read", resource(f), operation="pii-scan")
    units: list[tuple[str, Any]] = []
    spans: list[tuple[Path, list[Any] | None, int, int]] = []  # file, its parts, unit range
    for f in files:
        split = parts(f, str(f), spec, Limits())
        start = len(units)
        if split is None:
            units.append((str(f), (f, str(f))))
        else:
            units += [(f"{f}#row-group-{p.group}", p) for p in split]
        spans.append((f, split, start, len(units)))

    shown = {key: (sizes[str(f)], str(f)) for f, _, a, b in spans for key, _ in units[a:b]}

    def done(key: str) -> None:  # a row group counts as its share of the file's bytes
        if progress is not None:
            size, path = shown[key]
            progress(size, size, path)

    out = executor.run(scan_item, spec, units, done)
    results: list[FileScan] = []
    for f, split, start, end in spans:
        if split is None:
            r = out[start]
            r = _unread(str(f), sizes[str(f)], r.message) if isinstance(r, Failed) else r
        else:
            got = [x.message if isinstance(x, Failed) else x for x in out[start:end]]
            r = join(split, got, sizes[str(f)])
        results.append(r)
        _record_scan(svc, resource(f), r)
    return results


def _unread(path: str, size: int, why: str) -> FileScan:
    """A file whose unit failed on every retry: reported unread, never as clean."""
    from secplan.data.scan import FileScan

    return FileScan(
        path=path,
        format="",
        records=0,
        bytes_read=0,
        size=size,
        complete=False,
        truncated="",
        errors=(f"not verified: {why}",),
        columns=(),
        hits=(),
    )


def _run_units(
    svc: Services,
    units: list[tuple[str, tuple[Any, str]]],
    sizes: dict[str, int],
    spec: DetectorSpec,
    executor: Executor,
    progress: Progress | None,
    fn: Callable[[DetectorSpec, Any], FileScan],
) -> list[FileScan]:
    from secplan.executor import Failed

    resources = {
        key: resource(Path(key)) if "://" not in key else f"dataset:{key}" for key, _ in units
    }
    for key, _ in units:  # every file is authorized before any is read
        authorize(svc, "data:read", resources[key], operation="pii-scan")

    def done(key: str) -> None:
        if progress is not None:
            progress(sizes[key], sizes[key], key)

    results: list[FileScan] = []
    for (key, _), r in zip(units, executor.run(fn, spec, units, done), strict=True):
        if isinstance(r, Failed):  # never a silent gap: the file is reported unread
            r = _unread(key, sizes[key], r.message)
        results.append(r)
        _record_scan(svc, resources[key], r)
    return results


def run_validate(paths: list[Path], profile: Path | None, project: Path) -> list[dict[str, object]]:
    """DS5 checks on every file, and drift from ``profile`` when given."""
    import json

    from secplan.data.profile import validate_profile
    from secplan.data.validate import check_file
    from secplan.errors import ConfigError

    problems: list[dict[str, object]] = []
    for f in data_files(paths, any_data=True):
        for i in check_file(f):
            problems.append(
                {
                    "rule": i.rule,
                    "path": str(f),
                    "message": i.message,
                    "evidence": i.evidence,
                    "line": i.line,
                    "offset": i.offset,
                    "member": i.member,
                }
            )
    if profile is not None:
        try:
            base = json.loads(profile.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"{profile}: not a profile ({exc})", "create one with secplan data profile"
            ) from None
        for d in validate_profile(project.resolve(), base, where=str(profile)):
            problems.append(
                {
                    "rule": d.rule,
                    "path": d.path or str(profile),
                    "message": d.message,
                    "evidence": d.evidence,
                }
            )
    return problems


def _vault(policy: Policy, keys: KeySource) -> TokenVault | None:
    from secplan.data.vault import TokenVault, vault_path

    return (
        TokenVault(vault_path(policy.vault), keys, key_name=policy.key)
        if policy.uses_vault
        else None
    )


def run_anonymize(
    svc: Services,
    src: Path,
    dst: Path,
    policy_path: Path | None,
    *,
    jobs: int = 0,
    overwrite: bool = False,
    check: bool = True,
    keys: KeySource | None = None,
) -> Result:
    """Authorize, anonymize ``src`` into ``dst``, and audit what changed; a run whose output
    still holds personal data publishes nothing and is audited as failed, with the counts."""
    from secplan.data.anonymize import ResidualPersonalData, anonymize_file
    from secplan.data.keys import FileKeySource
    from secplan.data.policy import DEFAULT_POLICY, load_policy
    from secplan.data.scan import default_jobs, make_pool
    from secplan.data.transforms import Transformer

    if not src.is_file():
        raise TargetError(f"{src}: no such file", "name the dataset to anonymize")
    policy = load_policy(policy_path) if policy_path is not None else DEFAULT_POLICY
    res = resource(src)
    authorize(
        svc,
        "data:anonymize",
        res,
        output=dst.name,
        policy=policy_path.name if policy_path else "default",
    )
    keys = keys or FileKeySource()
    vault = _vault(policy, keys)
    pool = make_pool(jobs or default_jobs())
    try:
        result = anonymize_file(
            src,
            dst,
            policy,
            Transformer(policy, keys, vault),
            pool=pool,
            overwrite=overwrite,
            check=check,
        )
    except ResidualPersonalData as exc:
        left = exc.result
        record(
            svc,
            "data:anonymize",
            res,
            Outcome.FAILED,
            error="residual personal data",
            residual=int_counts(left.residual),
            residual_columns=len(left.residual_columns),
        )
        raise
    except BaseException as exc:
        record(svc, "data:anonymize", res, Outcome.FAILED, error=type(exc).__name__)
        raise
    finally:
        if pool is not None:
            pool.shutdown()
        if vault is not None:
            vault.close()
    record(
        svc,
        "data:anonymize",
        res,
        output=dst.name,
        output_sha256=sha256_file(dst),
        rows=result.rows_out,
        changed=int_counts(result.changed),
        residual=int_counts(result.residual),
        verified=result.verified,
        vault=policy.vault if vault is not None else None,
    )
    return result


def run_reidentify(
    svc: Services,
    src: Path,
    dst: Path,
    vault_name: str,
    key_name: str,
    *,
    overwrite: bool = False,
    keys: KeySource | None = None,
) -> tuple[dict[str, int], int]:
    """Authorize (``data:reidentify``, MFA in multi-user mode), reveal tokens, audit."""
    from secplan.data.keys import FileKeySource
    from secplan.data.reidentify import reidentify_file
    from secplan.data.vault import TokenVault, vault_path

    if not src.is_file():
        raise TargetError(f"{src}: no such file", "name the tokenized file")
    res = resource(src)
    authorize(svc, "data:reidentify", res, output=dst.name, vault=vault_name)
    path = vault_path(vault_name)
    if not path.is_file():
        record(svc, "data:reidentify", res, Outcome.FAILED, error="no such vault")
        raise TargetError(f"vault {vault_name!r} does not exist", "name the vault the policy used")
    vault = TokenVault(path, keys or FileKeySource(), key_name=key_name)
    try:
        counts, unknown = reidentify_file(src, dst, vault, overwrite=overwrite)
    except BaseException as exc:
        record(svc, "data:reidentify", res, Outcome.FAILED, error=type(exc).__name__)
        raise
    finally:
        vault.close()
    record(
        svc,
        "data:reidentify",
        res,
        output=dst.name,
        revealed=int_counts(counts),
        unknown_tokens=unknown,
    )
    return counts, unknown


def run_classify(
    svc: Services, path: Path, root: Path, fields: RecordFields, *, write: bool, jobs: int = 0
) -> tuple[Suggestion, Path | None]:
    """Scan ``path``, suggest a label, and (with ``write``) record it under ``.secplan``."""
    from secplan.data.classify import suggest, write_record
    from secplan.data.detect import DEFAULT_ENTITIES
    from secplan.data.lists import word_lists
    from secplan.data.scan import DetectorSpec, default_jobs, make_pool, scan_file

    res = resource(path, root)
    authorize(svc, "data:read", res, operation="classify")
    spec = DetectorSpec(entities=DEFAULT_ENTITIES | {"HEALTH"})
    pool = make_pool(jobs or default_jobs())
    try:
        scan = scan_file(path, spec=spec, pool=pool)
    finally:
        if pool is not None:
            pool.shutdown()
    health = [
        c.name
        for c in scan.columns
        if c.name.lower().rsplit("!", 1)[-1] in word_lists().health_columns
    ]
    s = suggest(scan.entities, health_columns=health)
    record(
        svc,
        "data:read",
        res,
        operation="classify",
        suggested=s.label.value,
        contains=list(s.contains),
    )
    if not write:
        return s, None
    if not scan.complete:
        from secplan.errors import TargetError

        raise TargetError(
            f"{path}: not every record could be checked "
            f"({scan.errors[0] if scan.errors else scan.truncated or 'read limit reached'})",
            "fix the file, or label it by hand with secplan data label",
        )
    authorize(svc, "data:label", res, label=s.label.value)
    rel = res.removeprefix("dataset:")
    file, label = write_record(root, rel, s, fields)
    record(
        svc,
        "data:label",
        res,
        label=label.value,
        record=file.relative_to(root).as_posix(),
        contains=list(s.contains),
    )
    return s, file


def profile_path(root: Path, name: str) -> Path:
    import re

    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-").lower()[:60] or "dataset"
    return root / ".secplan" / "profiles" / f"{safe}.json"


def run_profile(
    svc: Services, paths: list[Path], root: Path, *, name: str, label: str | None
) -> tuple[Path, dict[str, object]]:
    """Profile the dataset made of ``paths`` and write its manifest under ``.secplan``."""
    from secplan.data.profile import build_profile, write_profile

    res = resource(paths[0], root)
    authorize(svc, "data:read", res, operation="profile")
    doc = build_profile(root.resolve(), [p.resolve() for p in paths], label=label)
    doc["dataset"] = name
    out = profile_path(root, name)
    write_profile(out, doc)
    record(svc, "data:read", res, operation="profile", files=len(paths), rows=int(str(doc["rows"])))
    return out, doc
