# ruff: noqa: E501  (hand-written text and word lists, one entry a line)
"""Look-alikes: strings that resemble personal data but are not, by kind.

Name-like look-alikes are public company, brand, product, place, ship, storm, award and
eponym names; value-like look-alikes are drawn at random in the shape of the thing they mimic
(versions that read like IP addresses, tracking numbers like phones, hashes like keys).
"""

from __future__ import annotations

import random
import string
import uuid

from stdnum import ean
from stdnum import isbn as std_isbn

# name-like look-alikes; a language's own list first, "*" for any language
NAMED: dict[str, dict[str, list[str]]] = {
    "company": {
        "*": [
            "Hugo Boss",
            "Louis Vuitton",
            "Ralph Lauren",
            "Tommy Hilfiger",
            "Calvin Klein",
            "Giorgio Armani",
            "Yves Saint Laurent",
            "Ferrero",
            "Peugeot",
            "Michelin",
            "Johnson & Johnson",
            "Marks & Spencer",
            "Ben & Jerry's",
            "Dr. Oetker",
            "Philips",
        ],
        "de": [
            "Hugo Boss",
            "Dr. Oetker",
            "Carl Zeiss",
            "Robert Bosch GmbH",
            "Tchibo",
            "Miele",
            "Fielmann",
            "Rossmann",
            "Haribo",
        ],
        "fr": [
            "Louis Vuitton",
            "Christian Dior",
            "Yves Saint Laurent",
            "Peugeot",
            "Michelin",
            "Pierre Fabre",
            "Hermès",
            "Renault",
        ],
        "es": ["El Corte Inglés", "Zara", "Mango", "Chupa Chups", "Loewe", "Desigual"],
        "br": ["Casas Bahia", "O Boticário", "Magazine Luiza", "Lojas Americanas", "Natura"],
        "it": [
            "Ferrero",
            "Giorgio Armani",
            "Dolce & Gabbana",
            "Salvatore Ferragamo",
            "Barilla",
            "Luxottica",
        ],
        "nl": ["Albert Heijn", "Philips", "Heineken", "C&A", "Douwe Egberts", "Van Houten"],
        "pl": ["E. Wedel", "Inglot", "Blikle", "Ziaja", "Apart"],
        "tr": ["Koç Holding", "Sabancı Holding", "Ülker", "Eczacıbaşı", "Arçelik"],
        "ar": ["مصرف الراجحي", "المراعي", "العثيم", "مجموعة بن لادن"],
        "zh": ["李宁", "李锦记", "王老吉", "张小泉"],
        "ja": ["トヨタ", "本田技研工業", "鈴木自動車", "マツモトキヨシ", "ヤマハ", "三菱電機"],
        "ko": ["삼성전자", "현대자동차", "정관장", "이마트"],
        "ru": ["Тинькофф", "Смирнофф", "Калашников", "Елисеевский магазин"],
        "sv": ["Hennes & Mauritz", "Ericsson", "Åhléns", "Lindex", "Max Hamburgare"],
        "da": ["Bang & Olufsen", "Carlsberg", "Georg Jensen", "Mærsk", "Lego"],
        "no": ["Helly Hansen", "Freia", "Møller Mobility", "Jordan Tannbørster"],
        "en": [
            "Johnson & Johnson",
            "Dell",
            "Kellogg's",
            "Wendy's",
            "Martha Stewart Living",
            "Jack Daniel's",
            "Trader Joe's",
            "Ben & Jerry's",
        ],
    },
    "product": {
        "*": [
            "Alexa",
            "Siri",
            "Cortana",
            "Bixby",
            "Jarvis",
            "Claude 3.5 Sonnet",
            "Gemma 2",
            "Llama 3",
            "Mistral 7B",
            "Falcon-40B",
            "Phi-3",
            "Ernie Bot",
        ],
        "ru": ["Алиса", "ГигаЧат", "Маруся"],
        "ko": ["클로바", "빅스비"],
        "zh": ["小爱同学", "文心一言", "通义千问"],
        "ja": ["ドラえもん", "初音ミク"],
        "en": [
            "Alexa",
            "Siri",
            "Jenkins",
            "Hugo",
            "Julia 1.10",
            "Ada compiler",
            "BERT-base",
            "RoBERTa",
            "DeBERTa-v3",
        ],
    },
    "place": {
        "*": [
            "Charles de Gaulle",
            "Leonardo da Vinci–Fiumicino",
            "Franz Josef Strauß airport",
            "John F. Kennedy airport",
        ],
        "de": [
            "Konrad-Adenauer-Ufer",
            "Willy-Brandt-Platz",
            "Flughafen Franz Josef Strauß",
            "Goethe-Universität",
            "Karl-Marx-Allee",
        ],
        "fr": [
            "aéroport Charles-de-Gaulle",
            "place Jean-Jaurès",
            "lycée Victor-Hugo",
            "rue Émile-Zola",
            "gare Saint-Lazare",
        ],
        "es": [
            "Paseo de Colón",
            "Plaza de Cristóbal Colón",
            "Universidad Simón Bolívar",
            "Calle de Miguel Ángel",
            "estación Joaquín Sorolla",
        ],
        "br": [
            "Praça Tiradentes",
            "Avenida Getúlio Vargas",
            "Aeroporto Santos Dumont",
            "Estádio Mário Filho",
            "Rua Oscar Freire",
        ],
        "it": [
            "Piazza Garibaldi",
            "Aeroporto Leonardo da Vinci",
            "Corso Vittorio Emanuele II",
            "Via Alessandro Manzoni",
            "Politecnico Giulio Natta",
        ],
        "nl": ["Johan Cruijff ArenA", "Rembrandtplein", "Van Goghmuseum", "Willem-Alexanderhof"],
        "pl": [
            "Plac Kopernika",
            "Lotnisko Chopina",
            "ulica Mickiewicza",
            "Uniwersytet Jagielloński",
        ],
        "tr": [
            "Atatürk Havalimanı",
            "Sabiha Gökçen Havalimanı",
            "İnönü Stadyumu",
            "Fatih Sultan Mehmet Köprüsü",
        ],
        "ar": [
            "مطار الملك عبدالعزيز الدولي",
            "جامعة الملك سعود",
            "شارع الأمير محمد بن عبدالعزيز",
            "برج خليفة",
        ],
        "zh": ["中山大学", "中山公园", "鲁迅公园", "逸夫楼"],
        "ja": ["野口英世記念館", "坂本龍馬記念館", "上野公園", "明治神宮"],
        "ko": ["세종대로", "이순신 동상", "김대중컨벤션센터", "충무로"],
        "ru": [
            "Пушкинская площадь",
            "станция метро «Маяковская»",
            "аэропорт Шереметьево",
            "Ленинский проспект",
        ],
        "sv": [
            "Drottninggatan",
            "Gustav Adolfs torg",
            "Karolinska Institutet",
            "Linnéuniversitetet",
        ],
        "da": ["H.C. Andersens Boulevard", "Kongens Nytorv", "Niels Bohr Institutet", "Tivoli"],
        "no": ["Karl Johans gate", "Olav Kyrres plass", "Henrik Ibsens gate", "Haakon VIIs gate"],
        "en": [
            "Kennedy Airport",
            "Lincoln Center",
            "Washington Square",
            "Jefferson Memorial",
            "Martin Luther King Jr. Blvd",
            "Reagan National",
        ],
    },
    "ship": {
        "*": [
            "Queen Mary 2",
            "Emma Mærsk",
            "MS Richard With",
            "AIDAnova",
            "Costa Serena",
            "Queen Elizabeth",
            "Peter Wessel",
            "Stena Britannica",
            "MSC Gülsün",
            "Prinsesse Benedikte",
        ],
    },
    "storm": {
        "*": [
            "Storm Ciarán",
            "Hurricane Ian",
            "Typhoon Hagibis",
            "Orkan Gudrun",
            "Sturmtief Xaver",
            "Borrasca Filomena",
            "Tempête Alex",
            "Ciclone Catarina",
            "Medicane Daniel",
        ],
    },
    "award": {
        "*": [
            "Nobel Prize",
            "Pulitzer Prize",
            "Fields Medal",
            "Turing Award",
            "Goethe-Medaille",
            "Prix Goncourt",
            "Premio Cervantes",
            "Nike Prize",
            "Astrid Lindgren Memorial Award",
            "Sonning Prize",
        ],
    },
    "eponym": {
        "*": [
            "Parkinson's disease",
            "Hodgkin lymphoma",
            "Dijkstra's algorithm",
            "Bayes' theorem",
            "Fourier transform",
            "Levenshtein distance",
            "Gauss–Newton",
            "Alzheimer's",
            "Asperger syndrome",
            "Kalman filter",
        ],
        "de": ["Gauß-Verteilung", "Morbus Crohn", "Alzheimer-Demenz", "Doppler-Effekt"],
        "fr": [
            "maladie de Parkinson",
            "transformée de Fourier",
            "syndrome de Gilles de la Tourette",
        ],
        "es": ["enfermedad de Alzheimer", "síndrome de Down", "algoritmo de Dijkstra"],
        "ja": ["パーキンソン病", "ダイクストラ法"],
        "ru": ["болезнь Паркинсона", "преобразование Фурье"],
    },
}


