#!/usr/bin/env python3
"""Train the event-type model that the `types` stage combines with its rules.

    pip install -e '.[train]'          # scikit-learn, numpy (training only)
    python scripts/train_types.py      # reads ../shared/data/acled/train.jsonl.gz
    python scripts/train_types.py --cv 5            # also cross-validate on train first
    python scripts/train_types.py --pipeline-cv 5   # ... and the whole extraction pipeline (minutes)

Each ACLED train note is read the way the stage reads an event's text (`types.rule_analysis`):
its words, word pairs and word prefixes, the sub-event type the rules give it, and the kinds
of the two sides the rules find (`types.features`). A multinomial logistic regression over the 24
sub-event types is fitted on these binary features; weights near zero are dropped and the
rest are written, rounded, to sitrep/data/types_model.json.gz, which the stage loads with
the standard library alone (a dot product over the features a text has). The data rows
themselves are never written to the repository.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitrep.extract import types  # noqa: E402
from sitrep.lexicon import data_path  # noqa: E402

DEFAULT_TRAIN = REPO.parent / "shared" / "data" / "acled" / "train.jsonl.gz"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"
VERSION = 2  # 2: word prefixes and the pair of the sides' kinds among the features


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def featurize(rows: list[dict]) -> list[list[str]]:
    out = []
    for row in rows:
        has, agent, target = types.rule_analysis(row["notes"] or "")
        _, rule_sub = types.event_type(has, agent, target)
        out.append(types.features(has, agent, target, rule_sub))
    return out


def fit(feats, labels, c: float, min_df: int, class_weight):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer=lambda x: x, binary=True, min_df=min_df)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight)
    clf.fit(x, labels)
    return vec, clf


def export(vec, clf, threshold: float, digits: int) -> dict:
    import numpy as np

    labels = [str(c) for c in clf.classes_]
    names = vec.get_feature_names_out()
    # A constant added to one feature's weights for every class leaves the probabilities as they
    # are: centre each feature's weights on their median so that most become ~0 and are dropped.
    coef = clf.coef_ - np.median(clf.coef_, axis=0, keepdims=True)
    weights = {}
    for j in np.flatnonzero(np.abs(coef).max(axis=0) >= threshold):
        ks = [int(k) for k in np.flatnonzero(np.abs(coef[:, j]) >= threshold)]
        weights[str(names[j])] = [ks, [round(float(coef[k, j]), digits) for k in ks]]
    return {"version": VERSION, "labels": labels,
            "bias": [round(float(b), digits) for b in clf.intercept_], "weights": weights}


def accuracy(model: types.TypeModel, feats, labels) -> tuple[float, float]:
    ok_sub = ok_type = 0
    for f, gold in zip(feats, labels):
        event, sub, _ = model.predict(f)
        ok_sub += sub == gold
        ok_type += event == types.EVENT_TYPE_OF[gold]
    return ok_type / len(labels), ok_sub / len(labels)


def pipeline_cv(rows, feats, labels, k: int, args, class_weight) -> None:
    """k-fold CV of the whole pipeline: each fold's notes are extracted as the scorer's documents,
    with the model fitted on the other folds, and the primary event (the scorer's) is scored.
    It differs from the model alone where the events stage finds no event in a note or splits it."""
    import importlib.util

    from sklearn.model_selection import StratifiedKFold

    from sitrep.extract.pipeline import extract
    from sitrep.model import Document

    spec = importlib.util.spec_from_file_location("sitrep_train_score", args.scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    docs = [Document.model_validate(score.to_doc(r)) for r in rows]
    ok_type = ok_sub = none = 0
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=0)
    try:
        for tr, te in folds.split(feats, labels):
            vec, clf = fit([feats[i] for i in tr], [labels[i] for i in tr], args.c, args.min_df, class_weight)
            types._MODEL = types.TypeModel(export(vec, clf, args.threshold, 3))
            for i in te:
                events = [e.model_dump(mode="json") for e in extract(docs[i]).events]
                ev = score.primary(events) or {}
                none += not events
                ok_type += ev.get("event_type") == rows[i]["event_type"]
                ok_sub += ev.get("sub_event_type") == labels[i]
    finally:
        types._MODEL = None
    n = len(rows)
    print(f"pipeline cv{k}: event_type {ok_type / n:.4f} sub_event_type {ok_sub / n:.4f} "
          f"(notes with no event {none})", file=sys.stderr)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=None, help="default sitrep/data/" + types.MODEL_FILE)
    ap.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    ap.add_argument("--min-df", type=int, default=2, help="keep features seen in at least this many notes")
    ap.add_argument("--unbalanced", action="store_true", help="do not weight classes by inverse frequency")
    ap.add_argument("--threshold", type=float, default=0.05, help="drop weights smaller than this")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on train before fitting")
    ap.add_argument("--pipeline-cv", type=int, default=0,
                    help="k-fold cross-validation of the whole extraction pipeline on train (the primary event)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="eval/score.py, for --pipeline-cv")
    ap.add_argument("--eval", type=Path, default=None, help="also report accuracy on these rows (e.g. dev)")
    args = ap.parse_args(argv)

    t0 = time.time()
    rows = [r for r in read_rows(args.train) if r.get("sub_event_type") in types.EVENT_TYPE_OF]
    labels = [r["sub_event_type"] for r in rows]
    feats = featurize(rows)
    print(f"{len(rows)} train notes, features in {time.time() - t0:.1f}s", file=sys.stderr)
    class_weight = None if args.unbalanced else "balanced"

    if args.cv:
        from sklearn.model_selection import StratifiedKFold
        folds = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=0)
        scores = []
        for tr, te in folds.split(feats, labels):
            vec, clf = fit([feats[i] for i in tr], [labels[i] for i in tr], args.c, args.min_df, class_weight)
            m = types.TypeModel(export(vec, clf, args.threshold, 3))
            scores.append(accuracy(m, [feats[i] for i in te], [labels[i] for i in te]))
        mean = [sum(s[i] for s in scores) / len(scores) for i in range(2)]
        print(f"cv{args.cv}: event_type {mean[0]:.4f} sub_event_type {mean[1]:.4f}", file=sys.stderr)

    if args.pipeline_cv:
        pipeline_cv(rows, feats, labels, args.pipeline_cv, args, class_weight)

    vec, clf = fit(feats, labels, args.c, args.min_df, class_weight)
    data = export(vec, clf, args.threshold, 3)
    out = args.out or data_path(types.MODEL_FILE)
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    nw = sum(len(ks) for ks, _ in data["weights"].values())
    print(f"wrote {out}: {len(data['weights'])} features, {nw} weights, {Path(out).stat().st_size:,} bytes",
          file=sys.stderr)
    print("labels never seen in train:", sorted(set(types.EVENT_TYPE_OF) - set(data["labels"])), file=sys.stderr)
    if args.eval:
        erows = [r for r in read_rows(args.eval) if r.get("sub_event_type") in types.EVENT_TYPE_OF]
        m = types.TypeModel(data)
        acc = accuracy(m, featurize(erows), [r["sub_event_type"] for r in erows])
        print(f"{args.eval.name}: event_type {acc[0]:.4f} sub_event_type {acc[1]:.4f} (notes, model alone)",
              file=sys.stderr)


if __name__ == "__main__":
    main()
