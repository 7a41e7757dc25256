"""Queries the suggestion engine needs: index rows, units by id, concordance.

Kept apart from :mod:`tmserver.store.queries` because they exist for one consumer (the
match index) and return plain tuples or ``(id, TranslationUnit)`` pairs, ids being what
the index stores.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tmserver.store.models import UnitRow
from tmserver.store.queries import _to_unit
from tmserver.units import TranslationUnit

PAGE = 50_000
#: The SQLite busy timeout the engine sets (tmserver.store.db), in milliseconds.
_BUSY_MS = 30_000


def iter_index_rows(
    session: Session, *, after_id: int = 0
) -> Iterator[tuple[int, str, str, str]]:
    """``(id, source_lang, source, target_lang)`` of every unit with id > ``after_id``.

    Pages by primary key and selects four columns only: reading 1M rows this way is a
    few seconds, an ORM load would be many times that.
    """
    last = after_id
    columns = (UnitRow.id, UnitRow.source_lang, UnitRow.source, UnitRow.target_lang)
    while True:
        query = select(*columns).where(UnitRow.id > last).order_by(UnitRow.id)
        rows = session.execute(query.limit(PAGE)).all()
        if not rows:
            return
        for row in rows:
            yield (row[0], row[1], row[2], row[3])
        last = rows[-1][0]


def iter_sorted_index_rows(session: Session) -> Iterator[tuple[int, str, str, str]]:
    """``(id, source_lang, source, target_lang)`` of every unit, ordered by source
    language, then source length, equal sources adjacent: the order the index is
    built in, so it can consume the rows as a stream.

    The database sorts (an external sort if it must) and the rows arrive in
    batches through a server-side cursor on PostgreSQL, so a memory of millions of
    units is never held as Python rows at once.
    """
    columns = (UnitRow.id, UnitRow.source_lang, UnitRow.source, UnitRow.target_lang)
    query = select(*columns).order_by(
        UnitRow.source_lang, func.length(UnitRow.source), UnitRow.source, UnitRow.id
    )
    result = session.execute(query, execution_options={"yield_per": PAGE})
    for row in result:
        yield (row[0], row[1], row[2], row[3])


@dataclass(frozen=True, slots=True)
class UnitCensus:
    """How many units the table holds and the highest id (detects deletions)."""

    count: int
    max_id: int


def unit_census(session: Session) -> UnitCensus:
    """Count and highest id of the units table, in one query."""
    count, max_id = session.execute(
        select(func.count(UnitRow.id), func.max(UnitRow.id))
    ).one()
    return UnitCensus(int(count or 0), int(max_id or 0))


#: The columns :func:`~tmserver.store.queries._to_unit` reads, plus the id.
_UNIT_COLUMNS = (
    UnitRow.id,
    UnitRow.source,
    UnitRow.target,
    UnitRow.source_lang,
    UnitRow.target_lang,
    UnitRow.context,
    UnitRow.origin,
    UnitRow.note,
    UnitRow.created,
    UnitRow.changed,
    UnitRow.source_markup,
    UnitRow.target_markup,
    UnitRow.props,
)
_UNITS_BY_IDS = select(*_UNIT_COLUMNS).where(
    UnitRow.id.in_(bindparam("ids", expanding=True))
)


def units_by_ids(session: Session, ids: Iterable[int]) -> dict[int, TranslationUnit]:
    """Stored units by primary key (ids no longer stored are simply absent)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    # One prebuilt Core statement run on the session's connection: plain rows, no ORM
    # identity map or per-call statement construction (this runs on every suggestion
    # request); ``_to_unit`` reads the same attribute names from a row.
    rows = session.connection().execute(_UNITS_BY_IDS, {"ids": wanted})
    return {row.id: _to_unit(row) for row in rows}  # type: ignore[arg-type]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: Shortest term the trigram indexes can look up (shorter ones are only checked).
_INDEXED_TERM = 3


