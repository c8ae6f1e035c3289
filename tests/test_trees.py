import math

import numpy as np
import pytest

from sitrep.extract import types
from sitrep.extract.trees import FORMAT, MAX_LEAVES, BoostedTrees, export_lightgbm

# Two classes, one round. Tree 0 (class "a"): "x"? no: leaf 0 (0.0); yes: "y"? no: leaf 1
# (1.0), yes: leaf 2 (2.0). Tree 1 (class "b"): a single leaf (0.5).
TWO_TREES = {
    "format": FORMAT, "labels": ["a", "b"], "features": ["x", "y"],
    "split_feature": [0, 1], "split_tree": [0, 0], "split_left_first": [0, 1], "split_left_end": [1, 2],
    "leaf_value": [0.0, 1.0, 2.0, 0.5], "tree_first_leaf": [0, 3], "tree_class": [0, 1],
}


@pytest.mark.parametrize("feats,score_a", [([], 0.0), (["x"], 1.0), (["x", "y"], 2.0), (["y", "unseen"], 0.0)])
def test_a_feature_present_goes_right(feats, score_a):
    trees = BoostedTrees(TWO_TREES)
    assert trees.raw_scores(feats).tolist() == [score_a, 0.5]
    p = trees.probabilities(feats)
    assert p[0] == pytest.approx(1 / (1 + math.exp(0.5 - score_a))) and sum(p) == pytest.approx(1)


def test_other_files_are_refused():
    with pytest.raises(ValueError, match="not a sitrep-boosted-trees"):
        BoostedTrees({**TWO_TREES, "format": "something else"})


def test_export_reads_lightgbm_dumps_and_refuses_other_splits():
    class Booster:
        def __init__(self, threshold):
            self.threshold = threshold

        def dump_model(self):
            split = {"split_feature": 3, "threshold": self.threshold, "decision_type": "<=",
                     "left_child": {"leaf_index": 0, "leaf_value": -0.25}, "right_child": {"leaf_index": 1, "leaf_value": 0.75}}
            return {"num_class": 2, "tree_info": [{"tree_structure": split}, {"tree_structure": {"leaf_value": 0.1}}]}

    data = export_lightgbm(Booster(1e-35), ["f0", "f1", "f2", "f3"], ["a", "b"])
    assert data["features"] == ["f3"] and data["tree_class"] == [0, 1] and data["tree_first_leaf"] == [0, 2]
    trees = BoostedTrees(data)
    assert trees.raw_scores(["f3"]).tolist() == pytest.approx([0.75, 0.1])
    assert trees.raw_scores(["f2"]).tolist() == pytest.approx([-0.25, 0.1])
    with pytest.raises(ValueError, match="0/1 features"):
        export_lightgbm(Booster(2.5), ["f0", "f1", "f2", "f3"], ["a", "b"])


def test_shipped_trees_load_with_the_model_and_are_small(read_artifact):
    data = read_artifact(types.TREES_FILE, 3_000_000)
    model = types.model()
    assert model.trees is not None and set(model.trees.labels) == set(types.SUB_EVENT_TYPES)
    assert len(model.trees.tree_class) == len(data["tree_class"]) and len(data["tree_class"]) % 6 == 0


def _features(text: str) -> list[str]:
    has, agent, target = types.rule_analysis(text)
    return types.features(has, agent, target, types.event_type(has, agent, target)[1])


def test_the_event_type_averages_the_models():
    model = types.model()
    text = "Militants killed seven people including five militiamen in the village."
    feats, low = _features(text), text.lower()
    linear, trees, ngrams = {}, dict(zip(model.trees.labels, model.trees.probabilities(feats))), \
        dict(zip(model.ngrams.labels, model.ngrams.probabilities(low)))
    for t, q in zip(model.types, model.probabilities(feats)):
        linear[t] = linear.get(t, 0.0) + q
    for event in linear:
        with_trees = (1 - types.TREES_WEIGHT) * linear[event] + types.TREES_WEIGHT * trees[event]
        assert model.type_probabilities(feats)[event] == pytest.approx(with_trees)
        # With the text, the n-gram model has its share of what the other two give.
        assert model.type_probabilities(feats, True, low)[event] == pytest.approx(
            (1 - types.NGRAMS_WEIGHT) * with_trees + types.NGRAMS_WEIGHT * ngrams[event])
        # A text not in ACLED's manner gives the trees a smaller share.
        assert model.type_probabilities(feats, False)[event] == pytest.approx(
            (1 - types.TREES_WEIGHT_PLAIN) * linear[event] + types.TREES_WEIGHT_PLAIN * trees[event])
    assert types.TREES_WEIGHT_PLAIN < types.TREES_WEIGHT


