"""The public ``suggest()`` is exact: property tests against a brute-force scan.

Random memories of near-duplicate families (sentences with numbers, dates and
acronyms, varied by a few edits, some sources with several translations), random
queries made from a family member by 0–6 edits, every threshold from 50 to 100 and
``max_candidates`` 1–10, placeables on: every stored source whose raw quality reaches
the threshold and ranks in the brute-force top k comes back (ties at the k-th quality
aside), with the raw quality the scan computes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tmserver.match.quality import quality
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy
from tmserver.services.suggest import suggest
from tmserver.store import queries
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import upgrade_schema
from tmserver.store.models import UnitRow
from tmserver.units import TranslationUnit

BASES = [
    "Only 55 residents of Presevo attended the meeting on May 2, 2019.",
    "The UK and the EU signed the agreement in 2017.",
    "About 35 participants from BiH joined the IOM training in Tuzla.",
    "Prices rose by 3.5% in October 2018, the BST reported.",
    "The office is closed on Monday.",
    "In 2019 the UN House in Sarajevo hosted 120 guests.",
]
WORDS = ["new", "all", "also", "UK", "EU", "BST", "Tuzla", "report", "the"]
MONTHS = ["January", "March", "May", "October", "December"]


def _edit(draw: st.DrawFn, text: str) -> str:
    """One random edit: a number, a date, an acronym, a word or a character."""
    words = text.split(" ")
    kind = draw(st.sampled_from(["number", "date", "word", "drop", "char", "swap"]))
    position = draw(st.integers(0, len(words) - 1))
    if kind == "number":
        words[position] = str(draw(st.integers(0, 3000)))
    elif kind == "date":
        month = draw(st.sampled_from(MONTHS))
        words[position : position + 1] = [month, f"{draw(st.integers(1, 28))},"]
    elif kind == "word":
        words.insert(position, draw(st.sampled_from(WORDS)))
    elif kind == "drop" and len(words) > 2:
        del words[position]
    elif kind == "char" and len(words[position]) > 1:
        word = words[position]
        cut = draw(st.integers(0, len(word) - 1))
        words[position] = word[:cut] + word[cut + 1 :]
    elif kind == "swap" and len(words) > 3:
        other = draw(st.integers(0, len(words) - 1))
        words[position], words[other] = words[other], words[position]
    return " ".join(words)


@st.composite
def memories(draw: st.DrawFn) -> tuple[list[tuple[str, str, str]], str, int, int]:
    """(units as (source, target, lang), query, threshold, max_candidates)."""
    units: list[tuple[str, str, str]] = []
    families = draw(st.lists(st.sampled_from(BASES), min_size=1, max_size=4))
    for base in families:
        for _ in range(draw(st.integers(1, 8))):
            source = base
            for _ in range(draw(st.integers(0, 3))):
                source = _edit(draw, source)
            lang = draw(st.sampled_from(["hr", "hr", "bs", "sr-Latn", "sr-Cyrl"]))
            for number in range(draw(st.integers(1, 2))):  # second translations
                target = f"Prijevod {number}: {source.replace('.', ',')}"
                units.append((source, target, lang))
    query = draw(st.sampled_from([u[0] for u in units]))
    for _ in range(draw(st.integers(0, 6))):
        query = _edit(draw, query)
    return units, query, draw(st.integers(50, 100)), draw(st.integers(1, 10))


@pytest.fixture(scope="module")
def factory() -> Iterator:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'tm.db'}")
        upgrade_schema(engine)
        yield make_session_factory(engine)
        engine.dispose()


def _fill(session: Session, units: list[tuple[str, str, str]]) -> None:
    session.execute(delete(UnitRow))
    queries.add_units(
        session,
        [
            TranslationUnit(source=s, target=t, source_lang="en", target_lang=lang)
            for s, t, lang in units
        ],
    )
    session.commit()


def _brute_force(
    units: list[tuple[str, str, str]], query: str, langs: set[str], threshold: float
) -> list[tuple[float, str]]:
    sources = {s for s, _t, lang in units if lang in langs}
    scored = [(quality(query, s), s) for s in sources]
    return sorted((q, s) for q, s in scored if q >= threshold)[::-1]


@hypothesis_settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=memories(), target=st.sampled_from(["hr", "sr-Latn"]))
def test_suggest_returns_the_brute_force_top_k(factory, case, target) -> None:  # noqa: ANN001
    units, query, threshold, k = case
    with factory() as session:
        _fill(session, units)
        policy = MatchPolicy(min_similarity=float(threshold), max_candidates=k)
        found = suggest(session, MatchEngine(), query, "en", target, policy)
    langs = {"hr"} if target == "hr" else {"sr-Latn", "sr-Cyrl"}
    truth = _brute_force(units, query, langs, threshold)
    got = {item.source: item for item in found}
    assert len(found) <= k
    for item in found:  # the raw figure is the scan's figure
        assert item.raw_quality == pytest.approx(quality(query, item.source))
    if not truth:
        return
    kth = truth[min(k, len(truth)) - 1][0]
    for value, source in truth:
        if value > kth + 1e-9 or (len(truth) <= k):
            assert source in got, (query, source, value, [i.source for i in found])
    # the top-k shows distinct sources while other sources qualify
    distinct = len({item.source for item in found})
    assert distinct >= min(k, len(truth))


@given(case=memories())
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_placeable_search_never_loses_what_plain_search_finds(factory, case) -> None:  # noqa: ANN001
    """With placeables on, the answer holds every source the plain search returns."""
    units, query, threshold, k = case
    with factory() as session:
        _fill(session, units)
        engine = MatchEngine()
        on = MatchPolicy(min_similarity=float(threshold), max_candidates=k)
        off = MatchPolicy(
            min_similarity=float(threshold), max_candidates=k, placeables=False
        )
        with_placeables = suggest(session, engine, query, "en", "hr", on)
        plain = suggest(session, engine, query, "en", "hr", off)
    kept = {i.source for i in with_placeables}
    cut = min(i.raw_quality for i in plain) if plain else 101.0
    for item in plain:
        if item.raw_quality > cut + 1e-9 or len(plain) < k:
            assert item.source in kept
