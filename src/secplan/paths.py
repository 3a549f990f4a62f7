"""Where secplan keeps its own state on this machine (never inside scanned projects).

``SECPLAN_HOME`` wins; otherwise ``$XDG_DATA_HOME/secplan`` (``~/.local/share/secplan``).
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """secplan's state directory (created on first use with mode 0700)."""
    explicit = os.environ.get("SECPLAN_HOME")
    if explicit:
        base = Path(explicit)
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".local" / "share") / "secplan"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    return base
