"""Python: options and flags imported from another module of the same project."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings_of, scan, write

SETTINGS = """\
import ssl
REQUEST_OPTS = {"timeout": 30, "verify": False}
SAFE_OPTS = {"timeout": 30, "verify": "/etc/ssl/ca.pem"}
RUN_OPTS = dict(shell=True, check=True)
LOAD_KW = {"map_location": "cpu", "weights_only": False}
VERIFY_TLS = False
CHANGED = {"verify": False}
CHANGED["verify"] = True
"""

CLIENT = """\
import subprocess

import requests
import torch

from settings import CHANGED, LOAD_KW, REQUEST_OPTS, RUN_OPTS, SAFE_OPTS, VERIFY_TLS


def fetch(url):
    return requests.get(url, **REQUEST_OPTS)


def fetch_safe(url):
    return requests.get(url, **SAFE_OPTS), requests.get(url, **CHANGED)


def run(cmd):
    return subprocess.run(cmd, **RUN_OPTS)


def load(path):
    return torch.load(path, **LOAD_KW)


def post(url):
    return requests.post(url, verify=VERIFY_TLS)
"""


def _line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_options_from_a_sibling_module_are_followed(tmp_path: Path) -> None:
    write(tmp_path, "app/settings.py", SETTINGS)
    write(tmp_path, "app/client.py", CLIENT)
    a = scan(tmp_path)
    tls = sorted((f.location.path, f.location.line) for f in findings_of(a, "CD130"))
    assert tls == [
        ("app/client.py", _line(CLIENT, "**REQUEST_OPTS")),
        ("app/client.py", _line(CLIENT, "verify=VERIFY_TLS")),
    ]
    shell = [(f.location.path, f.location.line) for f in findings_of(a, "CD121")]
    assert shell == [("app/client.py", _line(CLIENT, "**RUN_OPTS"))]
    loads = [(f.location.path, f.location.line) for f in findings_of(a, "CD103")]
    assert loads == [("app/client.py", _line(CLIENT, "**LOAD_KW"))]


def test_relative_imports_and_packages(tmp_path: Path) -> None:
    write(tmp_path, "src/pkg/__init__.py", "")
    write(tmp_path, "src/pkg/conf/__init__.py", 'OPTS = {"verify": False}\n')
    write(
        tmp_path,
        "src/pkg/api/client.py",
        "import requests\nfrom ..conf import OPTS\nrequests.get(u, **OPTS)\n",
    )
    write(
        tmp_path,
        "scripts/job.py",
        "import requests\nfrom pkg.conf import OPTS\nrequests.get(u, **OPTS)\n",
    )
    found = sorted((f.location.path, f.location.line) for f in findings_of(scan(tmp_path), "CD130"))
    assert found == [("scripts/job.py", 3), ("src/pkg/api/client.py", 3)]


def test_rebound_names_missing_modules_and_bad_files_stay_unknown(tmp_path: Path) -> None:
    write(tmp_path, "settings.py", 'OPTS = {"verify": False}\nBROKEN = {"verify": False}\n')
    write(tmp_path, "broken.py", "OPTS = {\n")
    write(
        tmp_path,
        "main.py",
        "import requests\nfrom settings import OPTS\nfrom broken import OPTS as B\n"
        "from nowhere import X\nOPTS = {'verify': True}\n"
        "requests.get(u, **OPTS)\nrequests.get(u, **B)\nrequests.get(u, **X)\n",
    )
    assert findings_of(scan(tmp_path), "CD130") == []
