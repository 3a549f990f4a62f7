"""The HTML report in a real headless Chromium: it renders offline and its filters work."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from secplan.report import render_html
from tests.conftest import require_tool
from tests.helpers import scan

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    chromium = CHROMIUM or require_tool("chromium")
    chromedriver = require_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ):
        options.add_argument(flag)
    # a fresh profile inside the test's temporary directory, removed with it
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _visible(driver: object) -> list[object]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "tr.finding")  # type: ignore[attr-defined]
    return [r for r in rows if r.is_displayed()]


def test_report_renders_and_filters(browser: object, demo_project: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = tmp_path / "report.html"
    a = scan(demo_project)
    page.write_text(render_html(a), encoding="utf-8")
    driver = browser
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    total = len(a.report.findings)
    assert len(_visible(driver)) == total
    controls = driver.find_elements(By.CSS_SELECTOR, "#controls tbody tr")  # type: ignore[attr-defined]
    assert len(controls) == 30

    medium = sum(1 for f in a.report.findings if f.severity.label == "medium")
    driver.find_element(By.CSS_SELECTOR, "input.f-sev[value=medium]").click()  # type: ignore[attr-defined]
    assert len(_visible(driver)) == total - medium
    count = driver.find_element(By.ID, "f-count").text  # type: ignore[attr-defined]
    assert count == f"{total - medium} of {total} shown"
    driver.find_element(By.CSS_SELECTOR, "input.f-sev[value=medium]").click()  # type: ignore[attr-defined]

    Select(driver.find_element(By.ID, "f-control")).select_by_value("MS1")  # type: ignore[attr-defined]
    ms1 = [f for f in a.report.findings if "MS1" in f.controls]
    assert len(_visible(driver)) == len(ms1) >= 1
    Select(driver.find_element(By.ID, "f-control")).select_by_value("")  # type: ignore[attr-defined]

    driver.find_element(By.ID, "f-path").send_keys("requirements")  # type: ignore[attr-defined]
    assert len(_visible(driver)) == sum(
        1 for f in a.report.findings if "requirements" in f.location.path
    )


def test_report_escapes_hostile_text(browser: object, tmp_path: Path) -> None:
    from tests.helpers import write

    project = tmp_path / "p"
    write(project, "requirements.txt", "numpy\n")
    write(project, "<img src=x onerror=alert(1)>.csv", "a,b\n1,2\n3,4\n5,6\n")
    page = tmp_path / "r.html"
    page.write_text(render_html(scan(project)), encoding="utf-8")
    assert "<img src=x" not in page.read_text()
    driver = browser
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    from selenium.webdriver.common.by import By

    assert driver.find_elements(By.CSS_SELECTOR, "td img") == []  # type: ignore[attr-defined]


def test_report_stands_alone_as_audit_evidence(browser: object, tmp_path: Path) -> None:
    """The header's waived count is the posture's; evidence records with their files, hashes
    and dates, the scanned commit, the actor and each control's crosswalk are on the page."""
    import hashlib

    from selenium.webdriver.common.by import By

    from tests.helpers import sign_waivers, write

    sha = "0123456789abcdef0123456789abcdef01234567"
    project = tmp_path / "p"
    write(
        project,
        ".secplan/evidence/training.toml",
        'control = "HS1"\ntitle = "Awareness training 2026"\nowner = "carol@example.com"\n'
        'date = 2026-03-02\nexpires = 2027-03-02\nfile = "docs/training.md"\n',
    )
    write(
        project,
        ".secplan/waivers/screening.toml",
        'control = "HS2"\njustification = "Contractors screened by their agency."\n'
        'risk = "low"\nrequester = "dev@example.com"\napprover = "carol@example.com"\n'
        "approved = 2026-07-15\nexpires = 2027-07-14\n",
    )
    sign_waivers(project, "carol@example.com")
    write(project, "docs/training.md", "# Attendance\n")
    write(project, ".git/HEAD", "ref: refs/heads/main\n")
    write(project, ".git/refs/heads/main", sha + "\n")
    a = scan(project)
    waived = sum(1 for c in a.posture.controls if c.status.value == "waived")
    assert waived == 1
    page = tmp_path / "r.html"
    page.write_text(render_html(a), encoding="utf-8")
    driver = browser
    driver.get(page.as_uri())  # type: ignore[attr-defined]

    def text(css: str) -> str:
        return str(driver.find_element(By.CSS_SELECTOR, css).text)  # type: ignore[attr-defined]

    header = text("header")
    assert f"{waived} control waived" in header and "0 findings waived" in header
    assert sha in header and "main" in header and a.report.run.actor in header
    rows = driver.find_elements(By.CSS_SELECTOR, "#evidence tbody tr")  # type: ignore[attr-defined]
    assert len(rows) == 1
    row = rows[0].text
    digest = hashlib.sha256((project / "docs/training.md").read_bytes()).hexdigest()
    record = hashlib.sha256((project / ".secplan/evidence/training.toml").read_bytes()).hexdigest()
    for value in ("HS1", "2026-03-02", "2027-03-02", "docs/training.md", digest, record):
        assert value in row, value
    waivers = text("#waivers tbody")
    assert "screening" in waivers and "active" in waivers and "2027-07-14" in waivers
    crosswalk = driver.find_elements(By.CSS_SELECTOR, "#controls td.crosswalk")  # type: ignore[attr-defined]
    assert len(crosswalk) == 30
    assert "ML05" in text("#control-DS1 td.crosswalk")
