"""Dashboard load time over a large SQLite store: the page and the four API calls its script
makes on load (points, summary, aggregates by day, the first 100 incidents), timed through the
ASGI app in-process (no network, so this is server time, not browser rendering).

    python bench/dashboard_load.py [--db /tmp/sitrep-10k.db] [--limit 12767] [--repeat 3] [--browser]

With --browser, also the whole load in headless Chromium (Selenium and Debian's chromium and
chromedriver, as tests/test_browser.py) against a real server started warm, as `sitrep serve`
does: from navigation until the list is filled and every incident circle is drawn.

The store is filled once from ACLED train notes (`sitrep ingest`, written to a temporary folder,
never into the repository) and reused on later runs when --db names an existing file. The
issue's goal: the incidents page loads in under a second with 10,000 incidents.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from ingest_throughput import write_folder

from sitrep.api.app import create_app
from sitrep.ingest.run import ingest
from sitrep.query import incident_rows
from sitrep.store import Store

PAGE_CALLS = ["/", "/api/points?", "/api/summary?", "/api/aggregates?by=day", "/api/incidents?limit=100"]


def fill(store: Store, limit: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = write_folder(folder, limit)
        t0 = time.perf_counter()
        stats = ingest([str(folder)], store)
        print(f"filled: {n} notes, {stats.added} reports, {stats.incidents} incidents "
              f"in {time.perf_counter() - t0:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/sitrep-dashboard-bench.db")
    ap.add_argument("--limit", type=int, default=12767, help="ACLED train notes to ingest when filling")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    a = ap.parse_args()
    store = Store(f"sqlite:///{a.db}")
    if not store.counts().get("reports"):
        fill(store, a.limit)
    print(f"store: {store.counts()}; incidents as listed: {len(incident_rows(store))}")
    client = TestClient(create_app(store))
    for round_ in range(1, a.repeat + 1):
        total = 0.0
        parts = []
        for path in PAGE_CALLS:
            t0 = time.perf_counter()
            response = client.get(path)
            took = time.perf_counter() - t0
            response.raise_for_status()
            total += took
            parts.append(f"{path.split('?')[0]} {took * 1000:.0f} ms")
        print(f"round {round_}: page load {total:.2f} s  ({'; '.join(parts)})")
    if a.browser:
        in_browser(store, a.repeat)
    store.close()


def in_browser(store: Store, repeat: int) -> None:
    import shutil
    import socket
    import threading

    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store, warm=True), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    t0 = time.perf_counter()
    for thread in threading.enumerate():
        if thread.name == "sitrep-warm":
            thread.join()
    print(f"server warm-up (incident rows built in the background at start): {time.perf_counter() - t0:.1f} s")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(shutil.which("chromedriver")))
    n = len(incident_rows(store))
    try:
        for round_ in range(1, repeat + 1):
            t0 = time.perf_counter()
            driver.get(f"http://127.0.0.1:{port}/")
            wait = WebDriverWait(driver, 120, poll_frequency=0.02)
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#incidents tbody tr"))
            listed = time.perf_counter() - t0
            wait.until(lambda d: d.find_element(By.ID, "map").get_attribute("data-drawn"))
            drawn = time.perf_counter() - t0
            circles = driver.find_element(By.ID, "map").get_attribute("data-drawn")
            print(f"browser round {round_}: list shown {listed:.2f} s, {circles} of {n} incident circles "
                  f"drawn {drawn:.2f} s")
    finally:
        driver.quit()
        server.should_exit = True


if __name__ == "__main__":
    main()
