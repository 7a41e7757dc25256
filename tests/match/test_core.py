"""Matching core: quality figure, index vs brute force, ranking, substitution."""

from __future__ import annotations

import random
from datetime import UTC
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from tmserver.match.index import SourceIndex
from tmserver.match.index import _segment_search
from tmserver.match.quality import length_window
from tmserver.match.quality import quality
from tmserver.match.quality import upper_bound
from tmserver.match.rank import Suggestion
from tmserver.match.rank import merge_and_rank
from tmserver.match.substitute import substitute


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Computer", "Computer", 100.0),
        ("Computer", "Computers", 100 * (1 - 1 / 9)),  # amaGama docs: 88.89
        ("Computer", "&Computer", 100 * (1 - 1 / 9)),
        ("Computer", "My Computer", 100 * (1 - 3 / 11)),  # 72.73
        ("čaj", "caj", 100 * (1 - 1 / 3)),  # diacritics cost a full edit
        ("", "x", 0.0),
    ],
)
def test_quality_is_the_amagama_figure(a: str, b: str, expected: float) -> None:
    assert quality(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("length", "threshold", "window"),
    [(100, 70, (70, 142)), (10, 100, (10, 10)), (3, 30, (1, 10))],
)
def test_length_window_matches_toolkit_bounds(
    length: int, threshold: float, window: tuple[int, int]
) -> None:
    assert length_window(length, threshold) == window


def _trigram_multiset(text: str) -> list[str]:
    padded = " " + text.lower() + " "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def test_upper_bound_never_below_the_true_quality() -> None:
    rng = random.Random(7)
    alphabet = "abcdeč "
    for _ in range(500):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        grams_a, grams_b = _trigram_multiset(a), _trigram_multiset(b)
        shared = sum(min(grams_a.count(g), grams_b.count(g)) for g in set(grams_a))
        assert upper_bound(len(a), len(b), shared, len(a)) >= quality(a, b) - 1e-9


SENTENCES = [
    "The office is closed on Monday.",
    "The office is closed on Tuesday.",
    "The offices are closed on Monday.",
    "Our office will be closed on Monday.",
    "The weather is nice today.",
    "Computer",
    "Computers",
    "My Computer",
    "IOM helped 2,500 migrants in Sarajevo in October 2018.",
]


def _index(rows: list[tuple[int, str, str]]) -> SourceIndex:
    return SourceIndex.build("en", rows)


def _brute(query: str, texts: list[str], threshold: float, k: int) -> list[float]:
    scores = sorted((quality(query, t) for t in texts), reverse=True)
    return [s for s in scores if s >= threshold][:k]


@pytest.mark.parametrize("query", SENTENCES + ["The office is closed", "Computr"])
def test_index_equals_brute_force_on_small_memory(query: str) -> None:
    index = _index([(i, s, "hr") for i, s in enumerate(SENTENCES, 1)])
    hits = index.search(query, index.target_bits(["hr"]), min_quality=50, limit=5)
    assert [round(h.quality, 6) for h in hits] == [
        round(q, 6) for q in _brute(query, SENTENCES, 50, 5)
    ]


def test_index_recall_against_brute_force_on_real_sentences(
    shared_data: Path,
) -> None:
    lines = (shared_data / "tatoeba" / "tatoeba-test-v2021-08-07.eng").read_text(
        encoding="utf-8"
    )
    texts = sorted(set(lines.splitlines()))[:4000]
    index = _index([(i, t, "hr") for i, t in enumerate(texts, 1)])
    rng = random.Random(3)
    wanted = found = 0
    for _ in range(60):
        words = rng.choice(texts).split()
        words.insert(rng.randrange(len(words) + 1), "really")
        query = " ".join(words)
        truth = _brute(query, texts, 70, 5)
        got = [h.quality for h in index.search(query, index.target_bits(["hr"]))]
        wanted += len(truth)
        found += sum(1 for q in truth if any(abs(q - g) < 1e-6 for g in got))
    assert wanted >= 40
    assert found / wanted >= 0.99


def test_index_filters_target_language_and_groups_units() -> None:
    index = _index(
        [(1, "Good morning.", "hr"), (2, "Good morning.", "sr-Cyrl"), (3, "Hi.", "bs")]
    )
    hits = index.search("Good morning!", index.target_bits(["sr-Cyrl"]))
    assert [(h.source, h.unit_ids) for h in hits] == [("Good morning.", (2,))]
    assert index.search("Hi.", index.target_bits(["hr"])) == []
    assert index.search("Hi.", index.target_bits(["de"])) == []


def test_index_saves_and_loads_memory_mapped(tmp_path: Path) -> None:
    index = _index([(i, s, "hr") for i, s in enumerate(SENTENCES, 1)])
    index.save(tmp_path / "idx")
    loaded = SourceIndex.load(tmp_path / "idx")
    bits = loaded.target_bits(["hr"])
    assert [h.source for h in loaded.search("Computer", bits)] == [
        "Computer",
        "Computers",
        "My Computer",
    ]


