"""Certificate checks turned off by other clients' options and variables (helm, kubectl,
argocd, podman/skopeo, uv, conda, vault, npm), and credentials given literally on a command
line. Each positive has a look-alike that stays quiet.

Known false negatives: a password read by a client prompt (``mysql -p`` alone is not a
finding), values built from variables, options that name no secret (``--key-id``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from secplan.scanners.code.secret_detect import find_secrets
from secplan.scanners.platform_config.commands import check_command, check_env
from tests.helpers import findings_of, line_with, scan, write


@pytest.mark.parametrize(
    "cmd",
    [
        "helm upgrade --install t repo/t --kube-insecure-skip-tls-verify --set a=b",
        "helm repo add x https://charts.example.com --insecure-skip-tls-verify",
        "kubectl apply -f x.yaml --insecure-skip-tls-verify",
        "kubectl --insecure-skip-tls-verify=true get pods",
        "oc login https://api.example.com:6443 --insecure-skip-tls-verify",
        "argocd login argocd.example.com --insecure",
        "podman pull --tls-verify=false registry.example.com/m:1",
        "skopeo copy --src-tls-verify=false docker://a docker://b",
        "uv pip install --allow-insecure-host pypi.corp.example x",
        "conda install --insecure numpy",
        "vault login -tls-skip-verify",
        "npm install --strict-ssl=false",
        "kubeadm join 10.0.0.1:6443 --discovery-token-unsafe-skip-ca-verification",
        "curl -sSLk https://example.org/x -o x",
        "wget --no-check-certificate https://example.org/x",
        "git -c http.sslVerify=false clone https://git.example.com/r.git",
        "poetry config certificates.corp.cert false",
    ],
)
def test_tls_off(cmd: str) -> None:
    assert [h.rule.id for h in check_command(cmd)] == ["CF123"]


@pytest.mark.parametrize(
    "cmd",
    [
        "helm upgrade --install t repo/t --set tls.insecureSkipVerify=false",
        "kubectl --insecure-skip-tls-verify=false get pods",
        "podman pull --tls-verify=true registry.example.com/m:1",
        "skopeo copy docker://a docker://b",
        "conda install -c conda-forge numpy",
        "argocd app sync web",
        "npm install --strict-ssl=true",
        "curl -sSL https://example.org/x -o x",
        "poetry config certificates.corp.cert /etc/ssl/corp.pem",
    ],
)
def test_tls_kept(cmd: str) -> None:
    assert check_command(cmd) == []


@pytest.mark.parametrize(
    "name, value, fires",
    [
        ("VAULT_SKIP_VERIFY", "1", True),
        ("VAULT_SKIP_VERIFY", "false", False),
        ("HELM_KUBEINSECURE_SKIP_TLS_VERIFY", "true", True),
        ("NPM_CONFIG_STRICT_SSL", "false", True),
        ("NPM_CONFIG_STRICT_SSL", "true", False),
        ("CONDA_SSL_VERIFY", "false", True),
        ("CONDA_SSL_VERIFY", "/etc/ssl/corp-ca.pem", False),
        ("UV_INSECURE_HOST", "pypi.corp.example", True),
        ("UV_INSECURE_HOST", "localhost", False),
        ("AZURE_CLI_DISABLE_CONNECTION_VERIFICATION", "1", True),
        ("K8S_AUTH_VERIFY_SSL", "false", True),
        ("K8S_AUTH_VERIFY_SSL", "true", False),
        ("WANDB_INSECURE_DISABLE_SSL", "true", True),
    ],
)
def test_tls_env(name: str, value: str, fires: bool) -> None:
    assert bool(check_env(name, value)) is fires


K3S = "K10f3a9c1e7b5d2846a0c9e1f7b3d5a82::server:8d2f6b0a4c9e1735"


@pytest.mark.parametrize(
    "line, detector",
    [
        (f"curl -sfL https://get.k3s.io | K3S_URL=https://k.example.com:6443 K3S_TOKEN={K3S} sh -",
         "command-line-env"),
        (f"k3s agent --server https://10.0.0.1:6443 --token {K3S}", "command-line-option"),
        ("python train.py --wandb-key 3f8a9c2e1b7d4f6a8c0e2b4d6f8a0c2e4b6d8f0a --epochs 3",
         "command-line-option"),
        ("mlflow-client --password=Hx7kQ2vLp9Ws list", "command-line-option"),
        ("docker login -u bot -p Zq8vR2mK9xL4 registry.example.com", "command-line-credential"),
        ("podman login --password Zq8vR2mK9xL4 quay.io", "command-line-credential"),
        ("mysql -h db -u root -pR00tPassw0rd! mlflow", "command-line-credential"),
        ("redis-cli -h cache -a S3cretRedisPw ping", "command-line-credential"),
        ("az login --service-principal -u app -p Qx78Q~vR2kT9mW4pL6 --tenant t",
         "command-line-credential"),
        ("docker run -e POSTGRES_PASSWORD=Fe4st-Registry-Pw-2024 -p 5432:5432 postgres:16",
         "command-line-env"),
        ("kubectl create secret generic db --from-literal=password=Hx7kQ2vLp9Ws -n ml",
         "command-line-env"),
        ('curl -H "Authorization: Bearer 3f8a9c2e1b7d4f6a8c0e2b4d6f8aXc2e" https://api.example.com',
         "command-line-header"),
        ('wget --header="X-API-Key: 3f8a9c2e1b7d4f6a8c0e2b4d6f8aXc2e" https://x.example.com/f',
         "command-line-header"),
        ('echo "Zq8vR2mK9xL4Tw7p" | docker login -u bot --password-stdin registry.example.com',
         "command-line-credential"),
    ],
)  # fmt: skip
def test_command_line_credentials(line: str, detector: str) -> None:
    hits = find_secrets(line, bare_values=True)
    assert [(h.rule.id, h.detector) for h in hits] == [("CD208", detector)]


@pytest.mark.parametrize(
    "line",
    [
        "k3s agent --token $K3S_TOKEN --token-file /etc/rancher/token",
        'k3s agent --token "${K3S_TOKEN}"',
        "docker login -u bot --password-stdin registry.example.com",
        "mysql -h db -u root -p mlflow",
        'az login --service-principal -u app -p "$(AZURE_SP_SECRET)" --tenant t',
        "helm upgrade x y --set ngc.apiKeySecret=ngc-api-key",
        "docker build --secret id=hf,src=/run/secrets/hf -t x .",
        "vllm serve org/m --api-key <your-api-key>",
        "echo --password changeme",
        "HF_TOKEN=$HF_TOKEN python train.py",
        "tool --no-password-check value123456789",
        "# K3S_TOKEN=K10f3a9c1e7b5d2846a0c9e1f7b3d5a82 sh -",
        'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1',
        'curl -H "Authorization: Bearer <your-token>" https://api.example.com/v1',
        'curl -H "X-Request-Id: 3f8a9c2e1b7d4f6a8c0e2b4d" https://api.example.com/v1',
        'echo "$CR_PAT" | docker login ghcr.io -u bot --password-stdin',
    ],
)
def test_command_line_look_alikes(line: str) -> None:
    assert find_secrets(line, bare_values=True) == []


SCRIPT = f"""\
    #!/bin/sh
    set -eu
    curl -sfL https://get.k3s.io | K3S_URL=https://k.example.com:6443 K3S_TOKEN={K3S} sh -
    helm upgrade --install triton repo/triton --kube-insecure-skip-tls-verify
    """


def test_script_findings_are_placed(tmp_path: Path) -> None:
    write(tmp_path, "fleet/provision.sh", SCRIPT)
    report = scan(tmp_path)
    secrets = findings_of(report, "CD208")
    tls = findings_of(report, "CF123")
    assert [f.location.line for f in secrets] == [line_with(SCRIPT, "K3S_TOKEN")]
    assert [f.location.line for f in tls] == [line_with(SCRIPT, "--kube-insecure")]


@pytest.mark.parametrize(
    "cmd, fires",
    [
        ("python eval.py --endpoint http://$(hostname):8000/v1", False),
        ("python eval.py --endpoint http://$(hostname -s):8000/v1", False),
        ("curl -s http://${HOSTNAME}:8000/health", False),
        ("curl -s http://$SLURMD_NODENAME:8000/v1/models", False),
        ("python eval.py --endpoint http://$HEAD_NODE:8000/v1", True),
        ("python eval.py --endpoint http://$(cat head.txt):8000/v1", True),
        ("curl -s http://models.example.com/m.bin -o m.bin", True),
    ],
)
def test_own_node_is_local(cmd: str, fires: bool) -> None:
    hits = [h for h in check_command(cmd) if h.rule.id == "CD131"]
    assert bool(hits) is fires
    assert "\x00" not in str([h.evidence for h in hits])


def test_program_code_is_not_a_command_line() -> None:
    code = 'psycopg2.connect(DSN.format(user=self.user, password=self.password), sslmode="x")\n'
    assert find_secrets(code, bare_values=False) == []
    assert find_secrets("run(['--token', token_value])", bare_values=False) == []
    # a client's own password option stays a finding in any file
    hits = find_secrets('os.system("docker login -u bot -p Zq8vR2mK9xL4 r.example.com")')
    assert [h.detector for h in hits] == ["command-line-credential"]


def test_storage_connection_string_key_of_any_length() -> None:
    key = "Zt8Qm3Vx7Kp2Rw9Ln4Bd6Hf1Jc5Gy0Ts8Ua3Eo7Ik2PqW"
    conn = f"DefaultEndpointsProtocol=https;AccountName=acme01;AccountKey={key}"
    line = f"AZURE_STORAGE_CONNECTION_STRING={conn}\n"
    assert [h.detector for h in find_secrets(line, bare_values=True)] == [
        "azure-storage-account-key"
    ]
    emulator = line.replace("AccountName=acme01", "AccountName=devstoreaccount1")
    placeholder = line.replace(key, "<your-account-key>")
    emulated = [h.detector for h in find_secrets(emulator, bare_values=True)]
    assert "azure-storage-account-key" not in emulated
    assert find_secrets(placeholder, bare_values=True) == []


BICEP = """\
param location string = resourceGroup().location
param workspaceName string = 'acme-ml-prod'
@secure()
param sqlAdminPassword string
param computeAdminPassword string = 'Fr4ud-Sc0ring!2024-Adm1n'
param apiTokenName string = 'scoring-token'
param placeholderSecret string = '<set-me>'
param adminPublicKey string = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk4mJ2 ops@acme'
resource sql 'Microsoft.Sql/servers@2022-05-01-preview' = {
  properties: {
    administratorLoginPassword: sqlAdminPassword
  }
}
"""


def test_bicep_secret_defaults(tmp_path: Path) -> None:
    write(tmp_path, "infra/main.bicep", BICEP)
    found = [
        (f.rule, f.location.line) for f in scan(tmp_path).report.findings if f.rule[:3] == "CD2"
    ]
    assert found == [("CD208", line_with(BICEP, "computeAdminPassword"))]
