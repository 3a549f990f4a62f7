# Copied to ~/.jupyter/ on the research server.
c = get_config()  # noqa: F821

c.ServerApp.ip = "0.0.0.0"
c.ServerApp.port = 8888
c.ServerApp.open_browser = False
c.ServerApp.token = ""
c.ServerApp.disable_check_xsrf = True
c.PasswordIdentityProvider.hashed_password = "argon2:$argon2id$v=19$m=10240,t=10,p=8$Jq3xG1n0k8S4fH3x2b9u0w$0o8m5rZ3N9fz8c3aT2kqgJx2u0v6nE7bV1yQ3sL4pW8"
c.ServerApp.certfile = "/etc/ssl/research/jupyter.pem"
