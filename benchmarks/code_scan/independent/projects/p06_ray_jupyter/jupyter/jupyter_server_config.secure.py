# Hardened configuration: loopback, hashed password, TLS.
c = get_config()  # noqa: F821

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = 8888
c.PasswordIdentityProvider.hashed_password = "argon2:$argon2id$v=19$m=10240,t=10,p=8$placeholder-not-a-real-hash"
c.ServerApp.certfile = "/etc/jupyter/tls/cert.pem"
c.ServerApp.keyfile = "/etc/jupyter/tls/key.pem"
