"""A framework report in a real headless Chromium, as an auditor's contact reaches it: log in
with the form, open the project, its framework reports, one report, and export it as PDF.

With ``SECPLAN_SCREENSHOTS=DIR`` the run saves the report page as ``DIR/framework-report.png``
(the screenshot in docs/images/ comes from such a run)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import require_weasyprint
from tests.integration.cli.test_scan_cli import scan_json
from tests.integration.server.conftest import Server
from tests.integration.server.test_journeys_browser import _log_in, _submit
from tests.integration.test_html_browser import browser  # noqa: F401 (a fixture)

#: Read before the autouse fixture clears SECPLAN_* variables.
SCREENSHOTS = os.environ.get("SECPLAN_SCREENSHOTS")


@pytest.mark.browser
def test_a_viewer_opens_and_exports_a_framework_report(
    server: Server,
    browser: object,  # noqa: F811 (the fixture imported above)
    demo_project: Path,
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By

    require_weasyprint()
    r = server.api(
        "root", "POST", "/api/v1/projects/beta/assessments", json=scan_json(demo_project)
    )
    assert r.status_code == 200, r.text
    driver = browser
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    # Wait for the login to finish: opening the project before the session cookie is set
    # lands on the login page.
    _log_in(driver, server, "eve")
    driver.get(server.url + "/projects/beta")  # type: ignore[attr-defined]
    _submit(driver, driver.find_element(By.ID, "frameworks"))  # type: ignore[attr-defined]
    rows = driver.find_elements(By.CSS_SELECTOR, "#frameworks tr")  # type: ignore[attr-defined]
    assert len(rows) == 1 + 9  # a header and the nine frameworks
    eu = "EU Artificial Intelligence Act, Regulation (EU) 2024/1689"
    _submit(driver, driver.find_element(By.LINK_TEXT, eu))  # type: ignore[attr-defined]
    assert driver.current_url.endswith("/projects/beta/frameworks/eu_ai_act")  # type: ignore[attr-defined]
    items = driver.find_elements(By.CSS_SELECTOR, "#items tr")  # type: ignore[attr-defined]
    assert len(items) > 10
    text = driver.find_element(By.ID, "items").text  # type: ignore[attr-defined]
    assert "Art. 15(5)" in text and "fail" in text
    if SCREENSHOTS:
        driver.set_window_size(1400, 1100)  # type: ignore[attr-defined]
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(SCREENSHOTS) / "framework-report.png"))  # type: ignore[attr-defined]

    driver.find_element(By.ID, "export-pdf").click()  # type: ignore[attr-defined]
    pdf = downloads / "beta-eu_ai_act.pdf"
    deadline = time.monotonic() + 60
    while not pdf.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert pdf.read_bytes().startswith(b"%PDF-")
