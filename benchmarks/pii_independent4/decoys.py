# ruff: noqa: E501  (look-alike pools and their formats: one per line)
"""Look-alikes: text that resembles personal data and is not.

Public product, model, company, place and eponym names, and generated identifiers that are
not about a person (versions, builds, hashes, order numbers, ISBNs, barcodes, meeting ids,
coordinates, documentation addresses, role mailboxes, test card numbers, example keys).
"""

from __future__ import annotations

import random
import string
import uuid

from benchmarks.pii_independent4 import values as V

POOLS: dict[str, list[str]] = {
    "product": [
        "Jetson Orin",
        "Jetson Orin Nano",
        "Alexa",
        "Claude",
        "Siri",
        "Gemini",
        "Jasper",
        "Ada",
        "Copilot",
        "Cortana",
        "Bixby",
        "Galaxy S24",
        "Pixel 9 Pro",
        "ThinkPad X1 Carbon",
        "MacBook Air",
        "Kindle Paperwhite",
        "PlayStation 5",
        "Model Y",
        "Ford Mustang Mach-E",
        "Porsche Taycan",
        "Raspberry Pi 5",
        "Llama 3",
        "Mistral Large",
        "Grok",
        "Watson",
        "Echo Dot",
        "Nest Hub",
        "Surface Pro",
        "Dyson V15",
        "Roomba j7",
        "Tesla Powerwall",
        "Meta Quest 3",
        "Apple Watch Ultra",
        "Fitbit Charge 6",
        "Sonos Era 100",
        "Jira",
        "Confluence",
        "Zendesk",
        "Salesforce Einstein",
        "Jenkins",
        "Hudson",
        "Sophia",
        "Julia",
        "Ruby",
        "Rust",
        "Django",
        "Flask",
        "Kafka",
        "Cassandra",
        "Hadoop",
        "Oracle Database",
        "Lenovo Yoga",
        "Nvidia Jetson",
        "Qualcomm Snapdragon",
        "Volvo XC60",
        "Škoda Octavia",
        "Renault Clio",
        "Peugeot 208",
        "Citroën C3",
        "Opel Corsa",
        "Fiat Panda",
        "Alfa Romeo Giulia",
        "Toyota Corolla",
        "Honda Civic",
        "Nissan Leaf",
        "Hyundai Ioniq 5",
        "Kia Sportage",
        "Dacia Sandero",
        "Mercedes-Benz E-Klasse",
        "BMW X3",
        "Audi A4 Avant",
        "IKEA Billy",
        "IKEA Kallax",
        "Lego Technic",
        "Nintendo Switch",
        "Airbus A320neo",
        "Boeing 787",
    ],
    "company": [
        "Dell",
        "Ford",
        "Morgan Stanley",
        "Johnson & Johnson",
        "Porsche",
        "Siemens",
        "Bosch",
        "Philips",
        "Ferrari",
        "Hermès",
        "Louis Vuitton",
        "Chanel",
        "Dior",
        "Boeing",
        "McDonald's",
        "Walt Disney",
        "Toyota",
        "Honda",
        "Suzuki",
        "Yamaha",
        "Lamborghini",
        "Goldman Sachs",
        "Procter & Gamble",
        "Merck",
        "Roche",
        "Heineken",
        "Carlsberg",
        "Kellogg's",
        "Hewlett-Packard",
        "Mercedes-Benz",
        "Benetton",
        "Bertelsmann",
        "Michelin",
        "Peugeot",
        "Renault",
        "Dassault",
        "Ferrero",
        "Barilla",
        "Lavazza",
        "Prada",
        "Gucci",
        "Armani",
        "Versace",
        "Zara",
        "Mango",
        "Adidas",
        "Puma",
        "Miele",
        "Henkel",
        "Haribo",
        "Dr. Oetker",
        "Lidl",
        "Aldi",
        "Tchibo",
        "Ernst & Young",
        "Deloitte",
        "KPMG",
        "Lehman Brothers",
        "Wells Fargo",
        "Charles Schwab",
        "JPMorgan Chase",
        "Hilton",
        "Marriott",
        "Kia",
        "Hyundai",
        "Samsung",
        "Mitsubishi",
        "Matsushita",
        "Casio",
        "Anthropic",
        "OpenAI",
        "Mistral AI",
        "Hugging Face",
        "Ericsson",
        "Volvo",
        "Husqvarna",
        "Heinz",
        "Gillette",
        "Colgate-Palmolive",
        "Kraft",
        "Nestlé",
        "Bayer",
        "Sanofi",
        "Tata Consultancy Services",
        "Infosys",
        "Koç Holding",
        "Sabancı",
        "Arçelik",
        "Lukoil",
        "Yandex",
        "Kaspersky",
        "Aramco",
        "Emirates",
        "Alibaba",
        "Tencent",
        "Huawei",
        "Lenovo",
        "Naver",
        "Kakao",
        "LG",
        "Sony",
        "Nintendo",
        "Uniqlo",
    ],
    "place": [
        "Victoria",
        "Charlotte",
        "Florence",
        "Madison",
        "Georgia",
        "Adelaide",
        "Sydney",
        "Santiago",
        "São Paulo",
        "San Francisco",
        "St. Petersburg",
        "Jackson",
        "Lincoln",
        "Houston",
        "Elizabeth",
        "Alexandria",
        "Austin",
        "Denver",
        "Phoenix",
        "Orlando",
        "Virginia",
        "Carolina",
        "Louise",
        "Lake Louise",
        "Port Louis",
        "Santa Clara",
        "San Diego",
        "Washington",
        "Wellington",
        "Nelson",
        "Darwin",
        "Hamilton",
        "Kingston",
        "Frankfurt",
        "Rotterdam",
        "Kraków",
        "Göteborg",
        "İzmir",
        "Nizhny Novgorod",
        "Dubai",
        "Osaka",
        "Shenzhen",
        "Busan",
        "Marseille",
        "Sevilla",
        "Bologna",
        "Porto",
    ],
    "eponym": [
        "Parkinson's disease",
        "Alzheimer's disease",
        "Nobel Prize",
        "Gaussian blur",
        "Fourier transform",
        "Bayesian optimisation",
        "Kalman filter",
        "Hodgkin lymphoma",
        "Turing test",
        "Newton's method",
        "Euler angles",
        "Heimlich manoeuvre",
        "Down syndrome",
        "Petri dish",
        "Doppler ultrasound",
        "Fields Medal",
        "Pulitzer Prize",
        "Booker Prize",
        "Fulbright scholarship",
        "Marie Skłodowska-Curie Actions",
        "Humboldt Research Fellowship",
        "Schrödinger equation",
        "Hashimoto's thyroiditis",
        "Crohn's disease",
        "Tourette syndrome",
        "Cushing's syndrome",
        "Levenshtein distance",
        "Dijkstra's algorithm",
        "Bloom filter",
        "Jaccard index",
        "Pearson correlation",
        "Kaplan–Meier curve",
        "Cox regression",
        "Wilcoxon test",
        "Nesterov momentum",
        "Adam optimizer",
        "Markov chain",
        "Monte Carlo",
        "Heisenberg uncertainty",
        "Apgar score",
        "Glasgow Coma Scale",
        "Braille",
        "Celsius",
        "Kelvin",
        "Diesel engine",
    ],
}

