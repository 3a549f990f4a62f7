"""Key-value assignments to secret-looking names with a credential-like value (CD208).

Works on any text format (Python, YAML, JSON, TOML, ``.env``, INI, shell): it finds names
that contain a secret word, then looks for an assignment right after the name.

>>> [c.name for c in assignments('api_secret = "q8Zt2LmN4vXw9RbK7yHc"\\n', bare=False)]
['api_secret']
>>> assignments('token_url = "https://example.org/oauth/token"', bare=False)
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from secplan.scanners.code._secret_lists import Generic, secret_lists
from secplan.scanners.code.secret_values import (
    char_classes,
    entropy,
    is_placeholder,
    looks_wordy,
    strong_password,
)

#: Lower-case substrings one of which every secret-looking name contains.
KEYWORDS = ("key", "token", "secret", "pass", "pw", "psk", "credential", "auth")
_TAIL = re.compile(r"[A-Za-z0-9_.\-]{0,80}")
_OPERATOR = re.compile(r"""["'\]]{0,2}[ \t]{0,8}(?:=(?!=)|:(?!:)|,)""")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_SPLIT = re.compile(r"[_.\-]+|(?<=[a-z0-9])(?=[A-Z])")
_AFTER = re.compile(
    r"""(?P<close>["'\]]{0,2})[ \t]{0,8}(?P<op>:=|=>|=(?!=)|:(?![:/])|,)[ \t]{0,8}"""
    r"""(?:[A-Za-z_][\w\[\]., |]{0,40}[ \t]{0,4}=(?!=)[ \t]{0,8})?"""
    r"""(?:[rRbBuU]{0,2}(?P<q>["'`])(?P<qv>[^"'`\r\n]{1,512}?)(?P=q)"""
    r"""|(?P<bv>[A-Za-z0-9+/=_\-.~!@#$%^&*:?]{1,512})(?=[ \t]+[#;].*$|[ \t]*$))""",
    re.MULTILINE,
)
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_SNAKE = re.compile(r"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$")
#: A dotted setting name (``spark.hadoop.fs.s3a.secret.key``, ``spark.ssl.keyPassword``).
_SETTING = re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9][A-Za-z0-9_-]*)+$")
MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    value: str
    start: int
    end: int
    password: bool


def _words(name: str) -> list[str]:
    return [w.lower() for w in _SPLIT.split(name) if w]


def _name_kind(name: str, g: Generic) -> str:
    """``"password"``, ``"secret"`` or ``""`` for a name that names neither."""
    words = _words(name)
    if not words or words[-1] in g.not_secret_suffixes:
        return ""
    if any(w in g.digest_words for w in words):
        return ""
    if any(w in g.password_words for w in words):
        return "password"
    if any(w in g.secret_words for w in words):
        return "secret"
    return ""


def secret_name_kind(name: str) -> str:
    """``"password"``, ``"secret"`` or ``""``: what a name (any case style) says it holds.

    >>> [secret_name_kind(n) for n in ("computeAdminPassword", "storageKey", "keyVaultName")]
    ['password', 'secret', '']
    """
    return _name_kind(name, secret_lists().generic)


#: A password hash in a standard format (PHC strings such as ``$argon2id$v=19$...``, bcrypt,
#: crypt(3), Django's ``pbkdf2_sha256$``, Jupyter's ``argon2:$...``/``sha1:salt:hex``): what a
#: server compares a password with, not the password.
_PASSWORD_HASH = re.compile(
    r"^(?:(?:argon2|sha1|sha256|sha512):)?\$(?:argon2(?:id|i|d)|2[abxy]?|[156]|scrypt|pbkdf2[\w-]*)\$"
    r"|^(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|scrypt)\$"
    r"|^sha(?:1|256|512):[0-9a-f]{8,}:[0-9a-f]{32,}$"
)


def is_password_hash(value: str) -> bool:
    """Whether ``value`` is a password hash in a standard format.

    >>> is_password_hash("argon2:$argon2id$v=19$m=10240,t=10,p=8$c2FsdA$aGFzaA")
    True
    >>> is_password_hash("$2b$12$abcdefghijklmnopqrstuv"), is_password_hash("Tr0ub4dor&3")
    (True, False)
    """
    return bool(_PASSWORD_HASH.match(value))


#: Last words of a constant's name that say it holds a credential, whatever its value looks
#: like (``FLEET_PSK``, ``WEBHOOK_SECRET``, ``SLACK_TOKEN``, ``STRIPE_API_KEY``).
_CREDENTIAL_TAILS = frozenset({"secret", "token", "psk", "apikey", "passphrase"})
_CREDENTIAL_KEYS = frozenset({"api", "secret", "access", "private", "signing", "encryption"})
_CONSTANT = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
CONSTANT_MIN_LENGTH = 8
CONSTANT_MIN_ENTROPY = 2.5


def credential_constant(name: str) -> bool:
    """An upper-case constant (or environment variable) whose name ends in a credential
    word: its literal value is judged as a password is, not by randomness.

    >>> [credential_constant(n) for n in ("WEBHOOK_SECRET", "STRIPE_API_KEY", "FLEET_PSK")]
    [True, True, True]
    >>> [credential_constant(n) for n in ("PARTITION_KEY", "pad_token", "TOKEN", "SECRET_NAME")]
    [False, False, False, False]
    """
    if not _CONSTANT.match(name):
        return False
    words = _words(name)
    return words[-1] in _CREDENTIAL_TAILS or (words[-1] == "key" and words[-2] in _CREDENTIAL_KEYS)


