"""Look-alikes: text that resembles personal data but is not, each with its kind.

Name-like pools are public brand, product, place, ship, storm, award and eponym names. The
generators return ``(text, kind)``.
"""

from __future__ import annotations

import random
import string
import uuid as _uuid

# companies and brands named after people
COMPANY = ["Škoda", "Baťa", "Tatra", "Zwack", "Fazer", "Nokia", "Paulig", "Stockmann",
           "Hartwall", "Dacia", "Tesla", "Siemens", "Bosch", "Peugeot", "Heineken", "Kellogg's",
           "McDonald's", "Ferrero", "Barilla", "Cadbury", "Guinness", "Disney", "Mercedes-Benz",
           "Boeing", "Honda", "Toyota", "Mitsubishi", "Bata", "Tata Motors", "Birla",
           "Godrej", "Dabur", "Ben & Jerry's", "Levi's", "Gillette", "Michelin", "Renault",
           "Chevrolet", "Lamborghini", "Zeiss", "Porsche", "Dyson", "Walt Disney"]  # fmt: skip
# products and assistants with people's names
PRODUCT = ["Alexa", "Siri", "Cortana", "Bixby", "Ernie Bot", "Claude", "Gemini", "Jarvis",
           "Dolly", "Falcon", "Sophia", "Pepper", "Aurora", "Otto", "Kaspersky", "Jenkins",
           "Ada", "Hugo", "Stella Artois"]  # fmt: skip
# places named after people, per language
PLACE = {
    "en": ["Washington Square", "Lake Victoria", "Mount Kenya", "Jefferson County",
           "Kennedy Airport", "Kingsford Smith Airport", "Port Elizabeth", "Victoria Falls"],
    "cs": ["Masarykovo nádraží", "Václavské náměstí", "Husova", "Palackého náměstí",
           "Karlův most", "Letiště Václava Havla"],
    "ro": ["Bulevardul Nicolae Bălcescu", "Piața Avram Iancu", "Aeroportul Henri Coandă",
           "Strada Mihai Eminescu", "Cluj-Napoca"],
    "hu": ["Petőfi híd", "Széchenyi fürdő", "Liszt Ferenc repülőtér", "Deák Ferenc tér",
           "Kossuth Lajos utca", "Erzsébet híd"],
    "fi": ["Mannerheimintie", "Sibelius-monumentti", "Aleksanterinkatu", "Runebergintie",
           "Kalevankatu", "Sibeliuksenkatu"],
    "id": ["Jalan Sudirman", "Bandara Soekarno-Hatta", "Jalan Diponegoro", "Jalan Thamrin",
           "Stadion Gelora Bung Karno", "Jalan Kartini"],
    "vi": ["đường Nguyễn Huệ", "sân bay Tân Sơn Nhất", "phố Trần Hưng Đạo", "đường Lê Lợi",
           "Thành phố Hồ Chí Minh", "cầu Trần Thị Lý"],
    "sw": ["Barabara ya Kenyatta", "Uwanja wa Ndege wa Julius Nyerere", "Barabara ya Moi",
           "Mji wa Nyerere", "Ziwa Victoria", "Barabara ya Uhuru"],
    "el": ["Λεωφόρος Βασιλίσσης Σοφίας", "Πλατεία Ελευθερίου Βενιζέλου",
           "Αεροδρόμιο Ελευθέριος Βενιζέλος", "Οδός Ερμού", "Λεωφόρος Αλεξάνδρας"],
    "he": ["רחוב הרצל", "שדרות רוטשילד", "נמל התעופה בן גוריון", "רחוב ז'בוטינסקי",
           "כיכר רבין", "רחוב אבן גבירול"],
    "hi": ["महात्मा गांधी मार्ग", "इंदिरा गांधी अंतरराष्ट्रीय हवाई अड्डा", "नेहरू प्लेस",
           "राजीव चौक", "सुभाष चंद्र बोस मार्ग", "लाल बहादुर शास्त्री स्टेडियम"],
    "th": ["ถนนพระราม 4", "สนามบินสุวรรณภูมิ", "ถนนเจริญกรุง", "สวนลุมพินี",
           "ถนนพหลโยธิน", "อนุสาวรีย์ชัยสมรภูมิ"],
    "uk": ["вулиця Шевченка", "проспект Бандери", "площа Лесі Українки", "вулиця Франка",
           "аеропорт Сікорського", "бульвар Лесі Українки"],
}  # fmt: skip
SHIP = ["MSC Gülsün", "Queen Mary 2", "Ever Given", "Maersk Mc-Kinney Møller",
        "Silja Serenade", "Viking Grace", "Costa Smeralda", "Marie Curie"]  # fmt: skip
STORM = ["Hurricane Katrina", "Storm Ciarán", "Typhoon Haiyan", "Cyclone Idai", "Storm Daniel",
         "Hurricane Otis", "Typhoon Yagi", "Storm Boris"]  # fmt: skip
AWARD = ["Nobel Prize", "Fulbright scholarship", "Pulitzer Prize", "Fields Medal",
         "Turing Award", "Rhodes Scholarship", "Marie Skłodowska-Curie fellowship",
         "Humboldt fellowship", "Booker Prize", "Ramon Magsaysay Award"]  # fmt: skip
