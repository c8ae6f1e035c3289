#!/usr/bin/env python3
"""Train the event-type model that the `types` stage combines with its rules.

    pip install -e '.[train]'          # scikit-learn, numpy (training only)
    python scripts/train_types.py      # reads ../shared/data/acled/train.jsonl.gz
    python scripts/train_types.py --cv 5            # also cross-validate on train first
    python scripts/train_types.py --pipeline-cv 5   # ... and the whole extraction pipeline (many minutes)

Each ACLED train note is read the way the stage reads an event's text (`types.rule_analysis`):
its words, word pairs and word prefixes, the sub-event type the rules give it, and the kinds
of the two sides the rules find (`types.features`). Two models are fitted on these binary
features:
- a multinomial logistic regression over the 24 sub-event types; weights near zero are dropped
  and the rest are written, rounded, to sitrep/data/types_model.json.gz;
- gradient-boosted trees (LightGBM) over the 6 event types, written as plain arrays to
  sitrep/data/types_trees.json.gz (`trees.export_lightgbm`);
- a logistic regression over the 6 event types on the note's character n-grams (tf-idf, not the
  features above), written to sitrep/data/types_ngrams.json.gz (`ngrams.export_sklearn`).
The stage loads all three with numpy alone (sums of weights; the trees' leaf bit masks). The data rows
themselves are never written to the repository. Fitting takes a few minutes on two cores.
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

from sitrep.extract import ngrams, trees, types  # noqa: E402
from sitrep.extract.events import is_marked_note  # noqa: E402
from sitrep.lexicon import data_path  # noqa: E402

DEFAULT_TRAIN = REPO.parent / "shared" / "data" / "acled" / "train.jsonl.gz"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score.py"
VERSION = 2  # 2: word prefixes and the pair of the sides' kinds among the features
TREES = dict(n_estimators=1200, learning_rate=0.05, num_leaves=31, min_child_samples=5, colsample_bytree=0.3,
             random_state=0, deterministic=True, verbose=-1)
NGRAMS_C = 10.0  # the n-gram model's inverse regularisation (5-fold CV with the others: 10 and 30 alike)


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


def texts(rows: list[dict]) -> list[str]:
    """The text the n-gram model reads (the stage gives it the report lower-cased)."""
    return [(row["notes"] or "").lower() for row in rows]


def marked(rows: list[dict]) -> list[bool]:
    """Which notes are in ACLED's manner, where the stage gives the trees their full say (`types.classify`)."""
    return [is_marked_note(row["notes"] or "") for row in rows]


def fit(feats, labels, c: float, min_df: int, class_weight):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(analyzer=lambda x: x, binary=True, min_df=min_df)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight)
    clf.fit(x, labels)
    return vec, clf


def fit_trees(feats, labels, n_trees: int) -> dict:
    """Boosted trees over the event types of `labels` (sub-event types), on features seen in 3+ notes,
    as `trees.BoostedTrees` reads them."""
    import lightgbm
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    vec = CountVectorizer(analyzer=lambda x: x, binary=True, min_df=3)
    x = vec.fit_transform(feats).astype(np.float32)
    clf = lightgbm.LGBMClassifier(**{**TREES, "n_estimators": n_trees})
    clf.fit(x, [types.EVENT_TYPE_OF[sub] for sub in labels])
    return trees.export_lightgbm(clf.booster_, list(vec.get_feature_names_out()), [str(c) for c in clf.classes_])


