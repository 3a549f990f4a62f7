"""The command line sends passwords and tokens over plain HTTP to its own machine only."""

from __future__ import annotations

import pytest

from secplan import remote
from secplan.errors import ConfigError


@pytest.mark.parametrize(
    "url", ["http://secplan.example.org", "http://10.0.0.5:8080", "http://127.0.0.1.evil.test"]
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="plain HTTP"):
        remote.call("GET", url, "/api/v1/whoami", token="spt_0123456789abcdef_secret")


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8443", "http://localhost:1/", "http://[::1]:8080", "https://a.b"]
)
def test_loopback_and_https_are_accepted(url: str) -> None:
    assert remote.base_url(url) == url.rstrip("/")
