"""The guard serves TLS with the certificate it is given (a self-signed one, made here)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.integration.guard.stack import ROOT, free_port, stop, wait_up


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_the_guard_answers_over_tls(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    policy = tmp_path / "guard.toml"
    policy.write_text("[[route]]\nname = 'a'\npath = '/a'\npublic = true\n")
    port = free_port()
    env = {
        **os.environ,
        "SECPLAN_HOME": str(tmp_path / "home"),
        "SECPLAN_DATABASE_URL": f"sqlite:///{tmp_path / 'state.db'}",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    log = tmp_path / "guard.log"
    with log.open("wb") as err:
        argv = [
            "guard",
            "serve",
            "--policy",
            str(policy),
            "--port",
            str(port),
            "--upstream",
            f"http://127.0.0.1:{free_port()}",
            "--tls-cert",
            str(cert),
            "--tls-key",
            str(key),
        ]
        guard = subprocess.Popen([sys.executable, "-m", "secplan", *argv], env=env, stderr=err)
    try:
        url = f"https://127.0.0.1:{port}"
        trust = ssl.create_default_context(cafile=str(cert))
        wait_up(url + "/metrics", guard, log, verify=trust)
        with httpx.Client(verify=trust, timeout=20) as c:
            r = c.post(url + "/a", json={"q": "hello"})
            assert r.status_code == 502 and r.json()["error"]["code"] == "upstream-unreachable"
        with httpx.Client(verify=True, timeout=20) as c, pytest.raises(httpx.ConnectError):
            c.get(url + "/metrics")  # a client that does not trust the certificate is refused
    finally:
        stop(guard)
