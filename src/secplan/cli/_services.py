"""Opening the local state services, without the command-line framework."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secplan.errors import SecplanError
    from secplan.services import Services


def error_exit(exc: SecplanError) -> int:
    """Print the error's one-line message (and hint) and return the exit code 2."""
    import sys

    sys.stderr.write(
        f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
    )
    return 2


def local_only(what: str = "a database") -> None:
    """Refuse a command that needs local state while ``SECPLAN_SERVER`` is set, where commands
    act through the server and never open a database or key of their own."""
    import os

    from secplan.errors import ConfigError

    if os.environ.get("SECPLAN_SERVER", "").strip():
        raise ConfigError(
            "SECPLAN_SERVER is set: commands act through the server, and this one does not "
            f"run through it (it would use {what} of its own)",
            "use the server's pages or API, or unset SECPLAN_SERVER for local mode",
        )


def services() -> Services:
    """The local state services; refused while ``SECPLAN_SERVER`` is set (:func:`local_only`)."""
    from secplan.services import open_services

    local_only()
    return open_services()
