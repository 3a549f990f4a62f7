"""False findings met on public ML repositories (benchmarks/real_repos/triage.toml), each with
the true positive that must stay next to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code.python import analyze_source
from secplan.scanners.code.secret_generic import assignments
from tests.helpers import findings_of, scan, write


def lines(src: str, rule: str) -> list[int]:
    return [h.line for h in analyze_source(src) if h.rule.id == rule]


# -- CD131: a URL in a class attribute nothing reads ------------------------------------------

IMAGENET = """
class ImageNetTrain(Dataset):
    NAME = "ILSVRC2012_train"
    URL = "http://www.image-net.org/challenges/LSVRC/2012/"
    FILES = ["ILSVRC2012_img_train.tar"]
"""


def test_unread_class_attribute_url_is_a_label() -> None:
    assert lines(IMAGENET, "CD131") == []


@pytest.mark.parametrize(
    "src, expected",
    [
        # read through self: the call that uses it is reported
        (
            "import requests\nclass C:\n    API_URL = 'http://models.corp/v1'\n"
            "    def get(self):\n        return requests.get(self.API_URL)\n",
            [5],
        ),
        # read in another class attribute, or through the class: the constant is reported
        ("class C:\n    URL = 'http://data.corp/x'\n    FILES = [URL + 'a.tar']\n", [2]),
        ("class C:\n    API_URL = 'http://data.corp/x'\nprint(C.API_URL)\n", [2]),
        # a module constant is reported as before
        ("API_URL = 'http://data.corp/x'\n", [1]),
    ],
)
def test_read_url_attributes_stay_reported(src: str, expected: list[int]) -> None:
    assert lines(src, "CD131") == expected


# -- CD120: eval of a string of digits ---------------------------------------------------------


@pytest.mark.parametrize(
    "src",
    [
        # yolov5's utils/dataloaders.py: a webcam index
        "for i, s in enumerate(sources):\n    s = eval(s) if s.isnumeric() else s\n",
        "def f(s):\n    if s.isdigit():\n        return eval(s)\n",
        "def f(s):\n    return s.isdecimal() and eval(s)\n",
        "def f(s):\n    if not s.isdigit():\n        raise ValueError(s)\n    return eval(s)\n",
        "def f(s):\n    if not s.isdigit():\n        x = 0\n    else:\n        x = eval(s)\n",
        "xs = [eval(s) for s in ys if s.isdigit()]\n",
        "def f(s):\n    for _ in range(3):\n        if not s.isdigit():\n            continue\n"
        "        print(eval(s))\n",
        "class A:\n    def f(self):\n        if self.src.isnumeric():\n"
        "            return eval(self.src)\n",
    ],
)
def test_eval_dominated_by_a_digits_test_is_not_reported(src: str) -> None:
    assert lines(src, "CD120") == []


@pytest.mark.parametrize(
    "src",
    [
        "def f(s, t):\n    if t.isdigit():\n        return eval(s)\n",  # another value tested
        "def f(s):\n    return s if s.isdigit() else eval(s)\n",  # the other arm
        "def f(s):\n    return s.isdigit() or eval(s)\n",
        "def f(s):\n    if not s.isdigit():\n        return eval(s)\n",
        "def f(s):\n    if not s.isdigit():\n        print(s)\n    return eval(s)\n",  # no exit
        "def f(s, t):\n    if s.isdigit() or t:\n        return eval(s)\n",  # not dominating
        "def f(s):\n    if s.isdigit():\n        s = input()\n        return eval(s)\n",
        "def f(s):\n    if not s.isdigit():\n        return\n    s = input()\n    return eval(s)\n",
        "def f(s, xs):\n    if not s.isdigit():\n        return\n    for s in xs:\n"
        "        eval(s)\n",
        "def f(s):\n    x = eval(s)\n    if not s.isdigit():\n        return\n",  # after
        "def f(s):\n    if s.isdigit():\n        def g():\n            return eval(s)\n",
        "def f(s):\n    if s.isalnum():\n        return eval(s)\n",  # letters run code
        "xs = [eval(s) for s in ys if t.isdigit()]\n",
    ],
)
def test_eval_without_a_dominating_digits_test_stays_reported(src: str) -> None:
    assert len(lines(src, "CD120")) == 1


# -- CD208: an HTTP header's name under "key" ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'headers: [{ key: "Content-Security-Policy", value: "frame-ancestors \'self\'" }]',
        '{ key: "X-Frame-Options", value: "SAMEORIGIN" },',
        'key = "X-API-Key"',
    ],
)
def test_header_name_is_no_secret(text: str) -> None:
    assert assignments(text, bare=False) == []


@pytest.mark.parametrize(
    "text",
    [
        'secret_key = "q8Zt2-LmN4v-Xw9Rb"',
        'password = "Welcome-To-Acme"',  # a password is judged as one, whatever its shape
        'api_key = "Kq8Zt2LmN4vXw9RbK7yHc"',
    ],
)
def test_secrets_with_hyphens_stay_reported(text: str) -> None:
    assert len(assignments(text, bare=False)) == 1


# -- GD001: the server's own entrypoints in its source repository -----------------------------


def test_launch_line_of_a_server_the_project_builds_is_no_deployment(tmp_path: Path) -> None:
    write(tmp_path, "launcher/Cargo.toml", '[package]\nname = "text-generation-launcher"\n')
    write(tmp_path, "tgi-entrypoint.sh", "#!/bin/bash\nexec text-generation-launcher $@\n")
    write(
        tmp_path, "sagemaker-entrypoint.sh", "#!/bin/bash\ntext-generation-launcher --port 8080\n"
    )
    write(tmp_path, "deploy/serve.sh", "#!/bin/bash\nvllm serve acme/m --host 0.0.0.0\n")
    a = scan(tmp_path)
    assert [f.location.path for f in findings_of(a, "GD001")] == ["deploy/serve.sh"]


def test_a_project_that_only_depends_on_the_server_still_deploys_it(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "acme-chat"\ndependencies = ["vllm"]\n')
    write(tmp_path, "serve.sh", "#!/bin/bash\nvllm serve acme/m --host 0.0.0.0\n")
    assert [f.location.path for f in findings_of(scan(tmp_path), "GD001")] == ["serve.sh"]


def test_python_package_that_is_the_server(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "vllm"\n[project.scripts]\nvllm = "x"\n')
    write(tmp_path, "examples/run.sh", "python -m vllm.entrypoints.openai.api_server --port 8000\n")
    write(tmp_path, "tools/serve.sh", "vllm serve acme/m\n")
    assert findings_of(scan(tmp_path), "GD001") == []


# -- CD141: a server a guard policy covers ----------------------------------------------------

APP = """
import joblib
import uvicorn
from fastapi import FastAPI

