"""Credentials written on a command line, wherever the command is (a shell script, a
Makefile recipe, a CI step, a Dockerfile ``RUN``, a compose ``command``):

- options that name a secret, given a literal value: ``--token K10...``, ``--password=...``,
  ``--api-key ...`` (``--token-file``, ``--password-stdin``, ``$VAR`` and placeholders are not
  values);
- the password options of particular clients: ``docker login -p``, ``mysql -pSECRET``,
  ``redis-cli -a``, ``az login -p``, ``sshpass -p``, ``curl -u user:pass``, ``smbclient
  -U user%pass``, MinIO's ``mc alias set NAME URL KEY SECRET``, ``htpasswd -b``;
- HTTP headers that carry a credential: ``-H "Authorization: Bearer ..."``,
  ``--header "X-API-Key: ..."``; a literal echoed into ``docker login --password-stdin``;
- ``NAME=value`` words inside a command: an environment prefix (``K3S_TOKEN=... sh -``),
  ``-e``/``--env``/``--build-arg``/``--set`` values, ``kubectl create secret
  --from-literal=password=...``.

The value is judged as the generic assignment rule judges it (length, character classes,
entropy, placeholders).

>>> text = "mysql -u app -pS3cr3t-Pw9 db; K3S_TOKEN=K10f3a9c1e7b5d2846a0c9e1f7b sh -"
>>> [(d, text[s:e]) for s, e, d in cli_credentials(text)]
[('command-line-credential', 'S3cr3t-Pw9'), ('command-line-env', 'K10f3a9c1e7b5d2846a0c9e1f7b')]
"""

from __future__ import annotations

import re

from secplan.scanners.code.secret_generic import KEYWORDS, literal_secret
from secplan.scanners.code.secret_values import password_ok

#: Text before a credential on the same line is searched this far back; options are looked
#: for within 200 characters of the client's name (linear time).
MAX_CLI_LINE = 4000
_PREFIX = r"[^\n|;&]{0,200}?\s"
_MYSQL = r"\b(?:mysql|mysqladmin|mysqldump|mariadb|mariadb-dump)\b"
#: Password options of particular clients: group 1 is the secret.
_CLIENTS = tuple(
    re.compile(p)
    for p in (
        r"\bmc\s+(?:alias\s+set|config\s+host\s+add)\s+\S+\s+https?://\S+\s+\S+\s+(\S+)",
        r"\b(?:docker|podman|nerdctl|buildah|skopeo|helm\s+registry|oras)\s+login\b"
        + _PREFIX
        + r"(?:-p|--password)(?:=|\s+)([^\s=]\S*)",
        r"\bsshpass\s+-p\s*(\S+)",
        r"\bcurl\b" + _PREFIX + r"(?:-u|--user)(?:=|\s+)[^\s:=][^\s:]*:(\S+)",
        r"\bhtpasswd\s+-[bBc]*b[bBc]*\s+\S+\s+\S+\s+(\S+)",
        _MYSQL + _PREFIX + r"-p([^\s'\"]\S*)",
        r"\bredis-cli\b" + _PREFIX + r"-a\s+(\S+)",
        r"\baz\s+login\b" + _PREFIX + r"-p\s+(\S+)",
        r"\bmongo(?:sh)?\b" + _PREFIX + r"-p\s+(\S+)",
        r"\bsmbclient\b" + _PREFIX + r"-U\s+[^%\s]+%(\S+)",
        # a literal echoed into ``--password-stdin``
        r"\b(?:echo|printf)\s+(?:-n\s+)?[\"']?([^\s\"'$|]{6,200})[\"']?\s*\|\s*(?:sudo\s+)?"
        r"(?:docker|podman|nerdctl|buildah|skopeo|oras|helm\s+registry)\s+login\b"
        r"[^\n|;&]{0,400}?--password-stdin",
    )
)
#: ``-H "Authorization: Bearer ..."`` (curl, wget ``--header``, httpie-like clients).
_AUTH_HEADER = re.compile(
    r"(?:-H|--header)(?:=|\s+)[\"']?(?:Proxy-)?Authorization\s*:\s*"
    r"(?:Bearer|Token|Basic|Api-Key|ApiKey|Key)\s+([^\s\"'$`]{8,300})",
    re.IGNORECASE,
)
#: ``-H "X-API-Key: ..."``: a header whose name says secret.
_NAMED_HEADER = re.compile(
    r"(?:-H|--header)(?:=|\s+)[\"']?([A-Za-z][\w-]{0,60})\s*:\s*([^\s\"'$`]{8,300})"
)
_KEYWORD = re.compile("|".join(KEYWORDS), re.IGNORECASE)
#: ``--option value`` / ``--option=value`` (quoted or not).
_OPTION = re.compile(
    r"(?<![^\s(\"'])(--?[A-Za-z][\w-]{0,60})(?:=|[ \t]+)"
    r"(?:\"([^\"\n]{1,300})\"|'([^'\n]{1,300})'|([^\s'\"`]{1,300}))"
)
#: ``NAME=value`` inside a command (not at the end of its line: that is an assignment).
_PAIR = re.compile(
    r"(?<![^\s(\"'=])([A-Za-z_][\w.]{0,80})=(?:\"([^\"\n]{1,300})\"|'([^'\n]{1,300})'"
    r"|([^\s'\"`]{1,300}))(?=[ \t]+[^\s#])"
)


