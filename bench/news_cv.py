"""News extraction scored per fold and per format (a script that prints figures, not a test).

    python bench/news_cv.py ../shared/data/news/train.jsonl            # extract, then score
    python bench/news_cv.py ../shared/data/news/train.jsonl --pred P   # score existing output
    python bench/news_cv.py ../shared/data/news/train.jsonl --folds 0,1,2,3   # look only here

The reports are split into K folds (default 5) so that reports sharing a `cluster` (reports
of one incident) stay in one fold: a document's fold is a stable hash of the smallest
cluster id in its connected group of clusters, or of its id when it has no event. The
extraction rules are written by hand, so "cross-validation" here means: study errors on
some folds only, and see whether a change holds on the folds left out (and then on dev).
Every number is the scorer's own (`../shared/eval/score.py score`, run per subset).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
COLUMNS = (
    ("events.f1", "ev F1"), ("figures.f1", "fig F1"), ("claims.f1", "clm F1"),
    ("matched.fatalities.exact", "fat ="), ("matched.event_type", "type"),
    ("matched.actor1", "actor1"), ("control_docs.no_false_event", "no false"),
)


def folds_of(rows: list[dict], k: int) -> dict[str, int]:
    """Document id -> fold, with the reports of one incident (shared cluster) in one fold."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keys = {}
    for row in rows:
        clusters = sorted({e["cluster"] for e in row["gold"]["events"] if e.get("cluster")})
        keys[row["id"]] = clusters[0] if clusters else "doc:" + row["id"]
        for c in clusters[1:]:
            parent[find(c)] = find(clusters[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id, key in keys.items():
        groups[find(key)].append(key)
    fold = {}
    for doc_id, key in keys.items():
        root = min(groups[find(key)])
        fold[doc_id] = int(hashlib.sha1(root.encode()).hexdigest(), 16) % k
    return fold


def score(scorer: Path, rows: list[dict], preds: dict[str, str], tmp: Path, name: str) -> dict:
    data, pred = tmp / f"{name}.jsonl", tmp / f"{name}-pred.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pred.write_text("".join(preds[r["id"]] for r in rows if r["id"] in preds))
    out = tmp / f"{name}-metrics.json"
    subprocess.run([sys.executable, str(scorer), "score", str(data), str(pred), "--json", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    metrics = json.loads(out.read_text())
    return {k: v["value"] for k, v in metrics["metrics"].items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--pred", type=Path, help="existing predictions (default: run sitrep extract)")
    ap.add_argument("-k", type=int, default=5, help="number of folds")
    ap.add_argument("--folds", help="score only these folds, e.g. 0,1,2,3 (default all)")
    ap.add_argument("--scorer", type=Path, default=SCORER)
    args = ap.parse_args()

    rows = [json.loads(line) for line in args.dataset.open() if line.strip()]
    fold = folds_of(rows, args.k)
    if args.folds:
        keep = {int(f) for f in args.folds.split(",")}
        rows = [r for r in rows if fold[r["id"]] in keep]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        pred_path = args.pred
        if pred_path is None:
            docs, pred_path = tmp / "docs.jsonl", tmp / "pred.jsonl"
            with docs.open("w") as f:
                subprocess.run([sys.executable, str(args.scorer), "docs", str(args.dataset)], stdout=f, check=True)
            subprocess.run([sys.executable, "-c", "from sitrep.cli import app; app()", "extract", str(docs),
                            "-o", str(pred_path), "--no-progress"], check=False)
        preds = {json.loads(line)["id"]: line if line.endswith("\n") else line + "\n"
                 for line in pred_path.open() if line.strip()}
        subsets: list[tuple[str, list[dict]]] = [("all", rows)]
        for f in sorted({fold[r["id"]] for r in rows}):
            subsets.append((f"fold {f}", [r for r in rows if fold[r["id"]] == f]))
        for fmt in sorted({r.get("format") for r in rows if r.get("format")}):
            subsets.append((fmt, [r for r in rows if r.get("format") == fmt]))
        print(f"{'subset':<14}{'docs':>5}" + "".join(f"{label:>9}" for _, label in COLUMNS))
        for i, (name, subset) in enumerate(subsets):
            m = score(args.scorer, subset, preds, tmp, f"s{i}")
            cells = "".join(f"{m[key]:>9.3f}" if key in m else f"{'-':>9}" for key, _ in COLUMNS)
            print(f"{name:<14}{len(subset):>5}{cells}")


if __name__ == "__main__":
    main()
