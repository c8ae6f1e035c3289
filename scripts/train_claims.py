#!/usr/bin/env python3
"""Train the model that decides which reported sentences are claims (the 'claims' stage).

    pip install -e '.[train]'            # scikit-learn, numpy (training only)
    python scripts/train_claims.py       # reads ../shared/data/news/train.jsonl, writes the artifact
    python scripts/train_claims.py --cv 5 [--no-write]   # also print out-of-fold claims F1

Each train report is read as the stage reads it (sentences, actors, then the rules' claims);
each (sentence, speaker) the rules can name is a candidate (`claims.candidates`), and a
speaker's candidates in one report are pooled (`claims.groups`), labelled from the report's
gold with every kind K for which the gold has a claim of kind K by the same speaker (the
scorer's `same_speaker`). One binary logistic regression per kind is fitted on the pooled features, and
one probability threshold per kind is chosen to maximise claims F1 over the out-of-fold
predictions of `--cv` folds (bench/news_cv.py's `folds_of`: the reports of one incident stay
in one fold). `--cv` prints, per fold, the F1 of a model trained on the other folds with
thresholds chosen on the other folds' out-of-fold predictions, beside the rules' own F1.
Word features seen in fewer than two reports are dropped, so no report's text is written;
the artifact (sitrep/data/claims_model.json.gz) holds feature names and rounded weights.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitrep.extract import actors, claim_model, claims, text  # noqa: E402
from sitrep.lexicon import data_path  # noqa: E402

DEFAULT_TRAIN = REPO.parent / "shared" / "data" / "news" / "train.jsonl"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"
KINDS = ("responsibility", "accusation", "denial", "threat", "statement")
import os
C = float(os.environ.get("CLAIMS_C", "0.1"))
DROP = tuple(p for p in os.environ.get("CLAIMS_DROP", "").split(",") if p)  # experiments: feature prefixes left out
KEEP = os.environ.get("CLAIMS_KEEP", "1") == "1"
GRID = [0.0] + [round(0.05 * i, 2) for i in range(1, 20)] + [1.01]


def load_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def prepare(row: dict):
    """(parsed, doc, rule claims, candidates) of one report, as the stage makes them."""
    published = dt.date.fromisoformat(row["published"][:10]) if row.get("published") else dt.date.today()
    parsed = text.parse(row["text"], published, title=row.get("title"))
    actors.annotate(parsed)
    rules, doc = claims._rule_claims(parsed) if claims._may_claim(parsed.text) else ([], None)
    if doc is None:
        doc = claims._Doc(parsed)
    return parsed, doc, rules, claims.groups(claims.candidates(parsed, doc, rules))


def labels_of(group, gold: list[dict], same_speaker) -> set[str]:
    return {g["kind"] for g in gold if g.get("speaker") and same_speaker(group.name, g["speaker"])}


class Fitted:
    """A vectorizer and one binary regression per kind, with sklearn's `predict_proba` per kind."""

    def __init__(self, items):
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.linear_model import LogisticRegression

        feats = [[f for f in g.features if not f.startswith(DROP)] for g, labs in items]
        self.vec = CountVectorizer(analyzer=lambda x: x, binary=True, min_df=2)
        x = self.vec.fit_transform(feats)
        self.clfs = {}
        for kind in KINDS:
            y = [int(kind in labs) for g, labs in items]
            self.clfs[kind] = LogisticRegression(C=C, max_iter=5000).fit(x, y)

    def predict(self, groups):
        if not groups:
            return []
        x = self.vec.transform([[f for f in g.features if not f.startswith(DROP)] for g in groups])
        cols = [self.clfs[k].predict_proba(x)[:, 1] for k in KINDS]
        return [[c[i] for c in cols] for i in range(len(groups))]


def f1_of(docs, probs, labels, thresholds, claims_match) -> tuple[float, int, int, int]:
    tp = fp = fn = 0
    for (row, parsed, doc, rules, cands), p in zip(docs, probs):
        pred = claims.decide(parsed, cands, p, labels, thresholds)
        a, b, c = claims_match(row["gold"]["claims"], [{"kind": x.kind, "speaker": x.speaker} for x in pred])
        tp, fp, fn = tp + a, fp + b, fn + c
    return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), tp, fp, fn


def rules_f1(docs, claims_match) -> tuple[float, int, int, int]:
    tp = fp = fn = 0
    for row, parsed, doc, rules, cands in docs:
        a, b, c = claims_match(row["gold"]["claims"], [{"kind": x.kind, "speaker": x.speaker} for x in rules])
        tp, fp, fn = tp + a, fp + b, fn + c
    return (2 * tp / (2 * tp + fp + fn) if tp else 0.0), tp, fp, fn


