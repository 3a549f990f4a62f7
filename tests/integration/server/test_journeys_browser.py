"""The server's main journeys in a real headless Chromium, through its pages alone: a new
account's first login and second-factor enrolment; a project's posture and its trend; an
exception requested by an engineer, approved by a security officer with a second factor, and
exported as a signed waiver that a scan then honours; the organisation's, an incident's and a
register's pages as their readers see them.

With ``SECPLAN_SCREENSHOTS=DIR`` the run saves the main pages, in a 1400 x 1100 window, as
``DIR/organisation.png``, ``project-posture.png``, ``exception-approval.png``,
``incident.png`` and ``third-party-register.png`` (the screenshots in docs/images/ come from
such a run)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.integration.cli.test_scan_cli import scan_json
from tests.integration.server.conftest import PASSWORD, Server
from tests.integration.server.test_server import _check_signed
from tests.integration.test_html_browser import browser  # noqa: F401 (a fixture)

#: Read before the autouse fixture clears SECPLAN_* variables.
SCREENSHOTS = os.environ.get("SECPLAN_SCREENSHOTS")


def _shot(driver: Any, name: str) -> None:
    """Save the window as ``SECPLAN_SCREENSHOTS/NAME.png`` when that variable is set."""
    if not SCREENSHOTS:
        return
    driver.set_window_size(1400, 1100)
    driver.execute_script("window.scrollTo(0, 0)")
    Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(Path(SCREENSHOTS) / f"{name}.png"))


def _as(driver: Any, srv: Server, who: str) -> None:
    """Browse with ``who``'s session (opened through the API, with a second factor if the
    account has one: the form's own login with a one-time code is the first journey)."""
    driver.delete_all_cookies()
    driver.get(srv.url + "/login")
    driver.add_cookie({"name": "secplan_session", "value": srv.tokens[who], "path": "/"})


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


def _with_fixes(demo: Path, dest: Path) -> Path:
    """A copy of the demo project with some of its findings fixed: the container's user and
    health check, the customer dataset's retention period and file mode."""
    shutil.copytree(demo, dest)
    health = "urllib.request.urlopen('http://127.0.0.1:8000/health')"
    docker = dest / "Dockerfile"
    docker.write_text(
        docker.read_text().replace(
            "EXPOSE 8000",
            f'RUN useradd --create-home app\nUSER app\nHEALTHCHECK CMD python -c "import '
            f'urllib.request; {health}"\nEXPOSE 8000',
        )
    )
    record = dest / ".secplan" / "datasets" / "customers.toml"
    record.write_text(record.read_text() + "retention_until = 2027-12-31\n")
    (dest / "data" / "customers.csv").chmod(0o600)
    return dest


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
    fixed = scan_json(_with_fixes(demo_project, tmp_path / "demo-fixed"))
    for doc in (report, fixed):  # two assessments: a trend to draw, findings fixed between
        r = server.api("alice", "POST", "/api/v1/projects/alpha/assessments", json=doc)
        assert r.status_code == 200, r.text
    driver = browser
    _log_in(driver, server, "alice")
    driver.get(server.url + "/projects/alpha")
    assert driver.find_element(By.CSS_SELECTOR, "#trend svg polyline.trend-fail")
    cells = driver.find_elements(By.CSS_SELECTOR, "td.fail")
    assert cells, "the demo project fails some controls"
    _shot(driver, "project-posture")
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
    _as(driver, server, "bob")
    driver.get(server.url + "/projects/alpha/exceptions")
    row = driver.find_element(By.XPATH, f"//tr[td[1][text()='{wid}']]")
    row.find_element(By.NAME, "note").send_keys("reviewed in the risk meeting")
    _shot(driver, "exception-approval")
    _submit(driver, row.find_element(By.CSS_SELECTOR, "button[value=approve]"))
    row = driver.find_element(By.XPATH, f"//tr[td[1][text()='{wid}']]")
    assert "approved by bob" in row.text
    # applied: exported as a signed waiver, the project's next scan counts it
    got = server.api("alice", "GET", "/api/v1/projects/alpha/exceptions-export").json()
    (f,) = [f for f in got["files"] if f["name"] == f"{wid}.toml"]
    assert _check_signed(tmp_path, f, got["public_key"], "alpha") == "active"