EPONYM = ["Levenshtein distance", "Bézier curve", "Fourier transform", "Kalman filter",
          "Dijkstra's algorithm", "Alzheimer's disease", "Parkinson's disease", "Gaussian blur",
          "Bloom filter", "Hodgkin lymphoma", "Richter scale", "Doppler radar"]  # fmt: skip

ROLE_LOCAL = ["support", "noreply", "info", "hr", "recruiting", "claims", "booking",
              "helpdesk", "admissions", "privacy", "careers", "orders", "no-reply"]  # fmt: skip
ROLE_DOMAIN = ["example.com", "example.org", "firma.cz", "banca.ro", "posta.hu", "yritys.fi",
               "toko.co.id", "congty.vn", "kampuni.co.ke", "etaireia.gr", "hevra.co.il",
               "company.in", "borisat.co.th", "kompaniia.ua"]  # fmt: skip
URLS = ["https://docs.python.org/3/library/json.html", "https://github.com/pallets/flask/pull/5542",
        "https://www.booking.com/hotel/cz/u-zlateho-jelena.html", "https://status.slack.com/",
        "https://en.wikipedia.org/wiki/Tomas_Bata", "https://pypi.org/project/requests/",
        "https://www.mouser.com/c/semiconductors/", "https://portal.gov.cz/sluzby",
        "https://huggingface.co/mistralai/Mistral-7B-v0.1"]  # fmt: skip
PLACEHOLDER_SECRET = ["AKIAIOSFODNN7EXAMPLE", "<YOUR_API_KEY>", "${GITHUB_TOKEN}", "********",
                      "sk_test_XXXXXXXXXXXXXXXX", "xoxb-your-token-here", "changeme",
                      "$SLACK_BOT_TOKEN", "hf_xxx", "{{ secrets.NPM_TOKEN }}"]  # fmt: skip
TEST_CARD = ["4111 1111 1111 1111", "4242 4242 4242 4242", "5555 5555 5555 4444",
             "4000 0566 5566 5556"]  # fmt: skip
DOC_IP = ["192.0.2.14", "198.51.100.23", "203.0.113.7", "2001:db8::1", "203.0.113.250"]
LOOP_IP = ["127.0.0.1", "0.0.0.0", "255.255.255.0", "::1", "169.254.169.254", "224.0.0.251"]
IP_VERSION = ["10.0.19045.3693", "6.1.7601.24545", "10.0.22631.2861", "4.18.2.1",
              "31.0.101.4887", "120.0.6099.130"]  # fmt: skip


