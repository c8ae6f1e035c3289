#!/usr/bin/env python3
"""Confusion between ACLED event types (and the worst sub-event confusions) from a predictions file.

    python3 ../shared/eval/score.py docs ../shared/data/acled/dev.jsonl.gz > /tmp/docs.jsonl
    sitrep extract /tmp/docs.jsonl -o /tmp/pred.jsonl
    python bench/type_confusion.py ../shared/data/acled/dev.jsonl.gz /tmp/pred.jsonl

Rows are the gold event type, columns the predicted one, for each document's primary event
(the one with most fatalities, as the scorer picks it), then the errors by how many events the
document got (none: the events stage found nothing to type; several: the note was split and the
primary event may be typed from a part of it). Not a test: it prints.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json

SHORT = {"Battles": "Battles", "Explosions/Remote violence": "Expl/Remote", "Violence against civilians": "VAC",
         "Protests": "Protests", "Riots": "Riots", "Strategic developments": "Strategic", None: "(none)"}


def read_jsonl(path: str) -> list[dict]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def primary(events: list[dict]) -> dict | None:
    if not events:
        return None
    return max(enumerate(events), key=lambda ie: ((ie[1].get("fatalities") or 0), -ie[0]))[1]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", help="ACLED rows (jsonl or jsonl.gz)")
    ap.add_argument("pred", help="sitrep extract output")
    ap.add_argument("--top", type=int, default=15, help="how many sub-event confusions to list")
    args = ap.parse_args(argv)
    preds = {row["id"]: row for row in read_jsonl(args.pred)}
    pairs, subs, by_count = [], collections.Counter(), collections.Counter()
    for row in read_jsonl(args.gold):
        events = (preds.get(f"acled-{row['event_id_cnty']}") or {}).get("events") or []
        ev = primary(events) or {}
        pairs.append((row["event_type"], ev.get("event_type")))
        by_count[("none" if not events else "one" if len(events) == 1 else "several",
                  row["event_type"] == ev.get("event_type"))] += 1
        if row["sub_event_type"] != ev.get("sub_event_type"):
            subs[(row["sub_event_type"], ev.get("sub_event_type"))] += 1
    counts = collections.Counter(pairs)
    gold_labels = [t for t in SHORT if t and any(g == t for g, _ in pairs)]
    cols = gold_labels + ([None] if any(p is None for _, p in pairs) else [])
    width = max(len(SHORT[c]) for c in cols) + 1
    print("gold \\ predicted".ljust(14) + "".join(SHORT[c].rjust(width) for c in cols) + "   n  recall")
    for g in gold_labels:
        n = sum(counts[(g, c)] for c in cols)
        print(SHORT[g].ljust(14) + "".join(str(counts[(g, c)]).rjust(width) for c in cols)
              + f"{n:5d}  {counts[(g, g)] / n:.3f}")
    print("precision".ljust(14) + "".join(
        (f"{counts[(c, c)] / max(1, sum(counts[(g, c)] for g in gold_labels)):.3f}" if c else "").rjust(width)
        for c in cols))
    ok = sum(counts[(g, g)] for g in gold_labels)
    print(f"\nevent_type accuracy {ok / len(pairs):.4f} (n={len(pairs)})")
    print("by events per document: " + ", ".join(
        f"{k} {by_count[(k, False)]} wrong of {by_count[(k, True)] + by_count[(k, False)]}"
        for k in ("none", "one", "several")))
    print(f"\ncommonest sub-event confusions (gold -> predicted):")
    for (g, p), n in subs.most_common(args.top):
        print(f"  {n:4d}  {g} -> {p}")


if __name__ == "__main__":
    main()
