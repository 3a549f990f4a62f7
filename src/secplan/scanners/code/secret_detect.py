"""Find secrets in text: known token formats first, then secret-looking assignments.

Every hit carries the position of the secret and a masked form of it; the raw value stays
inside this module's callers only as long as it takes to mask it.

>>> token = "ghp_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
>>> [(h.rule.id, h.line, h.masked) for h in find_secrets(f'GITHUB = "{token}"')]
[('CD203', 1, 'ghp_…(40 chars)')]
>>> find_secrets('token = os.environ["GITHUB_TOKEN"]')
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from secplan.scanners.code._secret_lists import CompiledDetector, secret_lists
from secplan.scanners.code.secret_cli import cli_credentials
from secplan.scanners.code.secret_generic import assignments
from secplan.scanners.code.secret_values import (
    entropy,
    is_placeholder,
    jwt_ok,
    mask,
    password_ok,
    pem_body_ok,
)

if TYPE_CHECKING:
    from secplan.model import Rule

#: Text beyond this many characters is not searched for secrets.
MAX_SECRET_TEXT = 32 << 20


@dataclass(frozen=True, slots=True)
class SecretHit:
    rule: Rule
    detector: str
    title: str
    start: int
    end: int
    line: int
    column: int
    masked: str


@dataclass(frozen=True, slots=True)
class _Span:
    priority: int
    start: int
    end: int
    rule: str | None  # the id of the rule of a known format; None: a generic secret
    detector: str
    title: str
    masked: str


def _keywords_present(d: CompiledDetector, text: str, lower: str) -> bool:
    hay = lower if d.ignore_case else text
    return any(k in hay for k in d.keywords)


def _from_detector(d: CompiledDetector, text: str) -> list[_Span]:
    if d.prefilter is not None and d.prefilter.search(text) is None:
        return []
    if d.requires is not None and d.requires.search(text) is None:
        return []
    out: list[_Span] = []
    priority = 3 if d.requires is not None else 2
    for m in d.regex.finditer(text):
        value = m.group(d.group)
        start, end = m.span(d.group)
        if d.validator == "pem-body":
            ok, end = pem_body_ok(text, m.end())
            if not ok:
                continue
            shown = f"{value.strip('-')} …({end - start} chars)"
        else:
            if d.validator == "password" and not password_ok(value):
                continue
            if d.validator == "jwt" and not jwt_ok(value):
                continue
            if d.validator != "password" and is_placeholder(value):
                continue
            if entropy(value) < d.min_entropy:
                continue
            shown = mask(value)
        out.append(_Span(priority, start, end, d.rule, d.id, d.title, shown))
    return out


def _generic(text: str, bare: bool, lower: str) -> list[_Span]:
    return [
        _Span(
            1,
            c.start,
            c.end,
            None,
            "password-assignment" if c.password else "secret-assignment",
            f"value of {c.name[:60]}",
            mask(c.value),
        )
        for c in assignments(text, bare=bare, lower=lower)
    ]


def _cli_credentials(text: str, lower: str, *, named: bool) -> list[_Span]:
    return [
        _Span(
            1,
            start,
            end,
            None,
            detector,
            "credential given as a command-line argument",
            mask(text[start:end]),
        )
        for start, end, detector in cli_credentials(text, lower, named=named)
    ]


def _resolve(spans: list[_Span]) -> list[_Span]:
    """Keep the most specific hit where hits overlap."""
    kept: list[_Span] = []
    for s in sorted(spans, key=lambda s: (-s.priority, s.start)):
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def _found(text: str, bare_values: bool) -> tuple[str, list[_Span]]:
    """``text`` as searched, and the hits in it where hits do not overlap, in order."""
    text = text[:MAX_SECRET_TEXT]
    lower = text.lower()
    spans: list[_Span] = []
    for d in secret_lists().detectors:
        if _keywords_present(d, text, lower):
            spans.extend(_from_detector(d, text))
    spans.extend(_generic(text, bare_values, lower))
    # options named for a secret are read in command files (scripts, CI, containers), where
    # ``--token x`` is a command line; in program code it may be anything
    spans.extend(_cli_credentials(text, lower, named=bare_values))
    return text, _resolve(spans) if spans else []


def secret_spans(text: str, *, bare_values: bool = False) -> list[tuple[int, int]]:
    """Where :func:`find_secrets` finds secrets in ``text`` (start, end), without loading the
    rules they are reported under."""
    return [(s.start, s.end) for s in _found(text, bare_values)[1]]


def find_secrets(text: str, *, bare_values: bool = False) -> list[SecretHit]:
    """Secrets in ``text``; ``bare_values`` accepts unquoted values (``.env``, YAML, INI)."""
    text, spans = _found(text, bare_values)
    if not spans:
        return []
    from secplan.scanners.code.rules_secrets import BY_ID, GENERIC_SECRET

    hits = []
    for s in spans:
        line_start = text.rfind("\n", 0, s.start) + 1
        hits.append(
            SecretHit(
                rule=GENERIC_SECRET if s.rule is None else BY_ID[s.rule],
                detector=s.detector,
                title=s.title,
                start=s.start,
                end=s.end,
                line=text.count("\n", 0, s.start) + 1,
                column=s.start - line_start + 1,
                masked=s.masked,
            )
        )
    return hits
