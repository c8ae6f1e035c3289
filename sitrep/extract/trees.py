"""Boosted decision trees over binary features, evaluated with numpy alone.

scripts/train_types.py fits the trees with LightGBM (a training-only dependency) and writes
them with `export_lightgbm`; the extractor loads them with `BoostedTrees` and needs nothing
but numpy. Every split asks one question, "does the text have feature f?" (LightGBM splits
0/1 features at a threshold near zero, so a feature present goes right).

A text has a hundred or so of the thousands of features the trees ask about, so the trees
are not walked node by node: as in QuickScorer (Lucchese et al., SIGIR 2015), each tree's
leaves are numbered left to right, every split on a feature the text has rules out the
leaves of its left branch, and the leaf a tree ends in is the leftmost one left. The work
is a few numpy operations over the splits on the text's features.
"""
from __future__ import annotations

import math

import numpy as np

from sitrep.lexicon import read_json_gz

FORMAT = "sitrep-boosted-trees/1"
MAX_LEAVES = 64  # a tree's leaves are bits of one uint64
# How many features (those with the most splits) get a precomputed row of masks over all trees:
# 64 rows of 7,200 trees take 1.8 MB and hold about three quarters of the splits a dated note
# brings; the trees' time for such a note went from ~0.30 to ~0.18 ms (128 or 256 rows: no faster).
DENSE_FEATURES = 64


class BoostedTrees:
    """Multi-class boosted trees: the raw score of a class is the sum of the leaves its trees
    reach; `probabilities` is their softmax.

    The file lists, for each split, its feature, its tree and the span of its left branch's
    leaves (numbered within the tree, left to right); for each tree, its class and where its
    leaves start in `leaf_value`."""

    def __init__(self, data: dict, dense_features: int = DENSE_FEATURES) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: {data.get('format')!r}")
        self.labels: list[str] = data["labels"]
        self.column: dict[str, int] = {f: i for i, f in enumerate(data["features"])}
        self.tree_class = np.asarray(data["tree_class"], dtype=np.int64)
        self.tree_first_leaf = np.asarray(data["tree_first_leaf"], dtype=np.int64)
        self.leaf_value = np.asarray(data["leaf_value"], dtype=np.float64)
        feature = np.asarray(data["split_feature"], dtype=np.int64)
        lo = np.asarray(data["split_left_first"], dtype=np.uint64)
        hi = np.asarray(data["split_left_end"], dtype=np.uint64)
        # A split that goes right clears the bits of its left branch's leaves (at most 63 of
        # them: the right branch has one at least).
        left_bits = ((np.uint64(1) << (hi - lo)) - np.uint64(1)) << lo
        order = np.argsort(feature, kind="stable")
        n_leaves = np.diff(np.append(self.tree_first_leaf, len(self.leaf_value)))
        # Trees of up to 32 leaves (LightGBM's default is 31) fit their bits in 32: half the memory.
        self.mask_type = np.uint32 if n_leaves.max(initial=1) <= 32 else np.uint64
        self.split_tree = np.asarray(data["split_tree"], dtype=np.int64)[order]
        self.split_keep = (~left_bits)[order].astype(self.mask_type)
        # The splits on feature f are split_tree[start[f]:start[f + 1]] (and split_keep's).
        self.start = np.searchsorted(feature[order], np.arange(len(self.column) + 1))
        # The features with the most splits (words in most notes: "on", "killed", the digits) hold
        # most of the splits a text brings: their masks are kept as one row per feature over all
        # trees, and a text's rows are AND-ed at once, which costs a third of scattering them.
        per_feature = np.diff(self.start)
        dense = np.argsort(-per_feature, kind="stable")[:dense_features]
        dense = dense[per_feature[dense] > 0]
        self.dense_row = np.full(len(self.column), -1, dtype=np.int64)
        self.dense_row[dense] = np.arange(len(dense))
        self.dense = self._all_kept(len(dense))
        for row, col in enumerate(dense):
            at = slice(self.start[col], self.start[col + 1])
            np.bitwise_and.at(self.dense[row], self.split_tree[at], self.split_keep[at])

    def _all_kept(self, rows: int | None = None) -> np.ndarray:
        shape = len(self.tree_class) if rows is None else (rows, len(self.tree_class))
        return np.full(shape, np.iinfo(self.mask_type).max, dtype=self.mask_type)

    @classmethod
    def load(cls, path) -> "BoostedTrees":
        return cls(read_json_gz(path))

    def leaves(self, feats) -> np.ndarray:
        """The index in `leaf_value` of the leaf each tree ends in."""
        cols = np.fromiter({c for c in map(self.column.get, feats) if c is not None}, dtype=np.int64)
        rows = self.dense_row[cols]
        dense = rows[rows >= 0]
        bits = np.bitwise_and.reduce(self.dense[dense], axis=0) if len(dense) else self._all_kept()
        cols = cols[rows < 0]
        first, end = self.start[cols], self.start[cols + 1]
        counts = end - first
        at = np.repeat(first - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        np.bitwise_and.at(bits, self.split_tree[at], self.split_keep[at])
        lowest = bits & (~bits + self.mask_type(1))
        return self.tree_first_leaf + np.log2(lowest.astype(np.float64)).astype(np.int64)

    def raw_scores(self, feats) -> np.ndarray:
        return np.bincount(self.tree_class, weights=self.leaf_value[self.leaves(feats)], minlength=len(self.labels))

    def probabilities(self, feats) -> list[float]:
        return softmax(self.raw_scores(feats).tolist())


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def export_lightgbm(booster, feature_names: list[str], labels: list[str], digits: int = 4) -> dict:
    """A LightGBM multi-class booster fitted on 0/1 columns named `feature_names`, as the
    dict `BoostedTrees` reads. Only features some split uses are kept."""
    dump = booster.dump_model()
    used: dict[int, int] = {}
    out = {"split_feature": [], "split_tree": [], "split_left_first": [], "split_left_end": [],
           "leaf_value": [], "tree_first_leaf": [], "tree_class": []}

    def walk(node: dict, tree: int) -> int:
        """Adds the splits and leaves under `node`; the number of its leaves."""
        if "split_feature" not in node:
            out["leaf_value"].append(round(float(node["leaf_value"]), digits))
            return 1
        if node["decision_type"] != "<=" or not 0 <= float(node["threshold"]) < 1:
            raise ValueError("expected splits of 0/1 features at a threshold in [0, 1)")
        first = len(out["leaf_value"]) - out["tree_first_leaf"][-1]
        out["split_feature"].append(used.setdefault(int(node["split_feature"]), len(used)))
        out["split_tree"].append(tree)
        out["split_left_first"].append(first)
        out["split_left_end"].append(0)
        k = len(out["split_left_end"]) - 1
        n_left = walk(node["left_child"], tree)
        out["split_left_end"][k] = first + n_left
        return n_left + walk(node["right_child"], tree)

    for i, tree in enumerate(dump["tree_info"]):
        out["tree_first_leaf"].append(len(out["leaf_value"]))
        out["tree_class"].append(i % dump["num_class"])
        if walk(tree["tree_structure"], i) > MAX_LEAVES:
            raise ValueError(f"a tree has more than {MAX_LEAVES} leaves")
    features = [feature_names[j] for j in sorted(used, key=used.get)]
    return {"format": FORMAT, "labels": list(labels), "features": features, **out}
