"""Pattern recognizers: a regular expression, a validator, a base score and context rules.

A candidate is kept when its validator passes and its score, after context, reaches the
detector's threshold. ``needs_context`` recognizers (a bare nine-digit number as an SSN) start
below the threshold and reach it only with a context word; a negative word before a number
(``order``, ``build``, ``version``) lowers the score of the weaker recognizers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from secplan.data import checks
from secplan.data.spans import Entity

E = Entity


@dataclass(frozen=True, slots=True)
class Recognizer:
    name: str
    entity: str
    regex: re.Pattern[str]
    score: float  # base score of a validated match
    validate: Callable[[str], bool] | None = None
    context_boost: float = 0.35  # added when a context word of the entity is near
    negative_penalty: float = 0.4  # subtracted when a negative word is near (and no context)
    numeric: bool = True  # a number-like entity: blocked inside UUIDs, hashes and timestamps
    needs: str = ""  # a character that must occur in the text for the recognizer to run
    group: int = 0
    #: Runs only on texts that hold a context word of its entity (its own pattern starts
    #: with one of them): a cheap test before an expensive expression.
    gated: bool = False
    #: Where a match can start, when the pattern opens with this look-behind and a digit
    #: (see :func:`number_starts`): it is then tried at those places alone.
    starts: str = ""


def number_starts(text: str, before: str) -> list[int]:
    """The places in ``text`` where a digit follows what the look-behind ``before`` allows:
    the only places where a pattern that opens with ``before`` and a digit can match."""
    return [m.start() for m in _number_start(before).finditer(text)]


@lru_cache(maxsize=8)
def _number_start(before: str) -> re.Pattern[str]:
    return re.compile(before + r"\d")


def matches(r: Recognizer, text: str, starts: dict[str, list[int]]) -> Iterator[re.Match[str]]:
    """``r.regex.finditer(text)``, tried only where a match can start if ``r.starts`` says
    where; ``starts`` keeps those places of ``text`` for each look-behind."""
    if not r.starts:
        return r.regex.finditer(text)
    at = starts.get(r.starts)
    if at is None:
        at = starts[r.starts] = number_starts(text, r.starts)
    return matches_at(r.regex, text, at)


def matches_at(regex: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern that can only match at ``starts`` (ascending):
    the leftmost match at or after the end of the last one, each in turn."""
    last = 0
    for p in starts:
        if p >= last:
            m = regex.match(text, p)
            if m is not None:
                yield m
                last = m.end()


def _re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_D = r"(?<![\w.+-])"  # not preceded by a word character or number punctuation
_DE = r"(?![\w-]|\.\d)"  # not followed by one

_RESERVED_TLDS = ("invalid", "test", "localhost", "example")


def email_ok(value: str) -> bool:
    """Not on a reserved domain (RFC 2606), and not a role mailbox (security@, dpo@)."""
    from secplan.data.lists import word_lists

    local, _, domain = value.rpartition("@")
    if domain.rsplit(".", 1)[-1].lower() in _RESERVED_TLDS:
        return False
    name = local.lower().split("+", 1)[0]
    roles = word_lists().role_mailboxes
    if name in roles:
        return False
    parts = [p for p in name.replace("_", "-").replace(".", "-").split("-") if p]
    return not (len(parts) > 1 and all(p in roles for p in parts))  # it-helpdesk@


