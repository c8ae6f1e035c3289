"""Whether a reported sentence is a claim, and of which kind: a logistic regression over binary
features, evaluated with numpy alone.

The 'claims' stage makes a candidate of each (sentence, speaker) its rules can name and
describes it by string features (`claims._features`: the sentence's words and word pairs, the
reporting verb, the kind of claim the cues found, the kind of speaker, its position).
scripts/train_claims.py pools the features of each speaker's candidates in a report and fits
one binary `LogisticRegression` per claim kind on them (scikit-learn, training only) and writes it with `export_sklearn`, with one
probability threshold per kind chosen by cross-validation; `ClaimModel` reads it back. The
artifact holds feature names and weights only: words and word pairs seen in at least two
training reports, never their text.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from sitrep.lexicon import data_path, read_json_gz

FORMAT = "sitrep-claim-model/1"
ARTIFACT = "claims_model.json.gz"


class ClaimModel:
    """`probabilities(features)`: per label, the sigmoid of its bias plus the weights of the features present."""

    def __init__(self, data: dict) -> None:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: {data.get('format') if isinstance(data, dict) else data!r}")
        self.labels: list[str] = list(data["labels"])
        self.column: dict[str, int] = {f: i for i, f in enumerate(data["features"])}
        self.weights = np.asarray(data["weights"], dtype=np.float64).reshape(len(self.column), len(self.labels))
        self.bias = np.asarray(data["bias"], dtype=np.float64)
        self.thresholds: dict[str, float] = dict(data["thresholds"])
        # "K": the least probability for a claim of kind K the rules did not make;
        # "keep:K": the least for keeping the rules' own claims of kind K (0 where absent).
        if {k.removeprefix("keep:") for k in self.thresholds} - set(self.labels):
            raise ValueError("thresholds for labels the model does not have")

    @classmethod
    def load(cls, path) -> "ClaimModel":
        return cls(read_json_gz(path))

    def scores(self, features: list[str]) -> np.ndarray:
        column = self.column
        cols = [column[f] for f in features if f in column]
        if not cols:
            return self.bias.copy()
        return self.bias + self.weights[cols].sum(axis=0)

    def probabilities(self, features: list[str]) -> np.ndarray:
        """P(label) in the order of `labels`, each on its own (one binary regression per label)."""
        return 1.0 / (1.0 + np.exp(-self.scores(features)))


@lru_cache(maxsize=1)
def default_model() -> ClaimModel | None:
    """The shipped model, or None where the artifact is absent (the rules then work alone)."""
    path = data_path(ARTIFACT)
    try:
        if not path.is_file():
            return None
    except OSError:  # pragma: no cover
        return None
    return ClaimModel.load(path)


def export_sklearn(vectorizer, classifiers: dict, thresholds: dict[str, float], digits: int = 3,
                   keep: set[str] | None = None) -> dict:
    """A fitted `CountVectorizer(binary=True)` over feature lists and one binary
    `LogisticRegression` per label ({label: classifier}, each fitted on 0/1), as the dict
    `ClaimModel` reads. Weights are rounded to `digits` places; a feature whose rounded weights
    are all zero, or not in `keep`, is dropped (binary features: dropping one changes nothing else)."""
    labels = list(classifiers)
    for label, clf in classifiers.items():
        if len(clf.classes_) != 2 or len(clf.coef_) != 1:
            raise ValueError(f"expected a binary regression for {label!r}")
    names = list(vectorizer.get_feature_names_out())
    coef = np.round(np.stack([classifiers[k].coef_[0] for k in labels], axis=1), digits)
    rows = [i for i, n in enumerate(names) if np.any(coef[i]) and (keep is None or n in keep)]
    return {"format": FORMAT, "labels": labels,
            "features": [names[i] for i in rows],
            "weights": [float(v) for v in coef[rows].ravel()],
            "bias": [round(float(classifiers[k].intercept_[0]), digits) for k in labels],
            "thresholds": {k: round(float(v), 3) for k, v in thresholds.items()}}
