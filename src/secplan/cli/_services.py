"""Opening the local state services, without the command-line framework."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secplan.services import Services


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
