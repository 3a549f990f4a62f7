"""An incident opened and closed in a real headless Chromium, through the server's own pages:
log in, open an incident from the project's page, see its playbook and the GDPR clock,
complete a step, close it, and read its history. (Chromium sends ``Origin: null`` with a form
under ``Referrer-Policy: no-referrer``, which the server's origin check refused: every form
posted from a real browser failed until the policy became ``same-origin``.)"""

from __future__ import annotations

from typing import Any

from tests.integration.server.conftest import PASSWORD, Server
from tests.integration.test_html_browser import browser  # noqa: F401 (a fixture)


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _submit(d: Any, button: Any) -> None:
    """Click a form's button (or a link) and wait until the page it loads is complete."""
    from selenium.webdriver.support.ui import WebDriverWait

    d.execute_script("window.secplanOld = true")
    button.click()
    WebDriverWait(d, 60).until(
        lambda d: d.execute_script(
            "return window.secplanOld === undefined && document.readyState === 'complete'"
        )
    )


def test_an_incident_is_opened_and_closed_in_the_browser(server: Server, browser: Any) -> None:  # noqa: F811
    from selenium.webdriver.support.ui import Select

    d = browser
    d.delete_all_cookies()
    d.get(server.url + "/login")
    d.find_element(_by("NAME"), "name").send_keys("alice")  # ml-engineer on alpha
    d.find_element(_by("NAME"), "password").send_keys(PASSWORD)
    _submit(d, d.find_element(_by("CSS_SELECTOR"), "form[action='/login'] button"))
    assert d.current_url.endswith("/projects"), d.page_source

    d.get(server.url + "/projects/alpha")
    _submit(d, d.find_element(_by("LINK_TEXT"), "Incidents"))
    assert d.current_url.endswith("/projects/alpha/incidents")
    form = d.find_element(_by("CSS_SELECTOR"), "form[action='/projects/alpha/incidents']")
    form.find_element(_by("NAME"), "title").send_keys("customer emails in completions")
    Select(form.find_element(_by("NAME"), "kind")).select_by_visible_text("pii-leak")
    form.find_element(_by("NAME"), "personal_data").click()
    _submit(d, form.find_element(_by("CSS_SELECTOR"), "button[type=submit]"))

    assert "/projects/alpha/incidents/" in d.current_url, d.page_source
    steps = d.find_elements(_by("CSS_SELECTOR"), "table")[1].text
    assert "Switch on output filtering" in steps and "GDPR Art. 33(1)" in steps
    _submit(d, d.find_element(_by("CSS_SELECTOR"), "button[name=do][value=step]"))
    assert "by alice" in d.find_elements(_by("CSS_SELECTOR"), "table")[1].text
    d.find_element(_by("NAME"), "note").send_keys("filter on; source removed")
    _submit(d, d.find_element(_by("CSS_SELECTOR"), "button[name=do][value=close]"))

    state = d.find_element(_by("XPATH"), "//th[text()='State']/following-sibling::td").text
    assert state.startswith("closed")
    history = d.find_element(_by("TAG_NAME"), "ul").text
    for action in ("incident:opened", "incident:step-done", "incident:closed"):
        assert action in history
    assert not d.find_elements(_by("CSS_SELECTOR"), "button[name=do]")  # nothing left to do
