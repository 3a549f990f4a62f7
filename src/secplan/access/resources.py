"""Resources and scopes: one spelling for every resource, and globs that stay inside themselves.

A resource is ``kind:name`` (``dataset:data/customers.csv``, ``key:k-1f2e``,
``principal:alice``) or a bare kind (``audit``). Before any match both sides are brought to
one spelling: the kind in lower case; in the name, ``.`` segments, empty segments and
trailing slashes dropped, and ``..`` resolved lexically (it stays only at the start of a
relative name). Names compare case-sensitively: on a file system that ignores case, another
spelling is refused rather than allowed.

A name that later software could read as a different path is *ambiguous*: one with a
percent-escape (``%2e``), a backslash, a control character, or a segment ending in a dot or
space (Windows drops those). Ambiguous names are never decoded or guessed at: only the
unscoped grant ``*`` covers them, and a scope may not contain them.

A scope is ``*`` (everything) or a glob over resources, matched segment by segment: ``*``,
``?`` and ``[...]`` never cross a ``/`` and never match ``..``; ``**`` as a whole segment
matches any number of segments (at the end of a scope, at least one: ``data/**`` is what is
inside ``data``, not ``data`` itself).

>>> covers("dataset:data/public/*", "dataset:data/public/../private/payroll.csv")
False
>>> canonical("dataset:./data//public/x/../a.csv")
'dataset:data/public/a.csv'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path

from secplan.errors import ConfigError

MAX_SCOPE = 1000  # the width of role_bindings.scope
MAX_RESOURCE = 4096
_KIND = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_GLOB = re.compile(r"[*?\[]")
_SCOPE_HINT = "use a kind and a path such as 'dataset:data/public/*', or '*' for everything"


def _split(text: str) -> tuple[str, str | None]:
    kind, sep, name = text.partition(":")
    return kind.lower(), (name if sep else None)


def _normal_path(name: str) -> str | None:
    """``name`` with ``.``, ``//`` and ``..`` resolved lexically; None when ambiguous."""
    if "\\" in name or _ESCAPE.search(name) or _CONTROL.search(name):
        return None
    absolute = name.startswith("/")
    out: list[str] = []
    for seg in name.split("/"):
        if seg in ("", "."):
            continue
        if seg == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not absolute:  # "/.." is "/"
                out.append("..")
            continue
        if seg.endswith((".", " ")):
            return None
        out.append(seg)
    return ("/" if absolute else "") + "/".join(out)


def canonical(resource: str) -> str | None:
    """The one spelling of ``resource``, or None when it is malformed or ambiguous."""
    if len(resource) > MAX_RESOURCE:
        return None
    kind, name = _split(resource)
    if not _KIND.fullmatch(kind):
        return None
    if name is None:
        return kind
    path = _normal_path(name)
    return None if path is None else f"{kind}:{path}"


def parse_scope(scope: str) -> str:
    """``scope`` in its one spelling, or :class:`ConfigError` saying what is wrong with it."""
    if scope == "*":
        return scope
    if not scope or len(scope) > MAX_SCOPE:
        raise ConfigError(f"scope of {len(scope)} characters is empty or too long", _SCOPE_HINT)
    kind, name = _split(scope)
    if not _KIND.fullmatch(kind):
        raise ConfigError(f"scope {scope!r} does not start with a resource kind", _SCOPE_HINT)
    if name is None:
        return kind
    path = _normal_path(name)
    if path is None:
        raise ConfigError(
            f"scope {scope!r} is ambiguous (a percent-escape, backslash, control character "
            "or a segment ending in a dot or space)",
            _SCOPE_HINT,
        )
    return f"{kind}:{path}"


def _segments(path: str) -> tuple[str, ...]:
    """The segments of a normal path; an absolute one starts with an empty segment."""
    if not path:
        return ()
    if path == "/":
        return ("",)
    return tuple(path.split("/"))


def _special(seg: str) -> bool:
    """Segments only a literal matches: ``..`` and the root of an absolute path."""
    return seg in ("..", "")


def _seg_matches(pattern: str, seg: str) -> bool:
    if _special(seg):
        return pattern == seg
    return fnmatchcase(seg, pattern)


def _walk(pat: tuple[str, ...], segs: tuple[str, ...], step: Callable[[str, str], bool]) -> bool:
    """Whether the segment pattern ``pat`` takes in all of ``segs``, where ``step`` says
    whether one pattern segment takes in one segment; ``**`` takes in whole segments."""
    memo: dict[tuple[int, int], bool] = {}

    def m(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[i, j]
        if i == len(pat):
            out = j == len(segs)
        elif pat[i] == "**" and i == len(pat) - 1:
            out = j < len(segs) and not any(_special(s) for s in segs[j:])
        elif pat[i] == "**":
            out = m(i + 1, j) or (j < len(segs) and not _special(segs[j]) and m(i, j + 1))
        else:
            out = j < len(segs) and step(pat[i], segs[j]) and m(i + 1, j + 1)
        memo[i, j] = out
        return out

    return m(0, 0)


def covers(scope: str, resource: str) -> bool:
    """Whether ``scope`` covers ``resource`` (both brought to their one spelling first)."""
    if scope == "*":
        return True
    res = canonical(resource)
    try:
        pat = parse_scope(scope)
    except ConfigError:
        return False  # a malformed stored scope covers nothing
    if res is None:
        return False
    (pk, pn), (rk, rn) = _split(pat), _split(res)
    if pk != rk or (pn is None) != (rn is None):
        return False
    return pn is None or rn is None or _walk(_segments(pn), _segments(rn), _seg_matches)


def _literal_ends(pattern: str) -> tuple[str, str]:
    """The literal text before the first and after the last wildcard of ``pattern``."""
    starts = [m.start() for m in _GLOB.finditer(pattern)]
    last_end = max(pattern.rfind("*"), pattern.rfind("?"), pattern.rfind("]")) + 1
    return pattern[: starts[0]], pattern[last_end:]


def _seg_contains(outer: str, inner: str) -> bool:
    """Whether every segment ``inner`` matches, ``outer`` matches too (sound, not complete)."""
    if inner == "**":
        return False  # any depth, which one segment is not
    if not _GLOB.search(inner):
        return _seg_matches(outer, inner)
    if outer in ("*", inner):
        return True
    if outer.count("*") == 1 and not re.search(r"[?\[]", outer):
        head, tail = outer.split("*")
        i_head, i_tail = _literal_ends(inner)
        return i_head.startswith(head) and i_tail.endswith(tail)
    return False


def contains(outer: str, inner: str) -> bool:
    """Whether scope ``outer`` covers every resource scope ``inner`` covers. Sound: when in
    doubt the answer is no, so a grant is refused rather than widened."""
    if outer == "*":
        return True
    if inner == "*":
        return False
    (ok, on), (ik, inn) = _split(outer), _split(inner)
    if ok != ik or (on is None) != (inn is None):
        return False
    if on is None or inn is None:
        return True
    return _walk(_segments(on), _segments(inn), _seg_contains)


def file_resource(kind: str, path: Path, root: Path | None = None) -> str:
    """``kind:<path>`` for a file, with symbolic links resolved and the path relative to
    ``root`` (the working directory by default) when it lies inside it."""
    base = (root or Path.cwd()).resolve()
    p = path.resolve()
    rel = p.relative_to(base).as_posix() if p.is_relative_to(base) else p.as_posix()
    return f"{kind}:{rel}"
