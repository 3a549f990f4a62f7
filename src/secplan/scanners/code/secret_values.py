"""Judging candidate secret values: entropy, placeholders, masks and format validators.

>>> mask("hf_" + "a1B2" * 9)
'hf_a…(39 chars)'
>>> mask("hunter22")
'hu…(8 chars)'
>>> is_placeholder("<your-api-key>"), is_placeholder("sk_test_abc"), is_placeholder("q8Zt2LmN")
(True, True, False)
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections import Counter

from secplan.scanners.code._secret_lists import secret_lists

_B64_BODY = re.compile(r"[A-Za-z0-9+/=]")
_ESCAPES = re.compile(r"\\[nrt]")
_REFERENCE = re.compile(r"^(?:\$|%|&|\*|!|@\w)|\$\{|\{\{|\$\(|%\(|\{[\w.]*\}")
#: The address of a secret in a secret store (an AWS Secrets Manager or Parameter Store ARN,
#: a Google Secret Manager name): where the value is kept, not the value.
_STORE_REFERENCE = re.compile(
    r"^(?:arn:aws[\w-]{0,20}:(?:secretsmanager|ssm):|projects/[\w-]{1,100}/secrets/)"
)
_WORDY = re.compile(
    r"^(?:[a-z][a-z0-9]*(?:[_\-./:][a-z][a-z0-9]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
    r"|(?:[A-Z][a-z]+)++(?:[A-Z][a-z]+|[A-Z](?:[A-Z](?![a-z]))++\d*)*)$"
)
MAX_JWT_HEADER = 2048
PEM_WINDOW = 8192


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits per character."""
    if not value:
        return 0.0
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def char_classes(value: str) -> int:
    return (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + any(not c.isalnum() for c in value)
    )


def mask(value: str) -> str:
    """A value's first few characters and its length, never enough to use it."""
    shown = min(4, len(value) // 4)
    return f"{value[:shown]}…({len(value)} chars)"


#: Keyboard and counting runs. A placeholder is made of them ("sk-1234567890abcdef..."); a
#: real token may hold one by chance, or a test key may, among random characters.
_RUNS = frozenset({"0123456789", "123456789", "abcdefgh", "qwerty"})


def _mostly_runs(low: str, runs: list[str]) -> bool:
    """Whether runs make up much of ``low``, or what is left is not random-looking."""
    rest = low
    for run in runs:
        rest = rest.replace(run, "")
    return len(rest) < 0.7 * len(low) or entropy(rest) < 3.5


def is_placeholder(value: str, *, markers: bool = True) -> bool:
    """Whether ``value`` is an example, a placeholder, a test value or a variable reference.

    ``markers``: a test-mode marker (``sk_test_``, ``-demo-``) makes a placeholder. A strong
    password is judged without them: a demo's admin password is still a password.
    """
    lists = secret_lists()
    low = value.lower()
    if value in lists.known_examples or low.strip("'\"") in lists.placeholder_words:
        return True
    found = [s for s in lists.placeholder_substrings if s in low]
    if any(s not in _RUNS for s in found) or (found and _mostly_runs(low, found)):
        return True
    if (markers and lists.placeholder_marker.search(value)) or _REFERENCE.search(value):
        return True
    if _STORE_REFERENCE.match(value):
        return True
    return len(set(value)) <= 3


def strong_password(value: str) -> bool:
    """Twelve characters or more of all four classes: chosen to be used, not a stand-in.

    >>> strong_password("Gr4dio-Demo-Pass-2024!"), strong_password("test-pass-123")
    (True, False)
    """
    return len(value) >= 12 and char_classes(value) == 4


def looks_wordy(value: str) -> bool:
    """snake_case / kebab / dotted / path words, an ENV_NAME or a CamelCase class name."""
    return bool(_WORDY.match(value))


def pem_body_ok(text: str, end: int) -> tuple[bool, int]:
    """Whether a real base64 body follows a PEM BEGIN line ending at ``end``; and its end."""
    window = text[end : end + PEM_WINDOW]
    stop = window.find("-----END")
    body = window if stop < 0 else window[:stop]
    clean = "".join(_B64_BODY.findall(_ESCAPES.sub("", body)))
    ok = len(clean) >= 64 and entropy(clean) >= 4.0
    span_end = end + (stop + 8 if stop >= 0 else len(body))
    return ok, span_end


def jwt_ok(token: str) -> bool:
    """Whether the token's header decodes to a JSON object with an ``alg`` member."""
    header = token.split(".", 1)[0]
    if len(header) > MAX_JWT_HEADER:
        return False
    try:
        raw = base64.urlsafe_b64decode(header + "=" * (-len(header) % 4))
        decoded = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return False
    return isinstance(decoded, dict) and "alg" in decoded


def password_ok(value: str) -> bool:
    """A password written literally (not a placeholder or a reference)."""
    return len(value) >= 3 and not is_placeholder(value) and "{" not in value