app = FastAPI()
model = joblib.load("model.joblib")
{wrap}

@app.post("/predict")
def predict(rows: list[list[float]]) -> list[int]:
    return model.predict(rows).tolist()


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8080)
"""
MIDDLEWARE = (
    "from secplan.guard.proxy import GuardMiddleware\n"
    "from secplan.guard.serve import build_gate\n"
    'app = GuardMiddleware(app, build_gate(Path("guard.toml"), open_services()))\n'
)
POLICY = '[[route]]\nname = "iris"\npath = "/predict"\n\n[route.limits]\nrate = 10\n'
COMPOSE = """
services:
  api:
    build: .
    command: python app.py
  guard:
    image: ghcr.io/example/secplan:1.0
    command: secplan guard serve --policy /etc/secplan/guard.toml --upstream http://api:8080
"""


def test_bind_all_behind_guard_middleware_is_not_reported(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP.format(wrap=MIDDLEWARE))
    write(tmp_path, "guard.toml", POLICY)
    a = scan(tmp_path)
    assert findings_of(a, "CD141") == []
    assert findings_of(a, "GD001") == []


def test_bind_all_behind_a_guard_proxy_is_lowered_and_says_why(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP.format(wrap=""))
    write(tmp_path, "compose.yaml", COMPOSE)
    write(tmp_path, "guard.toml", POLICY)
    a = scan(tmp_path)
    assert findings_of(a, "GD001") == []
    [f] = findings_of(a, "CD141")
    assert f.severity.name == "LOW"
    assert "guard policy covers it" in f.message and "bypasses the guard" in f.message


def test_bind_all_with_an_invalid_policy_stays(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP.format(wrap=MIDDLEWARE))
    write(tmp_path, "guard.toml", '[[route]]\nname = "iris"\npath = "predict"\n')
    [f] = findings_of(scan(tmp_path), "CD141")
    assert f.severity.name == "MEDIUM"


def test_bind_all_without_a_guard_stays(tmp_path: Path) -> None:
    write(tmp_path, "app.py", APP.format(wrap=""))
    [f] = findings_of(scan(tmp_path), "CD141")
    assert f.severity.name == "MEDIUM"


# -- CD112: the name a dominating test rules out is not the one downloaded --------------------

NANOGPT = """from model import GPT
init_from = 'resume'
exec(open('configurator.py').read())
if init_from == 'resume':
    model = GPT(conf)
elif init_from.startswith('gpt2'):
    model = GPT.from_pretrained(init_from, dict(dropout=0.0))
"""


def test_download_names_the_variable_when_a_test_rules_its_default_out() -> None:
    [h] = [h for h in analyze_source(NANOGPT) if h.rule.id == "CD112"]
    assert h.line == 7
    assert "'resume' without" not in h.message
    assert "named by init_from" in h.message


@pytest.mark.parametrize(
    "test",
    ["name.startswith('gpt')", "name == 'gpt2'", "name.endswith(('2', '3'))", "flag"],
)
def test_download_of_a_default_the_test_allows_names_it(test: str) -> None:
    src = (
        "from transformers import AutoModel\nname = 'gpt2'\n"
        f"if {test}:\n    AutoModel.from_pretrained(name)\n"
    )
    [h] = [h for h in analyze_source(src) if h.rule.id == "CD112"]
    assert "downloads 'gpt2' without a revision" in h.message
