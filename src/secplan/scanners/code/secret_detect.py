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

import re
from dataclasses import dataclass

from secplan.model import Rule
from secplan.scanners.code._lists import CompiledDetector, secret_lists
from secplan.scanners.code.rules_secrets import BY_ID, GENERIC_SECRET
from secplan.scanners.code.secret_generic import assignments
from secplan.scanners.code.secret_values import (
    entropy,
    is_placeholder,
    jwt_ok,
    mask,
    password_ok,
    pem_body_ok,
)

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
    rule: Rule
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
        out.append(_Span(priority, start, end, BY_ID[d.rule], d.id, d.title, shown))
    return out


def _generic(text: str, bare: bool, lower: str) -> list[_Span]:
    return [
        _Span(
            1,
            c.start,
            c.end,
            GENERIC_SECRET,
            "password-assignment" if c.password else "secret-assignment",
            f"value of {c.name[:60]}",
            mask(c.value),
        )
        for c in assignments(text, bare=bare, lower=lower)
    ]


#: Credentials given to a command as arguments (the options are looked for within 400
#: characters of the command, so a line of many commands costs linear time): MinIO's
#: ``mc alias set NAME URL KEY SECRET``, ``docker login -p``, ``sshpass -p``,
#: ``curl -u user:password``, ``htpasswd -b FILE USER PASS``.
_CLI_CREDENTIALS = (
    re.compile(r"\bmc\s+(?:alias\s+set|config\s+host\s+add)\s+\S+\s+https?://\S+\s+\S+\s+(\S+)"),
    re.compile(
        r"\b(?:docker|podman|helm\s+registry)\s+login\b[^\n|;&]{0,400}?\s(?:-p|--password)"
        r"(?:=|\s+)"
        r"([^\s=]\S*)"
    ),
    re.compile(r"\bsshpass\s+-p\s*(\S+)"),
    re.compile(r"\bcurl\b[^\n|;&]{0,400}?\s(?:-u|--user)(?:=|\s+)[^\s:=][^\s:]*:(\S+)"),
    re.compile(r"\bhtpasswd\s+-[bBc]*b[bBc]*\s+\S+\s+\S+\s+(\S+)"),
)
MAX_CLI_LINE = 4000


def _cli_credentials(text: str) -> list[_Span]:
    spans = []
    for pattern in _CLI_CREDENTIALS:
        for m in pattern.finditer(text):
            value = m.group(1).strip("'\"`,.;:)]")
            line_start = text.rfind("\n", 0, m.start()) + 1
            if m.start() - line_start > MAX_CLI_LINE or text[
                line_start : m.start()
            ].lstrip().startswith("#"):
                continue
            if "$" in value or "{" in value or not password_ok(value) or len(value) < 6:
                continue
            spans.append(
                _Span(
                    1,
                    m.start(1),
                    m.end(1),
                    GENERIC_SECRET,
                    "command-line-credential",
                    "credential given as a command-line argument",
                    mask(value),
                )
            )
    return spans


def _resolve(spans: list[_Span]) -> list[_Span]:
    """Keep the most specific hit where hits overlap."""
    kept: list[_Span] = []
    for s in sorted(spans, key=lambda s: (-s.priority, s.start)):
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def find_secrets(text: str, *, bare_values: bool = False) -> list[SecretHit]:
    """Secrets in ``text``; ``bare_values`` accepts unquoted values (``.env``, YAML, INI)."""
    text = text[:MAX_SECRET_TEXT]
    lower = text.lower()
    spans: list[_Span] = []
    for d in secret_lists().detectors:
        if _keywords_present(d, text, lower):
            spans.extend(_from_detector(d, text))
    spans.extend(_generic(text, bare_values, lower))
    if any(w in lower for w in ("mc ", "login", "sshpass", "curl", "htpasswd")):
        spans.extend(_cli_credentials(text))
    if not spans:
        return []
    hits = []
    for s in _resolve(spans):
        line_start = text.rfind("\n", 0, s.start) + 1
        hits.append(
            SecretHit(
                rule=s.rule,
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
