"""Ingest throughput: a folder of ACLED train notes (written to a temporary folder, never
into the repository) ingested into SQLite and, when a URL is given, PostgreSQL.

    python bench/ingest_throughput.py [--limit 3000] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

Prints documents/s for the whole `sitrep ingest` job (read, extract, store, fuse) and for
a second run over the same folder (everything already stored).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from pathlib import Path

from sitrep.ingest.run import ingest
from sitrep.store import Store

ROOT = Path(__file__).resolve().parents[1]


def scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT.parent / "shared" / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_folder(folder: Path, limit: int) -> int:
    score = scorer()
    rows = list(score.read_jsonl(str(ROOT.parent / "shared" / "data" / "acled" / "train.jsonl.gz")))[:limit]
    per_file = 500
    for start in range(0, len(rows), per_file):
        with open(folder / f"part-{start // per_file:03d}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows[start:start + per_file]:
                fh.write(json.dumps(score.to_doc(row), ensure_ascii=False) + "\n")
    return len(rows)


def run(url: str, folder: Path, n: int, label: str) -> None:
    store = Store(url)
    t0 = time.perf_counter()
    stats = ingest([str(folder)], store)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = ingest([str(folder)], store)
    second = time.perf_counter() - t0
    print(f"{label:<11} {n:>6} docs  first run {first:7.1f} s  {n / first:7.0f} docs/s  "
          f"({stats.added} added, {stats.incidents} incidents)   "
          f"second run {second:6.1f} s  {n / second:7.0f} docs/s ({again.added} added)")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--pg", help="a PostgreSQL URL; its sitrep tables are created if missing")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        n = write_folder(folder, a.limit)
        run(f"sqlite:///{Path(tmp) / 'bench.db'}", folder, n, "SQLite")
        if a.pg:
            run(a.pg, folder, n, "PostgreSQL")


if __name__ == "__main__":
    main()
