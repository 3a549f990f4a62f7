"""Values of named fields written in text: a JSON or YAML key's value, an SQL ``INSERT``'s
column values, a vCard property, a form's ``Label: value`` line and an issue tracker's
``[~mention]``. The field's name says what the value is, where the value alone cannot: a
given name alone (``"user_name": "Hamza"``), a surname alone (``nachname = 'Rusu'``) or a date
with no birth word near it (``BDAY:1985-09-28``).

Only fields whose name says "a person's name" or "a date of birth" are read, and a value is
kept only when its shape fits: a name is one to four capitalised words of letters (``Surname,
Given`` and upper-case surnames too), a birth date one calendar date.

>>> [(s.label, s.start, s.end) for s in find_fields('{"user_name": "Hamza", "n": 1}')]
[('PERSON', 15, 20)]
>>> find_fields('{"user_name": "ci-bot", "model": "Llama 3"}')
[]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from secplan.data.dates import is_date
from secplan.data.lists import word_lists
from secplan.data.spans import Entity, Span

#: Field names (lower case, words split on ``_ - .`` and camelCase) whose value is a person's
#: name, in the languages the detector reads.
PERSON_KEYS = frozenset(
    {
        "name",
        "full name",
        "fullname",
        "first name",
        "firstname",
        "first",
        "last name",
        "lastname",
        "given name",
        "given names",
        "givenname",
        "surname",
        "family name",
        "forename",
        "user name",
        "username",
        "real name",
        "realname",
        "display name",
        "displayname",
        "customer name",
        "patient name",
        "employee name",
        "contact name",
        "holder",
        "account holder",
        "cardholder",
        "card holder",
        "cardholder name",
        "card holder name",
        "name on card",
        "titulaire",
        "titular",
        "titolare",
        "inhaber",
        "karteninhaber",
        "kontoinhaber",
        "karthamili",
        "kart sahibi",
        "vorname",
        "vornamen",
        "nachname",
        "familienname",
        "arbeitnehmer",
        "nom",
        "prénom",
        "prenom",
        "prénoms",
        "nom de famille",
        "nombre",
        "apellido",
        "apellidos",
        "cognome",
        "nome",
        "voornaam",
        "voornamen",
        "achternaam",
        "sobrenome",
        "imię",
        "imie",
        "nazwisko",
        "ad",
        "adı",
        "soyad",
        "soyadı",
        "soyadi",
        "förnamn",
        "efternamn",
        "fornavn",
        "efternavn",
        "etternavn",
        "etunimi",
        "etunimet",
        "sukunimi",
        "jméno",
        "jmeno",
        "příjmení",
        "prijmeni",
        "prenume",
        "nume",
        "cn",
        "fn",
    }
)

#: Field names that name whatever the record describes: a vendor, a product, a model. Their
#: value is read as a person's only beside a field that names a person alone (a ``cognome``
#: beside the ``nome``) or in a table of people.
GENERIC_KEYS = frozenset({"name", "nom", "nome", "nombre", "naam", "ad", "adı", "nume", "jméno"})

#: Words in an SQL table's name that say its rows are people.
PEOPLE_TABLES = re.compile(
    r"(?i)user|customer|client|patient|employee|person|people|contact|member|staff|student|"
    r"kunde|mitarbeiter|anagrafica|utent|assur|cliente|paciente|persona|pessoa|klant|"
    r"medewerker|uzytkownik|użytkownik|pracownik|musteri|müşteri|kullanici|kullanıcı|"
    r"asiakas|kund|anställd|zaměstnan|angajat|author|passenger|guest|applicant|candidate"
)

#: Field names whose value is a date of birth.
BIRTH_KEYS = frozenset(
    {
        "dob",
        "birth",
        "born",
        "date of birth",
        "birth date",
        "birthdate",
        "birthday",
        "bday",
        "geburtsdatum",
        "geburtstag",
        "geboren",
        "geboren am",
        "geb am",
        "geb",
        "date naissance",
        "date de naissance",
        "né le",
        "née le",
        "fecha nacimiento",
        "fecha de nacimiento",
        "data nascita",
        "data di nascita",
        "nato il",
        "nata il",
        "data nascimento",
        "data de nascimento",
        "geboortedatum",
        "data urodzenia",
        "doğum tarihi",
        "dogum tarihi",
        "födelsedatum",
        "fødselsdato",
        "syntymäaika",
        "datum narození",
        "datum narozeni",
        "data nașterii",
        "data nasterii",
        "naissance",
        "nascimento",
        "nacimiento",
        "nascita",
        "geburt",
        "geboorte",
        "urodzenia",
        "doğum",
        "dogum",
        "date birth",
        "születési dátum",
        "születési idő",
        "szuletesi datum",
    }
)

#: Field names whose value is a password.
PASSWORD_KEYS = frozenset(
    {
        "password",
        "passwd",
        "pwd",
        "passwort",
        "kennwort",
        "mot de passe",
        "contraseña",
        "contrasena",
        "senha",
        "wachtwoord",
        "hasło",
        "haslo",
        "şifre",
        "sifre",
        "parola",
        "lösenord",
        "losenord",
        "salasana",
        "heslo",
        "adgangskode",
        "passord",
    }
)
#: "The password (for the test account) is X" in prose, in the detector's languages.
_PASSWORD_PROSE = re.compile(
    r"(?i)\b(?:password|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|hasło|"
    r"şifre|parola|lösenord|salasana|heslo|passord)\b[^\n.:!?]{0,40}?"
    r"\b(?:is|ist|lautet|est|es|é|jest|är|er|on|je|este|è|e|:)[ \t]+([^\s\"'`]{6,64})"
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPLIT = re.compile(r"[\s_.\-]+")


@lru_cache(maxsize=4096)
def field_key(name: str) -> str:
    """A field name as the key tables spell it: ``userName`` and ``user_name`` are ``user name``."""
    return " ".join(w for w in _SPLIT.split(_CAMEL.sub(" ", name.strip()).lower()) if w)


# "key": "value" in JSON; key: value or key = value in YAML, INI and forms (one line)
_JSON = re.compile(r'"([A-Za-z_][\w .\-]{0,40})"\s*:\s*"([^"\\\n]{1,80})"')
_LINE = re.compile(
    r"^[ \t]{0,16}(?:-[ \t]{1,8})?([^\W\d][\w .\-]{0,30}?)(?:[ \t]{0,8}[:=][ \t]{0,8}|[ \t]{2,8})"
    r"['\"]?([^\n'\"]{1,80}?)['\"]?[ \t]{0,8}$",
    re.MULTILINE,
)
# a form's or a URL's query string: key=value pairs joined by "&" (first_name=Ana&nom=Lima)
_QUERY = re.compile(
    r"(?:(?<=[?&;])|^)([A-Za-z_][\w.\-]{0,30})=([^&;=\s#](?:[^&;=\n#]{0,79}[^&;=\s#])?)",
    re.MULTILINE,
)
#: Field names that only a record about a person carries: a query string with one of them
#: is a person's record, so its generic ``name``/``nombre`` holds that person's name.
_PERSONAL_KEYS = frozenset(
    {
        "email",
        "e mail",
        "mail",
        "phone",
        "tel",
        "telefono",
        "teléfono",
        "telefone",
        "telefon",
        "mobile",
        "celular",
        "cpf",
        "nie",
        "nif",
        "dni",
        "ssn",
        "codice fiscale",
        "pesel",
        "bsn",
        "tckn",
        "civilite",
        "civilité",
        "gender",
        "sexo",
        "sesso",
    }
)
# vCard / iCalendar: NAME;PARAM=...:value, and CN= parameters
_VCARD_N = re.compile(r"^N(?:;[^:\n]*)?:([^\n]*)$", re.MULTILINE)
_CN = re.compile(r"[;:]CN=\"?([^\";:\n]{1,80})\"?[;:]")
_MENTION = re.compile(r"\[~([^\]\n]{1,60})\]")
_INSERT = re.compile(r"INSERT\s+INTO\s+[\w.\"`]+\s*\(([^()]{1,400})\)\s*VALUES\s*", re.IGNORECASE)

# a name: capitalised words of letters (apostrophes and hyphens inside), an upper-case
# surname, "Surname, Given"
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
_NAME = re.compile(rf"{_NAME_WORD}(?:,? {_NAME_WORD}){{0,3}}")


def _name_ok(value: str, strict: bool) -> bool:
    if _NAME.fullmatch(value) is None or value.count(",") > 1:
        return False
    words = value.replace(",", " ").split()
    if not all(w[0].isupper() for w in words):
        return False
    if len(words) == 1 and len(words[0]) < 2:
        return False
    lists = word_lists()
    low = value.lower()
    if (
        strict
        and low in lists.things
        and not (len(words) == 1 and (low in lists.given or low in lists.surnames))
    ):
        return False  # "name": "Redis", not "last_name": "Jackson"; a vCard's N: names a person
    return not all(
        w.lower() in lists.not_names and w.lower() not in lists.surnames for w in words
    )  # "name": "Admin" is no one; "last_name": "Hill" is a surname


#: A transcript's or a chat log's speaker after a bracketed time stamp ("[00:04:52] Addison:").
_TURN_SPEAKER = re.compile(
    r"(?m)^\[[^\]\n]{1,24}\] ([^\W\d_][^\W\d_'\-]{1,30}(?: [^\W\d_][^\W\d_'\-]{1,30})?):"
)


def _emit(
    key: str, start: int, value: str, out: list[Span], strict: bool = True, people: bool = True
) -> None:
    raw = value
    value = value.strip()
    if not value:
        return
    start += len(raw) - len(raw.lstrip())
    end = start + len(value)
    if key == "speaker":
        # a speaker is often a role (AGENT, Atendente, bot): a known given name only
        first, lists = value.split()[0], word_lists()
        known = first.lower() in lists.given and first.lower() not in lists.roles
        if known and not first.isupper() and _name_ok(value, False):
            out.append(Span(start, end, Entity.PERSON, 0.8))
    elif key in PERSON_KEYS:
        if (people or key not in GENERIC_KEYS) and _name_ok(value, strict):
            out.append(Span(start, end, Entity.PERSON, 0.85))
    elif key in PASSWORD_KEYS:
        if _password_ok(value):
            out.append(Span(start, end, Entity.API_KEY, 0.85))
    elif key in BIRTH_KEYS and any(c.isdigit() for c in value) and is_date(value, _today()):
        out.append(Span(start, end, Entity.DATE_OF_BIRTH, 0.85))


def _password_ok(value: str) -> bool:
    """A literal password: one token of six or more characters, not all letters ("is
    required"), that is not a placeholder (``********``, ``<password>``, ``${DB_PASS}``)."""
    if len(value) < 6 or value.isalpha() or any(c.isspace() for c in value) or "{" in value:
        return False
    if value.startswith(("%(", "%s", "$", "<")) or value.endswith(")s"):
        return False  # printf and template placeholders: %(password)s, $DB_PASS, <password>
    try:
        from secplan.scanners.code.secret_values import is_placeholder
    except ImportError:  # the code scanners are not installed
        return False
    return not is_placeholder(value)


@lru_cache(maxsize=1)
def _today() -> dt.date:
    return dt.date.today()


#: Longest VALUES list read from one INSERT, in characters.
MAX_VALUES = 20_000


def _tuples(text: str, pos: int) -> Iterator[list[tuple[int, str, bool]]]:
    """The value tuples of a VALUES list starting at ``pos``: each value's start, its text
    and whether it was quoted (``''`` inside quotes is one quote). A plain scan, so a
    malformed or endless list costs one pass."""
    end = min(len(text), pos + MAX_VALUES)
    i = pos
    while i < end:
        while i < end and text[i] in " \t\r\n,":
            i += 1
        if i >= end or text[i] != "(":
            return
        i += 1
        row: list[tuple[int, str, bool]] = []
        while i < end:
            while i < end and text[i] in " \t":
                i += 1
            if i < end and text[i] == "'":
                j = i + 1
                while j < end:
                    if text[j] == "'" and text[j + 1 : j + 2] == "'":
                        j += 2
                    elif text[j] == "'" or text[j] == "\n":
                        break
                    else:
                        j += 1
                if j >= end or text[j] != "'":
                    return
                row.append((i + 1, text[i + 1 : j], True))
                i = j + 1
            else:
                j = i
                while j < end and text[j] not in ",)\n'":
                    j += 1
                value = text[i:j].rstrip()
                if value:
                    row.append((i, value, False))
                i = j
            while i < end and text[i] in " \t":
                i += 1
            if i < end and text[i] == ",":
                i += 1
                continue
            if i < end and text[i] == ")":
                i += 1
                yield row
                break
            return


def sql_cells(text: str) -> Iterator[tuple[str, int, str, bool]]:
    """Each value of an SQL ``INSERT`` in ``text``: its column's key, where the value starts,
    the value, and whether the table holds people."""
    for m in _INSERT.finditer(text):
        cols = [field_key(c.strip(' "`[]')) for c in m.group(1).split(",")]
        people = PEOPLE_TABLES.search(m.group(0), 0, m.start(1) - m.start()) is not None or any(
            c in PERSON_KEYS and c not in GENERIC_KEYS for c in cols
        )
        for row in _tuples(text, m.end()):
            for key, (start, value, _) in zip(cols, row, strict=False):
                yield key, start, value, people


def sql_column(text: str, pos: int) -> str:
    """The key of the SQL ``INSERT`` column whose quoted value holds ``text[pos]``; "" if none."""
    if "insert" not in text and "INSERT" not in text:
        return ""
    for key, start, value, _ in sql_cells(text):
        if start <= pos < start + len(value):
            return key
    return ""


#: An upper-case surname, a comma and given names ("SALEH, Khalid", "ĐẶNG, Hùng") on a line
#: of its own or as a value: how forms, cards and statements print the holder's name.
_UPPER_INVERTED = re.compile(
    r"(?m)(?:^|(?<=[:=] )|(?<=['\"\s:=]))([^\W\d_]{2,}(?:[ '\-][^\W\d_]{2,}){0,2}, "
    r"[^\W\d_][^\W\d_'\-]+(?:[ \-][^\W\d_][^\W\d_'\-]+)?)[ \t]{0,8}"
    r"(?=$|['\"&,;·|(]|[ \t]{2}|[ \t][—–-][ \t])"
)


_UPPER_COMMA = re.compile(r"[^\W\da-z], [^\W\d_]")


def _upper_inverted(text: str) -> Iterator[tuple[int, str]]:
    if ", " not in text or _UPPER_COMMA.search(text) is None:
        return
    lists = word_lists()
    for m in _UPPER_INVERTED.finditer(text):
        value = m.group(1)
        surname, _, given = value.partition(", ")
        if not surname.replace(" ", "").replace("-", "").replace("'", "").isupper():
            continue
        first = given.split()[0].split("-")[0]
        if surname.lower() in lists.things or given.lower() in lists.things:
            continue  # PARIS, France
        if any(w.lower() in lists.not_names for w in (*surname.split(), *given.split())):
            continue  # NOTE, Please; WARNING, Disk
        if first[:1].isupper() and not first.isupper() and len(first) >= 2:
            yield m.start(1), value  # the upper-case family name and the comma say it


def _label_lines(text: str) -> Iterator[tuple[str, int, str]]:
    """``Label value`` lines of a form or a scanned card, label and value split by one
    blank ("APELLIDOS Munteanu", "Naam Koç", "Date of birth 1981-08-06")."""
    pos = 0
    for line in text.split("\n"):
        words = line.split(" ")
        if 2 <= len(words) <= 7 and words[0][:1].isalpha():
            for n in (3, 2, 1):
                if len(words) > n:
                    key = field_key(" ".join(words[:n]))
                    if key in PERSON_KEYS or key in BIRTH_KEYS:
                        value = " ".join(words[n:])
                        start = pos + len(line) - len(value)
                        yield key, start, value
                        break
        pos += len(line) + 1


def _query(text: str) -> Iterator[tuple[str, int, str]]:
    """The pairs of a query string; a ``+`` in a value is a blank, as forms encode it."""
    for m in _QUERY.finditer(text):
        yield field_key(m.group(1)), m.start(2), m.group(2).replace("+", " ")


def _pairs(text: str) -> Iterator[tuple[str, int, str]]:
    if "=" in text and "&" in text:
        yield from _query(text)
    if '"' in text:
        for m in _JSON.finditer(text):
            yield field_key(m.group(1)), m.start(2), m.group(2)
    if ":" in text or "=" in text or "  " in text:
        for m in _LINE.finditer(text):
            yield field_key(m.group(1)), m.start(2), m.group(2)
    if "\n" in text:
        yield from _label_lines(text)
    for start, value in _upper_inverted(text):
        yield "full name", start, value
    if "] " in text:
        for m in _TURN_SPEAKER.finditer(text):
            yield "speaker", m.start(1), m.group(1)
    if "CN=" in text:
        for m in _CN.finditer(text):
            yield "name", m.start(1), m.group(1)


#: Field names whose value is a record's own number or a time stamp, never a telephone
#: number however it is shaped ("ts": "1592261668", numero = '9613008846').
NUMBER_KEYS = frozenset(
    {
        "id",
        "pk",
        "ts",
        "timestamp",
        "time",
        "created",
        "created at",
        "updated at",
        "date joined",
        "event ts",
        "numero",
        "número",
        "number",
        "nummer",
        "nr",
        "order",
        "order id",
        "ref",
        "reference",
        "pedido",
        "encomenda",
        "invoice",
        "ticket",
    }
)


def number_field(spans: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether ``start:end`` is the whole value of a field that holds ids or time stamps."""
    return any(s <= start and end <= e and key in NUMBER_KEYS for s, e, key in spans)


def field_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each field value of ``text`` lies, with its field's key."""
    spans = [(start, start + len(value), key) for key, start, value in _pairs(text)]
    if "INSERT" in text or "insert" in text:
        spans += [(start, start + len(v), key) for key, start, v, _ in sql_cells(text)]
    return spans


def keyed_words(spans: list[tuple[int, int, str]], pos: int) -> set[str]:
    """The words of the key whose value holds ``pos`` (``steuer_id`` gives ``steuer id``,
    ``steuer``, ``id``), as context for the value; empty when no field holds it."""
    for start, end, key in spans:
        if start <= pos < end:
            words = set(key.split())
            words.add(key)
            return words
    return set()


def find_fields(text: str) -> list[Span]:
    """PERSON and DATE_OF_BIRTH spans that a field's name marks in ``text``."""
    out: list[Span] = []
    pairs = list(_pairs(text))
    people = any(
        (k in PERSON_KEYS and k not in GENERIC_KEYS) or k in BIRTH_KEYS for k, _, _ in pairs
    )
    if not people and "&" in text:
        people = any(k in _PERSONAL_KEYS for k, _, _ in _query(text))
    for key, start, value in pairs:
        _emit(key, start, value, out, people=people)
    if "ass" in text or "ASS" in text or not text.isascii():
        for m in _PASSWORD_PROSE.finditer(text):
            value = m.group(1).rstrip(",;)]")
            if value.endswith(".") and not value[:-1].endswith("."):
                value = value[:-1]
            if _password_ok(value):
                out.append(Span(m.start(1), m.start(1) + len(value), Entity.API_KEY, 0.85))
    if "[~" in text:
        for m in _MENTION.finditer(text):
            _emit("name", m.start(1), m.group(1), out, strict=False)
    if "BEGIN:VCARD" in text:
        for m in _VCARD_N.finditer(text):
            pos = m.start(1)
            for part in m.group(1).split(";")[:2]:
                _emit("name", pos, part, out, strict=False)
                pos += len(part) + 1
    if "INSERT" in text or "insert" in text:
        for key, start, value, people in sql_cells(text):
            _emit(key, start, value, out, people=people)
    return out