def named(rng: random.Random, kind: str, lang: str) -> str:
    table = NAMED[kind]
    pool = table.get(lang, []) + ([] if lang in table and rng.random() < 0.7 else table["*"])
    return rng.choice(pool or table["*"])


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _isbn(rng: random.Random) -> str:
    for _ in range(1000):
        body = "978" + rng.choice(
            ["3", "2", "84", "85", "88", "90", "83", "4", "89", "5", "91", "87", "82", "0", "7"]
        )
        body += "".join(rng.choice(string.digits) for _ in range(12 - len(body)))
        v = body + ean.calc_check_digit(body)
        if std_isbn.is_valid(v):
            return v if rng.random() < 0.5 else f"{v[:3]}-{v[3]}-{v[4:8]}-{v[8:12]}-{v[12]}"
    raise RuntimeError("isbn")


ROLE_MAILS = [
    "support",
    "noreply",
    "no-reply",
    "info",
    "kontakt",
    "contact",
    "hr",
    "privacy",
    "datenschutz",
    "facturation",
    "atendimento",
    "ventas",
    "klantenservice",
    "biuro",
    "destek",
    "help",
    "press",
    "security",
    "admissions",
    "dpo",
]
ROLE_DOMAINS = [
    "example.com",
    "example.org",
    "shop-nordlicht.de",
    "tierra-verde.es",
    "pixelforge.io",
    "lojafacil.com.br",
    "kantoorbedrijf.nl",
    "yildizkargo.com.tr",
    "hamnbolaget.se",
    "fjordtech.no",
]
PLACEHOLDERS = [
    "AKIAIOSFODNN7EXAMPLE",
    "<YOUR_API_KEY>",
    "${GITHUB_TOKEN}",
    "sk_test_XXXXXXXXXXXXXXXXXXXXXXXX",
    "changeme",
    "hf_xxx",
    "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "your-password-here",
    "****",
    "{{ secrets.HF_TOKEN }}",
    "REDACTED",
    "sk-...",
    "$DB_PASSWORD",
]
TEST_CARDS = [
    "4111 1111 1111 1111",
    "4242 4242 4242 4242",
    "5555 5555 5555 4444",
    "4000 0566 5566 5556",
    "3782 822463 10005",
    "5105105105105100",
    "4012888888881881",
]


