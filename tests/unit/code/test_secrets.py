"""CD201-CD208: secrets in code and configuration; placeholders stay silent; values stay masked.

Known false negatives: credentials split across string concatenations or built at run time,
passwords shorter than six characters, tokens of services with no fixed format assigned to
names that do not look secret, and base64/hex blobs without a secret-looking name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.report import render_html, render_json, render_sarif, render_table
from secplan.scanners.code import find_secrets
from secplan.scanners.code.secret_values import jwt_ok, mask
from tests.helpers import findings_of, scan, write
from tests.unit.code import tokens as T

POSITIVE: list[tuple[str, str, str]] = [
    ("CD201", "settings.py", f'AWS_ACCESS_KEY_ID = "{T.aws_key_id()}"'),
    ("CD201", ".aws/credentials", f"[default]\naws_secret_access_key = {T.aws_secret()}"),
    ("CD201", "sa.json", T.gcp_service_account()),
    (
        "CD201",
        "storage.yaml",
        "conn: DefaultEndpointsProtocol=https;AccountName=acct;AccountKey="
        + T.azure_key()
        + ";EndpointSuffix=core.windows.net",
    ),
    ("CD202", "train.py", f'from huggingface_hub import login\nlogin(token="{T.hf()}")'),
    ("CD202", ".env", f"OPENAI_API_KEY={T.openai()}"),
    ("CD202", "agent.toml", f'anthropic_key = "{T.anthropic()}"'),
    ("CD202", "track.py", f'import os\nos.environ["WANDB_API_KEY"] = "{T.wandb()}"'),
    ("CD202", "login.py", f'import wandb\nwandb.login(key="{T.wandb()}")'),
    ("CD203", "ci.yaml", f"env:\n  GITHUB_TOKEN: {T.github()}"),
    ("CD203", "sync.sh", f"export GL={T.gitlab()}"),
    ("CD204", "alerts.json", f'{{"slack": "{T.slack_webhook()}"}}'),
    ("CD204", "bot.py", f'SLACK_BOT = "{T.slack_bot()}"'),
    ("CD204", "billing.py", f'stripe.api_key = "{T.stripe_live()}"'),
    ("CD205", "deploy/key.pem", T.private_key()),
    ("CD205", "sign.py", f'KEY = """{T.private_key("EC ")}"""'),
    ("CD206", "db.py", 'engine = create_engine("postgresql://ml:S3cr3tPassw0rd@db:5432/feat")'),
    ("CD206", "docker-compose.override.yml", "x:\n  url: redis://:N0tInTheRepo1@cache:6379/0"),
    ("CD207", "client.py", f'HEADERS = {{"Authorization": "Bearer {T.jwt()}"}}'),
    ("CD208", "config.py", f'api_secret = "{T.generic()}"'),
    ("CD208", "settings.ini", f"[db]\npassword = {T.rand(14)}"),
    ("CD208", "app.yaml", f"service:\n  client_secret: '{T.generic()}'"),
    ("CD208", "Dockerfile", f"FROM python:3.11\nENV SERVICE_TOKEN={T.generic()}"),
    ("CD208", "edge.py", f'client.username_pw_set("gateway", "{T.rand(14)}")'),
]

NEGATIVE: list[tuple[str, str]] = [
    ("settings.py", 'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"'),
    ("settings.py", 'api_key = os.environ["OPENAI_API_KEY"]'),
    ("settings.py", 'token = os.getenv("HF_TOKEN")'),
    ("settings.py", 'api_key = "<your-api-key>"'),
    ("settings.py", 'api_key = "xxxxxxxxxxxxxxxxxxxxxxxx"'),
    ("settings.py", 'password = "changeme"'),
    ("edge.py", 'client.username_pw_set("gateway", os.environ["MQTT_PASSWORD"])'),
    ("edge.py", "smtp.login(user, password)"),
    ("settings.py", 'secret = "dummy-secret-for-tests"'),
    ("settings.py", 'stripe.api_key = "sk' + "_test_" + T.rand(24) + '"'),
    ("settings.py", 'token_url = "https://auth.example.org/oauth/token"'),
    ("settings.py", 'secret_name = "prod-db-credentials"'),
    ("settings.py", 'password_field = "password"'),
    ("settings.py", 'api_key_env = "OPENAI_API_KEY"'),
    ("settings.py", "tokenizer = AutoTokenizer.from_pretrained(name)"),
    ("settings.py", 'if token == "' + T.generic() + '":\n    pass'),
    ("app.yaml", "db:\n  password: ${DB_PASSWORD}"),
    ("app.yaml", "db:\n  password: '{{ vault_db_password }}'"),
    ("app.yaml", "auth:\n  type: oauth2\n  token_endpoint: https://idp/token"),
    (".env", "OPENAI_API_KEY=\nHF_TOKEN=your-token-here"),
    ("key.pem", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"),
    ("db.py", 'url = "postgresql://user:${DB_PASSWORD}@db:5432/x"'),
    ("db.py", 'url = "postgresql://user:{password}@db:5432/x"'),
    ("db.py", 'url = "postgresql://db.internal:5432/x"'),
    ("notes.md", "Set `HF_TOKEN=hf_xxx` and `OPENAI_API_KEY=sk-...` before running."),
    ("client.py", 'HEADERS = {"Authorization": "Bearer " + token}'),
    ("hashes.txt", "sha256 " + T.rand(64, T.HEX)),
    ("ids.py", 'run_id = "' + T.rand(32, T.HEX) + '"'),
]


@pytest.mark.parametrize(("rule", "rel", "content"), POSITIVE)
def test_secret_fires(tmp_path: Path, rule: str, rel: str, content: str) -> None:
    write(tmp_path, rel, content + "\n")
    found = findings_of(scan(tmp_path), rule)
    assert found, f"{rule} did not fire on {rel}"
    f = found[0]
    assert f.location.path == rel
    assert f.location.line is not None and f.location.line >= 1
    assert "…(" in f.evidence  # masked: prefix, ellipsis, length


@pytest.mark.parametrize(("rel", "content"), NEGATIVE)
def test_secret_silent(tmp_path: Path, rel: str, content: str) -> None:
    write(tmp_path, rel, content + "\n")
    rules = {f.rule for f in scan(tmp_path).report.findings}
    assert not {r for r in rules if r.startswith("CD2")}, rules


def test_every_secret_rule_has_a_positive_case() -> None:
    from secplan.scanners.code.rules_secrets import RULES

    assert {r.id for r in RULES} == {rule for rule, _, _ in POSITIVE}


def test_gcp_key_is_one_cloud_finding_not_also_a_private_key(tmp_path: Path) -> None:
    write(tmp_path, "sa.json", T.gcp_service_account())
    rules = [f.rule for f in scan(tmp_path).report.findings if f.rule.startswith("CD2")]
    assert rules == ["CD201"]


def test_locations_point_at_the_value() -> None:
    token = T.github()
    [hit] = find_secrets(f"a = 1\n\nX = '{token}'\n")
    assert (hit.line, hit.column) == (3, 6)
    assert hit.masked == mask(token) and token not in hit.masked


def test_mask_reveals_little() -> None:
    assert mask("hunter22") == "hu…(8 chars)"
    assert mask("abc") == "…(3 chars)"


def test_jwt_header_must_be_json_with_alg() -> None:
    assert jwt_ok(T.jwt())
    assert not jwt_ok("eyJub3RhbGci." + "eyJ4IjoxfQ.sig")
    assert not jwt_ok("eyJ!!!!.eyJ.x")


def test_raw_secrets_never_reach_any_report(tmp_path: Path) -> None:
    values = {name: make() for name, make in T.ALL.items()}
    lines = [f'{name.upper()}_TOKEN = "{value}"' for name, value in values.items()]
    write(tmp_path, "leaky.py", "\n".join(lines) + "\n")
    write(tmp_path, ".env", "\n".join(f"{n.upper()}_KEY={v}" for n, v in values.items()) + "\n")
    write(tmp_path, "sa.json", T.gcp_service_account())
    write(tmp_path, "db.yaml", "url: postgresql://ml:Pr1vateOnly99@db/x\n")
    a = scan(tmp_path)
    assert len([f for f in a.report.findings if f.rule.startswith("CD2")]) >= len(values)
    reports = [render_json(a), render_sarif(a), render_html(a), render_table(a, width=200)]
    body = T.pem_body().splitlines()[0]
    for report in reports:
        for value in [*values.values(), "Pr1vateOnly99", body]:
            assert value not in report


def test_git_ignored_env_file_is_scanned_and_says_so(tmp_path: Path) -> None:
    token = T.hf()
    write(tmp_path, ".gitignore", ".env\n")
    write(tmp_path, ".env", f"# local settings\nHF_TOKEN={token}\nDEBUG=1\n")
    write(tmp_path, "config.env", f"HF_TOKEN={token}\n")
    a = scan(tmp_path)
    by_path = {f.location.path: f for f in findings_of(a, "CD202")}
    ignored, committed = by_path[".env"], by_path["config.env"]
    assert ignored.location.line == 2 and "ignored by git" in ignored.message
    assert ignored.severity < committed.severity  # not in version control: one step lower
    assert "ignored by git" not in committed.message
    assert all(token not in f.evidence + f.message for f in a.report.findings)
    assert ".env" not in {s.path for s in a.report.skipped}


def test_a_counting_run_among_random_characters_is_not_a_placeholder() -> None:
    body = "Zk8Xw2Qp5Lm9Nv3Bc6Df1Gh4Jk7Lm0Np3Qr6St9Uv2Wx5Yz8Ab1Cd4Ef7Gh0Ij3Kl6Mn9Op2Qr5"
    real = f'KEY = "sk-ant-api03-{body}-AbCdEfGhAA"\n'
    assert [h.rule.id for h in find_secrets(real, bare_values=False)] == ["CD202"]
    hf = 'login("hf_PlMoKnIjBuHvGyCtFxDrZeSwAq1234567890")\n'
    assert [h.rule.id for h in find_secrets(hf, bare_values=False)] == ["CD202"]
    # made of runs: a placeholder
    fake = 'login("hf_1234567890abcdefghijklmnopqrstuvwxyz")\n'
    assert find_secrets(fake, bare_values=False) == []


def test_credentials_in_url_queries() -> None:
    trace = "Max retries exceeded with url: /score?api_key=9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c (x)"
    assert [h.rule.id for h in find_secrets(trace, bare_values=False)] == ["CD206"]
    for quiet in (
        'url = f"https://api.example.org/v1?token={token}"',
        "https://maps.example.org/?key=YOUR_API_KEY_GOES_HERE",
        "https://shop.example.org/?key=value&page=2",
    ):
        assert find_secrets(quiet, bare_values=False) == [], quiet
