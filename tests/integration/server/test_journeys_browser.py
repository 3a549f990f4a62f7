"""The server's main journeys in a real headless Chromium, through its pages alone: a new
account's first login and second-factor enrolment; a project's posture and its trend; an
exception requested by an engineer, approved by a security officer with a second factor, and
exported as a signed waiver that a scan then honours."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.integration.cli.test_scan_cli import scan_json
from tests.integration.server.conftest import PASSWORD, Server
from tests.integration.server.test_server import _check_signed
from tests.integration.test_html_browser import browser  # noqa: F401 (a fixture)


def _submit(driver: Any, button: Any) -> None:
    """Click ``button`` and wait for the page it posts to: a new document (the mark set on
    this one is gone), completely loaded."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.__before_submit = true")
    button.click()

    def loaded(d: Any) -> bool:
        return bool(
            d.execute_script(
                "return window.__before_submit === undefined && document.readyState === 'complete'"
            )
        )

    WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,)).until(loaded)


def _log_in(driver: Any, srv: Server, name: str, code: str | None = None) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(srv.url + "/login")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    if code:
        driver.find_element(By.NAME, "code").send_keys(code)
    _submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


@pytest.mark.browser
def test_first_login_and_second_factor(server: Server, browser: Any) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    r = server.api("root", "POST", "/api/v1/users", json={"name": "nina", "password": PASSWORD})
    assert r.status_code == 200, r.text
    driver = browser
    _log_in(driver, server, "nina")
    assert driver.current_url.endswith("/projects")
    assert "No project you can read." in driver.find_element(By.TAG_NAME, "main").text
    driver.get(server.url + "/me")
    assert "has no second factor" in driver.page_source
    _submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/me/mfa/enroll'] button"))
    secret = re.search(r"<code>([A-Z2-7]{16,})</code>", driver.page_source)
    assert secret, driver.page_source[:2000]
    totp = pyotp.TOTP(secret[1])
    confirm = "form[action='/me/mfa/confirm']"
    driver.find_element(By.CSS_SELECTOR, f"{confirm} input[name=code]").send_keys(totp.now())
    _submit(driver, driver.find_element(By.CSS_SELECTOR, f"{confirm} button"))
    assert "Second factor enabled" in driver.page_source, driver.page_source[-1500:]
    # from now on the password alone opens nothing; with the next code it does
    _log_in(driver, server, "nina")
    assert "/login" in driver.current_url
    _log_in(driver, server, "nina", totp.at(time.time() + totp.interval))
    driver.get(server.url + "/me")
    assert "was opened with a one-time code" in driver.page_source


@pytest.mark.browser
def test_posture_then_an_exception_requested_approved_and_applied(
    server: Server,
    browser: Any,  # noqa: F811
    demo_project: Path,
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    report = scan_json(demo_project)
    for _ in range(2):  # two assessments: a trend to draw
        r = server.api("alice", "POST", "/api/v1/projects/alpha/assessments", json=report)
        assert r.status_code == 200, r.text
    driver = browser
    _log_in(driver, server, "alice")
    driver.get(server.url + "/projects/alpha")
    assert driver.find_element(By.CSS_SELECTOR, "#trend svg polyline.trend-fail")
    cells = driver.find_elements(By.CSS_SELECTOR, "td.fail")
    assert cells, "the demo project fails some controls"
    # the engineer asks to waive one failing rule
    failing = next(f for f in report["findings"] if f["severity"] in ("high", "critical"))
    driver.get(server.url + "/projects/alpha/exceptions")
    driver.find_element(By.NAME, "target").send_keys(failing["rule"])
    driver.find_element(By.NAME, "justification").send_keys("replaced in the next release")
    Select(driver.find_element(By.NAME, "risk")).select_by_visible_text("medium")
    driver.find_element(By.NAME, "mitigations").send_keys("network isolated")
    later = (dt.date.today() + dt.timedelta(days=60)).strftime("%m%d%Y")
    driver.find_element(By.NAME, "expires").send_keys(later)
    _submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/exceptions'] button"))
    row = driver.find_element(By.XPATH, f"//tr[td[2][text()='{failing['rule']}']]")
    wid = row.find_element(By.XPATH, "td[1]").text
    assert "pending" in row.text
    # the requester is offered no decision on her own request
    assert not row.find_elements(By.CSS_SELECTOR, "button[value=approve]")
    # the security officer approves it with a second factor
    # (his session was opened with his second factor through the API: the form's own
    # login with a one-time code is the first journey)
    driver.delete_all_cookies()
    driver.add_cookie({"name": "secplan_session", "value": server.tokens["bob"], "path": "/"})
    driver.get(server.url + "/projects/alpha/exceptions")
    row = driver.find_element(By.XPATH, f"//tr[td[1][text()='{wid}']]")
    row.find_element(By.NAME, "note").send_keys("reviewed in the risk meeting")
    _submit(driver, row.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    row = driver.find_element(By.XPATH, f"//tr[td[1][text()='{wid}']]")
    assert "approved by bob" in row.text
    # applied: exported as a signed waiver, the project's next scan counts it
    got = server.api("alice", "GET", "/api/v1/projects/alpha/exceptions-export").json()
    (f,) = [f for f in got["files"] if f["name"] == f"{wid}.toml"]
    assert _check_signed(tmp_path, f, got["public_key"], "alpha") == "active"
