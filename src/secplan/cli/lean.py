"""The lean entry of ``secplan model scan``, for pre-commit hooks that run it on every commit.

``secplan model scan --jobs 1 FILES`` with only the options below is parsed here and handed to
:func:`secplan.cli.model_command.run_model_scan`, the function the full command calls, without
loading the command-line framework or the other commands. Anything else (another option, a
malformed value, ``--help``, no path) returns ``None`` and the full command line takes the
arguments unchanged, so that its usage errors and help stay the only ones.

>>> parse(["model.pt", "--jobs", "1", "-f", "json"])
LeanScan(paths=(PosixPath('model.pt'),), fmt='json', output=None, fail_on=None, jobs=1)
>>> parse(["model.pt", "--debug"]) is None
True
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from secplan.cli._argv import option_value

#: The options the lean entry takes (long and short spellings), each with one value.
OPTIONS = {
    "--format": "fmt",
    "-f": "fmt",
    "--output": "output",
    "-o": "output",
    "--fail-on": "fail_on",
    "--jobs": "jobs",
    "-j": "jobs",
}


@dataclass(frozen=True, slots=True)
class LeanScan:
    """The options of one ``secplan model scan`` run that the lean entry takes."""

    paths: tuple[Path, ...]
    fmt: str = "table"
    output: Path | None = None
    fail_on: str | None = None
    jobs: int | None = None


def parse(args: list[str]) -> LeanScan | None:
    """The arguments after ``model scan``, or ``None`` when the full command must parse them."""
    values: dict[str, str] = {}
    paths: list[Path] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            paths.append(Path(arg))
            continue
        name, eq, value = arg.partition("=")
        if name not in OPTIONS or (eq and not name.startswith("--")):
            return None  # another option, --help, "--", "-": the full command decides
        taken = option_value(args, i, eq, value)
        if taken is None:
            return None
        value, i = taken
        values[OPTIONS[name]] = value  # the last one wins, as on the full command line
    if not paths:
        return None
    jobs = values.get("jobs")
    if jobs is not None and not (jobs.isascii() and jobs.isdigit() and int(jobs) >= 1):
        return None
    output = values.get("output")
    return LeanScan(
        paths=tuple(paths),
        fmt=values.get("fmt", "table"),
        output=Path(output) if output is not None else None,
        fail_on=values.get("fail_on"),
        jobs=int(jobs) if jobs is not None else None,
    )


def run(args: list[str]) -> int | None:
    """Run ``secplan model scan ARGS`` and return its exit code; ``None`` when the arguments
    are not for the lean entry (nothing has been done then)."""
    opts = parse(args)
    if opts is None:
        return None
    from secplan.cli.model_command import run_model_scan

    try:
        return run_model_scan(
            list(opts.paths),
            fmt=opts.fmt,
            output=opts.output,
            fail_on=opts.fail_on,
            jobs=opts.jobs,
        )
    except KeyboardInterrupt:
        sys.stderr.write("secplan: interrupted\n")
        return 130
    except BrokenPipeError:
        return reader_gone()


def reader_gone() -> int:
    """The reader of the output went away (``| head``): exit 1 quietly, as click does."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1
