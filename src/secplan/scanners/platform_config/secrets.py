"""Does an environment variable look like a secret with a literal value?

>>> is_literal_secret("HF_TOKEN", "hf_abcdef123"), is_literal_secret("HF_TOKEN", "${HF_TOKEN}")
(True, False)
>>> is_literal_secret("TOKENIZER_PATH", "/models/tok"), is_literal_secret("DB_PASSWORD", "")
(False, False)
"""

from __future__ import annotations

import re

_SECRET_NAME = re.compile(
    r"(^|_)(TOKEN|API_?KEY|SECRET(_KEY)?|PASSWORD|PASSWD|PASS|PRIVATE_KEY|ACCESS_KEY|"
    r"CREDENTIALS?|AUTH)$|^(AWS_SECRET_ACCESS_KEY|HF_TOKEN|HUGGING_FACE_HUB_TOKEN|WANDB_API_KEY|"
    r"OPENAI_API_KEY|ANTHROPIC_API_KEY|GITHUB_TOKEN|MLFLOW_TRACKING_PASSWORD)$",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(
    r"^(\$\{?[A-Za-z_][\w]*\}?|\{\{.*\}\}|<[^>]*>|changeme|change[-_]me|xxx+|\*+|none|null|"
    r"true|false|dummy|example|placeholder|your[-_].*|redacted)$",
    re.IGNORECASE,
)


def is_secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name.strip()))


#: Compose and shell interpolation: ``${VAR}``, ``${VAR:?message}``, ``${VAR:-default}``.
_INTERPOLATION = re.compile(r"^\$\{[A-Za-z_]\w*(?:(:?[-?+=])([^}]*))?\}$")


def is_literal_secret(name: str, value: object) -> bool:
    """A secret-looking name with a value that is a literal, not a reference or placeholder.

    An interpolation is a reference; only its default (``${VAR:-default}``) can be a literal.

    >>> is_literal_secret("DB_PASSWORD", "${DB_PASSWORD:?set DB_PASSWORD}")
    False
    >>> is_literal_secret("DB_PASSWORD", "${DB_PASSWORD:-s3cr3t-Pa55}")
    True
    """
    if not is_secret_name(name) or not isinstance(value, str | int):
        return False
    text = str(value).strip().strip("'\"")
    ref = _INTERPOLATION.match(text)
    if ref is not None:
        operator, rest = ref.group(1) or "", ref.group(2) or ""
        return operator.lstrip(":") in ("-", "=") and is_literal_secret(name, rest)
    return len(text) >= 4 and not _PLACEHOLDER.match(text) and not text.startswith("/run/secrets")


def redact(value: object) -> str:
    """A value shown in evidence without revealing it."""
    text = str(value)
    return f"{text[:2]}…({len(text)} chars)" if len(text) > 4 else "…"