def _d(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _isbn(rng: random.Random) -> str:
    body = "978" + _d(rng, 9)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    v = body + str((10 - s % 10) % 10)
    return f"{v[:3]}-{v[3:5]}-{v[5:9]}-{v[9:12]}-{v[12]}"


# kinds drawn from a list as they are: placeholder name -> (list, kind)
CHOICES: dict[str, tuple[list[str], str]] = {
    "company": (COMPANY, "company"),
    "product": (PRODUCT, "product"),
    "ship": (SHIP, "ship"),
    "storm": (STORM, "storm"),
    "award": (AWARD, "award"),
    "eponym": (EPONYM, "eponym"),
    "testkey": (PLACEHOLDER_SECRET, "placeholder_secret"),
    "testcard": (TEST_CARD, "test_card"),
    "docip": (DOC_IP, "documentation_ip"),
    "loopip": (LOOP_IP, "loopback_or_reserved_ip"),
    "ipver": (IP_VERSION, "ip_like_version"),
    "url": (URLS, "plain_url"),
}


def make(rng: random.Random, kind: str, lang: str) -> tuple[str, str]:
    """A look-alike of ``kind`` (the placeholder's name) for a text in ``lang``."""
    if kind in CHOICES:
        pool, label = CHOICES[kind]
        return rng.choice(pool), label
    if kind == "place":
        return rng.choice(PLACE.get(lang, PLACE["en"])), "place"
    if kind == "version":
        return f"{rng.randint(0, 5)}.{rng.randint(0, 30)}.{rng.randint(0, 15)}", "version"
    if kind == "build":
        return (
            f"{rng.randint(2023, 2026)}{rng.randint(1, 12):02d}"
            f"{rng.randint(1, 28):02d}.{rng.randint(1, 99)}",
            "build_number",
        )
    if kind == "sha":
        return "".join(
            rng.choice("0123456789abcdef") for _ in range(rng.choice([7, 40]))
        ), "git_sha"
    if kind == "hash":
        return "sha256:" + "".join(rng.choice("0123456789abcdef") for _ in range(64)), "hash"
    if kind == "uuid":
        return str(_uuid.UUID(int=rng.getrandbits(128), version=4)), "uuid"
    if kind == "order":
        return rng.choice(["", "#", "ORD-", "OBJ-", "NR"]) + _d(
            rng, rng.randint(8, 11)
        ), "order_number"
    if kind == "tracking":
        return rng.choice([f"1Z{_d(rng, 4)}A{_d(rng, 11)}", f"RR{_d(rng, 9)}CZ", _d(rng, 12),
                           f"JJD{_d(rng, 18)}", f"CP{_d(rng, 9)}TH"]), \
            "tracking_number"  # fmt: skip
    if kind == "isbn":
        return _isbn(rng), "isbn"
    if kind == "coords":
        return f"{rng.uniform(-60, 70):.5f}, {rng.uniform(-120, 150):.5f}", "coordinates"
    if kind == "price":
        cur = {"cs": f"{rng.randint(2, 9999)},{rng.randint(0, 99):02d} Kč",
               "ro": f"{rng.randint(10, 9999)} lei", "hu": f"{rng.randint(100, 99999)} Ft",
               "fi": f"{rng.randint(2, 999)},{rng.randint(0, 99):02d} €",
               "id": f"Rp{rng.randint(10, 9999)}.000", "vi": f"{rng.randint(10, 900)}.000 ₫",
               "sw": f"KSh {rng.randint(100, 99999):,}",
               "el": f"{rng.randint(2, 999)},{rng.randint(0, 99):02d} €",
               "he": f"₪{rng.randint(20, 999)}", "hi": f"₹{rng.randint(100, 99999):,}",
               "th": f"฿{rng.randint(100, 9999):,}", "uk": f"{rng.randint(50, 9999)} грн",
               "en": f"${rng.randint(2, 999)}.{rng.randint(0, 99):02d}"}  # fmt: skip
        if rng.random() < 0.8:
            return cur[lang], "price"
        return rng.choice([f"{rng.randint(2, 9999)},{rng.randint(0, 99):02d} Kč",
                           f"€{rng.randint(2, 999)}.{rng.randint(0, 99):02d}",
                           f"{rng.randint(10, 900)} 000 VND", f"₹{rng.randint(100, 99999):,}",
                           f"{rng.randint(100, 99999)} Ft", f"{rng.randint(10, 9999)} lei",
                           f"฿{rng.randint(100, 9999)}", f"KSh {rng.randint(100, 99999):,}",
                           f"₴{rng.randint(50, 9999)}", f"₪{rng.randint(20, 999)}"]), \
            "price"  # fmt: skip
    if kind == "date":
        y, m, d = rng.randint(2019, 2026), rng.randint(1, 12), rng.randint(1, 28)
        return rng.choice(
            [f"{d}.{m}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}"]
        ), "event_date"
    if kind == "ts":
        return (
            f"{rng.randint(2023, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
        ), "timestamp"
    if kind == "hhmm":
        return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", "timestamp"
    if kind == "role":
        return f"{rng.choice(ROLE_LOCAL)}@{rng.choice(ROLE_DOMAIN)}", "role_or_reserved_email"
    if kind == "flight":
        return rng.choice(
            ["OK", "RO", "W6", "AY", "GA", "VN", "KQ", "A3", "LY", "AI", "TG", "PS"]
        ) + str(rng.randint(100, 2999)), "flight_number"
    if kind == "pnr":
        return "".join(
            rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6)
        ), "booking_reference"
    if kind == "ticket":
        return rng.choice(["INC", "JIRA-", "SR-", "CASE-", "HD-"]) + _d(
            rng, rng.randint(5, 8)
        ), "ticket_number"
    if kind == "invoice":
        return rng.choice(
            ["FV", "INV-", "FA/", "FAKT-"]
        ) + f"{rng.randint(2023, 2026)}/{_d(rng, 5)}", "invoice_id"
    if kind == "claim":
        return rng.choice(["CLM-", "PU/", "KAR-", "SIN-"]) + _d(rng, 9), "case_number"
    if kind == "cve":
        return f"CVE-{rng.randint(2019, 2026)}-{rng.randint(1000, 49999)}", "cve"
    if kind == "doi":
        return (
            f"10.{rng.randint(1000, 9999)}/{rng.choice(['j.', 's', 'acs.'])}"
            f"{_d(rng, 5)}.{_d(rng, 4)}",
            "doi",
        )
    if kind == "meeting":
        return f"{_d(rng, 3)} {_d(rng, 4)} {_d(rng, 4)}", "meeting_id"
    if kind == "sku":
        return rng.choice(["SKU-", "ART.", "EAN "]) + _d(rng, rng.randint(8, 13)), "sku"
    if kind == "float":
        return f"{rng.uniform(0, 1):.{rng.randint(6, 10)}f}", "float"
    if kind == "serial":
        return "".join(
            rng.choice(string.ascii_uppercase + string.digits) for _ in range(12)
        ), "serial"
    raise KeyError(kind)


KINDS = ["company", "product", "place", "ship", "storm", "award", "eponym", "version", "build",
         "sha", "hash", "uuid", "order", "tracking", "isbn", "coords", "price", "date", "ts",
         "hhmm", "testkey", "testcard", "docip", "loopip", "ipver", "role", "url", "flight",
         "pnr", "ticket", "invoice", "claim", "cve", "doi", "meeting", "sku", "float",
         "serial"]  # fmt: skip
