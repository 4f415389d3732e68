"""Near-duplicate marking with MinHash LSH, one article at a time.

Outlets republish the same story under several sections or with a changed headline; counting it twice
would inflate how often a speaker "said" something. Duplicates are marked (Article.duplicate_of), never
dropped, so the decision stays auditable and reversible.
"""
from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from corpus.schema import Article

_WORD = re.compile(r"\w+")
_PROTO = MinHash()
_SCHEME, _DTYPE = _PROTO.scheme, _PROTO.hashvalues.dtype  # datasketch ≥ 2 asks which scheme stored values used


def shingles(text: str, n: int = 5) -> set[bytes]:
    """Word n-grams of the lower-cased text; a text shorter than n words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + n]).encode() for i in range(len(words) - n + 1)}


class DuplicateMarker:
    """Streaming near-duplicate detector: the first article seen is the original, later ones point to it.

    Memory grows with the number of originals (one signature of `num_perm` 64-bit values each, ~1 KB at
    128) — duplicates are not indexed, so a chain A≈B≈C never links C to A through B.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, seed: int = 1, ngram: int = 5) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self.ngram = ngram
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        # drawn once: MinHash() draws the same permutations from `seed` for every article otherwise
        self._permutations = MinHash(num_perm=num_perm, seed=seed).permutations

    def signature(self, text: str) -> MinHash | None:
        grams = shingles(text, self.ngram)
        if not grams:
            return None
        mh = MinHash(num_perm=self.num_perm, seed=self.seed, permutations=self._permutations, scheme=_SCHEME)
        mh.update_batch(list(grams))
        return mh

    def mark(self, article: Article) -> str | None:
        """Set and return `article.duplicate_of` (id of the earliest similar article), or index it as new."""
        dup = self.mark_signature(article.article_id, self.signature(article.text))
        if dup is not None:
            article.duplicate_of = dup
        return dup

    def mark_signature(self, article_id: str, mh: MinHash | LeanMinHash | None) -> str | None:
        """`mark` on a signature computed elsewhere (in a Dask partition): same order, same answer."""
        if mh is None:
            return None
        best_id, best = None, -1.0
        # LSH only proposes candidates; the estimated Jaccard decides, and ties go to the earliest seen.
        for other_id in sorted(self._lsh.query(mh), key=self._order.__getitem__):
            score = float(np.mean(self._signatures[other_id] == mh.hashvalues))
            if score >= self.threshold and score > best:
                best_id, best = other_id, score
        if best_id is not None:
            return best_id
        if article_id not in self._signatures:
            self._lsh.insert(article_id, mh)
            self._signatures[article_id] = mh.hashvalues
            self._order[article_id] = len(self._order)
        return None

    def signature_bytes(self, text: str) -> bytes | None:
        """The signature as it travels between processes and into Parquet."""
        mh = self.signature(text)
        return None if mh is None else mh.hashvalues.astype(_DTYPE).tobytes()

    def from_bytes(self, data: bytes | None) -> LeanMinHash | None:
        if data is None:
            return None
        # LeanMinHash skips regenerating the permutations, the costly part of rebuilding a MinHash
        return LeanMinHash(seed=self.seed, hashvalues=np.frombuffer(data, dtype=_DTYPE), scheme=_SCHEME)
