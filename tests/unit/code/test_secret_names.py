"""CD201/CD208: credential constants named like ``*_PSK`` or ``*_PASS``, strong passwords of
demo apps, and Azure connection strings of any key length, including in a git-ignored
``.env``. Placeholders, environment lookups and empty values stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code import find_secrets
from tests.helpers import findings_of, scan, write
from tests.unit.code import tokens as T

PSK = "edge-psk-" + T.rand(32, T.HEX)
STRONG = "Gr4dio-Demo-Pass-" + T.rand(4, "0123456789") + "!"


@pytest.mark.parametrize(
    "line",
    [
        f'FLEET_PSK = "{PSK}"',
        f'WIFI_PRESHARED_KEY = "{PSK}"',
        f'ADMIN_PASS = "{STRONG}"',
        f'DB_PW = "{T.rand(8)}#2"',
        f'SMTP_PASSCODE = "{T.rand(10)}-9"',
        f'CLIENT_SECRET = "{T.rand(24)}"',
        # credential constants: a literal is a credential, random-looking or not
        'WEBHOOK_SECRET = "s3cr3t-Value"',
        'SLACK_TOKEN = "tok3n4slack"',
        'STRIPE_API_KEY = "live_9fK2aPq"',
        "WEBHOOK_SECRET=s3cr3t-Value",
    ],
)
def test_credential_constants_are_found(line: str) -> None:
    bare = '"' not in line  # an .env line
    assert [h.rule.id for h in find_secrets(line + "\n", bare_values=bare)] == ["CD208"]


@pytest.mark.parametrize(
    "line",
    [
        'ADMIN_PASS = "changeme"',
        'ADMIN_PASS = "change-me-2024"',
        'ADMIN_PASS = ""',
        'ADMIN_PASS = os.environ["ADMIN_PASS"]',
        'FLEET_PSK = os.getenv("FLEET_PSK", "")',
        'TEST_PASS = "test-pass-123"',  # a test value, not a strong password
        'DEMO_TOKEN = "sk_test_' + T.rand(24) + '"',
        'PSK_FILE = "/etc/fleet/psk.bin"',
        'PW_MIN_LENGTH = "12"',
        'ADMIN_PASS = "<your-password>"',
        # not credentials: keys of records, tokenizer tokens, local-server conventions
        'PARTITION_KEY = "dt=2024-01-01"',
        'PAD_TOKEN = "[PAD]"',
        'EOS_TOKEN = "<|endoftext|>"',
        'OPENAI_API_KEY = "EMPTY"',
        'OPENAI_API_KEY = "token-abc123"',
        'SECRET_TOKEN = "changeme"',
        'CSRF_TOKEN = "csrftoken"',
        "SECRET_KEY = 'AWSSecretKey'",  # the name of a field
        "GITHUB_TOKEN=ghp_" + "0" * 36,  # padding
        'JWT_SECRET = "${JWT_SECRET}"',
        'slack_token = "tok3n4slack"',  # lower case: a variable, judged by randomness
        # a decimal is a setting (YOLOv5's loss weights), never a credential
        "obj_pw: 0.67198",
        "cls_pw=0.5",
        "DB_PW = 1.25e-3",
    ],
)
def test_placeholders_and_lookups_stay_silent(line: str) -> None:
    assert find_secrets(line + "\n", bare_values=False) == []
    if "=" in line and not any(q in line for q in "\"'("):  # an .env line
        assert find_secrets(line + "\n", bare_values=True) == []


def _key(n: int) -> str:
    return T.rand(n, T.B64, seed=11) + "=="


@pytest.mark.parametrize("n", [40, 64, 81, 86, 110])
def test_azure_connection_string_keys_of_any_length(n: int) -> None:
    text = (
        "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acct;"
        f"AccountKey={_key(n)};EndpointSuffix=core.windows.net\n"
    )
    assert [h.rule.id for h in find_secrets(text, bare_values=True)] == ["CD201"]


def test_service_bus_shared_access_key() -> None:
    text = (
        'conn = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;'
        f'SharedAccessKey={T.rand(43, T.B64, seed=5)}="\n'
    )
    assert [h.rule.id for h in find_secrets(text, bare_values=False)] == ["CD201"]


@pytest.mark.parametrize(
    "value",
    ["AccountKey=" + "A" * 60 + "==", "AccountKey=<storage-key>", "AccountKey=${KEY}"],
)
def test_azure_key_placeholders_stay_silent(value: str) -> None:
    assert find_secrets(f"CONN={value}\n", bare_values=True) == []


def test_git_ignored_env_with_azure_connection_string(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", ".env\n")
    write(
        tmp_path,
        ".env",
        "AZURE_SUBSCRIPTION_ID=7c1e4b2a-9f3d-4e8a-b6c5-2d1f0e9a8b7c\n"
        "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=a;"
        f"AccountKey={_key(81)};EndpointSuffix=core.windows.net\nAZURE_CLIENT_SECRET=\n",
    )
    (found,) = findings_of(scan(tmp_path), "CD201")
    assert found.location.path == ".env" and found.location.line == 2
    assert "ignored by git" in found.message
    assert _key(81) not in found.evidence + found.message


def test_a_decimal_under_a_password_name_in_yaml_is_a_setting() -> None:
    text = "cls_pw: 0.5\nobj_pw: 0.67198 # obj BCELoss positive_weight\ndb_pw: hunter2hunter\n"
    assert [h.line for h in find_secrets(text, bare_values=True)] == [3]