def price(rng: random.Random, lang: str) -> str:
    n = rng.randint
    euro = (
        f"{n(2, 999)}.{n(0, 999):03d} €" if rng.random() < 0.5 else f"{n(5, 999)},{n(0, 99):02d} €"
    )
    forms = {
        "de": euro,
        "fr": euro,
        "es": euro,
        "it": euro,
        "nl": euro,
        "br": f"R$ {n(10, 4999)},{n(0, 99):02d}",
        "pl": f"{n(10, 9999)} zł",
        "tr": f"₺{n(50, 9999)}",
        "ar": f"{n(20, 90)},{n(0, 999):03d} ريال",
        "zh": f"¥{n(30, 900)}万",
        "ja": f"{n(5, 30)}.{n(0, 9)}万円",
        "ko": f"{n(3, 25)}억 {n(0, 9)}천만원",
        "ru": f"{n(3, 25)} {n(0, 999):03d} 000 ₽",
        "sv": f"{n(1, 9)} {n(0, 999):03d} 000 kr",
        "da": f"{n(1, 9)}.{n(0, 999):03d}.000 kr.",
        "no": f"{n(2, 9)} {n(0, 999):03d} 000 kr",
        "en": f"${n(200, 950)},{n(0, 999):03d}"
        if rng.random() < 0.5
        else f"${n(5, 999)}.{n(0, 99):02d}",
    }
    return forms[lang]


