"""ML servers started from command lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secplan.model import Severity
from secplan.scanners.platform_config.commands import check_command


def ids(cmd: str | list[str], env: tuple[str, ...] = ()) -> list[str]:
    return [h.rule.id for h in check_command(cmd, env)]


@pytest.mark.parametrize(
    "cmd, expected",
    [
        ("jupyter lab --ip=0.0.0.0 --NotebookApp.token=''", ["CF117"]),
        ("jupyter notebook --ServerApp.token= --allow-root", ["CF117", "CF119"]),
        (["bash", "-c", "pip install x && jupyter lab --IdentityProvider.token=''"], ["CF117"]),
        ("mlflow server --host 0.0.0.0 --port 5000", ["CF117"]),
        ("mlflow ui -h 0.0.0.0", ["CF117"]),
        ("ray start --head --dashboard-host=0.0.0.0", ["CF120"]),
        ("torchserve --start --disable-token-auth --ncs", ["CF117"]),
        ("tritonserver --model-repository=/models --model-control-mode=explicit", ["CF120"]),
        ("tritonserver --model-control-mode explicit", ["CF120"]),
        ("tensorboard --logdir runs --bind_all", ["CF118"]),
        ("vllm serve org/model --trust-remote-code --api-key k", ["CF121"]),
        ("python3 -m vllm.entrypoints.openai.api_server --model m", ["CF117"]),
        ("text-generation-launcher --model-id m --trust-remote-code", ["CF121"]),
        ("streamlit run app.py --server.address=0.0.0.0", ["CF117"]),
        ("FOO=1 exec /usr/local/bin/ray start --head --dashboard-host 0.0.0.0", ["CF120"]),
    ],
)
def test_fires(cmd: str | list[str], expected: list[str]) -> None:
    assert ids(cmd) == expected


@pytest.mark.parametrize(
    "cmd",
    [
        "jupyter lab --ip=0.0.0.0",  # a random token is generated
        "jupyter lab --ServerApp.token='' --ServerApp.password=argon2:abc",
        "mlflow server --host 127.0.0.1",
        "mlflow server --host 0.0.0.0 --app-name basic-auth",
        "ray start --head --dashboard-host=127.0.0.1",
        "tritonserver --model-repository=/models --model-control-mode=none",
        "tensorboard --logdir runs",
        "vllm serve org/model --api-key secret",
        "vllm serve org/model --host 127.0.0.1",
        "streamlit run app.py",
        "python train.py --host 0.0.0.0",
        "echo jupyter lab --ServerApp.token=",
    ],
)
def test_silent(cmd: str) -> None:
    assert ids(cmd) == []


def test_api_key_from_environment() -> None:
    assert ids("vllm serve m", env=("VLLM_API_KEY",)) == []
    assert ids("jupyter lab --ServerApp.token=''", env=("JUPYTER_TOKEN",)) == []


def test_ray_dashboard_is_critical() -> None:
    [hit] = check_command("ray start --head --dashboard-host=0.0.0.0")
    assert hit.severity is Severity.CRITICAL


@given(st.one_of(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=20)))
def test_never_raises(cmd: str | list[str]) -> None:
    for hit in check_command(cmd):
        assert hit.rule.id.startswith("CF")