def fit_ngrams(note_texts: list[str], labels) -> dict:
    """The n-gram model over the event types of `labels` (sub-event types), as `ngrams.NgramModel` reads it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=ngrams.char_ngrams, min_df=2, sublinear_tf=True)
    clf = LogisticRegression(C=NGRAMS_C, max_iter=3000)
    clf.fit(vec.fit_transform(note_texts), [types.EVENT_TYPE_OF[sub] for sub in labels])
    return ngrams.export_sklearn(vec, clf)


def fit_model(feats, note_texts, labels, args, class_weight) -> types.TypeModel:
    vec, clf = fit(feats, labels, args.c, args.min_df, class_weight)
    tree_model = trees.BoostedTrees(fit_trees(feats, labels, args.trees)) if args.trees else None
    ngram_model = ngrams.NgramModel(fit_ngrams(note_texts, labels)) if args.ngrams else None
    return types.TypeModel(export(vec, clf, args.threshold, 3), tree_model, ngram_model)


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


def accuracy(model: types.TypeModel, feats, note_texts, labels, is_marked: list[bool]) -> tuple[float, float]:
    ok_sub = ok_type = 0
    for f, text, gold, note_marked in zip(feats, note_texts, labels, is_marked):
        event, sub = model.predict(f, note_marked, text)
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
            note_texts = texts([rows[i] for i in tr])
            types._MODEL = fit_model([feats[i] for i in tr], note_texts, [labels[i] for i in tr], args, class_weight)
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


def write(path, data: dict) -> Path:
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    return Path(path)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=None, help="default sitrep/data/" + types.MODEL_FILE)
    ap.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    ap.add_argument("--min-df", type=int, default=2, help="keep features seen in at least this many notes")
    ap.add_argument("--unbalanced", action="store_true", help="do not weight classes by inverse frequency")
    ap.add_argument("--trees", type=int, default=TREES["n_estimators"],
                    help="boosting rounds of the event-type trees (0: the linear model alone, no trees file)")
    ap.add_argument("--trees-out", type=Path, default=None, help="default sitrep/data/" + types.TREES_FILE)
    ap.add_argument("--no-ngrams", dest="ngrams", action="store_false",
                    help="no character n-gram model (and no n-grams file)")
    ap.add_argument("--ngrams-out", type=Path, default=None, help="default sitrep/data/" + types.NGRAMS_FILE)
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
    note_texts = texts(rows)
    print(f"{len(rows)} train notes, features in {time.time() - t0:.1f}s", file=sys.stderr)
    class_weight = None if args.unbalanced else "balanced"

    is_marked = marked(rows)
    if args.cv:
        from sklearn.model_selection import StratifiedKFold
        folds = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=0)
        scores = []
        for tr, te in folds.split(feats, labels):
            m = fit_model([feats[i] for i in tr], [note_texts[i] for i in tr], [labels[i] for i in tr], args, class_weight)
            scores.append(accuracy(m, [feats[i] for i in te], [note_texts[i] for i in te], [labels[i] for i in te],
                                   [is_marked[i] for i in te]))
        mean = [sum(s[i] for s in scores) / len(scores) for i in range(2)]
        print(f"cv{args.cv}: event_type {mean[0]:.4f} sub_event_type {mean[1]:.4f}", file=sys.stderr)

    if args.pipeline_cv:
        pipeline_cv(rows, feats, labels, args.pipeline_cv, args, class_weight)

    vec, clf = fit(feats, labels, args.c, args.min_df, class_weight)
    data = export(vec, clf, args.threshold, 3)
    out = write(args.out or data_path(types.MODEL_FILE), data)
    nw = sum(len(ks) for ks, _ in data["weights"].values())
    print(f"wrote {out}: {len(data['weights'])} features, {nw} weights, {out.stat().st_size:,} bytes", file=sys.stderr)
    tree_model = None
    if args.trees:
        tree_data = fit_trees(feats, labels, args.trees)
        out = write(args.trees_out or data_path(types.TREES_FILE), tree_data)
        tree_model = trees.BoostedTrees(tree_data)
        print(f"wrote {out}: {len(tree_model.tree_class)} trees over {len(tree_model.column)} features, "
              f"{out.stat().st_size:,} bytes", file=sys.stderr)
    ngram_model = None
    if args.ngrams:
        ngram_data = fit_ngrams(note_texts, labels)
        out = write(args.ngrams_out or data_path(types.NGRAMS_FILE), ngram_data)
        ngram_model = ngrams.NgramModel(ngram_data)
        print(f"wrote {out}: {len(ngram_model.column)} n-grams, {out.stat().st_size:,} bytes", file=sys.stderr)
    print("labels never seen in train:", sorted(set(types.EVENT_TYPE_OF) - set(data["labels"])), file=sys.stderr)
    if args.eval:
        erows = [r for r in read_rows(args.eval) if r.get("sub_event_type") in types.EVENT_TYPE_OF]
        m = types.TypeModel(data, tree_model, ngram_model)
        acc = accuracy(m, featurize(erows), texts(erows), [r["sub_event_type"] for r in erows], marked(erows))
        print(f"{args.eval.name}: event_type {acc[0]:.4f} sub_event_type {acc[1]:.4f} (notes, model alone)",
              file=sys.stderr)


if __name__ == "__main__":
    main()