EMAIL = Recognizer(
    "email",
    E.EMAIL_ADDRESS,
    # letters and digits of any script ([^\W_]): Unicode local parts (RFC 6531) and IDN
    # domains, as U-labels or A-labels (xn--), top-level domains included
    _re(
        r"(?<![\w.%+-])[^\W_][\w.%+-]{0,63}@"
        r"(?:[^\W_](?:[^\W_]|-){0,61}(?<!-)\.)+(?:[^\W\d_]{2,24}|xn--[a-z0-9-]{2,59})(?![\w-])",
        re.IGNORECASE,
    ),
    0.9,
    validate=email_ok,
    numeric=False,
    needs="@",
)
URL = Recognizer(
    "url",
    E.URL,
    _re(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'`\]\[{}|\\^]{2,2000}", re.IGNORECASE),
    0.6,
    numeric=False,
)
#: A URL that carries a password (``scheme://user:password@host``), of any scheme: database,
#: broker and git remotes hold credentials this way. A URL without them names a resource,
#: not a person, and is not reported.
URL_WITH_CREDENTIALS = Recognizer(
    "url-with-credentials",
    E.URL,
    _re(
        r"(?<![\w+.-])[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\s/@:<>\"'`]{1,128}:[^\s@<>\"'`/]{1,256}@"
        r"[^\s<>\"'`\]\[{}|\\^]{1,2000}"
    ),
    0.9,
    validate=lambda v: not _placeholder_password(v),
    numeric=False,
    needs="://",
)
_PLACEHOLDER = re.compile(
    r"(?i)^(?:\*+|x+|\$\{?\w+\}?|<[^>]*>|\{\{[^}]*\}\}|%\(\w+\)s|password|pass|secret|changeme|\.\.\.)$"
)


def _placeholder_password(url: str) -> bool:
    password = url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
    return _PLACEHOLDER.match(password) is not None


IPV4 = Recognizer(
    "ipv4",
    E.IP_ADDRESS,
    _re(
        r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\w)"
    ),
    0.75,
    validate=checks.ip_ok,
    negative_penalty=0.5,
    numeric=False,
    needs=".",
    starts=r"(?<![\w.])",
)
IPV6 = Recognizer(
    "ipv6",
    E.IP_ADDRESS,
    _re(
        r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,6}|[0-9A-Fa-f]{1,4})"
        r"(?:%[\w]+)?(?![\w:])"
    ),
    0.75,
    validate=lambda v: v.count(":") >= 2 and checks.ip_ok(v.split("%")[0]),
    numeric=False,
    needs=":",
)
MAC = Recognizer(
    "mac",
    E.MAC_ADDRESS,
    _re(
        r"(?<![\w:-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}"
        r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:-])"
    ),
    0.8,
    validate=checks.mac_ok,
    numeric=False,
)
CARD = Recognizer(
    "credit-card",
    E.CREDIT_CARD,
    _re(_D + r"(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -]?)\d{6}\2\d{4,5})" + _DE),
    0.85,
    validate=checks.card_ok,
    context_boost=0.1,
    negative_penalty=0.5,
    starts=_D,
)
IBAN = Recognizer(
    "iban",
    E.IBAN_CODE,
    _re(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b"),
    0.9,
    validate=checks.iban_ok,
    context_boost=0.05,
    numeric=False,
)
SSN = Recognizer(
    "us-ssn",
    E.US_SSN,
    _re(_D + r"\d{3}([- ])\d{2}\1\d{4}" + _DE),
    0.7,
    validate=checks.ssn_ok,
    context_boost=0.25,
    starts=_D,
)
SSN_BARE = Recognizer(
    "us-ssn-bare",
    E.US_SSN,
    _re(_D + r"\d{9}" + _DE),
    0.3,
    validate=checks.ssn_ok,
    context_boost=0.55,
    starts=_D,
)
BTC = Recognizer(
    "bitcoin",
    E.CRYPTO,
    _re(r"\b(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71})\b"),
    0.9,
    validate=checks.btc_ok,
    numeric=False,
)
ETH = Recognizer(
    "ethereum",
    E.CRYPTO,
    _re(r"\b0x[0-9a-fA-F]{40}\b"),
    0.75,
    validate=checks.eth_ok,
    numeric=False,
    needs="0x",
)

#: Credentials with a vendor's fixed prefix and shape that the code scanners' secret rules
#: leave to context (Google API keys, SendGrid, npm, PyPI, Shopify, Mailgun, Twilio).
KEY_PREFIXED = Recognizer(
    "api-key-prefixed",
    E.API_KEY,
    _re(
        r"(?<![\w-])(?:AIza[0-9A-Za-z_\-]{35}|SG\.[\w-]{22}\.[\w-]{43}|npm_[A-Za-z0-9]{36}"
        r"|pypi-AgEIcHlwaS5vcmc[\w-]{50,}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"
        r"|key-[0-9a-f]{32}|SK[0-9a-f]{32})(?![\w-])"
    ),
    0.85,
    numeric=False,
)


def _key_like(value: str) -> bool:
    """A random-looking token: long enough, not a UUID or a file name, mixing upper- and
    lower-case letters with digits (or 32 characters long); hex of 32 or more counts."""
    v = value.rstrip("=")
    if len(v) < 16 or len(set(v)) < 8 or _UUID.fullmatch(v) or _file_like(v):
        return False
    if "EXAMPLE" in v:
        return False  # documented example keys (AKIAIOSFODNN7EXAMPLE)
    digits = any(c.isdigit() for c in v)
    lower = any(c.islower() for c in v)
    upper = any(c.isupper() for c in v)
    if re.fullmatch(r"[0-9a-fA-F]+", v):
        return len(v) >= 32 and digits and (lower or upper)
    return lower and upper and (digits or len(v) >= 32)


_EXTENSION = re.compile(r"\.[A-Za-z]{1,5}$")


def _file_like(v: str) -> bool:
    """A file name, a path with a dot after its first slash, or a URL: not a key."""
    slash = v.find("/")
    return (
        _EXTENSION.search(v) is not None
        or (slash >= 0 and "." in v[slash + 1 :])
        or v.startswith(("http", "ftp"))
    )


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
#: A token after a credential word ("the token is ...", "api key: ..."): only with context.
KEY_IN_CONTEXT = Recognizer(
    "api-key-in-context",
    E.API_KEY,
    _re(r"(?<![\w+/=.-])[A-Za-z0-9][A-Za-z0-9_\-+/.]{15,199}={0,2}(?![\w+/=-])"),
    0.2,
    validate=_key_like,
    context_boost=0.6,
    numeric=False,
)

#: Words for a password in the languages of the corpus and common configuration keys.
_PASSWORD_WORD = (
    r"(?<![A-Za-z])(?:passwords?|passwort|passwörter|kennwort|passwd|pwd|passphrase|passcode"  # noqa: S105
    r"|wachtwoord|mot[ _]de[ _]passe|senha|contraseña|contrasena|clave|parola[ _]d[ie][ _]?"
    r"accesso|hasło|haslo|şifre|sifre|şifrem|lösenord|losenord|wifi[ _-]?password"
    r"|heslo|jelszó|jelszo|salasana|kata[ _]sandi|mật[ _]khẩu|nenosiri|κωδικός πρόσβασης|κωδικός"
    r"|סיסמה|סיסמא|पासवर्ड|รหัสผ่าน|пароль)"
    # "Nenosiri la admin:", "รหัสผ่าน admin:": the account between the word and the colon
    r"(?:[ \t]+(?:(?:la|ya|wa|of|for|de|di|del|du|des|der|do|da|của)[ \t]+)?"
    r"(?:admin|root|administrator|adminu|admina)(?=[ \t]*[:=]))?"
)
_PASSPHRASE = r"[a-z]{3,}(?:-[a-z]{3,}){2,}(?![\w-])"  # noqa: S105 (a pattern)
#: The next line of a chat that asked for or about a secret: "Daan: Mariposa468!", "Rahul:
#: oops, that was 01ef0edb...".
_CHAT_ANSWER = (
    r"|[^\n]{0,60}\n[^\n:]{1,30}:[ \t]+(?:[^\n]{0,24}?(?<![\w])(?:das war|that was|it was|it's"
    r"|c'était|c'est|era|fue|foi|was|is)[ \t]+|(?=[^\s]*\d|" + _PASSPHRASE + r"))"
)
#: A password: the value after a password word and ``=``, ``:``, ``is``/``ist``/``est``/``è``,
#: or on the answer line of a chat that asked for it ("wifi password?" / "Daan: Mariposa468!").
PASSWORD = Recognizer(
    "password",
    E.API_KEY,
    _re(
        rf"(?:(?i:{_PASSWORD_WORD})(?![a-zà-ÿ])(?:[_.-]\w{{0,10}})?"
        r"(?:[ \t]*[:=][ \t]*[\"'`]?|[ \t]+(?:is|ist|est|es|è|é|era|war|was|lautet|:)[ \t]+[\"'`]?"
        + _CHAT_ANSWER
        + r"|[ \t]+[\"'`]?(?=[^\s\"'`]*\d|"
        + _PASSPHRASE
        + r"))"
        # a login and its password written as a pair: "user deploy / nQvc#kwiat4457"
        r"|(?<![\w])(?i:user(?:name)?|login|benutzer(?:name)?|usuario|utente|utilisateur"
        r"|gebruiker|użytkownik|kullanıcı)[ \t:=]{1,3}[\w.@-]{2,40}[ \t]{0,2}/[ \t]{0,2})"
        r"([^\s\"'`]{6,64}?)(?=[\"'`]|[.,;!?)]*(?:\s|$))"
    ),
    0.85,
    validate=lambda v: _password_like(v),
    numeric=False,
    group=1,
    gated=True,
)
_PASSWORD_PLACEHOLDER = re.compile(
    r"(?i)^(?:\*+|x{3,}|\.{3,}|<[^>]*>?|\$\{?[\w.]+\}?|\{\{.*|%\(?\w+\)?s?|os\.environ.*|getenv.*"
    r"|env\[.*|none|null|true|false|changeme|password\d*|secret|redacted|hidden|required"
    r"|optional|string|example|your[_-].*|placeholder)$"
)


#: A token after a word for one: ``token = ...``, ``Le jeton cd34...``, or a chat's answer.
TOKEN_IN_CONTEXT = Recognizer(
    "token-in-context",
    E.API_KEY,
    _re(
        r"(?i:(?<![A-Za-z])(?:tokens?|jeton|schlüssel|clé|llave|chiave|sleutel|api[ _-]?keys?"
        r"|secret|geheimnis))(?![a-zà-ÿ])"
        r"(?:[ \t]*[:=][ \t]*[\"'`]?|[ \t]+(?:is|ist|est|es|è|é|era|war|was|held|:)[ \t]+"
        + _CHAT_ANSWER
        + r"|[ \t]+(?=[0-9a-fA-F]{32}))"
        r"([A-Za-z0-9_\-+/.=]{16,200}?)(?=[\"'`]|[.,;!?)]*(?:\s|$))"
    ),
    0.85,
    validate=lambda v: _key_like(v),
    numeric=False,
    group=1,
    gated=True,
)


def _password_like(value: str) -> bool:
    """A real-looking password: not a placeholder or reference, and either mixing letters with
    digits or symbols, or a passphrase of words joined by dashes."""
    v = value.rstrip(".,;!?)")
    if len(v) < 6 or _PASSWORD_PLACEHOLDER.match(v) or _file_like(v):
        return False
    letters = any(c.isalpha() for c in v)
    digits = any(c.isdigit() for c in v)
    symbols = any(not c.isalnum() for c in v)
    parts = v.split("-")
    if len(parts) > 2 and all(p.isascii() and p.isalpha() and p.islower() for p in parts):
        return True  # correct-horse-battery-staple
    return letters and (digits or (symbols and not v.isalpha())) and not v.isdigit()


RECOGNIZERS: tuple[Recognizer, ...] = (
    EMAIL,
    URL_WITH_CREDENTIALS,
    IPV4,
    IPV6,
    MAC,
    CARD,
    IBAN,
    SSN,
    SSN_BARE,
    BTC,
    ETH,
    KEY_PREFIXED,
    KEY_IN_CONTEXT,
    PASSWORD,
    TOKEN_IN_CONTEXT,
)
