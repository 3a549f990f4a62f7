"""CD130 in configuration files: Kafka, kubeconfig, MongoDB and client settings that turn
certificate checks off; checks left on, comments, documents and storage annotations stay
silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import findings_of, scan, write

CASES = [
    (
        "client.properties",
        "bootstrap.servers=b1.acme.net:9093\nssl.endpoint.identification.algorithm=\n",
        2,
    ),
    ("client.properties", "ssl.endpoint.identification.algorithm=none\n", 1),
    ("kafka.conf", "security.protocol=SSL\nenable.ssl.certificate.verification=false\n", 2),
    ("config/consumer.yaml", "kafka:\n  ssl_check_hostname: false\n", 2),
    ("kubeconfig.yaml", "clusters:\n- cluster:\n    insecure-skip-tls-verify: true\n", 3),
    ("settings.json", '{\n  "es": {\n    "verify_certs": false\n  }\n}\n', 3),
    (".env", "MONGO_TLS_ALLOW_INVALID_CERTIFICATES=true\n", 1),
    ("search.toml", "[search]\nverify_ssl = false\n", 2),
]


@pytest.mark.parametrize(("name", "text", "line"), CASES)
def test_settings_that_turn_checks_off(tmp_path: Path, name: str, text: str, line: int) -> None:
    write(tmp_path, name, text)
    found = findings_of(scan(tmp_path), "CD130")
    assert [(f.location.path, f.location.line) for f in found] == [(name, line)]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("client.properties", "ssl.endpoint.identification.algorithm=https\n"),
        ("consumer.yaml", "ssl_check_hostname: true\nverify_ssl: yes\n"),
        ("consumer.yaml", "# verify_ssl: false  (never do this)\n"),
        ("kubeconfig.yaml", "clusters:\n- cluster:\n    certificate-authority: ca.crt\n"),
        ("storage.yaml", 'annotations:\n  serving.kserve.io/s3-verifyssl: "0"\n'),
        ("README.md", "Set `verify_ssl: false` only on a laptop.\nverify_ssl: false\n"),
        ("settings.yaml", "verify: false\ncertificate_path: /etc/ssl/ca.pem\n"),
    ],
)
def test_look_alikes_stay_silent(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path, name, text)
    assert findings_of(scan(tmp_path), "CD130") == []