def case_number(rng: random.Random, lang: str) -> str:
    n = rng.randint
    forms = {
        "de": f"{n(1, 40)} O {n(100, 999)}/{n(22, 26)}",
        "fr": f"RG n° {n(22, 26)}/{n(10000, 99999)}",
        "es": f"{n(100, 999)}/20{n(22, 26)}",
        "br": f"{n(1000000, 9999999)}-{n(10, 99)}.20{n(22, 26)}.8.26.0100",
        "it": f"{n(1000, 99999)}/20{n(22, 26)}",
        "nl": f"C/13/{n(700000, 799999)} / HA ZA {n(22, 26)}-{n(100, 999)}",
        "pl": f"I C {n(100, 9999)}/{n(22, 26)}",
        "tr": f"20{n(22, 26)}/{n(10, 999)} E.",
        "ar": f"{n(4400000, 4699999)}",
        "zh": f"（20{n(22, 26)}）京0105民初{n(1000, 99999)}号",
        "ja": f"令和{n(4, 7)}年(ワ)第{n(100, 9999)}号",
        "ko": f"20{n(22, 26)}가단{n(10000, 99999)}",
        "ru": f"А40-{n(10000, 299999)}/{n(22, 26)}",
        "sv": f"T {n(1000, 9999)}-{n(22, 26)}",
        "da": f"BS-{n(1000, 99999)}/20{n(22, 26)}",
        "no": f"{n(22, 26)}-{n(100000, 199999)}TVI-OTIR/0{n(1, 9)}",
        "en": rng.choice(
            [
                f"{n(1, 6)}:{n(22, 26)}-cv-{n(100, 9999):05d}",
                f"INC{n(1000000, 9999999)}",
                f"CASE-{n(10000, 99999)}",
            ]
        ),
    }
    return forms[lang]


