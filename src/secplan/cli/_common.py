"""What every command shares: one-line errors with exit code 2, and opening the services."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from secplan.errors import SecplanError

if TYPE_CHECKING:
    from secplan.services import Services

OK, FINDINGS, ERROR = 0, 1, 2


def fail(exc: SecplanError) -> typer.Exit:
    sys.stderr.write(
        f"secplan: error: {exc.message}" + (f" ({exc.hint})" if exc.hint else "") + "\n"
    )
    return typer.Exit(ERROR)


@contextmanager
def errors_as_exit() -> Iterator[None]:
    """Turn a :class:`SecplanError` into its one-line message and exit code 2."""
    try:
        yield
    except SecplanError as exc:
        raise fail(exc) from None


def services() -> Services:
    """The local state services; refused while ``SECPLAN_SERVER`` is set, where commands act
    through the server and never open a database or key of their own."""
    import os

    from secplan.errors import ConfigError
    from secplan.services import open_services

    if os.environ.get("SECPLAN_SERVER", "").strip():
        raise ConfigError(
            "SECPLAN_SERVER is set: commands act through the server, and this one does not "
            "run through it (it would use a database of its own)",
            "use the server's pages or API, or unset SECPLAN_SERVER for local mode",
        )
    return open_services()
