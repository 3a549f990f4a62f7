"""The ``secplan`` command line: thin commands over the library.

The application is imported on first use, so that worker processes, which re-import the
program's main module when they start, do not load every command. ``secplan --version`` and
the plain ``secplan model scan`` of the pre-commit hook, ``secplan model sign|verify``,
``secplan backup drill`` and ``secplan data detect`` (whose workers then start at once) are
answered before it loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secplan.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the ``secplan`` command."""
    import sys

    if sys.argv[1:] == ["--version"]:  # answered before the command line machinery loads
        from secplan import __version__

        print(f"secplan {__version__}")
        return
    if sys.argv[1:3] == ["model", "scan"]:  # the pre-commit hook's entry, kept lean
        from secplan.cli.lean import run as run_lean

        code = run_lean(sys.argv[3:])
        if code is not None:
            sys.exit(code)
    if sys.argv[1:3] == ["data", "detect"]:  # its workers start before the rest loads
        from secplan.cli.detect_command import run as run_detect

        code = run_detect(sys.argv[3:])
        if code is not None:
            sys.exit(code)
    if sys.argv[1:3] == ["backup", "drill"]:  # scheduled drills: restic's time, not ours
        from secplan.cli.drill_command import run as run_drill

        code = run_drill(sys.argv[3:])
        if code is not None:
            sys.exit(code)
    if sys.argv[1:2] == ["model"] and sys.argv[2:3] in (["sign"], ["verify"]):
        from secplan.cli.sign_command import run as run_signing  # a start-up's worth of time

        code = run_signing(sys.argv[2], sys.argv[3:])
        if code is not None:
            sys.exit(code)
    from secplan.cli.app import main as run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from secplan.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
