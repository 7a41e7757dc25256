"""The stored memory as the linter's memory, looked up through the match index
(SQLite, and PostgreSQL when ``TMSERVER_TEST_POSTGRES_URL`` is set)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.lintkit import ids
from tests.lintkit import pair
from tmserver.lint.linter import lint
from tmserver.lint.memory import InMemoryTM
from tmserver.services.lintstore import LintMemoryCache
from tmserver.services.lintstore import StoreMemory
from tmserver.services.suggest import MatchEngine
from tmserver.store.db import make_session_factory
from tmserver.store.queries import add_units
from tmserver.units import TranslationUnit

UNITS = [
    (
        "The Ministry of Security organised the conference.",
        "Ministarstvo sigurnosti organiziralo je konferenciju.",
    ),
    (
        "The Ministry of Security supports the victims.",
        "Ministarstvo sigurnosti podržava žrtve.",
    ),
    (
        "The Ministry of Security met the partners.",
        "Ministarstvo sigurnosti sastalo se s partnerima.",
    ),
    (
        "Trafficking in human beings is a serious crime.",
        "Trgovina ljudima je težak zločin.",
    ),
    ("The GC met on Monday.", "GC se sastao u ponedjeljak."),
]


def _add(session: Session, units: list[tuple[str, str]], lang: str = "bs") -> None:
    add_units(session, [TranslationUnit(s, t, "en", lang) for s, t in units])
    session.commit()


@pytest.fixture
def store(any_engine: Engine) -> Iterator[tuple[Session, MatchEngine]]:
    """A session on a stored memory of :data:`UNITS` and a fresh match engine."""
    with make_session_factory(any_engine)() as session:
        _add(session, UNITS)
        _add(session, [UNITS[3]], lang="hr")
        yield session, MatchEngine(refresh_seconds=3600)


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        (UNITS[3][0], UNITS[3][1], set()),
        (UNITS[3][0], "Trgovina ljudima je ozbiljno krivično djelo.", {"memory"}),
        (UNITS[3][0][:-1] + "!", "Trgovina ljudima je težak zločin!", set()),
        (
            "The Ministry of Security opened the office.",
            "Ministarstvu sigurnosti je otvoren ured.",
            set(),
        ),
        (
            "The Ministry of Security opened the office.",
            "Ministarstvo bezbjednosti otvorilo je ured.",
            {"term"},
        ),
    ],
)
def test_memory_checks_through_the_index(
    store: tuple[Session, MatchEngine], source: str, target: str, fires: set[str]
) -> None:
    memory = StoreMemory(*store)
    found = ids(source, target, "bs", memory=memory)
    assert {c.split("-")[0] for c in found & {"memory-mismatch", "term-mismatch"}} == (
        fires
    )


def test_best_match(store: tuple[Session, MatchEngine]) -> None:
    memory = StoreMemory(*store)
    exact = memory.best_match(UNITS[3][0], "en", "bs")
    assert exact is not None and exact.quality == 100.0
    assert exact.target == UNITS[3][1]
    fuzzy = memory.best_match(UNITS[3][0][:-1] + "s.", "en", "bs")
    assert fuzzy is not None and 95 <= fuzzy.quality < 100
    assert memory.best_match("Something else entirely.", "en", "bs") is None
    assert memory.best_match(UNITS[0][0], "en", "hr") is None  # another pair


@pytest.mark.parametrize(
    ("term", "lang"),
    [
        ("Ministry of Security", "bs"),
        ("Ministry of Security", "hr"),
        ("Trafficking", "bs"),
        ("Ministry of Defence", "bs"),
        ("security", "bs"),
    ],
)
def test_term_stems_match_the_file_memory(
    store: tuple[Session, MatchEngine], term: str, lang: str
) -> None:
    reference = InMemoryTM()
    reference.add_all((s, t, "en", "bs") for s, t in UNITS)
    expected = reference.term_stems(term, "en", lang)
    assert StoreMemory(*store).term_stems(term, "en", lang) == expected
    if (term, lang) == ("Ministry of Security", "bs"):
        assert expected == frozenset({"minist", "sigurn"})


def test_known_acronyms_and_missing_acronym_severity(
    store: tuple[Session, MatchEngine],
) -> None:
    memory = StoreMemory(*store)
    assert "GC" in memory.known_acronyms("bs")
    assert "GC" not in memory.known_acronyms("hr")
    assert "OSCE" not in memory.known_acronyms("bs")
    findings = lint([pair("The GC ruled", "Fond je odlučio", "bs")], memory=memory)
    (finding,) = [f for f in findings.findings if f.check == "acronym-missing"]
    assert finding.severity == "warning"


def test_acronym_counterparts_learnt_from_the_stored_memory(
    store: tuple[Session, MatchEngine],
) -> None:
    session, engine = store
    _add(
        session,
        [
            ("The CNB raised its rate.", "HNB je podigla kamatu."),
            ("Analysts expect the CNB to wait.", "Analitičari očekuju da HNB-a čeka."),
            ("The CNB and the EU met.", "Sastali su se HNB i EU."),
        ],
        lang="hr",
    )
    memory = StoreMemory(session, engine)
    assert memory.acronym_counterparts("CNB", "hr") == {"HNB"}
    assert memory.acronym_counterparts("CNB", "bs") == frozenset()
    # two acronyms on each side: the pair alone cannot tell which is which
    release = [pair("The CNB and the IMF agreed.", "HNB i MMF su se složili.", "hr")]

    def missing(memory: StoreMemory | None) -> set[str]:
        findings = lint(release, memory=memory).findings
        return {
            f.source[f.span[0] : f.span[1]]
            for f in findings
            if f.check == "acronym-missing"
        }

    assert missing(None) == {"CNB", "IMF"}
    assert missing(memory) == {"IMF"}


def test_ratio_bounds_from_a_sample(store: tuple[Session, MatchEngine]) -> None:
    session, engine = store
    assert StoreMemory(session, engine).ratio_bounds("en", "bs") is None
    _add(
        session,
        [
            (f"Source sentence number {i} is here.", "T" * (30 + i % 40))
            for i in range(300)
        ],
    )
    low, high = StoreMemory(session, engine).ratio_bounds("en", "bs")
    assert 0.8 < low < high < 2.2


def test_a_new_unit_is_seen_without_a_rebuild(
    store: tuple[Session, MatchEngine],
) -> None:
    session, engine = store
    cache = LintMemoryCache()
    new = ("The Central Bank cut the rate.", "Centralna banka je smanjila stopu.")
    assert StoreMemory(session, engine, cache).best_match(new[0], "en", "bs") is None
    indexes = engine.snapshot(session).indexes
    _add(session, [new])
    match = StoreMemory(session, engine, cache).best_match(new[0], "en", "bs")
    assert match is not None and match.target == new[1]
    snapshot = engine.snapshot(session)
    assert snapshot.indexes is indexes  # the delta took it: no rebuild
    assert [row[2] for row in snapshot.delta] == [new[0]]
