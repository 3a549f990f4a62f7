"""Backup benchmark: ``secplan backup drill`` (restore, then verify every file) against
``restic restore`` of the same snapshot, as whole commands.

    python benchmarks/backup/run.py --size 1GiB --runs 3 --output docs/benchmarks/backup.md
    python benchmarks/backup/run.py --size 10GB --runs 1 --warmup 0 --work /big/disk

``--size`` takes a number with a unit (``512MiB``, ``10GB``: GB = 10^9 bytes, GiB = 2^30);
the data, the repository and the restores need about four times that on the disk of
``--work`` (default: the system's temporary directory), and it is all removed at the end.

The data (random bytes, so restic cannot deduplicate it) is generated in a temporary
directory outside the project, backed up once with ``secplan backup run`` into a local restic
repository, and then restored alternately by both commands (``benchmarks/paired.py``): the
drill restores into its own temporary directory, hashes every file against the manifest and
removes the restore; ``restic restore`` only restores (its target is removed before each run,
untimed). Speed is the data size over the median wall time; the target is a drill at 0.8× or
more of restic's restore speed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.paired import Command, Comparison, compare, machine, table

_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12}
_UNITS |= {"KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}


def parse_size(text: str) -> int:
    """Bytes in ``text``: ``10GB``, ``1.5GiB``, ``512MiB`` or a plain number of bytes."""
    value = text.strip()
    i = len(value)
    while i and not (value[i - 1].isdigit() or value[i - 1] == "."):
        i -= 1
    unit = value[i:].strip().upper()
    if unit not in _UNITS or not value[:i]:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size (10GB, 1.5GiB, 512MiB)")
    return int(float(value[:i]) * _UNITS[unit])


def make_data(root: Path, size: int, files: int) -> int:
    per = size // files
    for i in range(files):
        d = root / "data" / f"part-{i % 8}"
        d.mkdir(parents=True, exist_ok=True)
        with (d / f"shard-{i:05d}.bin").open("wb") as fh:
            left = per
            while left > 0:
                n = min(left, 4 << 20)
                fh.write(os.urandom(n))
                left -= n
    return per * files


def render(
    comp: Comparison,
    size: int,
    args: argparse.Namespace,
    host: str,
    ver: str,
    phases: dict[str, float],
) -> str:
    drill, restic = comp.tools["secplan backup drill"], comp.tools["restic restore"]
    speed = restic.wall_median / drill.wall_median
    verify_gbs = size / 1e9 / phases["verify_seconds"]
    restic_gbs = size / 1e9 / restic.wall_median
    rest = drill.wall_median - phases["restore_seconds"] - phases["verify_seconds"]
    return "\n".join(
        [
            f"## Backup: restore drill against restic's own restore ({args.size_text})",
            "",
            f"One snapshot of {size / 2**30:.2f} GiB in {args.files} files (random bytes, so "
            f"nothing deduplicates) in a local repository, restored by `{ver}` alone "
            "(`restic restore latest --target DIR`) and by `secplan backup drill`, which "
            "runs the same restore and then reads back every file, checks its SHA-256 against "
            "the manifest, removes the restore and writes the evidence record. Each tool is a "
            f"fresh process, alternating, {args.runs} paired round(s) after {args.warmup} "
            "warm-up round(s); "
            "the ratio is the median of the pair-by-pair wall-time ratios (above 1.00×: "
            "slower than restic). CPU is user + system time of the process and its children.",
            "",
            f"Machine: {host}. Corpus: generated. With a load average above the number of "
            "cores, both tools wait for CPU and disk and the spread is wide: rerun on a quiet "
            "machine before reading much into a few percent.",
            "",
            table(comp, size_bytes=size),
            "",
            f"Drill speed as a share of restic's restore speed (median walls): **{speed:.2f}×** "
            "(target: 0.80× or more).",
            "",
            "Inside the drill (median of its records, warm-up included): restic's restore took "
            f"{phases['restore_seconds']:.2f} s and the verification of every file "
            f"{phases['verify_seconds']:.2f} s ({verify_gbs:.2f} GB/s, "
            f"{verify_gbs / restic_gbs:.1f}× restic's restore speed); the remaining "
            f"{rest:.1f} s or so of the drill's median wall time are interpreter start-up, the "
            "snapshot lookup, the evidence record and the audit trail.",
            "",
            f"Command: `python benchmarks/backup/run.py --size {args.size_text} "
            f"--files {args.files} --runs {args.runs} --warmup {args.warmup} "
            f"--output {args.output.as_posix() if args.output else 'PAGE'}`",
            "",
        ]
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--size", default="1GiB", help="size of the data (default 1GiB; e.g. 10GB)")
    ap.add_argument("--gib", type=float, help="size in GiB (the same as --size NGiB)")
    ap.add_argument("--files", type=int, default=128, help="number of files (default 128)")
    ap.add_argument("--runs", type=int, default=3, help="paired rounds (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    ap.add_argument("--work", type=Path, help="folder for the data, repository and restores")
    ap.add_argument("--output", type=Path)
    args = ap.parse_args()
    args.size_text = f"{args.gib:g}GiB" if args.gib is not None else args.size
    try:
        total = parse_size(args.size_text)
    except argparse.ArgumentTypeError as exc:
        ap.error(str(exc))
    restic = shutil.which("restic")
    secplan = shutil.which("secplan", path=str(Path(sys.executable).parent)) or "secplan"
    if restic is None:
        sys.exit("needs restic (apt-get install restic)")
    ver = " ".join(
        subprocess.run([restic, "version"], capture_output=True, text=True).stdout.split()[:2]
    )
    host = machine()
    with tempfile.TemporaryDirectory(prefix="secplan-bench-", dir=args.work) as tmp:
        base = Path(tmp)
        project = base / "project"
        project.mkdir()
        size = make_data(project, total, args.files)
        (project / "secplan.toml").write_text(
            '[backup]\nrepository = "../repo"\npaths = ["data"]\nkeyring = false\n'
            "database = false\n"
        )
        env = {"SECPLAN_HOME": str(base / "home"), "PYTHONDONTWRITEBYTECODE": ""}
        full = {**os.environ, **env}
        for verb in ("init", "run"):
            subprocess.run(
                [secplan, "backup", verb, "--project", str(project)],
                env=full,
                check=True,
                capture_output=True,
            )
        os.environ["SECPLAN_HOME"] = env["SECPLAN_HOME"]
        from secplan.backup.secret import PasswordStore

        password = PasswordStore.default().password(str(base / "repo")).decode()
        target, work = base / "restic-target", base / "work"
        work.mkdir()
        comp = compare(
            {
                "secplan backup drill": Command(
                    [secplan, "backup", "drill", "--project", str(project), "--workdir", str(work)],
                    env=env,
                ),
                "restic restore": Command(
                    [
                        restic,
                        "--repo",
                        str(base / "repo"),
                        "--no-cache",
                        "restore",
                        "latest",
                        "--target",
                        str(target),
                        "--quiet",
                    ],
                    env={"RESTIC_PASSWORD": password},
                    setup=lambda: shutil.rmtree(target, ignore_errors=True),
                ),
            },
            reference="restic restore",
            runs=args.runs,
            warmup=args.warmup,
        )
        records = [
            tomllib.loads(r.read_text()) for r in (project / ".secplan" / "evidence").glob("*.toml")
        ]
        failed = [r["id"] for r in records if r["result"] != "passed"]
        if failed or len(records) != args.runs + args.warmup:
            sys.exit(f"a drill did not pass: {failed or len(records)}")
        phases = {
            k: statistics.median(r["drill"][k] for r in records)
            for k in ("restore_seconds", "verify_seconds")
        }
    text = render(comp, size, args, host, ver, phases)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
