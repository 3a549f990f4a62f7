# JupyterHub for the voice team's lab machine (DockerSpawner).
import os

c = get_config()  # noqa: F821

c.JupyterHub.bind_url = "http://0.0.0.0:8000"
c.JupyterHub.hub_connect_url = "http://jupyterhub:8081"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "voice-lab-2024!"
c.Authenticator.admin_users = {"mhansen"}

c.ConfigurableHTTPProxy.auth_token = "76b764f21b4f25f6349d8e768875318f030c9bac89994a84473cb4fe2fe4fec9"
c.JupyterHub.cookie_secret_file = "/srv/jupyterhub/jupyterhub_cookie_secret"

c.JupyterHub.spawner_class = "dockerspawner.DockerSpawner"
c.DockerSpawner.image = "quay.io/jupyter/pytorch-notebook:latest"
c.DockerSpawner.mem_limit = "16G"
c.DockerSpawner.extra_host_config = {"privileged": True, "runtime": "nvidia"}
c.DockerSpawner.extra_create_kwargs = {"user": "root"}
c.DockerSpawner.environment = {"GRANT_SUDO": "yes", "HF_HOME": "/data/hf"}
c.DockerSpawner.volumes = {"/srv/datasets": "/data", "/var/run/docker.sock": "/var/run/docker.sock"}
