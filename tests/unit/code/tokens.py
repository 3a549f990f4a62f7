"""Fake credentials in the shapes real ones have, made at run time from a seeded generator.

No token-shaped literal appears in the test sources: each is assembled here from a prefix and
random characters, so the repository itself holds nothing a secret scanner would report.
"""

from __future__ import annotations

import base64
import json
import random
import string

ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"


def rand(n: int, alphabet: str = ALNUM, seed: int = 7) -> str:
    rng = random.Random(f"{seed}-{n}-{alphabet}")
    return "".join(rng.choice(alphabet) for _ in range(n))


def hf() -> str:
    return "hf" + "_" + rand(34)


def openai() -> str:
    return "sk" + "-proj-" + rand(64, ALNUM + "_-")


def anthropic() -> str:
    return "sk" + "-ant-api03-" + rand(93, ALNUM + "_-")


def wandb() -> str:
    return rand(40, HEX)


def aws_key_id() -> str:
    return "AK" + "IA" + rand(16, string.ascii_uppercase + "234567")


def aws_secret() -> str:
    return rand(40, B64, seed=11)


def github() -> str:
    return "gh" + "p_" + rand(36)


def gitlab() -> str:
    return "gl" + "pat-" + rand(20)


def slack_bot() -> str:
    return "xo" + "xb-" + rand(11, string.digits) + "-" + rand(12, string.digits) + "-" + rand(24)


def slack_webhook() -> str:
    return (
        "https://hooks."
        + "slack.com/services/T"
        + rand(8, string.ascii_uppercase + string.digits)
        + "/B"
        + rand(8, string.ascii_uppercase + string.digits)
        + "/"
        + rand(24)
    )


def stripe_live() -> str:
    return "sk" + "_live_" + rand(24)


def azure_key() -> str:
    return rand(86, B64, seed=3) + "=="


def pem_body(lines: int = 12) -> str:
    return "\n".join(rand(64, B64, seed=i) for i in range(lines))


def private_key(kind: str = "RSA ") -> str:
    begin, end = f"-----BEGIN {kind}PRIVATE KEY-----", f"-----END {kind}PRIVATE KEY-----"
    return f"{begin}\n{pem_body()}\n{end}\n"


def _b64url(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def jwt() -> str:
    header = _b64url({"alg": "HS256", "typ": "JWT"})
    payload = _b64url({"sub": "svc-forecast", "exp": 1900000000})
    return f"{header}.{payload}.{rand(43, ALNUM + '_-')}"


def gcp_service_account() -> str:
    return json.dumps(
        {
            "type": "service_account",
            "project_id": "forecast-prod",
            "private_key_id": rand(40, HEX),
            "private_key": private_key(""),
            "client_email": "trainer@forecast-prod.iam.gserviceaccount.com",
        },
        indent=2,
    )


def generic() -> str:
    return rand(28, seed=5)


ALL = {
    "hf": hf,
    "openai": openai,
    "anthropic": anthropic,
    "wandb": wandb,
    "aws_key_id": aws_key_id,
    "aws_secret": aws_secret,
    "github": github,
    "gitlab": gitlab,
    "slack_bot": slack_bot,
    "slack_webhook": slack_webhook,
    "stripe_live": stripe_live,
    "azure_key": azure_key,
    "jwt": jwt,
    "generic": generic,
}
