"""In-context matches and reviewed imports on both stores (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

from sqlalchemy import Engine

from tmserver.formats.release import read_release
from tmserver.services.pretranslate import import_reviewed_upload
from tmserver.services.pretranslate import policy_for
from tmserver.services.pretranslate import pretranslate
from tmserver.services.pretranslate import several_translations
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy
from tmserver.store import queries
from tmserver.store.db import make_session_factory
from tmserver.units import TranslationUnit

DOCUMENT = [
    ("The office opened in Mostar.", "Ured je otvoren u Mostaru."),
    ("It serves the whole region.", "Služi cijeloj regiji."),
    ("Visitors are welcome every day.", "Posjetitelji su dobrodošli svaki dan."),
]


def _units(document: str, origin: str) -> list[TranslationUnit]:
    return [
        TranslationUnit(
            source=source,
            target=target,
            source_lang="en",
            target_lang="hr",
            origin=origin,
            created=datetime(2020, 1, 1, tzinfo=UTC),
            props=(("x-document", document), ("x-sentences", f"1.{n + 1}")),
        )
        for n, (source, target) in enumerate(DOCUMENT)
    ]


def _draft_levels(engine: Engine, text: str) -> list[tuple[str, str]]:
    release = read_release(text.encode("utf-8"), "release.txt")
    with make_session_factory(engine)() as session:
        draft = pretranslate(
            session,
            MatchEngine(refresh_seconds=0),
            release,
            "hr",
            policy_for(MatchPolicy(), 75),
        )
    return [(s.level, s.target) for s in draft.segments]


def test_in_context_needs_both_neighbours_of_the_same_document(
    any_engine: Engine,
) -> None:
    with make_session_factory(any_engine).begin() as session:
        # an odd document name: LIKE wildcards and quotes must not confuse the lookup
        queries.add_units(session, _units('a_%"doc".txt', "announcements/a.txt"))
    same = " ".join(s for s, _ in DOCUMENT)
    assert [level for level, _ in _draft_levels(any_engine, same)] == [
        "in-context",
        "in-context",
        "in-context",
    ]
    changed = f"{DOCUMENT[0][0]} A totally different middle sentence. {DOCUMENT[2][0]}"
    assert [level for level, _ in _draft_levels(any_engine, changed)] == [
        "exact",
        "none",
        "exact",
    ]
    reordered = " ".join([DOCUMENT[1][0], DOCUMENT[0][0], DOCUMENT[2][0]])
    assert all(level == "exact" for level, _ in _draft_levels(any_engine, reordered))


def test_a_reviewed_translation_wins_and_both_are_kept(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    with factory.begin() as session:
        queries.add_units(session, _units("a.txt", "announcements/a.txt"))
    tsv = f"english\tlocal\n{DOCUMENT[1][0]}\tSlužbeno pokriva cijelu regiju.\n"
    with factory.begin() as session:
        report = import_reviewed_upload(
            session, "review.tsv", tsv.encode("utf-8"), target_lang="hr"
        )
    assert (report.read, report.added) == (1, 1)
    with factory() as session:
        assert queries.count_units(session) == 4
        assert several_translations(session) == 1
    levels = _draft_levels(any_engine, DOCUMENT[1][0])
    assert levels == [("exact", "Službeno pokriva cijelu regiju.")]
    release = read_release(DOCUMENT[1][0].encode(), "r.txt")
    with factory() as session:
        draft = pretranslate(
            session, MatchEngine(), release, "hr", policy_for(MatchPolicy(), 75)
        )
    # both translations are offered, the reviewed (newest) one first
    assert [c.target for c in draft.segments[0].candidates] == [
        "Službeno pokriva cijelu regiju.",
        DOCUMENT[1][1],
    ]