def _project_with_a_pickled_model(root: Path) -> Path:
    root.mkdir()
    (root / "requirements.txt").write_text("torch==2.6.0\nfastapi\n")
    (root / "serve.py").write_text(
        "import pickle\n\nmodel = pickle.load(open('model.pkl', 'rb'))\n"
    )
    return root


@pytest.mark.browser
def test_the_organisation_an_incident_and_a_register(
    server: Server,
    browser: Any,  # noqa: F811
    demo_project: Path,
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By

    from secplan.bom import records_payload, render_bom

    demo = scan_json(demo_project)
    small = scan_json(_project_with_a_pickled_model(tmp_path / "support-bot"))
    for name, report in (("churn-prediction", demo), ("support-bot", small)):
        assert server.api("root", "POST", "/api/v1/projects", json={"name": name}).is_success
        r = server.api("root", "POST", f"/api/v1/projects/{name}/assessments", json=report)
        assert r.status_code == 200, r.text
    driver = browser
    _as(driver, server, "root")
    driver.get(server.url + "/projects")
    table = driver.find_element(By.TAG_NAME, "table").text
    assert "churn-prediction" in table and "support-bot" in table
    assert driver.find_elements(By.CSS_SELECTOR, "td.fail")
    _shot(driver, "organisation")

    # an incident with its playbook and the GDPR clock, one step done
    aware = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=30)).isoformat()
    body = {"title": "customer emails in completions", "kind": "pii-leak", "severity": "high"}
    body |= {"personal_data": True, "aware": aware}
    body["summary"] = "The support assistant repeated a customer's e-mail address to another."
    r = server.api("alice", "POST", "/api/v1/projects/alpha/incidents", json=body)
    assert r.status_code == 200, r.text
    incident = r.json()
    first = incident["steps"][0]["id"]
    done = f"/api/v1/projects/alpha/incidents/{incident['id']}/steps/{first}/done"
    r = server.api("alice", "POST", done, json={"note": "output filter switched on"})
    assert r.status_code == 200, r.text
    _as(driver, server, "alice")
    driver.get(f"{server.url}/projects/alpha/incidents/{incident['id']}")
    steps = driver.find_element(By.TAG_NAME, "main").text
    assert "GDPR Art. 33(1)" in steps and "by alice" in steps
    _shot(driver, "incident")

    # the third-party register, fed from the BOM and the model and dataset records of the
    # demo project (with records for its two models), and by hand
    project = shutil.copytree(demo_project, tmp_path / "demo-recorded")
    models = project / ".secplan" / "models"
    models.mkdir()
    (models / "sentiment-encoder.toml").write_text(
        'path = "models/downloaded/sentiment-encoder.bin"\n'
        'source = "hf://distilbert/distilbert-base-uncased-finetuned-sst-2-english"\n'
        'revision = "714eb0f"\nlicence = "Apache-2.0"\nowner = "ml-team@example.com"\n'
    )
    (models / "churn.toml").write_text(
        'path = "models/churn.pkl"\nsource = "internal training pipeline"\n'
        'revision = "3f2a9c1"\nlicence = "proprietary"\nowner = "ml-team@example.com"\n'
    )
    bom = render_bom(project)
    records = records_payload(project, bom)
    api = "/api/v1/projects/alpha/third-parties"
    assert server.api("alice", "POST", f"{api}/bom", content=bom).status_code == 200
    r = server.api("alice", "POST", f"{api}/records", json=records)
    assert r.status_code == 200, r.text
    vendor = {"kind": "vendor", "name": "Acme Labelling", "notes": "labels the support tickets"}
    assert server.api("alice", "POST", api, json=vendor).status_code == 200
    driver.get(server.url + "/projects/alpha/third-parties")
    rows = {
        tr.find_element(By.XPATH, "td[2]").text: tr.text
        for tr in driver.find_elements(By.XPATH, "//table//tr[td]")
    }
    encoder = rows["models/downloaded/sentiment-encoder.bin"]
    assert "pkg:huggingface/distilbert/distilbert-base-uncased" in encoder
    assert "Apache-2.0" in encoder and encoder.endswith("ok")
    assert "CRM nightly export" in rows["data/customers.csv"], json.dumps(records)[:2000]
    _shot(driver, "third-party-register")
