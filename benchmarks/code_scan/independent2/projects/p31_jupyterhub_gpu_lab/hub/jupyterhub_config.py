# Lab-server hub: KubeSpawner against the on-prem GPU cluster.
import os
import sys

c = get_config()  # noqa: F821

c.JupyterHub.bind_url = "http://0.0.0.0:8000"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "gpu-lab-shared-2024"
c.Authenticator.allowed_users = {"amaya", "bjorn", "chen", "dario"}
c.JupyterHub.cookie_secret = bytes.fromhex(
    "9f3a1c7e5b2d8f4a6c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a"
)
c.ConfigurableHTTPProxy.auth_token = "c1e9b7a5d3f18264e0c2a4b6d8f0e1a3"
c.JupyterHub.db_url = "sqlite:////srv/jupyterhub/jupyterhub.sqlite"

c.JupyterHub.spawner_class = "kubespawner.KubeSpawner"
c.KubeSpawner.image = "quay.io/jupyter/pytorch-notebook:latest"
c.KubeSpawner.uid = 0
c.KubeSpawner.privileged = True
c.KubeSpawner.allow_privilege_escalation = False
c.KubeSpawner.cpu_limit = 8
c.KubeSpawner.mem_limit = "32G"
c.KubeSpawner.extra_resource_limits = {"nvidia.com/gpu": "1"}
c.KubeSpawner.volumes = [{"name": "datasets", "hostPath": {"path": "/mnt/datasets"}}]
c.KubeSpawner.volume_mounts = [{"name": "datasets", "mountPath": "/home/jovyan/datasets"}]

c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
        "api_token": "5b8e2d7a1f4c9e3b6a0d5f8c2e7b1a4d",
    },
    {
        "name": "usage-report",
        "command": [sys.executable, "/srv/jupyterhub/usage_report.py"],
        "api_token": os.environ["USAGE_REPORT_TOKEN"],
    },
]
