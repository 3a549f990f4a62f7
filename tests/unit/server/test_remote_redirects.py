"""The command line's calls to the server never carry its token anywhere else: a redirect
(to another host, or from https down to http) is an error, not a request with the token."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from secplan import remote
from secplan.errors import SecplanError

SEEN: list[str | None] = []


class _Elsewhere(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        SEEN.append(self.headers.get("Authorization"))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}"


@pytest.fixture
def redirecting() -> Iterator[str]:
    other, other_url = _serve(_Elsewhere)

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", other_url + "/collect")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    srv, url = _serve(Redirect)
    try:
        yield url
    finally:
        for s in (srv, other):
            s.shutdown()
            s.server_close()


def test_a_redirect_does_not_carry_the_token(redirecting: str) -> None:
    SEEN.clear()
    with pytest.raises(SecplanError, match="redirect") as err:
        remote.call("GET", redirecting, "/api/v1/whoami", token="spt_0123456789abcdef_secret")
    assert "\n" not in str(err.value)
    assert SEEN == []
