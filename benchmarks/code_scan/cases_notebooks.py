"""Notebook cases of the code-scanning benchmark: stored outputs with personal data, and
shell lines that pipe downloads into shells or install unpinned packages."""

from __future__ import annotations

import json
import random

Cell = dict[str, object]


def code(source: str, outputs: list[dict[str, object]] | None = None) -> Cell:
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": source.splitlines(keepends=True),
        "outputs": outputs or [],
    }


def markdown(source: str) -> Cell:
    return {"cell_type": "markdown", "metadata": {}, "source": source.splitlines(keepends=True)}


def notebook(*cells: Cell) -> str:
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": list(cells)})


def stream(text: str) -> dict[str, object]:
    return {"output_type": "stream", "name": "stdout", "text": text.splitlines(keepends=True)}


def table(plain: str, html: str = "") -> dict[str, object]:
    data: dict[str, object] = {"text/plain": plain.splitlines(keepends=True)}
    if html:
        data["text/html"] = html.splitlines(keepends=True)
    return {"output_type": "execute_result", "execution_count": 2, "data": data, "metadata": {}}


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    digits = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return digits + str((10 - total % 10) % 10)


FIRST = ["Ana", "Bruno", "Chloe", "Dmitri", "Eva", "Farid", "Grace", "Hugo", "Ines", "Jonas"]
LAST = ["Silva", "Meyer", "Dubois", "Ivanov", "Novak", "Haddad", "Kim", "Rossi", "Costa", "Berg"]
DOMAINS = ["mail.pt", "web.de", "corp.fr", "inbox.ru", "post.cz", "kpn.nl"]


def pii_positive(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{last.lower()}@{rng.choice(DOMAINS)}"
        phone = rng.choice(
            [
                f"+351 91{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                f"+44 20 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                f"({rng.randint(200, 999)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
                f"+49 30 {rng.randint(100000, 999999)}",
            ]
        )
        issuer = rng.choice(["4", "51", "55", "37"])  # Visa, Mastercard, Amex (15 digits)
        card = _luhn_complete(issuer, 15 if issuer == "37" else 16, rng)
        kind = i % 4
        if kind == 0:
            out_cell = table(f"   name   email\n0  {first}  {email}")
        elif kind == 1:
            html = f"<table><tr><td>{first} {last}</td><td>{phone}</td></tr></table>"
            out_cell = table(f"  name  phone\n0  {first}  {phone}", html)
        elif kind == 2:
            spaced = " ".join(card[j : j + 4] for j in range(0, len(card), 4))
            out_cell = stream(f"charging card {spaced} for order {rng.randint(1000, 9999)}\n")
        else:
            out_cell = stream(f"sent report to {email}\n")
        out.append(
            notebook(
                markdown("## Explore the customer table"),
                code("import pandas as pd\ndf = pd.read_parquet('customers.parquet')"),
                code("df.head()", [out_cell]),
            )
        )
    return out


def pii_negative(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        kind = i % 6
        if kind == 0:
            o = table("   loss    acc\n0  0.1234  0.9876\n1  0.0987  0.9912")
        elif kind == 1:
            o = stream("Epoch 3/10 - 2024-05-01 12:30:11 - step 1234567890\n")
        elif kind == 2:
            o = stream("contact maintainers at dev@example.com\n")
        elif kind == 3:
            o = table(f"order_id\n0  {rng.randint(10**15, 10**16 - 1) // 10 * 10 + 1}")
        elif kind == 4:
            o = stream(
                f"model version 1.{rng.randint(0, 20)}.{rng.randint(0, 9)} loaded in 3.2 s\n"
            )
        else:
            o = table("   id   score\n0  1024  0.5\n1  2048  0.7")
        nb = notebook(code("metrics.head()", [o]))
        if kind == 3:
            digits = json.loads(nb)["cells"][0]["outputs"][0]["data"]["text/plain"][1].split()[-1]
            if _luhn_ok(digits):
                continue  # a random id that happens to pass the check is not a clean negative
        out.append(nb)
    return out


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


SHELL_POS = [
    "!curl -fsSL https://ollama.example.org/install.sh | sh",
    "!wget -qO- https://get.example.org/setup.sh | bash",
    "!curl -s https://raw.example.org/o/r/main/install.sh | sudo bash",
    "%%bash\ncurl -L https://tools.example.org/i.sh | sh",
    "!pip install transformers",
    "%pip install -q torch torchvision",
    "!pip install -U accelerate bitsandbytes",
    "!conda install -y pytorch",
    "!python -m pip install datasets",
    "%pip install 'peft>=0.10'",
    '!sh -c "$(curl -fsSL https://x.example.org/i.sh)"',
    "!uv pip install vllm",
]
SHELL_NEG = [
    "!pip install transformers==4.44.2",
    "%pip install -q torch==2.3.1 torchvision==0.18.1",
    "!pip install -r requirements.txt",
    "!curl -fsSL -o install.sh https://ollama.example.org/install.sh",
    "!wget https://data.example.org/train.csv",
    "!ls data | grep csv",
    "!pip list",
    "# !pip install transformers",
    "!pip install -e .",
    "!nvidia-smi",
]


def shell_cases() -> tuple[list[str], list[str]]:
    pos = [
        notebook(code(line), code("import torch\nprint(torch.__version__)")) for line in SHELL_POS
    ]
    pos += [
        notebook(markdown("# Setup"), code(f"import os\n{line}"))
        for line in SHELL_POS
        if "\n" not in line
    ]
    neg = [notebook(code(line), code("print('ready')")) for line in SHELL_NEG]
    neg += [notebook(markdown(f"Run `{line}` first.")) for line in SHELL_POS[:6]]
    return pos, neg