def _suggestion(**fields: object) -> Suggestion:
    base = dict(
        source="s",
        target="t",
        quality=90.0,
        raw_quality=90.0,
        source_lang="en",
        target_lang="hr",
        origin="a.tmx",
    )
    base.update(fields)
    return Suggestion(**base)  # type: ignore[arg-type]


def test_rank_orders_by_quality_then_newer_then_shorter() -> None:
    old = datetime(2019, 1, 1, tzinfo=UTC)
    new = datetime(2024, 1, 1, tzinfo=UTC)
    items = [
        _suggestion(source="long source", target="a", changed=new, quality=95.0),
        _suggestion(source="short", target="b", changed=new, quality=95.0),
        _suggestion(source="x", target="c", changed=old, quality=95.0),
        _suggestion(source="y", target="d", quality=99.0),
    ]
    assert [s.target for s in merge_and_rank(items, 10)] == ["d", "b", "a", "c"]


def test_identical_suggestions_merge_with_all_origins() -> None:
    items = [
        _suggestion(origin="a.tmx"),
        _suggestion(origin="b.tmx"),
        _suggestion(target="other", origin="c.tmx", quality=80.0),
    ]
    ranked = merge_and_rank(items, 5)
    assert [(s.target, s.origins) for s in ranked] == [
        ("t", ("a.tmx", "b.tmx")),
        ("other", ("c.tmx",)),
    ]


@pytest.mark.parametrize(
    ("query", "source", "target", "lang", "expected"),
    [
        (
            "On March 3, 2021, 3.7 million people arrived.",
            "On October 18, 2018, 2.5 million people arrived.",
            "Dana 18. listopada 2018. stiglo je 2,5 milijuna ljudi.",
            "hr",
            "Dana 3. ožujka 2021. stiglo je 3,7 milijuna ljudi.",
        ),
        (
            "Meeting on October 18, 2018.",
            "Meeting on May 2, 2017.",
            "Sastanak 2. maja 2017.",
            "bs",
            "Sastanak 18. oktobra 2018.",
        ),
        (
            "Meeting on October 18, 2018.",
            "Meeting on May 2, 2017.",
            "Састанак 2. маја 2017.",
            "sr-Cyrl",
            "Састанак 18. октобра 2018.",
        ),
        (
            "It was held on March 3, 2021.",
            "It was held on October 18, 2018.",
            "Održana je 18.10.2018.",
            "bs",
            "Održana je 3.3.2021.",
        ),
        (
            "It was held on May 2, 2021.",
            "It was held on October 18, 2018.",
            "Održana je 18. 10. 2018.",
            "hr",
            "Održana je 2. 5. 2021.",
        ),
        (
            "The price is 1,000 euros.",
            "The price is 2.5 euros.",
            "Cijena je 2,5 eura.",
            "hr",
            "Cijena je 1.000 eura.",
        ),
    ],
)
def test_substitution_writes_query_values_in_target_conventions(
    query: str, source: str, target: str, lang: str, expected: str
) -> None:
    result = substitute(query, source, target, "en", lang)
    assert result is not None
    assert result.target == expected
    assert result.quality >= 95.0 > quality(query, source)


@pytest.mark.parametrize(
    ("query", "source", "target"),
    [
        ("No numbers here.", "No numbers there.", "Bez brojeva."),
        ("We met 3 people.", "We met 5 people.", "Sreli smo nekoliko ljudi."),
        ("We met 5 people.", "We met 5 people.", "Sreli smo 5 ljudi."),
        ("On May 2, 3 people came.", "On May 2 people came.", "Drugog maja."),
    ],
)
def test_no_substitution_when_values_cannot_be_carried(
    query: str, source: str, target: str
) -> None:
    assert substitute(query, source, target, "en", "hr") is None


@pytest.mark.parametrize("seed", range(5))
def test_segment_search_equals_searchsorted_per_segment(seed: int) -> None:
    """The vectorised search over many sorted segments finds what ``searchsorted``
    finds in each, including empty segments and targets outside every segment."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([0, 1, 2, 3, 7, 64, 1000], size=40)
    segments = [np.sort(rng.integers(0, 500, size=n)) for n in sizes]
    values = np.concatenate(segments).astype(np.int32)
    last = np.cumsum(sizes)
    first = last - sizes
    targets = rng.integers(-5, 510, size=len(sizes))
    found = _segment_search(values, first, last, targets)
    expected = [
        lo + np.searchsorted(values[lo:hi], t, side="left")
        for lo, hi, t in zip(first, last, targets, strict=True)
    ]
    assert found.tolist() == expected
