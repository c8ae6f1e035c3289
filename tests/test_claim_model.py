"""The learned layer of the 'claims' stage (sitrep/extract/claim_model.py): the numpy scorer
against scikit-learn, the loader's checks, and the shipped model on sentences of our own."""
import datetime as dt
import gzip
import json

import numpy as np
import pytest

from sitrep.extract import claim_model, claims
from sitrep.extract.pipeline import annotate
from sitrep.extract.text import parse
from sitrep.lexicon import data_path


def extracted(text):
    return annotate(parse(text, dt.date(2025, 1, 1)), through="claims")


def test_loader_refuses_another_format():
    with pytest.raises(ValueError):
        claim_model.ClaimModel({"format": "sitrep-char-ngrams/1"})
    with pytest.raises(ValueError):
        claim_model.ClaimModel({"format": claim_model.FORMAT, "labels": ["threat"], "features": [],
                                "weights": [], "bias": [0.0], "thresholds": {"denial": 0.5}})


def test_scores_are_bias_plus_weights_of_present_features():
    model = claim_model.ClaimModel({"format": claim_model.FORMAT, "labels": ["threat", "denial"],
                                    "features": ["w:vowed", "w:false"], "weights": [2.0, -1.0, -1.0, 3.0],
                                    "bias": [-1.0, -2.0], "thresholds": {"threat": 0.5, "keep:denial": 0.1}})
    assert model.scores(["w:vowed", "unknown"]).tolist() == [1.0, -3.0]
    assert model.probabilities([]).tolist() == pytest.approx([1 / (1 + np.e), 1 / (1 + np.e ** 2)])


def test_export_matches_sklearn():
    sklearn = pytest.importorskip("sklearn")  # noqa: F841  (training only; CI has none)
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [["a", "b"], ["b", "c"], ["a", "c"], ["c"], ["a"], ["b"]]
    vec = CountVectorizer(analyzer=lambda x: x, binary=True)
    x = vec.fit_transform(feats)
    clfs = {"threat": LogisticRegression().fit(x, [1, 0, 1, 0, 1, 0]),
            "denial": LogisticRegression().fit(x, [0, 1, 1, 1, 0, 0])}
    model = claim_model.ClaimModel(claim_model.export_sklearn(vec, clfs, {"threat": 0.5}, digits=6))
    for f in feats:
        want = [clfs[k].predict_proba(vec.transform([f]))[0, 1] for k in ("threat", "denial")]
        assert model.probabilities(f) == pytest.approx(want, abs=1e-4)


def test_shipped_artifact_is_small_and_loads():
    path = data_path(claim_model.ARTIFACT)
    assert path.stat().st_size < 1_000_000
    with gzip.open(path, "rt") as fh:
        data = json.load(fh)
    model = claim_model.ClaimModel(data)
    assert set(model.labels) == {"responsibility", "accusation", "denial", "threat", "statement"}
    # n-grams only: no feature is a sentence of text
    assert all(len(f) < 60 for f in data["features"])


def test_model_keeps_the_rules_clear_claims():
    parsed = extracted("The BLA claimed responsibility for the bombing in Quetta.")
    assert [(c.kind, c.speaker) for c in parsed.claims] == [("responsibility", "Baloch Liberation Army")]


def test_stage_without_a_model_is_the_rules(monkeypatch):
    text = "Interior Minister Mohsin Naqvi said the plot had been foiled and blamed India for the attacks."
    monkeypatch.setattr(claim_model, "default_model", lambda: None)
    assert [(c.kind, c.speaker, c.target) for c in extracted(text).claims] == [
        ("accusation", "Mohsin Naqvi", "India")]


def test_candidates_name_reporting_verbs_and_according_to():
    text = ("Human Rights Watch said civilians were among the dead. "
            "According to the United Nations, the shelling hit a school.")
    parsed = extracted(text)
    doc = claims._Doc(parsed)
    cands = claims.candidates(parsed, doc, [])
    names = [(c.sentence, c.speaker.name) for c in cands]
    assert (0, "Human Rights Watch") in names and (1, "United Nations") in names
    hrw = next(c for c in cands if c.speaker.name == "Human Rights Watch")
    assert "cue:said" in hrw.features and "rule:none" in hrw.features and "w:civilians" in hrw.features
    assert "w:human" not in hrw.features  # the speaker's own name is no evidence


def test_decide_adds_a_claim_the_rules_did_not_make():
    parsed = extracted("Human Rights Watch said government troops fired on the crowd.")
    doc = claims._Doc(parsed)
    found = claims.groups(claims.candidates(parsed, doc, []))
    labels = ["accusation", "statement"]
    out = claims.decide(parsed, found, [np.array([0.9, 0.1])], labels, {"accusation": 0.5, "statement": 0.5})
    assert [(c.kind, c.speaker) for c in out] == [("accusation", "Human Rights Watch")]
    start, end = out[0].span
    assert parsed.text[start:end].strip() == out[0].text
    assert claims.decide(parsed, found, [np.array([0.2, 0.1])], labels, {"accusation": 0.5}) == []


def test_added_accusation_names_the_side_in_the_sentence():
    parsed = extracted("Amnesty International said the Taliban had executed the prisoners.")
    doc = claims._Doc(parsed)
    found = claims.groups(claims.candidates(parsed, doc, []))
    out = claims.decide(parsed, found, [np.array([0.9])], ["accusation"], {"accusation": 0.5}, doc)
    assert [(c.kind, c.speaker) for c in out] == [("accusation", "Amnesty International")]
    assert out[0].target and "Taliban" in out[0].target


def test_an_acled_style_note_keeps_the_rules(monkeypatch):
    seen = []
    monkeypatch.setattr(claims, "learned_claims", lambda parsed, model: seen.append(parsed) or [])
    note = "On 3 May 2020, unidentified gunmen shot dead a trader in Maiduguri, police said."
    extracted(note)
    assert seen == []
    extracted("Police said unidentified gunmen shot dead a trader in Maiduguri on Sunday.\n\nThe market closed.")
    assert len(seen) == 1
