"""What the lean entries (the commands answered before the command line framework loads)
share when they read their arguments."""

from __future__ import annotations


def option_value(args: list[str], i: int, eq: str, value: str) -> tuple[str, int] | None:
    """The value of the option just read (``--name=value``, or ``--name value`` with the
    value at ``args[i]``) and the index after it; ``None`` when it is missing, empty or looks
    like an option, which the full command line then reports."""
    if not eq:
        if i >= len(args):
            return None
        value = args[i]
        i += 1
    if not value or value.startswith("-"):
        return None
    return value, i
