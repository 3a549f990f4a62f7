"""The command line's side of the governance server: where it is, the credential to use, and
JSON calls to its API (standard library only, so the command line stays light).

``SECPLAN_SERVER`` names the server (``https://secplan.example.org``); ``secplan login
SERVER`` stores a session token for it (``server-login.json`` in secplan's home, mode 0600);
``SECPLAN_TOKEN`` (an API token) takes precedence over the stored one. With a server in use,
commands act through its API and never open a database or key of their own.
"""

from __future__ import annotations

import contextlib
import json
import os
import ssl
import urllib.error
import urllib.request
from typing import Any

from secplan import paths
from secplan._io import atomic_write
from secplan.errors import AccessDenied, ConfigError, ServiceError

ENV_SERVER = "SECPLAN_SERVER"
ENV_TOKEN = "SECPLAN_TOKEN"  # noqa: S105 (a variable name)
ENV_CA = "SECPLAN_SERVER_CA"
TIMEOUT_S = 120
MAX_RESPONSE = 64 * 1024 * 1024


def _login_file() -> Any:
    return paths.home() / "server-login.json"


def base_url(url: str) -> str:
    """``url`` without a trailing slash; plain HTTP only to this machine (a password or token
    sent over it to another one crosses the network readable)."""
    if not url.startswith(("https://", "http://")):
        raise ConfigError(f"{url!r} is not a server URL", "give https://HOST[:PORT]")
    if url.startswith("http://") and not _loopback(url):
        raise ConfigError(
            f"{url[:200]!r}: plain HTTP to another machine would send your password and "
            "token unencrypted",
            "give the server's https:// URL",
        )
    return url.rstrip("/")


def _loopback(url: str) -> bool:
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stored() -> dict[str, str]:
    f = _login_file()
    if not f.is_file():
        return {}
    try:
        got = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


def server() -> str | None:
    """The server in use: ``SECPLAN_SERVER``, else None (local or database mode)."""
    url = os.environ.get(ENV_SERVER, "").strip()
    return base_url(url) if url else None


def save_login(url: str, token: str) -> None:
    atomic_write(_login_file(), json.dumps({"server": base_url(url), "token": token}), mode=0o600)


def forget_login() -> None:
    _login_file().unlink(missing_ok=True)


def logout(url: str) -> bool:
    """Revoke the session ``secplan login`` stored for ``url`` on the server, and forget it;
    False when none was stored (an API token in ``SECPLAN_TOKEN`` is left alone: revoke it
    with the API). A session the server already refuses (expired, revoked) is forgotten."""
    stored = _stored()
    if stored.get("server") != base_url(url) or not stored.get("token"):
        return False
    with contextlib.suppress(AccessDenied):
        call("POST", url, "/api/v1/logout", {}, token=str(stored["token"]))
    forget_login()
    return True


def token_for(url: str) -> str:
    explicit = os.environ.get(ENV_TOKEN, "").strip()
    if explicit:
        return explicit
    stored = _stored()
    if stored.get("server") == base_url(url) and stored.get("token"):
        return str(stored["token"])
    raise AccessDenied(
        f"no credential for {url}", f"run secplan login {url}, or set {ENV_TOKEN} to an API token"
    )


def _context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=os.environ.get(ENV_CA) or None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is refused: urllib would send the request's headers, the token included,
    to wherever it points (another host, or plain HTTP)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        fp.close()
        raise ServiceError(
            f"{req.full_url[:200]}: the server answered {code} with a redirect to "
            f"{newurl[:200]!r}, not followed (it would carry your token there)",
            f"set {ENV_SERVER} to the server's own URL",
        )


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_NoRedirect()]
    if url.startswith("https"):
        handlers.append(urllib.request.HTTPSHandler(context=_context()))
    return urllib.request.build_opener(*handlers)


def call(
    method: str,
    url: str,
    path: str,
    body: Any = None,
    *,
    raw: bytes | None = None,
    token: str | None = None,
    auth: bool = True,
) -> Any:
    """Call the API at ``url`` + ``path``; the decoded JSON answer, or a one-line error."""
    url = base_url(url)
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    headers = {"Accept": "application/json"}
    if data is not None:
        headers["Content-Type"] = "application/json"
    if auth:
        headers["Authorization"] = "Bearer " + (token or token_for(url))
    req = urllib.request.Request(url + path, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with _opener(url).open(req, timeout=TIMEOUT_S) as resp:
            text = resp.read(MAX_RESPONSE)
    except urllib.error.HTTPError as exc:
        try:
            err = json.loads(exc.read(65536))
            message, hint = str(err.get("error", exc.reason)), str(err.get("hint", ""))
        except (ValueError, AttributeError, OSError):
            message, hint = f"HTTP {exc.code} {exc.reason}", ""
        if exc.code in (401, 403, 404, 429):
            raise AccessDenied(f"{url}: {message}", hint or "check your roles and login") from None
        raise ConfigError(f"{url}: {message}", hint) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ServiceError(f"{url}: cannot reach the server ({reason})", "check the URL") from None
    try:
        return json.loads(text)
    except ValueError:
        raise ServiceError(f"{url}{path}: the answer is not JSON", "check the URL") from None
