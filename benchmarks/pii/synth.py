"""Values for the labelled corpus: Faker for names, addresses and contact details, and small
generators (written here, independent of secplan's detectors) for identifiers with check
digits, wallets and credentials. Nothing here is shared with secplan's detection lists.
"""

from __future__ import annotations

import hashlib
import random
import string

from faker import Faker

LOCALES = ("en_US", "en_US", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class Synth:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in sorted(set(LOCALES))}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed + i)

    def faker(self, locale: str | None = None) -> Faker:
        return self.fakers[locale or self.r.choice(LOCALES)]

    # -- people and contact ---------------------------------------------------------------
    def person(self, locale: str | None = None) -> str:
        f = self.faker(locale)
        return f"{f.first_name()} {f.last_name()}"

    def email(self) -> str:
        f = self.faker()
        user = (
            f.user_name() if self.r.random() < 0.5 else f"{f.first_name()}.{f.last_name()}".lower()
        )
        user = "".join(c for c in user if c.isascii() and (c.isalnum() or c in "._-")) or "user"
        return f"{user}@{f.free_email_domain()}"

    def phone(self) -> str:
        import phonenumbers

        formats = (
            ("US", "+1 {a} {b} {c}"),
            ("US", "({a}) {b}-{c}"),
            ("US", "{a}-{b}-{c}"),
            ("US", "{a}.{b}.{c}"),
            ("GB", "+44 {uk}"),
            ("GB", "0{uk}"),
            ("DE", "+49 {de}"),
            ("FR", "+33 {fr}"),
            ("ES", "+34 {es}"),
            ("NL", "+31 {nl}"),
            ("IT", "+39 {it}"),
        )
        for _ in range(200):
            region, fmt = self.r.choice(formats)
            n, pick = self.r.randint, self.r.choice
            a = f"{n(2, 9)}{n(0, 9)}{n(0, 9)}"
            b = f"{n(2, 9)}{n(0, 9)}{n(0, 9)}"
            c = f"{n(0, 9999):04d}"
            nums = {
                "uk": f"{pick(['20', '161', '113', '7700', '7911', '131'])} {n(100, 999)} "
                f"{n(1000, 9999)}",
                "de": f"{pick(['30', '89', '40', '151', '160', '171'])} {n(1000000, 9999999)}",
                "fr": f"{n(1, 7)} {n(10, 99)} {n(10, 99)} {n(10, 99)} {n(10, 99)}",
                "es": f"{pick(['6', '7', '9'])}{n(10, 99)} {n(100, 999)} {n(100, 999)}",
                "nl": f"{pick(['6', '20', '10'])} {n(1000000, 9999999)}",
                "it": f"{pick(['3', '06', '02'])}{n(10, 99)} {n(100000, 999999)}",
            }
            value = fmt.format(a=a, b=b, c=c, **nums)
            try:
                if phonenumbers.is_valid_number(phonenumbers.parse(value, region)):
                    return value
            except phonenumbers.NumberParseException:
                continue
        return "+44 20 7946 0018"

    def address(self) -> str:
        loc = self.r.choice(
            ("en_US", "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL")
        )
        f = self.faker(loc)
        if loc == "en_US":
            street = f"{f.building_number()} {f.street_name()}"
            return f"{street}, {f.city()}, {f.state_abbr()} {f.postcode()}"
        if loc == "en_GB":
            return f"{f.building_number()} {f.street_name()}, {f.city()} {f.postcode()}"
        return f"{f.street_address()}, {f.postcode()} {f.city()}"

    def dob(self) -> str:
        d = self.faker().date_of_birth(minimum_age=18, maximum_age=90)
        style = self.r.randint(0, 3)
        if style == 0:
            return d.isoformat()
        if style == 1:
            return d.strftime("%d/%m/%Y")
        if style == 2:
            return d.strftime("%B %d, %Y").replace(" 0", " ")
        return d.strftime("%d.%m.%Y")

    def url(self) -> str:
        f = self.faker("en_US")
        return self.r.choice(
            [
                f.url(),
                f"https://{f.domain_name()}/{f.uri_path()}",
                f"https://www.{f.domain_word()}.com/profile/{f.user_name()}",
            ]
        )

    def ip(self) -> str:
        f = self.faker("en_US")
        return f.ipv4_public() if self.r.random() < 0.75 else f.ipv6()

    def mac(self) -> str:
        m = [self.r.randint(0, 255) for _ in range(6)]
        sep = self.r.choice([":", "-"])
        return sep.join(f"{x:02x}" if self.r.random() < 0.5 else f"{x:02X}" for x in m)

    # -- financial ------------------------------------------------------------------------
    def card(self) -> str:
        f = self.faker("en_US")
        n = f.credit_card_number(
            card_type=self.r.choice(["visa16", "mastercard", "amex", "discover"])
        )
        if len(n) == 16 and self.r.random() < 0.5:
            sep = self.r.choice([" ", "-"])
            n = sep.join(n[i : i + 4] for i in range(0, 16, 4))
        return n

    def iban(self) -> str:
        country = self.r.choice(["de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "en_GB"])
        raw = self.fakers[country].iban()
        if self.r.random() < 0.5:
            return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
        return raw

    def ssn(self) -> str:
        return self.fakers["en_US"].ssn()

    # -- government identifiers (check digits computed here) -------------------------------
    NATIONAL_KINDS = (
        "es_dni",
        "es_nie",
        "fr_nir",
        "it_cf",
        "nl_bsn",
        "pl_pesel",
        "gb_nino",
        "fi_hetu",
    )

    def national_id(self, kind: str | None = None) -> str:
        return getattr(self, "_" + (kind or self.r.choice(self.NATIONAL_KINDS)))()

    def _es_dni(self) -> str:
        n = self.r.randint(10_000_000, 99_999_999)
        return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"

    def _es_nie(self) -> str:
        p = self.r.randint(0, 2)
        n = self.r.randint(0, 9_999_999)
        return f"{'XYZ'[p]}{n:07d}{'TRWAGMYFPDXBNJZSQVHLCKE'[int(f'{p}{n:07d}') % 23]}"

    def _fr_nir(self) -> str:
        n = self.r.randint
        base = f"{n(1, 2)}{n(40, 99):02d}{n(1, 12):02d}{n(1, 95):02d}{n(1, 999):03d}{n(1, 999):03d}"
        key = 97 - int(base) % 97
        return f"{base[0]} {base[1:3]} {base[3:5]} {base[5:7]} {base[7:10]} {base[10:13]} {key:02d}"

    def _it_cf(self) -> str:
        return self.fakers["it_IT"].ssn()

    def _nl_bsn(self) -> str:
        while True:
            d = [self.r.randint(0, 9) for _ in range(8)]
            total = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=True))
            last = total % 11
            if last < 10 and d[0] != 0:
                return "".join(map(str, d)) + str(last)

    def _pl_pesel(self) -> str:
        y, m, dd = self.r.randint(50, 99), self.r.randint(1, 12), self.r.randint(1, 28)
        body = f"{y:02d}{m:02d}{dd:02d}{self.r.randint(0, 9999):04d}"
        w = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
        check = (10 - sum(int(c) * k for c, k in zip(body, w, strict=True)) % 10) % 10
        return body + str(check)

    def _gb_nino(self) -> str:
        first = self.r.choice("ABCEGHJKLMNPRSTWXYZ")
        second = self.r.choice("ABCEGHJKLMNPRSTWXYZ")
        while first + second in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            second = self.r.choice("ABCEGHJKLMNPRSTWXYZ")
        digits = f"{self.r.randint(0, 999999):06d}"
        return f"{first}{second} {digits[:2]} {digits[2:4]} {digits[4:]} {self.r.choice('ABCD')}"

    def _fi_hetu(self) -> str:
        dd, mm, yy = self.r.randint(1, 28), self.r.randint(1, 12), self.r.randint(50, 99)
        ind = self.r.randint(2, 899)
        n = int(f"{dd:02d}{mm:02d}{yy:02d}{ind:03d}")
        return f"{dd:02d}{mm:02d}{yy:02d}-{ind:03d}{'0123456789ABCDEFHJKLMNPRSTUVWXY'[n % 31]}"

    def passport(self) -> str:
        if self.r.random() < 0.5:
            return f"{self.r.randint(100_000_000, 999_999_999)}"
        return f"{self.r.choice(string.ascii_uppercase)}{self.r.randint(10_000_000, 99_999_999)}"

    # -- crypto and credentials -----------------------------------------------------------
    def crypto(self) -> str:
        kind = self.r.random()
        if kind < 0.4:
            payload = b"\x00" + self.r.randbytes(20)
            check = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
            n = int.from_bytes(payload + check, "big")
            out = ""
            while n:
                n, rem = divmod(n, 58)
                out = _B58[rem] + out
            return "1" + out
        if kind < 0.7:
            return _bech32("bc", [0, *_convert(self.r.randbytes(20))])
        return "0x" + self.r.randbytes(20).hex()

    def api_key(self) -> str:
        alnum = string.ascii_letters + string.digits
        kind = self.r.randint(0, 3)
        if kind == 0:
            return "sk_live_" + "".join(self.r.choice(alnum) for _ in range(24))
        if kind == 1:
            return "ghp_" + "".join(self.r.choice(alnum) for _ in range(36))
        if kind == 2:
            return "AKIA" + "".join(
                self.r.choice(string.ascii_uppercase + string.digits) for _ in range(16)
            )
        return (
            "xoxb-"
            + "-".join(str(self.r.randint(10**11, 10**12 - 1)) for _ in range(2))
            + "-"
            + "".join(self.r.choice(alnum) for _ in range(24))
        )


def _convert(data: bytes) -> list[int]:
    acc, bits, out = 0, 0, []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def _bech32(hrp: str, data: list[int]) -> str:
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _polymod(expanded + data + [0] * 6) ^ 1
    checksum = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH[d] for d in data + checksum)
