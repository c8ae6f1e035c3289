"""Telling the same report apart: canonical URLs, normalised-text hashes, near-duplicates.

- The same URL or the same text: `canonical_url` and `text_hash` from sitrep.keys, the
  definitions the store's uniqueness constraints use too.
- The same story retold (a wire story republished with a new headline and a paragraph
  changed): `NearDuplicateIndex`, MinHash signatures of word shingles with LSH bands.
"""
from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from sitrep.keys import canonical_url, document_id, normalise_text, text_hash  # noqa: F401  (re-exported)
from sitrep.lexicon import load_lexicon

# A Mersenne prime under 2**32: a*x + b stays below 2**64 for 31-bit a, b and x.
_PRIME = (1 << 31) - 1


def shingles(text: str, size: int) -> set[str]:
    """The runs of `size` consecutive words of the normalised text (the whole text as one
    shingle when it is shorter)."""
    words = normalise_text(text).split()
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


class MinHasher:
    """MinHash signatures: for each of `permutations` hash functions (a*x + b) mod p, the
    smallest value over the text's shingles (x = CRC-32 of the shingle). The share of
    equal positions in two signatures estimates the Jaccard similarity of the shingle sets."""

    def __init__(self, permutations: int = 128, shingle_words: int = 4, seed: int = 1):
        rng = np.random.default_rng(seed)
        self.shingle_words = shingle_words
        self._a = rng.integers(1, _PRIME, size=(permutations, 1), dtype=np.uint64)
        self._b = rng.integers(0, _PRIME, size=(permutations, 1), dtype=np.uint64)

    @property
    def permutations(self) -> int:
        return len(self._a)

    def signature(self, text: str) -> np.ndarray:
        grams = shingles(text, self.shingle_words)
        if not grams:  # no words: a signature that matches nothing real
            return np.full(self.permutations, _PRIME, dtype=np.uint64)
        x = np.fromiter((zlib.crc32(g.encode("utf-8")) % _PRIME for g in grams),
                        dtype=np.uint64, count=len(grams))
        return ((self._a * x + self._b) % _PRIME).min(axis=1)


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    return float(np.mean(sig_a == sig_b))


class NearDuplicateIndex:
    """Texts added under an id; `find` returns the ids of those the new text nearly repeats.

    Candidates come from LSH: the signature is cut into `bands` bands and two texts that
    agree on a whole band are compared. With 32 bands of 4 rows a pair at similarity 0.5
    is compared 87% of the time and one at 0.7 practically always; `find` then keeps the
    candidates whose estimated similarity reaches `threshold`. Defaults from
    sitrep/data/ingest.toml [near_duplicates].
    """

    def __init__(self, permutations: int | None = None, bands: int | None = None,
                 shingle_words: int | None = None, seed: int | None = None):
        conf = load_lexicon("ingest")["near_duplicates"]
        permutations = permutations or conf["permutations"]
        self.bands = bands or conf["bands"]
        if permutations % self.bands:
            raise ValueError(f"{permutations} permutations do not split into {self.bands} bands")
        self.rows = permutations // self.bands
        self.threshold = conf["threshold"]
        self.hasher = MinHasher(permutations, shingle_words or conf["shingle_words"],
                                conf["seed"] if seed is None else seed)
        self._signatures: dict[str, np.ndarray] = {}
        self._buckets: list[dict[bytes, list[str]]] = [defaultdict(list) for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def _band_keys(self, signature: np.ndarray) -> Iterable[tuple[int, bytes]]:
        for band in range(self.bands):
            yield band, signature[band * self.rows:(band + 1) * self.rows].tobytes()

    def add(self, doc_id: str, text: str) -> None:
        """Index `text` under `doc_id` (adding an id again replaces nothing: it is ignored)."""
        if doc_id in self._signatures:
            return
        signature = self.hasher.signature(text)
        self._signatures[doc_id] = signature
        for band, key in self._band_keys(signature):
            self._buckets[band][key].append(doc_id)

    def find(self, text: str, threshold: float | None = None) -> list[tuple[str, float]]:
        """(id, estimated similarity) of the indexed texts at or above `threshold`, the
        most similar first."""
        threshold = self.threshold if threshold is None else threshold
        signature = self.hasher.signature(text)
        candidates: set[str] = set()
        for band, key in self._band_keys(signature):
            candidates.update(self._buckets[band].get(key, ()))
        found = [(doc_id, similarity(signature, self._signatures[doc_id])) for doc_id in candidates]
        return sorted((f for f in found if f[1] >= threshold), key=lambda f: (-f[1], f[0]))