def choose_thresholds(docs, probs, labels, claims_match) -> dict[str, float]:
    """Coordinate ascent over each kind's threshold (two sweeps), from 0.5 each."""
    th = {k: 0.5 for k in KINDS if k in labels}
    if KEEP:
        th.update({"keep:" + k: 0.0 for k in KINDS})
    best = f1_of(docs, probs, labels, th, claims_match)[0]
    for _sweep in range(2):
        for k in th:
            for v in GRID:
                trial = dict(th, **{k: v})
                f = f1_of(docs, probs, labels, trial, claims_match)[0]
                if f > best + 1e-9:
                    best, th = f, trial
    return th




def doc_frequency(docs) -> dict[str, int]:
    df: dict[str, int] = defaultdict(int)
    for row, parsed, doc, rules, cands in docs:
        for f in {f for c in cands for f in c.features}:
            df[f] += 1
    return df


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--dev", type=Path, help="also score this set with the model fitted on all of train")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()

    score = load_module(args.scorer, "score")
    news_cv = load_module(REPO / "bench" / "news_cv.py", "news_cv")
    rows = read_rows(args.train)
    docs = [(row, *prepare(row)) for row in rows]
    items = [[(c, labels_of(c, row["gold"]["claims"], score.same_speaker)) for c in cands]
             for row, parsed, doc, rules, cands in docs]
    print(f"{len(docs)} reports, {sum(len(i) for i in items)} speakers, "
          f"{sum(1 for i in items for c, l in i if l)} with a gold kind", file=sys.stderr)

    fold = news_cv.folds_of(rows, args.cv)
    ids = sorted(set(fold.values()))
    oof: list = [None] * len(docs)
    for f in ids:
        train = [k for k in range(len(docs)) if fold[rows[k]["id"]] != f]
        held = [k for k in range(len(docs)) if fold[rows[k]["id"]] == f]
        fitted = Fitted([x for k in train for x in items[k]])
        for k in held:
            oof[k] = fitted.predict(docs[k][4])
    labels = list(KINDS)
    thresholds = choose_thresholds(docs, oof, labels, score.claims_match)
    print("thresholds (all out-of-fold):", thresholds)
    print(f"{'subset':<10}{'rules F1':>10}{'model F1':>10}   tp/fp/fn rules -> model")
    allk = list(range(len(docs)))
    for name, keep in [("all", allk), ("folds0-3", [k for k in allk if fold[rows[k]["id"]] != 4])] + \
            [(f"fold {f}", [k for k in allk if fold[rows[k]["id"]] == f]) for f in ids]:
        sub = [docs[k] for k in keep]
        r = rules_f1(sub, score.claims_match)
        m = f1_of(sub, [oof[k] for k in keep], labels, thresholds, score.claims_match)
        print(f"{name:<10}{r[0]:>10.3f}{m[0]:>10.3f}   {r[1:]} -> {m[1:]}")
    # Honest per fold: thresholds chosen on the other folds' out-of-fold predictions only.
    tp = fp = fn = 0
    for f in ids:
        other = [k for k in allk if fold[rows[k]["id"]] != f]
        held = [k for k in allk if fold[rows[k]["id"]] == f]
        th = choose_thresholds([docs[k] for k in other], [oof[k] for k in other], labels, score.claims_match)
        m = f1_of([docs[k] for k in held], [oof[k] for k in held], labels, th, score.claims_match)
        tp, fp, fn = tp + m[1], fp + m[2], fn + m[3]
        print(f"fold {f} with thresholds from the other folds: {m[0]:.3f} {m[1:]} {th}")
    print(f"all, thresholds per fold from the other folds: {2 * tp / (2 * tp + fp + fn):.3f} {(tp, fp, fn)}")

    fitted = Fitted([x for i in items for x in i])
    df = doc_frequency(docs)
    data = claim_model.export_sklearn(fitted.vec, fitted.clfs, thresholds, keep={f for f, n in df.items() if n >= 2})
    model = claim_model.ClaimModel(data)
    print(f"model: {len(data['features'])} features", file=sys.stderr)
    if args.dev:
        dev_rows = read_rows(args.dev)
        dev_docs = [(row, *prepare(row)) for row in dev_rows]
        probs = [[model.probabilities(c.features) for c in cands] for row, parsed, doc, rules, cands in dev_docs]
        print(f"dev: rules {rules_f1(dev_docs, score.claims_match)}  "
              f"model {f1_of(dev_docs, probs, model.labels, model.thresholds, score.claims_match)}")
    if not args.no_write:
        out = args.out or Path(str(data_path(claim_model.ARTIFACT)))
        with gzip.open(out, "wt", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
        print(f"wrote {out} ({out.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