def test_predict_gives_the_likeliest_type_and_leaves_out_trees_that_cannot_change_it(monkeypatch):
    model = types.model()
    evaluated = []
    real = model.trees.probabilities
    monkeypatch.setattr(model.trees, "probabilities", lambda f: evaluated.append(f) or real(f))
    seen = set()
    for text in ["Police shot suspected robbers at a warehouse.",
                 "Militants killed seven people including five militiamen in the village.",
                 "Armed men attacked and killed two police officers and a farmer.",
                 "Hundreds of students marched peacefully to demand lower fees."]:
        feats, low = _features(text), text.lower()
        linear = {}
        for t, q in zip(model.types, model.probabilities(feats)):
            linear[t] = linear.get(t, 0.0) + q
        ngrams = dict(zip(model.ngrams.labels, model.ngrams.probabilities(low)))
        for marked in (True, False):
            share = (1 - types.NGRAMS_WEIGHT) * (types.TREES_WEIGHT if marked else types.TREES_WEIGHT_PLAIN)
            others = sorted(((1 - types.NGRAMS_WEIGHT - share) * linear[t] + types.NGRAMS_WEIGHT * ngrams[t]
                             for t in linear), reverse=True)
            by_type = model.type_probabilities(feats, marked, low)
            evaluated.clear()
            event, sub = model.predict(feats, marked, low)
            assert event == max(by_type, key=by_type.get) and types.EVENT_TYPE_OF[sub] == event
            # The trees are left out only when the others' lead is more than their share could undo.
            assert bool(evaluated) == (others[0] - others[1] <= share)
            seen.add(bool(evaluated))
    assert seen == {True, False}


def _random_tree(rng, n_features: int, leaves: int) -> dict:
    if leaves == 1:
        return {"leaf_value": round(rng.uniform(-1, 1), 3)}
    left = rng.randint(1, leaves - 1)
    return {"split_feature": rng.randrange(n_features), "threshold": 1e-35, "decision_type": "<=",
            "left_child": _random_tree(rng, n_features, left), "right_child": _random_tree(rng, n_features, leaves - left)}


def _walk(node: dict, present: set[int]) -> float:
    while "split_feature" in node:
        node = node["right_child"] if node["split_feature"] in present else node["left_child"]
    return node["leaf_value"]


def test_leftmost_leaf_left_is_the_leaf_a_walk_down_the_tree_reaches():
    import random

    rng = random.Random(7)
    n_class, n_features = 3, 12
    dumps = [_random_tree(rng, n_features, rng.randint(1, MAX_LEAVES)) for _ in range(30)]

    class Booster:
        def dump_model(self):
            return {"num_class": n_class, "tree_info": [{"tree_structure": t} for t in dumps]}

    names = [f"f{j}" for j in range(n_features)]
    data = export_lightgbm(Booster(), names, ["a", "b", "c"])
    # Masks of no feature, some features or every feature precomputed over all trees: the same leaves.
    models = [BoostedTrees(data, dense_features=k) for k in (0, 5, n_features)]
    assert [len(m.dense) for m in models] == [0, 5, n_features] and models[0].mask_type == np.uint64
    for _ in range(200):
        present = {j for j in range(n_features) if rng.random() < 0.4}
        expected = [0.0] * n_class
        for i, tree in enumerate(dumps):
            expected[i % n_class] += _walk(tree, present)
        for trees in models:
            assert trees.raw_scores([names[j] for j in present]).tolist() == pytest.approx(expected)


def test_trees_of_up_to_32_leaves_keep_their_masks_in_32_bits():
    trees = BoostedTrees(TWO_TREES)
    assert trees.mask_type == np.uint32 and trees.split_keep.dtype == np.uint32