def _value(m: re.Match[str]) -> tuple[int, int, str]:
    for group in (2, 3, 4):
        if m.group(group) is not None:
            return m.start(group), m.end(group), m.group(group)
    return m.end(), m.end(), ""  # pragma: no cover (one group always matches)


def _usable(value: str) -> bool:
    """A literal, not a variable, an expression or an option."""
    return not value.startswith(("-", "<", "%", "@")) and not any(c in value for c in "$(){}[];,")


def _named(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for pattern, detector in ((_OPTION, "command-line-option"), (_PAIR, "command-line-env")):
        for m in pattern.finditer(text):
            name = m.group(1)
            if not _KEYWORD.search(name) or name.lower().startswith("--no-"):
                continue
            start, end, value = _value(m)
            if _usable(value) and "=" not in value and literal_secret(name, value):
                out.append((start, end, detector))
    return out


def _headers(text: str) -> list[tuple[int, int, str]]:
    out = [
        (m.start(1), m.end(1), "command-line-header")
        for m in _AUTH_HEADER.finditer(text)
        if literal_secret("token", m.group(1))
    ]
    for m in _NAMED_HEADER.finditer(text):
        name = m.group(1)
        if name.lower() not in ("authorization", "proxy-authorization") and literal_secret(
            name, m.group(2)
        ):
            out.append((m.start(2), m.end(2), "command-line-header"))
    return out


def cli_credentials(
    text: str, lower: str = "", *, named: bool = True
) -> list[tuple[int, int, str]]:
    """``(start, end, detector)`` of each credential given on a command line in ``text``;
    ``named``: also options, headers and ``NAME=value`` words named for a secret."""
    lower = lower or text.lower()
    out: list[tuple[int, int, str]] = []
    for pattern in _CLIENTS:
        for m in pattern.finditer(text):
            value = m.group(1).strip("'\"`,.;:)]")
            if "$" in value or "{" in value or not password_ok(value) or len(value) < 6:
                continue
            out.append((m.start(1), m.start(1) + len(value), "command-line-credential"))
    if named and any(k in lower for k in KEYWORDS):
        out.extend(_named(text))
        out.extend(_headers(text))
    line_starts = [text.rfind("\n", 0, s) + 1 for s, _, _ in out]
    return [
        span
        for span, line_start in zip(out, line_starts, strict=True)
        if span[0] - line_start <= MAX_CLI_LINE
        and not text[line_start : span[0]].lstrip().startswith("#")
    ]


__all__ = ["cli_credentials"]
