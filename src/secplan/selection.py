"""Which rules a run reports: ``select`` and ``ignore`` (from settings or the command line),
matched by rule id or prefix.

A pattern that names no rule is an error, never a filter that silently matches nothing:
``--select ZZ999`` would otherwise report nothing and look clean. File-not-verified findings
(``SX001``) are coverage gaps, not checks: ``select`` never drops them and ``ignore`` may not
name them, so a file nobody could read is never filtered out of sight.

>>> matches("MF101", ("MF",)), matches("MF101", ("DT",))
(True, False)
>>> close_matches("DT1O1", ("DT101", "DT102", "MF101"))
['DT101']
"""

from __future__ import annotations

from collections.abc import Iterable

from secplan.errors import ConfigError

#: Rule of files and checks that could not be verified: always reported.
ALWAYS_REPORTED = "SX001"


def matches(rule: str, patterns: tuple[str, ...]) -> bool:
    return any(rule == p or (p and rule.startswith(p)) for p in patterns)


def selected(rule: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether findings of ``rule`` are reported."""
    if rule == ALWAYS_REPORTED:
        return True
    if select and not matches(rule, select):
        return False
    return not matches(rule, ignore)


def left_out(rules: Iterable[str], select: tuple[str, ...], ignore: tuple[str, ...]) -> set[str]:
    """The rules whose findings a run does not report."""
    return {r for r in rules if not selected(r, select, ignore)}


#: Letters typed for the digits they look like, in the number part of a rule id.
_LOOKALIKES = str.maketrans("OILSBZ", "011582")


def close_matches(pattern: str, rules: Iterable[str]) -> list[str]:
    """Rule ids or families that ``pattern`` was probably meant to be."""
    ids = sorted(set(rules))
    families = sorted({r[:2] for r in ids})
    fixed = pattern[:2] + pattern[2:].translate(_LOOKALIKES)
    out = [fixed] if fixed != pattern and any(r.startswith(fixed) for r in ids) else []
    pool = ids if len(pattern) > 2 else families
    import difflib  # only to suggest a fix for a pattern that names nothing

    for near in difflib.get_close_matches(pattern, pool, n=3, cutoff=0.75):
        if near not in out:
            out.append(near)
    return out[:3]


def check_patterns(patterns: tuple[str, ...], rules: Iterable[str], *, where: str) -> None:
    """Raise :class:`ConfigError` for a pattern that matches no rule (``where`` names the
    option or the settings field), or that would hide coverage gaps."""
    ids = sorted(set(rules))
    for p in patterns:
        if where.endswith("ignore") and p == ALWAYS_REPORTED:
            raise ConfigError(
                f"{where}: {p} cannot be ignored: files that could not be verified are always "
                "reported",
                "fix what could not be read, or record a reviewed waiver for it",
            )
        if p and any(r.startswith(p) for r in ids):
            continue
        near = close_matches(p, ids)
        raise ConfigError(
            f"{where}: unknown rule or prefix {p!r}"
            + (f"; did you mean {' or '.join(near)}?" if near else ""),
            "`secplan rules` lists every rule id",
        )


def check_settings_patterns(
    select: tuple[str, ...], ignore: tuple[str, ...], rules: Iterable[str], *, source: str
) -> None:
    """Both lists of a settings source: ``secplan.toml: select`` or ``--select``."""
    ids = tuple(rules)
    for name, patterns in (("select", select), ("ignore", ignore)):
        where = f"--{name}" if source == "--" else f"{source}: {name}"
        check_patterns(patterns, ids, where=where)
