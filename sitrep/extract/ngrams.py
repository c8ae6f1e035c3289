"""A logistic regression over a text's character n-grams (tf-idf), evaluated with numpy alone.

scripts/train_types.py fits it with scikit-learn (a training-only dependency: `TfidfVectorizer`
with `char_ngrams` as its analyzer, then `LogisticRegression`) and writes it with
`export_sklearn`; the extractor loads it with `NgramModel`. Its n-grams are those of
scikit-learn's "char_wb" analyzer: each word, padded with a space on either side, cut into
pieces of 2 to 5 letters, so "killed" and ACLED's "kiled" share most of theirs.
"""
from __future__ import annotations

import numpy as np

from sitrep.extract.trees import softmax
from sitrep.lexicon import read_json_gz

FORMAT = "sitrep-char-ngrams/1"
SHORTEST, LONGEST = 2, 5
_CACHE_WORDS = 50_000  # words whose n-gram columns are kept (a few MB)


def char_ngrams(text: str, shortest: int = SHORTEST, longest: int = LONGEST) -> list[str]:
    """The n-grams of each whitespace-separated word of `text`, padded with spaces; a word
    shorter than n counts once, whole."""
    out = []
    for word in text.split():
        padded = f" {word} "
        for n in range(shortest, longest + 1):
            if len(padded) <= n:
                out.append(padded)
                break
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out


class NgramModel:
    """Multinomial logistic regression over l2-normalised tf-idf (1 + log count) of `char_ngrams`:
    `probabilities(text)` is the softmax of the bias plus the text's vector times the weights."""

    def __init__(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: {data.get('format')!r}")
        self.labels: list[str] = data["labels"]
        self.shortest, self.longest = data["shortest"], data["longest"]
        self.column: dict[str, int] = {g: i for i, g in enumerate(data["ngrams"])}
        self.idf = np.asarray(data["idf"], dtype=np.float64)
        self.weights = np.asarray(data["weights"], dtype=np.float64).reshape(len(self.column), len(self.labels))
        self.bias = np.asarray(data["bias"], dtype=np.float64)
        self._cache: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, path) -> "NgramModel":
        return cls(read_json_gz(path))

    def scores(self, text: str) -> np.ndarray:
        words = text.split()
        if not words:
            return self.bias.copy()
        cols, counts = np.unique(np.concatenate([self._word_columns(w) for w in words]), return_counts=True)
        if not len(cols):
            return self.bias.copy()
        value = (1.0 + np.log(counts)) * self.idf[cols]
        value /= np.sqrt(value @ value)
        return self.bias + value @ self.weights[cols]

    def _word_columns(self, word: str) -> np.ndarray:
        """The columns of a word's n-grams in the vocabulary (cached: most words recur)."""
        cols = self._cache.get(word)
        if cols is None:
            if len(self._cache) >= _CACHE_WORDS:
                self._cache.clear()
            found = map(self.column.get, char_ngrams(word, self.shortest, self.longest))
            cols = self._cache[word] = np.fromiter((c for c in found if c is not None), dtype=np.int64)
        return cols

    def probabilities(self, text: str) -> list[float]:
        """P(label) in the order of `labels`."""
        return softmax(self.scores(text).tolist())


def export_sklearn(vectorizer, classifier, digits: int = 3) -> dict:
    """A fitted `TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True)` and multinomial
    `LogisticRegression`, as the dict `NgramModel` reads. Weights are rounded to `digits`
    places; every n-gram of the vocabulary stays, since each counts in a text's norm."""
    if len(classifier.coef_) != len(classifier.classes_):
        raise ValueError("expected a multinomial regression over 3 labels or more (one row of weights each)")
    names = list(vectorizer.get_feature_names_out())
    coef = classifier.coef_.T  # one row per n-gram
    return {"format": FORMAT, "shortest": SHORTEST, "longest": LONGEST,
            "labels": [str(c) for c in classifier.classes_], "ngrams": names,
            "idf": [round(float(v), digits) for v in vectorizer.idf_],
            "weights": [round(float(v), digits) for v in coef.ravel()],
            "bias": [round(float(b), digits) for b in classifier.intercept_]}
