from __future__ import annotations

from datetime import UTC
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy import inspect

from tmserver.store import queries
from tmserver.store.db import head_revision
from tmserver.store.db import make_session_factory
from tmserver.store.db import schema_revision
from tmserver.store.db import upgrade_schema
from tmserver.units import TranslationUnit

WHEN = datetime(2018, 10, 18, 9, 30, tzinfo=UTC)


def unit(source: str, target: str, tlang: str = "hr", **extra) -> TranslationUnit:
    return TranslationUnit(source, target, "en", tlang, **extra)


def test_schema_is_at_head_and_upgrade_is_idempotent(any_engine: Engine) -> None:
    assert schema_revision(any_engine) == head_revision()
    upgrade_schema(any_engine)
    assert {"units", "memory_files", "memory_state"} <= set(
        inspect(any_engine).get_table_names()
    )


def test_identical_entries_are_stored_once(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    units = [unit("Hello.", "Zdravo."), unit("Hello.", "Zdravo."), unit("Hi.", "Bok.")]
    with factory.begin() as session:
        assert queries.add_units(session, units) == 2
    with factory.begin() as session:
        assert queries.add_units(session, [unit("Hello.", "Zdravo.")]) == 0
        assert queries.count_units(session) == 2


def test_same_text_other_context_or_origin_is_another_entry(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    with factory.begin() as session:
        added = queries.add_units(
            session,
            [
                unit("Hello.", "Zdravo."),
                unit("Hello.", "Zdravo.", context="menu"),
                unit("Hello.", "Zdravo.", origin="a.tmx"),
            ],
        )
    assert added == 3


def test_round_trip_keeps_every_field(any_engine: Engine) -> None:
    original = unit(
        "Press Ctrl+S.",
        "Pritisnite Ctrl+S.",
        tlang="sr-Latn",
        context="help",
        origin="memories/help.tmx",
        note="checked",
        created=WHEN,
        changed=WHEN,
        source_markup='Press <ph x="1">Ctrl+S</ph>.',
        target_markup='Pritisnite <ph x="1">Ctrl+S</ph>.',
        props=(("x-project", "IOM"), ("x-align-confidence", "0.98")),
    )
    factory = make_session_factory(any_engine)
    with factory.begin() as session:
        queries.add_units(session, [original])
    with factory() as session:
        assert list(queries.iter_units(session)) == [original]


def test_iter_units_filters_by_pair_and_pages(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    units = [unit(f"Sentence {i}.", f"Rečenica {i}.", "bs") for i in range(25)]
    with factory.begin() as session:
        queries.add_units(session, units + [unit("Other.", "Drugo.", "hr")])
    with factory() as session:
        got = list(queries.iter_units(session, "en", "bs", batch_size=7))
    assert got == units


def test_stats_and_change_counter(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    with factory() as session:
        before = queries.change_counter(session)
    with factory.begin() as session:
        queries.add_units(
            session,
            [
                unit("A.", "A.", "hr", origin="x.tmx"),
                unit("B.", "B.", "hr", origin="x.tmx"),
                unit("C.", "Ц.", "sr-Cyrl", origin="y.tmx"),
            ],
        )
    with factory() as session:
        assert queries.change_counter(session) == before + 1
        result = queries.stats(session)
        assert queries.language_pairs(session) == [("en", "hr"), ("en", "sr-Cyrl")]
    assert result.total == 3
    assert [(p.target_lang, p.units) for p in result.pairs] == [
        ("hr", 2),
        ("sr-Cyrl", 1),
    ]
    assert result.pairs[0].origins[0].origin == "x.tmx"
    assert result.last_update is not None and result.last_update.tzinfo is not None


def test_replacing_a_memory_file_replaces_only_its_units(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    with factory.begin() as session:
        file_id = queries.replace_memory_file(session, "a.tmx", "1" * 64)
        queries.add_units(session, [unit("Old.", "Staro.")], file_id=file_id)
        queries.add_units(session, [unit("Kept.", "Ostaje.")])
    with factory.begin() as session:
        file_id = queries.replace_memory_file(session, "a.tmx", "2" * 64)
        queries.add_units(session, [unit("New.", "Novo.")], file_id=file_id)
    with factory() as session:
        sources = sorted(u.source for u in queries.iter_units(session))
        assert sources == ["Kept.", "New."]
        assert queries.memory_file_hashes(session) == {"a.tmx": "2" * 64}