#: A decimal number (``0.67198``, ``-1.5e-3``): a setting's value, never a credential.
_DECIMAL = re.compile(r"[-+]?[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?")
#: An HTTP header's name (``Content-Security-Policy``, ``X-API-Key``): Train-Case words, as
#: in ``{key: "X-Frame-Options", value: "DENY"}``; the name of a field, not a key.
_HEADER_NAME = re.compile(r"(?:[A-Z][a-z]+|[A-Z]{1,4})(?:-(?:[A-Z][a-z]+|[A-Z]{1,4}))+")


def _value_ok(value: str, password: bool, g: Generic) -> bool:
    if any(c.isspace() for c in value) or "\\" in value:
        return False
    if is_password_hash(value):
        return False
    if is_placeholder(value, markers=not (password and strong_password(value))):
        return False
    if looks_wordy(value):
        return False
    if "://" in value or value.startswith(("/", "./", "~/")):
        return False
    if _DECIMAL.fullmatch(value):  # ``obj_pw: 0.67198``: a weight, not a password
        return False
    if not password and _HEADER_NAME.fullmatch(value):
        return False
    if password:
        return len(value) >= g.password_min_length and (
            char_classes(value) >= 2 or len(value) >= 12
        )
    if _HEX.match(value):
        return len(value) >= g.hex_min_length and entropy(value) >= g.hex_min_entropy
    return (
        len(value) >= g.min_length and entropy(value) >= g.min_entropy and char_classes(value) >= 2
    )


def literal_secret(name: str, value: str) -> bool:
    """Whether ``value``, given to something called ``name`` (a variable, an option such as
    ``--api-key``), is a credential written literally.

    >>> literal_secret("--api-key", "q8Zt2LmN4vXw9RbK7yHc"), literal_secret("--token-file", "t")
    (True, False)
    """
    g = secret_lists().generic
    kind = _name_kind(name.strip("-"), g)
    return bool(kind) and _value_ok(value, kind == "password", g)


def _constant_ok(value: str, g: Generic) -> bool:
    """A credential constant's value: any literal of eight characters or more, of two
    character classes and some variety, that is no placeholder, word, path, URL or hash."""
    return (
        len(value) >= CONSTANT_MIN_LENGTH
        and char_classes(value) >= 2
        and not value.isalpha()  # 'AWSSecretKey': the name of a field, not its value
        and entropy(value) >= CONSTANT_MIN_ENTROPY  # not 'ghp_0000…' padding
        and not is_placeholder(value)  # test-mode markers count here (sk_test_...)
        and _value_ok(value, True, g)
    )


def _keyword_positions(lower: str) -> list[int]:
    found: list[int] = []
    for word in KEYWORDS:
        i = lower.find(word)
        while i >= 0:
            found.append(i)
            i = lower.find(word, i + 1)
    found.sort()
    return found


def _quoted_identifier(text: str, lo: int, hi: int, name: str) -> bool:
    """``"API_KEY", value`` pairs (``.config("spark.hadoop.fs.s3a.secret.key", value)``): a
    whole quoted snake-case or dotted setting name, not a word in a list."""
    quoted = lo > 0 and hi < len(text) and text[lo - 1] in "\"'" and text[hi] == text[lo - 1]
    return quoted and bool(_SNAKE.match(name) or _SETTING.match(name))


def _assigns(text: str, end: int) -> bool:
    """A cheap look past the name: an assignment operator must follow (after quotes)."""
    return _OPERATOR.match(text, end) is not None


def assignments(text: str, *, bare: bool, lower: str | None = None) -> list[Candidate]:
    """Secret-looking assignments in ``text``; ``bare`` also accepts unquoted values.

    ``lower`` is ``text.lower()`` when the caller has it already.
    """
    g = secret_lists().generic
    out: list[Candidate] = []
    last_end = -1
    for start in _keyword_positions(text.lower() if lower is None else lower):
        if start < last_end:
            continue
        m = _TAIL.match(text, start)
        hi = m.end() if m else start
        last_end = hi
        if not _assigns(text, hi):
            continue
        lo = start
        while lo > 0 and text[lo - 1] in _NAME_CHARS and start - lo < MAX_NAME:
            lo -= 1
        name = text[lo:hi].strip(".-")
        kind = _name_kind(name, g)
        if not kind:
            continue
        if kind == "secret" and credential_constant(name):
            kind = "constant"
        after = _AFTER.match(text, hi)
        if after is None:
            continue
        quoted = after.group("qv") is not None
        if not quoted and not bare:
            continue
        if after.group("op") == "," and not _quoted_identifier(text, lo, hi, name):
            continue
        group = "qv" if quoted else "bv"
        value = after.group(group)
        if not (
            _value_ok(value, kind == "password", g)
            or (kind == "constant" and _constant_ok(value, g))
        ):
            continue
        password = kind == "password"
        out.append(Candidate(name, value, after.start(group), after.end(group), password))
    return out


#: ``key value`` lines of Java properties files and Spark's, Hadoop's and Flink's
#: ``*-defaults.conf``: a name, whitespace, then the value.
_SPACED_SETTING = re.compile(r"^([ \t]*[A-Za-z][\w.\-]{0,200})([ \t]+)(?=[^\s=:])", re.MULTILINE)
_SPACED_FILES = re.compile(r"(?:\.properties|[-_]defaults\.conf)$", re.IGNORECASE)


def spaced_settings(name: str, text: str) -> str:
    """``text`` with each ``key value`` line of a properties-style file (by ``name``)
    written ``key=value`` (same length, so lines and columns stay), for the assignment
    search; any other file's text unchanged.

    >>> spaced_settings("spark-defaults.conf", "spark.ssl.keyPassword   s3cr3t-Pa55\\n")
    'spark.ssl.keyPassword=  s3cr3t-Pa55\\n'
    """
    if not _SPACED_FILES.search(name):
        return text
    return _SPACED_SETTING.sub(lambda m: m.group(1) + "=" + m.group(2)[1:], text)
