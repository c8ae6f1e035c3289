import math

import numpy as np
import pytest

from sitrep.extract import types
from sitrep.extract.ngrams import FORMAT, NgramModel, char_ngrams, export_sklearn


def test_char_ngrams_pad_each_word_and_count_a_short_word_once():
    assert char_ngrams("ab cdef", 2, 5) == [
        " a", "ab", "b ", " ab", "ab ", " ab ",
        " c", "cd", "de", "ef", "f ", " cd", "cde", "def", "ef ", " cde", "cdef", "def ", " cdef", "cdef ",
    ]
    assert char_ngrams("  \n ") == []
    # A misspelling keeps most of the word's n-grams.
    assert len(set(char_ngrams("killed")) & set(char_ngrams("kiled"))) >= 8


# Two labels; "ab" weighs 2 for "a", " x" 1 for "b". idf of "ab" 2, of " x" 1.
MODEL = {"format": FORMAT, "shortest": 2, "longest": 2, "labels": ["a", "b"], "ngrams": ["ab", " x"],
         "idf": [2.0, 1.0], "weights": [2.0, 0.0, 0.0, 1.0], "bias": [0.0, 0.5]}


def test_probabilities_are_the_softmax_of_normalised_tf_idf_times_weights():
    model = NgramModel(MODEL)
    # "xab xab x": "ab" twice (tf 1 + ln 2, times idf 2), " x" three times (1 + ln 3).
    ab, x = 2 * (1 + math.log(2)), 1 + math.log(3)
    norm = math.hypot(ab, x)
    expected = [2 * ab / norm, 0.5 + x / norm]
    assert model.scores("xab xab x").tolist() == pytest.approx(expected)
    p = model.probabilities("xab xab x")
    assert p[0] == pytest.approx(1 / (1 + math.exp(expected[1] - expected[0])))
    # Nothing known, or nothing at all: the bias alone.
    assert model.scores("zzz").tolist() == [0.0, 0.5] and model.scores("").tolist() == [0.0, 0.5]


def test_other_files_are_refused():
    with pytest.raises(ValueError, match="not a sitrep-char-ngrams"):
        NgramModel({**MODEL, "format": "sitrep-boosted-trees/1"})


def test_export_gives_what_scikit_learn_predicts():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    linear = pytest.importorskip("sklearn.linear_model")
    docs = ["gunmen killed two villagers", "soldiers clashed with rebels", "gunmen shot a farmer dead",
            "army fought militants near the border", "students protested peacefully", "traders marched against taxes"]
    labels = ["VAC", "Battles", "VAC", "Battles", "Protests", "Protests"]
    vec = text.TfidfVectorizer(analyzer=char_ngrams, min_df=1, sublinear_tf=True)
    clf = linear.LogisticRegression(C=10, max_iter=1000).fit(vec.fit_transform(docs), labels)
    model = NgramModel(export_sklearn(vec, clf, digits=6))
    new = ["rebels clashed with the army", "gunmen killed a trader", "a peaceful march", "qqq"]
    assert np.asarray([model.probabilities(d) for d in new]) == pytest.approx(
        clf.predict_proba(vec.transform(new)), abs=1e-4)
    assert model.labels == ["Battles", "Protests", "VAC"]
    # Two labels give one row of weights, not one per label: refused rather than misread.
    two = linear.LogisticRegression().fit(vec.transform(docs), [label == "VAC" for label in labels])
    with pytest.raises(ValueError, match="multinomial"):
        export_sklearn(vec, two)


def test_shipped_ngrams_load_with_the_model_and_are_small(read_artifact):
    data = read_artifact(types.NGRAMS_FILE, 2_000_000)
    model = types.model()
    assert model.ngrams is not None and set(model.ngrams.labels) == set(types.SUB_EVENT_TYPES)
    assert len(model.ngrams.column) == len(data["ngrams"]) == len(data["idf"])
    assert model.ngrams.probabilities("militants attacked an army post")[model.ngrams.labels.index("Battles")] > 0.5