ROLE_LOCALS = ["support", "noreply", "no-reply", "info", "privacy", "dpo", "billing", "sales",
               "jobs", "security", "admin", "helpdesk", "office", "kontakt", "contact", "hr",
               "postmaster", "abuse", "facturation", "atencion.cliente", "servizio.clienti",
               "klantenservice", "biuro", "destek", "kundtjanst"]  # fmt: skip
ROLE_DOMAINS = ["brightlake.io", "stadtwerke-lindau.de", "atelier-mirabeau.fr", "ferreteria-sol.es",
                "studiobarone.it", "gemeentehuis-zuid.nl", "example.com", "example.org", "shop.example",
                "hollowayfreight.co.uk", "nordkap-energi.se", "vistula-logistics.pl"]  # fmt: skip


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def decoy(rng: random.Random, kind: str, lang: str) -> str:
    """One look-alike of ``kind`` (text after a ``/`` in ``kind`` is ignored)."""
    kind = kind.partition("/")[0]
    d = V.d
    if kind in POOLS:
        return rng.choice(POOLS[kind])
    if kind == "version":
        return rng.choice([
            f"v{rng.randint(0, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}",
            f"{rng.randint(1, 3)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}",
            f"v{rng.randint(1, 12)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}.{rng.randint(0, 40)}",
            f"{rng.randint(2019, 2026)}.{rng.randint(1, 12)}.{rng.randint(0, 5)}",
        ])  # fmt: skip
    if kind == "ip_like_version":
        return rng.choice([
            f"10.0.{rng.randint(17763, 26100)}.{rng.randint(100, 5000)}",
            f"{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 99)}",
            f"{rng.randint(100, 130)}.0.{rng.randint(4000, 6800)}.{rng.randint(10, 200)}",
            f"{rng.randint(500, 560)}.{rng.randint(10, 99)}.{rng.randint(1, 9)}.{rng.randint(0, 9)}",
        ])  # fmt: skip
    if kind == "build_number":
        return rng.choice(
            [
                f"build {rng.randint(1000, 99999)}",
                f"#{rng.randint(1000, 9999)}",
                f"b{rng.randint(100000, 999999)}",
                f"{rng.randint(20, 26)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.{rng.randint(1, 9)}",
            ]
        )
    if kind == "git_sha":
        return _hex(rng, rng.choice([7, 8, 12, 40]))
    if kind == "hash":
        return rng.choice(["sha256:", ""]) + _hex(rng, 64)
    if kind == "md5":
        return _hex(rng, 32)
    if kind == "uuid":
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == "order_number":
        return rng.choice(
            [
                f"{rng.randint(100, 999)}-{d(rng, 7)}-{d(rng, 7)}",
                f"ORD-{d(rng, 8)}",
                f"#{d(rng, 9)}",
                f"{d(rng, 10)}",
            ]
        )
    if kind == "tracking_number":
        return rng.choice(
            [
                "1Z"
                + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
                d(rng, 12),
                "JJD" + d(rng, 18),
                f"RR{d(rng, 9)}DE",
            ]
        )
    if kind == "invoice_id":
        return rng.choice(
            [
                f"INV-{rng.randint(2023, 2026)}-{d(rng, 5)}",
                f"RE{d(rng, 8)}",
                f"F{rng.randint(2023, 2026)}/{d(rng, 4)}",
            ]
        )
    if kind == "ticket_number":
        return rng.choice(
            [
                f"INC{d(rng, 7)}",
                f"#{rng.randint(10000, 99999)}",
                f"SR-{d(rng, 6)}",
                f"CASE-{d(rng, 8)}",
                f"{rng.choice(['OPS', 'PLAT', 'ML', 'SUP'])}-{rng.randint(100, 9999)}",
            ]
        )
    if kind == "case_number":
        return rng.choice(
            [
                f"{rng.randint(2019, 2026)}-{d(rng, 3)}-{d(rng, 4)}",
                f"{d(rng, 2)} {rng.choice(['Cs', 'C', 'O', 'Js'])} {rng.randint(10, 999)}/{rng.randint(20, 26)}",
                f"CR-{d(rng, 9)}",
                f"{d(rng, 4)}/{rng.randint(2019, 2026)}",
            ]
        )
    if kind == "isbn":
        return V.isbn13(rng)
    if kind == "barcode":
        return V.ean13(rng)
    if kind == "meeting_id":
        return rng.choice(
            [
                f"{d(rng, 3)} {d(rng, 4)} {d(rng, 4)}",
                f"{d(rng, 3)} {d(rng, 3)} {d(rng, 3)}#",
                d(rng, 11),
            ]
        )
    if kind == "serial":
        return rng.choice(
            [
                f"SN {d(rng, 4)}-{d(rng, 4)}-{d(rng, 4)}",
                "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(12)),
                f"LOT {d(rng, 6)}/{d(rng, 2)}",
            ]
        )
    if kind == "timestamp":
        return rng.choice([
            f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{d(rng, 3)}Z",
            f"{rng.randint(1, 28):02d}/{rng.choice(['Mar', 'Apr', 'Oct', 'Nov'])}/2026:{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +0000",
            str(1_760_000_000 + rng.randint(0, 40_000_000)),
            f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d},{d(rng, 3)}",
        ])  # fmt: skip
    if kind == "event_date":
        from benchmarks.pii_independent4.generate import date_text

        return date_text(rng, lang, rng.randint(2019, 2027), rng.randint(1, 12), rng.randint(1, 28))
    if kind == "coordinates":
        return f"{rng.uniform(-60, 70):.5f}, {rng.uniform(-170, 170):.5f}"
    if kind == "price":
        return rng.choice(
            [
                f"€{rng.randint(5, 4000)},{d(rng, 2)}",
                f"${rng.randint(5, 4000)}.{d(rng, 2)}",
                f"{rng.randint(100, 990)} 000 ₽",
                f"¥{rng.randint(1, 300)},{d(rng, 3)}",
                f"{rng.randint(1, 9)}.{d(rng, 3)}.{d(rng, 3)} Kč",
                f"£{rng.randint(5, 900)}.{d(rng, 2)}",
                f"{rng.randint(1000, 90000)} SEK",
            ]
        )
    if kind == "float":
        return rng.choice(
            [
                f"{rng.uniform(0, 1):.4f}",
                f"{rng.uniform(-5, 5):.6f}",
                f"{rng.randint(1, 999)}.{d(rng, 7)}",
            ]
        )
    if kind == "documentation_ip":
        return rng.choice(
            [
                f"192.0.2.{rng.randint(1, 254)}",
                f"198.51.100.{rng.randint(1, 254)}",
                f"203.0.113.{rng.randint(1, 254)}",
                f"2001:db8::{rng.randint(1, 0xFFFF):x}",
            ]
        )
    if kind == "loopback_or_reserved_ip":
        return rng.choice(
            [
                "127.0.0.1",
                "0.0.0.0",
                "::1",
                "255.255.255.0",
                "169.254.169.254",
                "224.0.0.251",
                "255.255.255.255",
            ]
        )
    if kind == "role_or_reserved_email":
        return f"{rng.choice(ROLE_LOCALS)}@{rng.choice(ROLE_DOMAINS)}"
    if kind == "plain_url":
        return rng.choice(
            [
                "https://status.brightlake.io/incidents/",
                "https://github.com/pytorch/pytorch/issues/",
                "https://docs.python.org/3/library/",
                "https://www.gov.uk/guidance/",
                "https://huggingface.co/meta-llama/",
                "https://www.legifrance.gouv.fr/codes/",
            ]
        ) + d(rng, 5)
    if kind == "placeholder_secret":
        return rng.choice(
            [
                "<YOUR_API_KEY>",
                "${OPENAI_API_KEY}",
                "********",
                "changeme",
                "xxxxxxxxxxxxxxxx",
                "os.environ['HF_TOKEN']",
                "AKIAIOSFODNN7EXAMPLE",
                "sk-...",
                "{{ secrets.SLACK_TOKEN }}",
                "REDACTED",
            ]
        )
    if kind == "test_card":
        return rng.choice(
            [
                "4111 1111 1111 1111",
                "4242 4242 4242 4242",
                "5555 5555 5555 4444",
                "4000 0566 5566 5556",
            ]
        )
    if kind == "sku":
        return rng.choice(
            [
                f"SKU-{d(rng, 6)}",
                f"{rng.choice(['A', 'B', 'M'])}{d(rng, 4)}-{rng.choice(['BLK', 'WHT', 'GRY'])}-{rng.choice(['S', 'M', 'L', 'XL'])}",
                f"ART.{d(rng, 3)}.{d(rng, 3)}.{d(rng, 2)}",
            ]
        )
    if kind == "cve":
        return f"CVE-{rng.randint(2019, 2026)}-{rng.randint(1000, 49999)}"
    if kind == "doi":
        return f"10.{rng.randint(1000, 9999)}/{rng.choice(['nature', 'j.cell', 's41586', 'arXiv', 'acl'])}.{rng.randint(2019, 2026)}.{d(rng, 5)}"
    if kind == "arxiv":
        return f"arXiv:{rng.randint(19, 26)}{rng.randint(1, 12):02d}.{d(rng, 5)}"
    if kind == "grant":
        return rng.choice(
            [
                f"ERC-{rng.randint(2019, 2025)}-StG-{d(rng, 6)}",
                f"NSF IIS-{d(rng, 7)}",
                f"EP/{rng.choice('TVWX')}{d(rng, 6)}/1",
                f"JP{rng.randint(19, 25)}K{d(rng, 5)}",
                f"No. {rng.randint(61, 62)}{d(rng, 6)}",
                f"GA {d(rng, 9)}",
            ]
        )
    if kind == "mac_like":
        return rng.choice(["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:fb"])
    if kind == "model_id":
        return rng.choice(
            [
                "claude-3-5-sonnet-20241022",
                "gpt-4o-2024-08-06",
                "gemini-1.5-pro-002",
                "llama-3.1-70b-instruct",
                "mistral-large-2407",
                "qwen2.5-72b",
                "bert-base-uncased",
                "whisper-large-v3",
            ]
        )
    if kind == "hostname":
        return rng.choice(
            [
                "db-prod-3.internal",
                "k8s-node-17",
                "ip-10-0-0-1.ec2.internal",
                "build-agent-04",
                "gpu-h100-12",
                "jetson-orin-lab2",
            ]
        )
    raise KeyError(kind)
