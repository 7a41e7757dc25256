"""The match quality figure shared with amaGama and translate-toolkit (pure core).

``quality = 100 × (1 − d / max(len_a, len_b))`` with ``d`` the Levenshtein distance on
characters (case- and diacritic-sensitive), so a client's threshold of 70 means here
what it means on amaGama. rapidfuzz's ``Levenshtein.normalized_similarity`` computes
exactly ``1 − d / max(len)`` for unit weights, bit-parallel in C.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


def quality(a: str, b: str) -> float:
    """Similarity of ``a`` and ``b`` in percent (100.0 = identical, 0 for empty)."""
    if not a or not b:
        return 100.0 if a == b and a else 0.0
    return 100.0 * Levenshtein.normalized_similarity(a, b)


def quality_array(
    query: str, candidates: Sequence[str], cutoff: float = 0.0
) -> np.ndarray:
    """Quality of ``query`` against every candidate as a float64 array; a candidate
    below ``cutoff`` gives 0.0.

    One rapidfuzz ``cdist`` call: the comparison loop runs in C over the whole batch.
    It computes distances and the quality here, with the same arithmetic as
    ``normalized_similarity``: given a normalised cutoff, rapidfuzz converts it to a
    distance in floating point and drops a candidate exactly at it (60 % of 35
    characters), which would lose a match a brute-force scan returns.
    """
    if not candidates or not query:
        return np.zeros(len(candidates), dtype=np.float64)
    lengths = np.fromiter(map(len, candidates), dtype=np.int64, count=len(candidates))
    longest = np.maximum(lengths, len(query))
    allowed = int(math.floor((1.0 - cutoff / 100.0) * int(longest.max()) + 1e-9))
    distances = process.cdist(
        [query],
        candidates,
        scorer=Levenshtein.distance,
        score_cutoff=max(0, allowed),
        dtype=np.int64,
    )[0]
    scores = (1.0 - distances / longest) * 100.0
    scores[(distances > allowed) | (scores < cutoff)] = 0.0
    return scores


def length_window(length: int, min_quality: float) -> tuple[int, int]:
    """Candidate lengths that can reach ``min_quality`` against a text of ``length``.

    ``d ≥ |len_a − len_b|``, so quality ≤ 100 × shorter / longer: a candidate must be at
    least ``length × q`` and at most ``length / q`` characters long (q as a fraction).
    """
    ratio = max(min_quality, 1e-9) / 100.0
    low = max(1, math.ceil(length * ratio - 1e-9))
    high = math.floor(length / ratio + 1e-9)
    return low, high


def upper_bound(
    query_grams: int, candidate_length: int, shared: int, query_length: int
) -> float:
    """Highest quality a candidate can reach given how many trigrams it shares.

    One edit changes at most 3 trigrams, so strings at distance ``d`` share at least
    ``max(grams) − 3d`` trigrams (the count filter). Solved for ``d`` this bounds the
    quality from above; it is exact arithmetic, so filtering on it loses nothing.
    """
    longest = max(query_length, candidate_length)
    grams = max(query_grams, candidate_length)
    distance = max(0.0, (grams - shared) / 3.0)
    by_count = 100.0 * (1.0 - distance / longest)
    by_length = 100.0 * min(query_length, candidate_length) / longest
    return min(by_count, by_length)
