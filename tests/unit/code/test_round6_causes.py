"""Round-6 causes in Python: servers opened by decorators, clusters and debuggers, clear-text
Dask clients, commands an image built in code runs, and ``sys.executable -c`` on data."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code.python import analyze_source
from tests.helpers import findings_of, scan, write


def found(src: str) -> list[tuple[str, int]]:
    return sorted((h.rule.id, h.line) for h in analyze_source(src))


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "import modal\napp = modal.App()\n@app.function()\n@modal.web_endpoint(method='POST')\n"
            "def rank(body: dict):\n    return body\n",
            [("CD141", 4)],
        ),
        (
            "from modal import asgi_app\n@asgi_app()\ndef web():\n    return api\n",
            [("CD141", 2)],
        ),
        ("import modal\n@modal.fastapi_endpoint(requires_proxy_auth=True)\ndef f(b): ...\n", []),
        # authentication the file shows (a security dependency) keeps it quiet too
        (
            "import modal\nfrom fastapi.security import HTTPBearer\n"
            "@modal.fastapi_endpoint()\ndef f(b): ...\n",
            [],
        ),
        (
            "import modal\n@modal.fastapi_endpoint(requires_proxy_auth=False)\ndef f(b): ...\n",
            [("CD141", 2)],
        ),
    ],
)
def test_modal_web_endpoints(src: str, expected: list[tuple[str, int]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        ("import debugpy\ndebugpy.listen(('0.0.0.0', 5678))\n", [("CD140", 2)]),
        ("import ptvsd\nptvsd.enable_attach(address=('0.0.0.0', 3000))\n", [("CD140", 2)]),
        ("import debugpy\ndebugpy.listen(('127.0.0.1', 5678))\n", []),
        ("import debugpy\ndebugpy.listen(5678)\n", []),  # a port alone: loopback
    ],
)
def test_remote_debuggers(src: str, expected: list[tuple[str, int]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "from dask.distributed import LocalCluster\nc = LocalCluster(host='0.0.0.0')\n",
            [("CD141", 2)],
        ),
        (
            "from distributed import LocalCluster\nc=LocalCluster(dashboard_address='[::]:87')\n",
            [("CD141", 2)],
        ),
        ("from dask.distributed import LocalCluster\nc = LocalCluster(host='127.0.0.1')\n", []),
        (
            "from dask.distributed import LocalCluster\n"
            "c = LocalCluster(host='0.0.0.0', security=sec)\n",
            [],
        ),
        (
            "from dask.distributed import Client\nc = Client('tcp://sched.corp.example.com:8786')\n",
            [("CD131", 2)],
        ),
        (
            "from dask.distributed import Client\nc = Client('tls://sched.corp.example.com:8786')\n",
            [],
        ),
        ("from dask.distributed import Client\nc = Client('tcp://127.0.0.1:8786')\n", []),
        ("from dask.distributed import Client\nc = Client('tcp://dask-scheduler:8786')\n", []),
    ],
)
def test_dask_clusters_and_clients(src: str, expected: list[tuple[str, int]]) -> None:
    assert found(src) == expected


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "import modal\nimage = modal.Image.debian_slim().run_commands(\n"
            "    'curl -fsSL http://tools.corp.example.com/setup.sh | bash')\n",
            [("CD131", 3), ("CD303", 3)],
        ),
        (
            "import modal\nimage = modal.Image.debian_slim().run_commands(\n"
            "    'curl -fsSL https://tools.example.com/setup.sh -o /tmp/s.sh', 'apt-get update')\n",
            [],
        ),
    ],
)
def test_commands_of_an_image_built_in_code(src: str, expected: list[tuple[str, int]]) -> None:
    assert found(src) == expected


def test_interpreter_of_the_process_running_data() -> None:
    src = (
        "import subprocess, sys\n"
        "def calc(expr):\n"
        "    return subprocess.run([sys.executable, '-c', f'print({expr})'])\n"
        "def fixed():\n"
        "    return subprocess.run([sys.executable, '-c', 'print(1)'])\n"
    )
    assert found(src) == [("CD120", 3)]


def test_parameter_defaults_naming_a_server() -> None:
    src = (
        "def ingest(manifest_url: str = 'http://manifests.corp.example.net/m.yaml', n=3):\n"
        "    pass\n"
        "def local(tracking_uri='http://127.0.0.1:5000', homepage_url='http://corp.example.net'):\n"
        "    pass\n"
        "def safe(feature_url='https://features.corp.example.net', name='http://x.corp.net'):\n"
        "    pass\n"
    )
    assert found(src) == [("CD131", 1)]


@pytest.mark.parametrize(
    "src, expected",
    [
        (
            "from pyspark.sql import SparkSession\n"
            "s = SparkSession.builder.config(\n"
            "    'spark.hadoop.fs.s3a.connection.ssl.enabled', 'false')\n",
            [("CD131", 3)],
        ),
        ("conf.set('spark.hadoop.fs.s3a.connection.ssl.enabled', 'true')\n", []),
        ("conf.set('fs.s3a.connection.ssl.enabled', False)\n", [("CD131", 1)]),
        ("d.setdefault('verify_ssl', False)\n", []),  # not a dotted setting name
        ("conf.set('storage.s3.verify_ssl', 'false')\n", [("CD130", 1)]),
    ],
)
def test_settings_set_by_name_and_value(src: str, expected: list[tuple[str, int]]) -> None:
    assert found(src) == expected


def test_secrets_in_setting_pairs_and_properties_files(tmp_path: Path) -> None:
    write(
        tmp_path,
        "jobs/etl.py",
        "spark = (SparkSession.builder\n"
        "    .config('spark.hadoop.fs.s3a.secret.key', 'q8Zt2LmN4vXw9RbK7yHcP3sD6fG1hJ0k')\n"
        "    .config('spark.hadoop.fs.s3a.aws.credentials.provider', 'com.amazonaws.auth.Chain')\n"
        "    .getOrCreate())\n",
    )
    write(
        tmp_path,
        "conf/spark-defaults.conf",
        "spark.master                 yarn\n"
        "spark.ssl.keyStorePassword   Kz8-Qw3!rT5y\n"
        "spark.ssl.trustStorePassword ${env:TRUST_PASSWORD}\n",
    )
    write(tmp_path, "conf/app.properties", "db.password  Hn4$pLm9qRt2\ndb.user  etl\n")
    hits = findings_of(scan(tmp_path), "CD208")
    assert sorted((f.location.path, f.location.line) for f in hits) == [
        ("conf/app.properties", 1),
        ("conf/spark-defaults.conf", 2),
        ("jobs/etl.py", 2),
    ]


def test_credentials_in_connection_strings_and_comparisons(tmp_path: Path) -> None:
    write(
        tmp_path,
        "conf/store.yaml",
        "online_store:\n"
        '  connection_string: "cache.corp.example.net:6380,ssl=true,password=Hn4pLm9qRt2x"\n'
        'offline:\n  dsn: "Server=db.corp.example.net;Database=f;User Id=app;Pwd=${DB_PWD};"\n',
    )
    write(
        tmp_path,
        "app/auth.py",
        "def check(username, password, token):\n"
        '    if (username, password) == ("admin", "Ch4in-Adm1n!x"):\n'
        "        return True\n"
        '    if password != "" and token == "placeholder":\n'
        "        return False\n"
        '    return username == "q8Zt2LmN4vXw9RbK"\n',
    )
    hits = findings_of(scan(tmp_path), "CD208")
    assert sorted((f.location.path, f.location.line) for f in hits) == [
        ("app/auth.py", 2),
        ("conf/store.yaml", 2),
    ]
    assert all("Hn4pLm9qRt2x" not in f.evidence and "Ch4in" not in f.evidence for f in hits)
