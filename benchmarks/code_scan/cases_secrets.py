"""Secret cases of the code-scanning benchmark, made at run time from a seeded generator.

No credential-shaped literal is stored in this file: each value is assembled from a prefix
and random characters when the corpus is generated. Every value is rendered into several file
formats (Python, ``.env``, YAML, JSON, TOML, INI, shell, Dockerfile, notebook cell).
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable

ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"
#: The example token of jwt.io (public; a scanner should know it is not a secret).
JWT_IO_EXAMPLE = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)

Render = Callable[[str, str], tuple[str, str]]  # (name, value) -> (suffix, content)


def _py(name: str, value: str) -> tuple[str, str]:
    return ".py", f'import os\n\n{name} = "{value}"\nclient = make_client({name})\n'


def _env(name: str, value: str) -> tuple[str, str]:
    return ".env", f"# service settings\nLOG_LEVEL=info\n{name}={value}\n"


def _yaml(name: str, value: str) -> tuple[str, str]:
    return ".yaml", f"service:\n  region: eu-west-1\n  {name.lower()}: {value}\n"


def _json(name: str, value: str) -> tuple[str, str]:
    return ".json", json.dumps({"service": {"region": "eu", name.lower(): value}}, indent=2)


def _toml(name: str, value: str) -> tuple[str, str]:
    return ".toml", f'[service]\nregion = "eu"\n{name.lower()} = "{value}"\n'


def _ini(name: str, value: str) -> tuple[str, str]:
    return ".ini", f"[service]\nregion = eu\n{name.lower()} = {value}\n"


def _sh(name: str, value: str) -> tuple[str, str]:
    return ".sh", f"#!/bin/sh\nset -e\nexport {name}={value}\npython train.py\n"


def _docker(name: str, value: str) -> tuple[str, str]:
    return ".Dockerfile", f"FROM python:3.11-slim\nENV {name}={value}\nCMD python serve.py\n"


def _notebook(name: str, value: str) -> tuple[str, str]:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1}
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{**cell, "source": ["import os\n", f'{name} = "{value}"\n']}],
    }
    return ".ipynb", json.dumps(nb, indent=1)


RENDERERS: tuple[Render, ...] = (_py, _env, _yaml, _json, _toml, _ini, _sh, _docker, _notebook)


class Tokens:
    """Credential-shaped values, deterministic for a seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def rand(self, n: int, alphabet: str = ALNUM) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def hf(self) -> str:
        return "hf" + "_" + self.rand(34)

    def openai(self) -> str:
        return "sk" + "-proj-" + self.rand(self.rng.randint(56, 150), ALNUM + "_-")

    def openai_legacy(self) -> str:
        return "sk" + "-" + self.rand(20) + "T3Blbk" + "FJ" + self.rand(20)

    def anthropic(self) -> str:
        return "sk" + "-ant-api03-" + self.rand(93, ALNUM + "_-")

    def wandb(self) -> str:
        return self.rand(40, HEX)

    def replicate(self) -> str:
        return "r8" + "_" + self.rand(37)

    def aws_id(self) -> str:
        return (
            self.rng.choice(["AK", "AS"]) + "IA" + self.rand(16, string.ascii_uppercase + "234567")
        )

    def aws_secret(self) -> str:
        return self.rand(40, B64)

    def azure_key(self) -> str:
        return self.rand(86, B64) + "=="

    def github(self) -> str:
        return "gh" + self.rng.choice("pousr") + "_" + self.rand(36)

    def github_pat(self) -> str:
        return "github" + "_pat_" + self.rand(22) + "_" + self.rand(59)

    def gitlab(self) -> str:
        return "gl" + "pat-" + self.rand(20, ALNUM + "_-")

    def slack(self) -> str:
        digits = string.digits
        return (
            "xo" + "xb-" + self.rand(11, digits) + "-" + self.rand(12, digits) + "-" + self.rand(24)
        )

    def slack_hook(self) -> str:
        up = string.ascii_uppercase + string.digits
        team, channel = self.rand(9, up), self.rand(9, up)
        return f"https://hooks.slack.com/services/T{team}/B{channel}/{self.rand(24)}"

    def stripe(self) -> str:
        return self.rng.choice(["sk", "rk"]) + "_live_" + self.rand(24)

    def pem(self, kind: str = "RSA ") -> str:
        body = "\n".join(self.rand(64, B64) for _ in range(14))
        return f"-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----\n"

    def jwt(self) -> str:
        def part(obj: object) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

        alg = self.rng.choice(["HS256", "RS256", "ES256"])
        claims = {"sub": f"svc-{self.rand(6)}", "exp": 1_900_000_000 + self.rng.randint(0, 10**6)}
        return f"{part({'alg': alg, 'typ': 'JWT'})}.{part(claims)}.{self.rand(43, ALNUM + '_-')}"

    def password(self) -> str:
        return self.rand(1) + self.rand(self.rng.randint(9, 17), ALNUM + "!#%^+")

    def generic(self) -> str:
        return self.rand(self.rng.randint(24, 40))


