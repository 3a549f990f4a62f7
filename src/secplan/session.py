"""Who the state services act for: an API token in ``SECPLAN_TOKEN``, else the login
session saved in secplan's home (see :attr:`secplan.services.Services.actor`). Kept apart
from the services so that checking for either loads no database code."""

from __future__ import annotations

from pathlib import Path

from secplan import paths

ENV_TOKEN = "SECPLAN_TOKEN"  # noqa: S105 (a variable name)


def session_file() -> Path:
    return paths.home() / "session"
