"""Concordance through the text indexes equals a plain containment scan, and the
schema upgrade from revision 0001 keeps the units and indexes them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import text
from sqlalchemy import update

from tmserver.cli import cli
from tmserver.errors import InvalidRequestError
from tmserver.services import suggest as service
from tmserver.store import match_queries
from tmserver.store import queries
from tmserver.store.db import _alembic_config
from tmserver.store.db import head_revision
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import schema_revision
from tmserver.store.models import UnitRow
from tmserver.units import TranslationUnit

WORDS = "office Office closed Monday utorak ured je u 25% a_b x čaj Čaj oné".split()


def _units(seed: int, count: int) -> list[TranslationUnit]:
    rng = random.Random(seed)
    found = []
    for number in range(count):
        source = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        target = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        found.append(
            TranslationUnit(
                f"{source} {number}", target, "en", rng.choice(["hr", "bs"])
            )
        )
    return found


def _scan(rows: list[tuple[str, str, str]], terms: list[str], side: str) -> int:
    """Units holding every term, by Python: ASCII-case-insensitive, as ILIKE is on
    SQLite (PostgreSQL folds every letter: compared on ASCII terms there)."""

    def fold(value: str) -> str:
        return "".join(c.lower() if c.isascii() else c for c in value)

    def holds(value: str, term: str) -> bool:
        return fold(term) in fold(value)

    count = 0
    for source, target, lang in rows:
        if lang != "hr":
            continue
        if all(
            (side in {"source", "both"} and holds(source, t))
            or (side in {"target", "both"} and holds(target, t))
            for t in terms
        ):
            count += 1
    return count


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    terms=st.lists(
        st.sampled_from(WORDS + ["off", "ice clo", "%", "_", "ne"]),
        min_size=1,
        max_size=4,
    ),
    side=st.sampled_from(["both", "source", "target"]),
)
def test_concordance_equals_a_containment_scan(
    any_engine: Engine, terms: list[str], side: str
) -> None:
    factory = make_session_factory(any_engine)
    with factory.begin() as session:
        if queries.count_units(session) == 0:
            queries.add_units(session, _units(5, 300))
            # deleted and edited rows must leave the SQLite text table too
            session.execute(delete(UnitRow).where(UnitRow.id % 7 == 0))
            session.execute(
                update(UnitRow).where(UnitRow.id % 11 == 0).values(source="utorak only")
            )
    postgres = any_engine.dialect.name == "postgresql"
    if postgres and any(not t.isascii() for t in terms):
        terms = [t for t in terms if t.isascii()] or ["office"]
    _compare(factory, terms, side)
    # writes after the text table has caught up: a deletion (the highest id too,
    # which SQLite may hand out again), an edit and a new unit
    with factory.begin() as session:
        newest = session.query(func.max(UnitRow.id)).scalar()
        session.execute(delete(UnitRow).where(UnitRow.id == newest))
        lowest = session.query(func.min(UnitRow.id)).scalar()
        session.execute(
            update(UnitRow).where(UnitRow.id == lowest).values(source=" ".join(terms))
        )
        queries.add_units(session, _units(len(terms) * 31 + len(side), 2))
    _compare(factory, terms, side)


def _compare(factory, terms: list[str], side: str) -> None:  # type: ignore[no-untyped-def]
    with factory() as session:
        rows = [
            (r.source, r.target, r.target_lang) for r in session.query(UnitRow).all()
        ]
        total, page = match_queries.concordance(
            session,
            source_lang="en",
            target_langs=["hr"],
            terms=terms,
            side=side,
            limit=1000,
            offset=0,
        )
    assert total == len(page) == _scan(rows, terms, side)


def test_a_thousand_words_are_refused_not_a_crash(any_engine: Engine) -> None:
    factory = make_session_factory(any_engine)
    with factory() as session:
        with pytest.raises(InvalidRequestError):
            service.concordance(
                session,
                " ".join(["word"] * 1000),
                "en",
                "hr",
                side="both",
                page=1,
                per_page=20,
            )
        total, _ = service.concordance(
            session,
            " ".join(["word"] * 16),
            "en",
            "hr",
            side="both",
            page=1,
            per_page=20,
        )
    assert total == 0


def _database_at_0001(url: str) -> Engine:
    engine = make_engine(url)
    config = _alembic_config(engine)
    command.upgrade(config, "0001")
    assert schema_revision(engine) == "0001"
    with engine.begin() as connection:
        for number in range(50):
            connection.execute(
                text(
                    "INSERT INTO units (key, source_lang, target_lang, source, target, "
                    "context, origin, note, props, added) VALUES (:key, 'en', 'hr', "
                    ":source, :target, '', 'old.tmx', '', '{}', CURRENT_TIMESTAMP)"
                ),
                {
                    "key": f"k{number}",
                    "source": f"The office {number} is closed.",
                    "target": f"Ured {number} je zatvoren.",
                },
            )
    return engine


def _check_upgraded(url: str) -> None:
    engine = make_engine(url)
    assert schema_revision(engine) == head_revision()
    with make_session_factory(engine)() as session:
        assert queries.count_units(session) == 50
        total, page = match_queries.concordance(
            session,
            source_lang="en",
            target_langs=["hr"],
            terms=["office 7"],
            side="source",
            limit=20,
            offset=0,
        )
        assert total == 1 and page[0].target == "Ured 7 je zatvoren."
        total, _ = match_queries.concordance(
            session,
            source_lang="en",
            target_langs=["hr"],
            terms=["zatvoren"],
            side="target",
            limit=20,
            offset=0,
        )
        assert total == 50
    engine.dispose()


def test_init_db_upgrades_a_0001_sqlite_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _database_at_0001(url).dispose()
    result = CliRunner().invoke(cli, ["--database-url", url, "init-db"])
    assert result.exit_code == 0, result.output
    _check_upgraded(url)


def test_init_db_upgrades_a_0001_postgres_database(postgres_url: str) -> None:
    _database_at_0001(postgres_url).dispose()
    result = CliRunner().invoke(cli, ["--database-url", postgres_url, "init-db"])
    assert result.exit_code == 0, result.output
    _check_upgraded(postgres_url)