Case = tuple[str, str, str]  # (file name stem, suffix, content)


def _spread(t: Tokens, names: list[str], values: list[Callable[[], str]], n: int) -> list[Case]:
    out: list[Case] = []
    for i in range(n):
        render = RENDERERS[i % len(RENDERERS)]
        name = names[i % len(names)]
        suffix, content = render(name, values[i % len(values)]())
        out.append((f"{name.lower()}_{i}", suffix, content))
    return out


def ml_platform(t: Tokens) -> list[Case]:
    cases = _spread(
        t,
        ["HF_TOKEN", "HUGGINGFACE_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "REPLICATE_TOKEN"],
        [t.hf, t.hf, t.openai, t.anthropic, t.replicate, t.openai_legacy],
        36,
    )
    for i in range(8):
        key = t.wandb()
        cases += [
            (f"wandb_env_{i}", ".env", f"WANDB_PROJECT=forecast\nWANDB_API_KEY={key}\n"),
            (f"wandb_login_{i}", ".py", f'import wandb\n\nwandb.login(key="{key}")\n'),
            (f"wandb_os_{i}", ".py", f'import os\nos.environ["WANDB_API_KEY"] = "{key}"\n'),
        ]
    cases += [
        (f"hf_login_{i}", ".py", f'from huggingface_hub import login\n\nlogin(token="{t.hf()}")\n')
        for i in range(6)
    ]
    return cases


def cloud(t: Tokens) -> list[Case]:
    cases = _spread(t, ["AWS_ACCESS_KEY_ID", "aws_key"], [t.aws_id], 18)
    for i in range(8):
        cases.append(
            (
                f"credentials_{i}",
                ".ini",
                f"[default]\naws_access_key_id = {t.aws_id()}\n"
                f"aws_secret_access_key = {t.aws_secret()}\n",
            )
        )
        sa = {
            "type": "service_account",
            "project_id": f"proj-{t.rand(5).lower()}",
            "private_key_id": t.rand(40, HEX),
            "private_key": t.pem(""),
            "client_email": "trainer@proj.iam.gserviceaccount.com",
        }
        cases.append((f"service_account_{i}", ".json", json.dumps(sa, indent=2)))
        conn = (
            f"DefaultEndpointsProtocol=https;AccountName=acct{i};AccountKey={t.azure_key()};"
            "EndpointSuffix=core.windows.net"
        )
        cases.append((f"azure_{i}", ".py", f'CONN = "{conn}"\nclient = connect(CONN)\n'))
    return cases


def forge_and_services(t: Tokens) -> list[Case]:
    return _spread(
        t,
        [
            "GITHUB_TOKEN",
            "GH_PAT",
            "GITLAB_TOKEN",
            "SLACK_BOT_TOKEN",
            "SLACK_WEBHOOK",
            "STRIPE_KEY",
        ],
        [t.github, t.github_pat, t.gitlab, t.slack, t.slack_hook, t.stripe],
        48,
    )


def private_keys(t: Tokens) -> list[Case]:
    cases = []
    for i, kind in enumerate(["RSA ", "EC ", "", "OPENSSH ", "ENCRYPTED ", "DSA "] * 4):
        pem = t.pem(kind)
        if i % 3 == 0:
            cases.append((f"key_{i}", ".pem", pem))
        elif i % 3 == 1:
            cases.append((f"signer_{i}", ".py", f'SIGNING_KEY = """{pem}"""\n'))
        else:
            escaped = pem.replace("\n", "\\n")
            cases.append((f"deploy_{i}", ".yaml", f'tls:\n  key: "{escaped}"\n'))
    return cases


def url_passwords(t: Tokens) -> list[Case]:
    schemes = ["postgresql", "postgres", "mysql+pymysql", "mongodb+srv", "redis", "amqp", "https"]
    cases = []
    for i in range(28):
        scheme = schemes[i % len(schemes)]
        user = "" if scheme == "redis" else f"svc{i}"
        url = f"{scheme}://{user}:{t.password()}@db{i}.internal:5432/features"
        render = RENDERERS[i % len(RENDERERS)]
        suffix, content = render("DATABASE_URL", url)
        cases.append((f"db_url_{i}", suffix, content))
    return cases


def jwts(t: Tokens) -> list[Case]:
    cases = _spread(t, ["SERVICE_JWT", "ACCESS_TOKEN", "AUTH"], [t.jwt], 18)
    for i in range(6):
        header = f'headers = {{"Authorization": "Bearer {t.jwt()}"}}\n'
        cases.append((f"client_{i}", ".py", "import requests\n" + header))
    return cases


def generic(t: Tokens) -> list[Case]:
    names = [
        "API_SECRET",
        "CLIENT_SECRET",
        "DB_PASSWORD",
        "SERVICE_TOKEN",
        "PRIVATE_API_KEY",
        "MLFLOW_TRACKING_PASSWORD",
    ]
    return _spread(t, names, [t.generic, t.generic, t.password], 45)


def lookups(t: Tokens) -> list[str]:
    """Python lines that read secrets from elsewhere, or hold public keys and examples."""
    return [
        'api_key = os.environ["OPENAI_API_KEY"]\n',
        'token = os.getenv("HF_TOKEN")\n',
        "password = getpass.getpass()\n",
        'secret = vault.read("kv/ml/api")["data"]["value"]\n',
        "login(token=os.environ.get('HF_TOKEN'))\n",
        'url = f"postgresql://{user}:{password}@{host}/db"\n',
        'DATABASE_URL = "postgresql://user:password@localhost:5432/app"\n',
        'DATABASE_URL = "postgresql://db.internal:5432/features"\n',
        'headers = {"Authorization": f"Bearer {token}"}\n',
        "tokenizer = AutoTokenizer.from_pretrained(name)\n",
        'KEY_PEM = "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkq...\\n-----END PUBLIC KEY-----"\n',
        'CERT = "-----BEGIN CERTIFICATE-----\\n'
        + t.rand(64, B64)
        + '\\n-----END CERTIFICATE-----"\n',
        'PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"\n',
        "EXAMPLE_JWT = '" + JWT_IO_EXAMPLE + "'\n",
        'image_id = "' + t.rand(12, HEX) + '"\n',
        'if token == "":\n    raise ValueError("set HF_TOKEN")\n',
    ]


def negatives(t: Tokens) -> list[Case]:
    """Look-alikes that are not secrets: placeholders, lookups, test keys, hashes, ids."""
    sha = t.rand(40, HEX)
    pairs = [
        ("HF_TOKEN", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("OPENAI_API_KEY", "<your-openai-api-key>"),
        ("OPENAI_API_KEY", "sk-..."),
        ("ANTHROPIC_API_KEY", "${ANTHROPIC_API_KEY}"),
        ("WANDB_API_KEY", "{{ wandb_api_key }}"),
        ("DB_PASSWORD", "changeme"),
        ("API_SECRET", "your-secret-here"),
        ("STRIPE_KEY", "sk" + "_test_" + t.rand(24)),
        ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
        ("CLIENT_SECRET", "dummy-client-secret"),
        ("SERVICE_TOKEN", "REPLACE_ME"),
        ("GITHUB_TOKEN", "ghp_" + "0" * 36),
        ("MODEL_REVISION", sha),
        ("TOKENIZER_NAME", "bert-base-uncased"),
        ("MAX_TOKENS", "4096"),
        ("TOKEN_TYPE", "bearer"),
        ("SECRET_NAME", "prod/db/credentials"),
        ("PASSWORD_PROMPT", "Enter your password"),
        ("AUTH_URL", "https://login.example.org/oauth2/token"),
        ("RUN_ID", t.rand(32, HEX)),
        ("API_KEY_ENV", "OPENAI_API_KEY"),
        ("CHECKSUM", t.rand(64, HEX)),
    ]
    out: list[Case] = []
    for i, (name, value) in enumerate(pairs):
        for j in range(2):
            suffix, content = RENDERERS[(i + j * 4) % len(RENDERERS)](name, value)
            out.append((f"neg_{name.lower()}_{j}", suffix, content))
    out += [(f"neg_lookup_{i}", ".py", text) for i, text in enumerate(lookups(t))]
    doc = "# Setup\n\nExport `HF_TOKEN=hf_...` and `OPENAI_API_KEY=<key>` before training.\n"
    out.append(("neg_readme", ".md", doc))
    return out


SECRET_CLASSES: dict[str, Callable[[Tokens], list[Case]]] = {
    "ml-platform-token": ml_platform,
    "cloud-credential": cloud,
    "forge-or-service-token": forge_and_services,
    "private-key": private_keys,
    "url-with-password": url_passwords,
    "jwt": jwts,
    "generic-secret": generic,
}
