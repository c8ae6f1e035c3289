"""Where sitrep's places go right and wrong, and how far name lookup could go at all
(a script that prints figures, not a test).

    python3 ../shared/eval/score.py docs ../shared/data/acled/dev.jsonl.gz > docs.jsonl
    sitrep extract docs.jsonl -o pred.jsonl
    python bench/place_accuracy.py ../shared/data/acled/dev.jsonl.gz pred.jsonl
    python bench/place_accuracy.py ../shared/data/news/dev.jsonl news-pred.jsonl

For ACLED notes it prints, per country, the share of primary events within 25 km of
ACLED's coded place, in its admin1, in its country and with its admin2, then the ceiling of name lookup:
the share of coded places the gazetteer has by name within 25 km, and of those the share
the note names. For news reports it prints the same for the events matched to gold
events the way the scorer matches them. It reuses the scorer's comparisons
(../shared/eval/score.py, or --scorer PATH) so that its numbers are the scorer's.
"""
from __future__ import annotations

import argparse
import importlib.util
from collections import defaultdict
from pathlib import Path

from sitrep.geo import gazetteer as gazetteer_module

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("sitrep_bench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rates(score, loc: dict, lat, lon, country, admin1, admin2) -> tuple[bool, bool, bool, bool]:
    d = score.km(loc.get("lat"), loc.get("lon"), lat, lon)
    return (d is not None and d <= 25, score.same_place(loc.get("admin1"), admin1),
            score.same_place(loc.get("country"), country), score.same_place(loc.get("admin2"), admin2))


def print_table(title: str, by_group: dict[str, list[tuple[bool, bool, bool]]]) -> None:
    print(f"{title:<30}{'n':>6}{'25 km':>8}{'admin1':>8}{'country':>9}{'admin2':>8}")
    groups = sorted(by_group, key=lambda g: -len(by_group[g]))
    everything = [r for g in groups for r in by_group[g]]
    for name, rows in [(g, by_group[g]) for g in groups] + [("all", everything)]:
        n = len(rows)
        print(f"{name[:29]:<30}{n:>6}" + "".join(f"{sum(r[i] for r in rows) / n:>{w}.3f}"
                                                  for i, w in ((0, 8), (1, 8), (2, 9), (3, 8))))


def acled(score, rows, preds) -> None:
    gazetteer = gazetteer_module.default()
    by_country, findable, named = defaultdict(list), 0, 0
    for row in rows:
        events = (preds.get(score.gold_id(row)) or {}).get("events") or []
        loc = (score.primary(events) or {}).get("location") or {}
        lat, lon = score.num_or_none(row.get("latitude")), score.num_or_none(row.get("longitude"))
        by_country[row["country"]].append(rates(score, loc, lat, lon, row["country"], row.get("admin1"),
                                                 row.get("admin2")))
        name = (row.get("location") or "").split(" - ")[0]
        near = [p for p in gazetteer.lookup(name) if p.lat is not None and score.km(p.lat, p.lon, lat, lon) <= 25]
        findable += bool(near)
        named += bool(near) and gazetteer_module.fold(name) in gazetteer_module.fold(row.get("notes") or "")
    print_table("ACLED country", by_country)
    print(f"\nceiling of name lookup: {findable / len(rows):.3f} of coded places are in the gazetteer "
          f"by name within 25 km; {named / len(rows):.3f} are, and the note names them")


def news(score, rows, preds) -> None:
    by_doc = defaultdict(list)
    for row in rows:
        pred_events = list((preds.get(row["id"]) or {}).get("events") or [])
        used = set()
        for gold in (row["gold"].get("events") or []):
            hit = next((i for i, p in enumerate(pred_events) if i not in used and score.event_match(p, gold)), None)
            if hit is None:
                continue
            used.add(hit)
            g = gold.get("location") or {}
            by_doc[g.get("country") or "?"].append(rates(score, pred_events[hit].get("location") or {},
                                                         g.get("lat"), g.get("lon"), g.get("country"), g.get("admin1"),
                                                         g.get("admin2")))
    print_table("news: matched events, country", by_doc)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("predictions")
    ap.add_argument("--scorer", type=Path, default=SCORER)
    args = ap.parse_args(argv)
    score = load_scorer(args.scorer)
    rows = list(score.read_jsonl(args.dataset))
    preds = {p["id"]: p for p in score.read_jsonl(args.predictions)}
    (news if rows and "gold" in rows[0] else acled)(score, rows, preds)


if __name__ == "__main__":
    main()
