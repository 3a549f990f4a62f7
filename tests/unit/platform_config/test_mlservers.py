"""Jupyter and TorchServe configuration files."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, rules_of, scan, write


def test_jupyter_python_config(tmp_path: Path) -> None:
    canary = tmp_path / "CANARY"
    write(
        tmp_path,
        "jupyter_server_config.py",
        f"""\
        c = get_config()  # noqa
        open({str(canary)!r}, "w").write("ran")
        c.ServerApp.ip = '0.0.0.0'
        c.ServerApp.token = ''
        c.ServerApp.allow_root = True
        """,
    )
    a = scan(tmp_path)
    assert [
        (f.rule, f.location.line)
        for f in a.report.findings
        if f.rule in ("CF117", "CF118", "CF119")
    ] == [
        ("CF117", 4),
        ("CF118", 3),
        ("CF119", 5),
    ]
    assert not canary.exists()


def test_jupyter_config_with_password_is_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "jupyter_notebook_config.py",
        "c.NotebookApp.token = ''\n"
        "c.NotebookApp.password = 'argon2:$argon2id$v=19$abc'\n"
        "c.NotebookApp.ip = 'localhost'\n",
    )
    assert not {"CF117", "CF118", "CF119"} & set(rules_of(scan(tmp_path)))


def test_jupyter_json_config(tmp_path: Path) -> None:
    write(tmp_path, "jupyter_server_config.json", '{"ServerApp": {"token": "", "ip": "*"}}')
    assert {"CF117", "CF118"} <= set(rules_of(scan(tmp_path)))
    write(tmp_path, "jupyter_server_config.json", '{"ServerApp": {"ip": "127.0.0.1"}}')
    assert not {"CF117", "CF118"} & set(rules_of(scan(tmp_path)))


def test_malformed_jupyter_config(tmp_path: Path) -> None:
    write(tmp_path, "jupyter_server_config.json", '{"ServerApp": ')
    assert len(findings_of(scan(tmp_path), "CF116")) == 1


def test_torchserve_properties(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serve/config.properties",
        """\
        inference_address=http://0.0.0.0:8080
        management_address=http://0.0.0.0:8081
        disable_token_authorization=true
        """,
    )
    a = scan(tmp_path)
    assert [f.location.line for f in findings_of(a, "CF118")] == [1]
    assert [f.location.line for f in findings_of(a, "CF120")] == [2]
    assert [f.location.line for f in findings_of(a, "CF117")] == [3]


def test_torchserve_localhost_is_silent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "config.properties",
        "inference_address=https://0.0.0.0:8443\nmanagement_address=http://127.0.0.1:8081\n",
    )
    a = scan(tmp_path)
    assert not {"CF117", "CF120"} & set(rules_of(a))


def test_xsrf_streamlit_kserve_and_archive_urls(tmp_path: Path) -> None:
    write(
        tmp_path,
        "jupyter_server_config.py",
        "c = get_config()\nc.ServerApp.token = 'abc'\nc.ServerApp.disable_check_xsrf = True\n",
    )
    write(
        tmp_path,
        "app/.streamlit/config.toml",
        '[server]\naddress = "0.0.0.0"\nport = 8501\nenableXsrfProtection = false\n',
    )
    write(
        tmp_path,
        "serve/config.properties",
        "inference_address=http://127.0.0.1:8080\n"
        "allowed_urls=https://s3.amazonaws.com/.*,http://models.corp.example/.*\n",
    )
    write(
        tmp_path,
        "kserve/isvc.yaml",
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
        '  name: fraud\n  annotations:\n    serving.kserve.io/enable-auth: "false"\n'
        "spec: {predictor: {model: {modelFormat: {name: sklearn}}}}\n",
    )
    a = scan(tmp_path)
    got = sorted((f.location.path, f.location.line) for f in findings_of(a, "CF117"))
    assert got == [
        ("app/.streamlit/config.toml", 2),
        ("app/.streamlit/config.toml", 4),
        ("jupyter_server_config.py", 3),
        ("kserve/isvc.yaml", 6),
    ]
    [archive] = findings_of(a, "CD131")
    assert archive.location.path == "serve/config.properties" and archive.location.line == 2


def test_streamlit_on_loopback_is_quiet(tmp_path: Path) -> None:
    write(tmp_path, ".streamlit/config.toml", '[server]\naddress = "127.0.0.1"\n')
    assert findings_of(scan(tmp_path), "CF117") == []


def test_plain_http_service_endpoints_in_config_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        "config/pipeline.yaml",
        "sink:\n  feature_store: http://feast.corp.example:6566\n"
        "upstreams:\n  qdrant: http://qdrant.search.corp.example:6333\n"
        "  tokenizer: http://localhost:8081\n  cache: http://redis:6379\n"
        "homepage: http://project.example.org\n  secure_api: https://api.corp.example\n",
    )
    write(tmp_path, "settings.toml", 'tracking_uri = "http://mlflow.corp.example:5000"\n')
    write(tmp_path, "mkdocs.yml", "site_url: http://docs.example.org\nrepo_url: http://x.org\n")
    write(tmp_path, ".github/workflows/ci.yml", "env:\n  API_URL: http://api.corp.example\n")
    got = sorted((f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "CD131"))
    assert got == [("config/pipeline.yaml", 2), ("config/pipeline.yaml", 4), ("settings.toml", 1)]
