"""CD130 in configuration files: client settings that turn certificate checks off.

Kafka clients (``ssl.endpoint.identification.algorithm=`` empty or ``none``, librdkafka's
``enable.ssl.certificate.verification=false``), kubeconfigs (``insecure-skip-tls-verify:
true``), MongoDB (``tlsAllowInvalidCertificates``) and the ``verify_ssl: false`` /
``verify_certs: false`` settings of HTTP, search and storage clients, in YAML, JSON, TOML,
INI, Java properties and ``.env`` files. A key is matched by its last words whatever its
spelling (``ssl.check.hostname``, ``ssl_check_hostname``, ``sslCheckHostname``).

>>> [(line, ev) for line, ev in tls_off_lines("ssl.endpoint.identification.algorithm=\\n")]
[(1, 'ssl.endpoint.identification.algorithm=')]
>>> list(tls_off_lines("verify_ssl: true\\nssl.endpoint.identification.algorithm=https\\n"))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_LINE = 2048
_KEY = re.compile(r"""^[ \t]*(?:-[ \t]+)?["']?([A-Za-z][\w.\-]{0,120})["']?[ \t]*[:=]""")
_SEPARATORS = re.compile(r"[-_.]")
#: Normalized key endings (no separators, lower case) that check certificates: off when false.
_CHECKS = (
    "sslverify",
    "verifyssl",
    "tlsverify",
    "verifytls",
    "verifycerts",
    "verifycertificate",
    "verifycertificates",
    "sslcheckhostname",
    "checkhostname",
    "enablesslcertificateverification",
    "sslverifycert",
    "validatecerts",
    "sslverification",
    "certificateverification",
)
#: Normalized key endings that skip checks: off when true.
_SKIPS = (
    "insecureskiptlsverify",
    "insecureskipverify",
    "tlsallowinvalidcertificates",
    "tlsallowinvalidhostnames",
    "tlsinsecure",
    "sslallowinvalidcertificates",
)
_IDENTIFICATION = "sslendpointidentificationalgorithm"
_FALSE = frozenset({"false", "0", "no", "off"})
_TRUE = frozenset({"true", "1", "yes", "on"})


def tls_off_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line, evidence)`` for each setting that turns certificate checks off."""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw[:MAX_LINE]
        if not any(w in line.lower() for w in ("ssl", "tls", "verif", "cert")):
            continue
        m = _KEY.match(line)
        if m is None:
            continue
        key, value = m.group(1), _value(line[m.end() :])
        if value is None:
            continue
        norm = _SEPARATORS.sub("", key).lower()
        if "s3" in norm:
            continue  # storage-initializer annotations: judged with the platform settings
        off = (
            (norm.endswith(_CHECKS) and value in _FALSE)
            or (norm.endswith(_SKIPS) and value in _TRUE)
            or (norm.endswith(_IDENTIFICATION) and value in ("", "none"))
        )
        if off:
            yield number, f"{key}={value}"


def _value(rest: str) -> str | None:
    """The value after ``key:`` / ``key =``: one word, quotes and a trailing comma or
    comment dropped; ``None`` for anything longer (a list, a sentence)."""
    text = re.split(r"[ \t][#;]", rest, maxsplit=1)[0].strip().rstrip(",").strip()
    text = text.strip("\"'")
    return text.lower() if len(text) <= 40 and not any(c.isspace() for c in text) else None
