"""The index is exact: it returns what a brute-force rapidfuzz scan returns.

Memories here are what makes an index slow and a shortcut tempting: families of
near duplicates (one sentence with other numbers, words dropped or added), so
hundreds of entries pass the trigram filter and the family bound does the pruning.
"""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmserver.match.index import SourceIndex

WORDS = (
    "the office in Sarajevo is closed on Monday and Tuesday for 25 migrants "
    "who arrived at the centre IOM helped families with food water and shelter"
).split()
LANGS = ("hr", "bs", "sr-Cyrl")


def _variant(rng: random.Random, words: list[str]) -> str:
    words = list(words)
    for _ in range(rng.randint(0, 4)):
        choice = rng.random()
        if choice < 0.3 and len(words) > 2:
            del words[rng.randrange(len(words))]
        elif choice < 0.6:
            words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
        elif choice < 0.8:
            words[rng.randrange(len(words))] = str(rng.randint(1, 3000))
        else:
            position = rng.randrange(len(words))
            word = words[position]
            cut = rng.randrange(len(word))
            words[position] = word[:cut] + word[cut + 1 :] or "x"
    return " ".join(words)


def _memory(seed: int, families: int, members: int) -> list[tuple[int, str, str]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(families):
        base = [rng.choice(WORDS) for _ in range(rng.randint(2, 14))]
        for _ in range(members):
            rows.append((len(rows) + 1, _variant(rng, base), rng.choice(LANGS)))
    return rows


def _brute(
    rows: list[tuple[int, str, str]],
    query: str,
    langs: set[str],
    threshold: float,
    k: int,
) -> list[float]:
    texts = sorted({source for _, source, lang in rows if lang in langs})
    scores = process.cdist(
        [query], texts, scorer=Levenshtein.normalized_similarity, dtype=np.float64
    )[0]
    found = sorted((100.0 * s for s in scores.tolist()), reverse=True)
    return [s for s in found if s >= threshold][:k]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    families=st.integers(1, 5),
    members=st.integers(1, 120),
    threshold=st.sampled_from([50.0, 60.0, 70.0, 75.0, 85.0, 95.0]),
    k=st.integers(1, 8),
    langs=st.sets(st.sampled_from(LANGS), min_size=1),
    edit_query=st.booleans(),
)
def test_index_equals_brute_force_on_near_duplicate_families(
    seed: int,
    families: int,
    members: int,
    threshold: float,
    k: int,
    langs: set[str],
    edit_query: bool,
) -> None:
    rows = _memory(seed, families, members)
    rng = random.Random(seed + 1)
    query = rng.choice(rows)[1]
    if edit_query:
        query = _variant(rng, query.split(" "))
    index = SourceIndex.build("en", rows)
    hits = index.search(query, index.target_bits(langs), min_quality=threshold, limit=k)
    got = [round(h.quality, 6) for h in hits]
    assert got == [round(q, 6) for q in _brute(rows, query, langs, threshold, k)]
    assert all(lang_ok for h in hits for lang_ok in [bool(h.unit_ids)])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), members=st.integers(2, 80))
def test_family_distances_are_exact_and_within_the_radius(
    seed: int, members: int
) -> None:
    rows = _memory(seed, 3, members)
    index = SourceIndex.build("en", rows)
    entries = np.arange(index.size)
    reps = index.family_rep[index.entry_family[entries]]
    texts = index.texts(entries)
    pivots = index.texts(reps)
    for text, pivot, stored, family in zip(
        texts,
        pivots,
        index.rep_distance.tolist(),
        index.entry_family.tolist(),
        strict=True,
    ):
        assert Levenshtein.distance(text, pivot) == stored
        assert stored <= index.family_radius[family]
