"""The dashboard in a real headless Chromium (Debian's chromium and chromedriver, driven by
Selenium) against `sitrep serve`'s app on a local port: the map draws countries and
incidents, the panels fill, the incident page highlights evidence, and no script from a
report runs. Screenshots go to $SITREP_SCREENSHOTS (default: the test's temporary folder).

Skipped when chromium, chromedriver or the npm assets are missing, unless
SITREP_REQUIRE_BROWSER=1 (set by .ci/run once it has installed them), which makes that a failure."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from test_dashboard import BANNU, EVIL, NODE_MODULES, TURBAT

from sitrep.api import dashboard
from sitrep.api.app import create_app
from sitrep.api.keys import create_key
from sitrep.store import Store

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = [what for what, ok in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER),
                                 ("npm assets", not dashboard.assets_missing(NODE_MODULES))) if not ok]
if MISSING:
    if os.environ.get("SITREP_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"browser tests required but missing: {', '.join(MISSING)}")
    pytest.skip(f"no browser tests: missing {', '.join(MISSING)}", allow_module_level=True)

WAIT = 20  # seconds; a cold Chromium on a 2-core machine is slow to start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A filled store served on a local port; yields (base URL, incident keys by report, API key)."""
    db = tmp_path_factory.mktemp("browser") / "dash.db"
    with Store(f"sqlite:///{db}") as store:
        app = create_app(store, assets_dir=str(NODE_MODULES))
        key = create_key(store, "amina")
        client = TestClient(app)
        keys = {}
        for doc in ({"id": "turbat-1", "text": TURBAT, "published": "2026-01-13", "source": "Dawn"},
                    {"id": "bannu-1", "text": BANNU, "published": "2026-01-14", "source": "Geo"},
                    {"id": "evil-1", "text": EVIL, "published": "2026-01-22", "source": "<b>Evil</b> Times",
                     "title": "<script>alert(4)</script>"}):
            response = client.post("/api/reports", json=doc, headers={"X-API-Key": key})
            assert response.status_code == 201, response.text
            keys[doc["id"]] = response.json()["incident_ids"][0]
        port = _free_port()
        uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=uv.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + WAIT
        while not uv.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", keys, key
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("SITREP_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _no_alert(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018: raises when no script opened an alert


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _count(driver, css: str) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, css))


def test_dashboard_draws_map_panels_and_list(server, browser, shots):
    base, _, _ = server
    browser.get(base + "/")
    wait = WebDriverWait(browser, WAIT)
    wait.until(lambda d: _count(d, "#incidents tbody tr") == 3)
    # country outlines from world-atlas plus one circle per incident, all SVG in Leaflet's pane
    wait.until(lambda d: _count(d, ".leaflet-overlay-pane path") >= 100)  # countries
    wait.until(lambda d: d.find_element(By.ID, "map").get_attribute("data-drawn") == "3")  # circles
    assert _count(browser, ".leaflet-incidents-pane canvas") == 1
    wait.until(lambda d: _count(d, ".leaflet-provinces-pane canvas") == 1)  # province lines
    wait.until(lambda d: _count(d, ".leaflet-zoom-anim") == 0)  # the zoom to the incidents is over
    wait.until(lambda d: _count(d, "#summary tbody tr") >= 1 and _count(d, "#timeline svg") == 1)
    browser.save_screenshot(str(shots / "dashboard.png"))
    assert "Turbat" in browser.find_element(By.ID, "incidents").text
    assert browser.find_element(By.ID, "legend").text.strip()
    _no_alert(browser)
    assert _errors(browser) == []  # no CSP refusals, no failed loads, no script errors


def test_filters_narrow_the_list(server, browser):
    base, _, _ = server
    browser.get(base + "/")
    wait = WebDriverWait(browser, WAIT)
    wait.until(lambda d: _count(d, "#incidents tbody tr") == 3)
    browser.find_element(By.CSS_SELECTOR, "#filters input[name=actor]").send_keys("Baloch")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait.until(lambda d: 0 < _count(d, "#incidents tbody tr") < 3)
    assert "Bannu" not in browser.find_element(By.ID, "incidents").text


def test_incident_page_highlights_evidence_and_runs_no_report_script(server, browser, shots):
    base, keys, _ = server
    browser.get(f"{base}/incidents/{keys['evil-1']}")
    WebDriverWait(browser, WAIT).until(lambda d: _count(d, "mark.evidence") >= 1)
    browser.save_screenshot(str(shots / "incident.png"))
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>alert(1)</script>" in body  # shown as text, not run
    assert "<img src=x onerror=alert(2)>" in body
    assert _count(browser, "img[src='x']") == 0 and _count(browser, "body script:not([src])") == 0
    _no_alert(browser)
    assert _errors(browser) == []


def test_correction_form_needs_a_key_and_changes_the_figure(server, browser, shots):
    base, keys, api_key = server
    browser.get(f"{base}/incidents/{keys['turbat-1']}")
    form = browser.find_element(By.ID, "correction")
    result = browser.find_element(By.ID, "correction-result")
    form.find_element(By.NAME, "field").send_keys("fatalities")
    form.find_element(By.NAME, "value").send_keys("5")
    form.find_element(By.NAME, "key").send_keys("sitrep_wrong_key")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, WAIT).until(lambda d: "Refused (403)" in result.text)
    key_box = form.find_element(By.NAME, "key")
    key_box.clear()
    key_box.send_keys(api_key)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, WAIT).until(lambda d: "Recorded correction" in result.text)
    assert "→ 5" in result.text
    browser.save_screenshot(str(shots / "correction.png"))
    browser.refresh()
    assert "5 killed" in browser.find_element(By.TAG_NAME, "body").text  # the event's corrected toll
