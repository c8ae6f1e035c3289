"""How sitrep's event fatalities compare with ACLED's coded figure, split by whether
ACLED coded any deaths (a script that prints figures, not a test).

    python3 ../shared/eval/score.py docs ../shared/data/acled/dev.jsonl.gz > docs.jsonl
    sitrep extract docs.jsonl -o pred.jsonl
    python bench/fatalities_breakdown.py ../shared/data/acled/dev.jsonl.gz pred.jsonl
"""
from __future__ import annotations

import gzip
import json
import sys


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(dataset: str, predictions: str) -> None:
    pred = {p["id"]: p for p in read_jsonl(predictions)}
    rows = {"zero": [0, 0], "non-zero": [0, 0]}
    for row in read_jsonl(dataset):
        gold = int(row["fatalities"])
        events = (pred.get(f"acled-{row['event_id_cnty']}") or {}).get("events") or []
        got = sum(e.get("fatalities") or 0 for e in events)
        bucket = rows["zero" if gold == 0 else "non-zero"]
        bucket[0] += 1
        bucket[1] += got == gold
    total = sum(n for n, _ in rows.values())
    print(f"{'ACLED fatalities':<18}{'rows':>7}{'exact':>8}")
    for name, (n, hits) in rows.items():
        print(f"{name:<18}{n:>7}{hits / n if n else 0:>8.3f}")
    print(f"{'all':<18}{total:>7}{sum(h for _, h in rows.values()) / total:>8.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
