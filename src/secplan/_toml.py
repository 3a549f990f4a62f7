"""Reading TOML files with one-line errors that say what, where and how to fix."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from secplan.errors import ConfigError

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

#: Configuration and record files are small; anything larger is a mistake or an attack.
MAX_TOML_BYTES = 1 << 20
#: Dots one line may hold outside quoted strings: Python's TOML parser takes time quadratic
#: in the number of parts of one dotted key (``a.b.c...``), so a line of thousands hangs it.
MAX_LINE_DOTS = 256


class TomlTooComplex(ValueError):
    """TOML that would take the parser unbounded time."""


def _dots_outside_strings(line: str) -> int:
    n, quote, i = 0, "", 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == ".":
            n += 1
        elif c == "#":
            break
        i += 1
    return n


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads`` for untrusted text: a line with more than :data:`MAX_LINE_DOTS`
    dotted parts raises :class:`TomlTooComplex` (a ``ValueError``) instead of hanging."""
    import tomllib  # loaded with the first file read: a run without one never needs it

    for number, line in enumerate(text.splitlines(), 1):
        if line.count(".") > MAX_LINE_DOTS and _dots_outside_strings(line) > MAX_LINE_DOTS:
            raise TomlTooComplex(
                f"line {number} has more than {MAX_LINE_DOTS} dotted key parts or values"
            )
    return tomllib.loads(text)


def read_toml(path: Path, shown: str) -> dict[str, Any]:
    """Parse ``path`` (shown to users as ``shown``) or raise :class:`ConfigError`."""
    import tomllib

    try:
        size = path.stat().st_size
        if size > MAX_TOML_BYTES:
            raise ConfigError(
                f"{shown}: file is {size} bytes, over the {MAX_TOML_BYTES}-byte limit",
                "configuration and records must be small TOML files",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"{shown}: cannot read ({exc.strerror})", "check the file's permissions"
        ) from exc
    try:
        return loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{shown}: not UTF-8 text (byte {exc.start})", "save it as UTF-8"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{shown}: invalid TOML: {exc}", "fix the syntax; see https://toml.io"
        ) from exc
    except TomlTooComplex as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}", "split the key or value") from exc
    except RecursionError as exc:
        raise ConfigError(
            f"{shown}: arrays or tables nested too deeply to read",
            "flatten the nesting; configuration and records need a few levels at most",
        ) from exc
    except ValueError as exc:  # an integer of thousands of digits: Python's conversion limit
        raise ConfigError(
            f"{shown}: invalid TOML: a value too large to read ({str(exc)[:60]})",
            "fix the value; configuration and records hold small numbers",
        ) from exc


_HINTS = {
    "date_type": "write a TOML date without quotes, like 2026-06-30",
    "date_from_datetime_inexact": "write a TOML date without quotes, like 2026-06-30",
    "date_parsing": "write a TOML date without quotes, like 2026-06-30",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "extra_forbidden": "remove it, or check its spelling in the documentation",
    "missing": "add it",
    "string_type": "write a quoted string",
    "list_type": 'write a list, like ["a", "b"]',
    "literal_error": "use one of the allowed values",
    "enum": "use one of the allowed values",
}


def validate(model: type[M], data: dict[str, Any], shown: str, *, prefix: str = "") -> M:
    """Validate ``data`` into ``model``; the first error becomes a one-line :class:`ConfigError`."""
    from pydantic import ValidationError  # loaded already with the model's class

    try:
        return model.model_validate(data)
    except RecursionError as exc:
        raise ConfigError(
            f"{shown}: values nested too deeply to validate", "flatten the nesting"
        ) from exc
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if prefix:
            field = f"{prefix}.{field}"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        msg = msg.removeprefix("Value error, ")
        hint = _HINTS.get(err["type"], "see the documentation of this file")
        raise ConfigError(f"{shown}: {field}: {msg}", hint) from exc