def _fts_match(terms: list[str], side: str) -> str | None:
    """An FTS5 query for the SQLite trigram table: every term as a quoted
    substring of the searched column(s); ``None`` when no term is long enough."""
    columns = {"source": "source", "target": "target"}.get(side, "{source target}")
    parts = [
        f'{columns} : "{term.replace(chr(34), chr(34) * 2)}"'
        for term in terms
        if len(term) >= _INDEXED_TERM
    ]
    return " AND ".join(parts) if parts else None


def _index_new_rows(session: Session) -> int:
    """Add the units above the SQLite text table's mark to it in one bulk insert;
    returns the mark the caller's snapshot sees (rows above it are not indexed
    there).

    Indexing in bulk here rather than by a trigger per inserted row keeps imports
    fast; the first concordance after an import pays once. A concurrent writer
    (another process catching up, an import) makes this give up quietly: the
    caller checks the rows above the returned mark directly, so results never
    depend on the catch-up.
    """
    connection = session.connection()
    mark = int(
        connection.execute(
            text("SELECT indexed_max FROM units_text_state")
        ).scalar_one()
    )
    newest = int(
        connection.execute(select(func.coalesce(func.max(UnitRow.id), 0))).scalar_one()
    )
    if newest <= mark:
        return mark
    engine = session.get_bind()
    with engine.connect() as writer:
        # never wait for an import's write lock: give up and check directly
        writer.exec_driver_sql("PRAGMA busy_timeout = 0")
        writer.commit()
        try:
            with writer.begin():
                _catch_up(writer)
        except OperationalError:
            pass
        finally:
            writer.exec_driver_sql(f"PRAGMA busy_timeout = {_BUSY_MS}")
            writer.commit()
    return mark


def _catch_up(writer: Connection) -> None:
    current = int(
        writer.execute(text("SELECT indexed_max FROM units_text_state")).scalar_one()
    )
    writer.execute(
        text(
            "INSERT INTO units_text (rowid, source, target) "
            "SELECT id, source, target FROM units WHERE id > :mark ORDER BY id"
        ),
        {"mark": current},
    )
    writer.execute(
        text(
            "UPDATE units_text_state SET indexed_max = "
            "(SELECT coalesce(max(id), 0) FROM units)"
        )
    )


def concordance(
    session: Session,
    *,
    source_lang: str,
    target_langs: Iterable[str],
    terms: list[str],
    side: str,
    limit: int,
    offset: int,
) -> tuple[int, list[TranslationUnit]]:
    """Units whose source and/or target contain every term (case-insensitive).

    Returns ``(total, page)``. Each term is a containment test (``ILIKE``); an index
    narrows the rows first: on PostgreSQL the pg_trgm GIN indexes serve ``ILIKE``
    themselves, on SQLite the FTS5 trigram table (revision 0002) is asked for the
    ids holding every term of three characters or more, and the containment tests
    run on those rows only. The caller caps the number of terms, so the statement
    stays small.
    """
    query = select(UnitRow).where(
        UnitRow.source_lang == source_lang,
        UnitRow.target_lang.in_(list(target_langs)),
    )
    if session.get_bind().dialect.name == "sqlite":
        match = _fts_match(terms, side)
        if match is not None:
            mark = _index_new_rows(session)
            # rows above the mark are not in the text table yet: checked directly
            # (one IN list, so the planner looks the ids up instead of scanning)
            ids = text(
                "SELECT rowid FROM units_text WHERE units_text MATCH :match "
                "UNION ALL SELECT id FROM units WHERE id > :mark"
            ).bindparams(match=match, mark=mark)
            query = query.where(UnitRow.id.in_(ids))
    for term in terms:
        pattern = _like_pattern(term)
        source_hit = UnitRow.source.ilike(pattern, escape="\\")
        target_hit = UnitRow.target.ilike(pattern, escape="\\")
        if side == "source":
            query = query.where(source_hit)
        elif side == "target":
            query = query.where(target_hit)
        else:
            query = query.where(or_(source_hit, target_hit))
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = session.scalars(query.order_by(UnitRow.id).limit(limit).offset(offset))
    return total, [_to_unit(row) for row in rows.all()]
