"""Dashboard load time over a large SQLite store: the page and the four API calls its script
makes on load (points, summary, aggregates by day, the first 100 incidents), timed through the
ASGI app in-process (no network, so this is server time, not browser rendering).

    python bench/dashboard_load.py [--db /tmp/sitrep-10k.db] [--limit 12767] [--repeat 3]

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
    store.close()


if __name__ == "__main__":
    main()