def value(rng: random.Random, kind: str, lang: str) -> str:
    c, n = rng.choice, rng.randint
    if kind in NAMED:
        return named(rng, kind, lang)
    if kind == "version":
        return c(
            [
                f"v{n(1, 9)}.{n(0, 20)}.{n(0, 40)}",
                f"{n(1, 24)}.{n(0, 12)}.{n(0, 9)}",
                f"v{n(0, 3)}.{n(1, 30)}.{n(0, 9)}-rc{n(1, 4)}",
                f"{n(1, 5)}.{n(0, 9)}.{n(0, 9)}.post{n(1, 3)}",
            ]
        )
    if kind == "ip_like_version":
        return c(
            [
                f"10.0.{n(17763, 26100)}.{n(100, 5000)}",
                f"{n(1, 9)}.{n(0, 9)}.{n(0, 9)}.{n(1000, 9999)}",
                f"1.{n(60, 99)}.{n(300, 999)}.{n(10, 250)}",
                f"{n(100, 130)}.0.{n(5000, 6500)}.{n(50, 200)}",
            ]
        )
    if kind == "build_number":
        return c(
            [
                f"build {n(1000, 99999)}",
                f"#{n(1000, 9999)}",
                f"{n(20, 25)}{n(10, 12)}{n(10, 28)}.{n(1, 9)}",
                f"b{n(100, 999)}.{n(1, 99)}",
            ]
        )
    if kind == "git_sha":
        return _hex(rng, c([7, 8, 12, 40]))
    if kind == "hash":
        prefix, size = c([("sha256:", 64), ("", 64), ("md5 ", 32), ("", 32), ("sha1 ", 40)])
        return prefix + _hex(rng, size)
    if kind == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == "order_number":
        return c(
            [
                f"{n(100, 999)}-{n(1000000, 9999999)}-{n(1000000, 9999999)}",
                f"ORD-{n(2023, 2026)}-{n(100000, 999999)}",
                f"#{n(10000000, 99999999)}",
                f"{n(10**11, 10**12 - 1)}",
            ]
        )
    if kind == "tracking_number":
        return c(
            [
                "1Z" + "".join(c(string.ascii_uppercase + string.digits) for _ in range(16)),
                f"JJD{n(10**17, 10**18 - 1)}",
                f"{n(10**11, 10**12 - 1)}",
                "LX" + str(n(10**8, 10**9 - 1)) + "CN",
                f"00{n(10**17, 10**18 - 1)}",
            ]
        )
    if kind == "isbn":
        return _isbn(rng)
    if kind == "coordinates":
        return f"{rng.uniform(-60, 70):.5f}, {rng.uniform(-120, 150):.5f}"
    if kind == "price":
        return price(rng, lang)
    if kind == "timestamp":
        return f"{n(2023, 2026)}-{n(1, 12):02d}-{n(1, 28):02d}T{n(0, 23):02d}:{n(0, 59):02d}:{n(0, 59):02d}Z"
    if kind == "placeholder_secret":
        return c(PLACEHOLDERS)
    if kind == "test_card":
        return c(TEST_CARDS)
    if kind == "documentation_ip":
        return c(
            [
                f"192.0.2.{n(1, 254)}",
                f"198.51.100.{n(1, 254)}",
                f"203.0.113.{n(1, 254)}",
                f"2001:db8::{n(1, 0xFFFF):x}",
            ]
        )
    if kind == "loopback_or_reserved_ip":
        return c(
            [
                "127.0.0.1",
                "0.0.0.0",
                "255.255.255.0",
                "169.254.10.1",
                "::1",
                "224.0.0.251",
                "255.255.255.255",
            ]
        )
    if kind == "role_or_reserved_email":
        return f"{c(ROLE_MAILS)}@{c(ROLE_DOMAINS)}"
    if kind == "plain_url":
        return (
            c(["https://", "http://"])
            + c(
                [
                    "status.pixelforge.io/",
                    "docs.python.org/3/",
                    "huggingface.co/datasets/",
                    "github.com/",
                    "intranet.lan/wiki/",
                ]
            )
            + c(["releases", "onboarding", "v2/api", "FAQ", ""])
        )
    if kind == "flight_number":
        return c(
            [
                "LH",
                "AF",
                "IB",
                "LA",
                "AZ",
                "KL",
                "LO",
                "TK",
                "SV",
                "CA",
                "NH",
                "KE",
                "SU",
                "SK",
                "DY",
            ]
        ) + str(n(10, 2999))
    if kind == "booking_reference":
        return "".join(c("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
    if kind == "case_number":
        return case_number(rng, lang)
    if kind == "cve":
        return f"CVE-{n(2019, 2026)}-{n(1000, 49999)}"
    if kind == "doi":
        return f"10.{n(1000, 9999)}/{c(['arxiv.', 'j.cell.', 'nature', 'acl-'])}{n(1000, 99999)}"
    if kind == "meeting_id":
        return f"{n(800, 999)} {n(1000, 9999)} {n(1000, 9999)}"
    if kind == "sku":
        return (
            c(["SKU-", "Art.-Nr. ", "REF ", ""])
            + f"{n(100000, 999999)}-{c(string.ascii_uppercase)}{n(10, 99)}"
        )
    if kind == "serial_number":
        return "".join(c(string.ascii_uppercase + string.digits) for _ in range(12))
    raise KeyError(kind)


KINDS = [
    *NAMED,
    "version",
    "ip_like_version",
    "build_number",
    "git_sha",
    "hash",
    "uuid",
    "order_number",
    "tracking_number",
    "isbn",
    "coordinates",
    "price",
    "timestamp",
    "placeholder_secret",
    "test_card",
    "documentation_ip",
    "loopback_or_reserved_ip",
    "role_or_reserved_email",
    "plain_url",
    "flight_number",
    "booking_reference",
    "case_number",
    "cve",
    "doi",
    "meeting_id",
    "sku",
    "serial_number",
    "event_date",
]
