"""Bulk writes of units: a per-transaction staging table merged in one statement.

Why a staging table: an import streams its units into a temporary table that no other
connection sees and that takes no lock on the memory, then one
``INSERT … SELECT … ON CONFLICT DO NOTHING`` (``INSERT OR IGNORE`` on SQLite) moves
them into ``units``. Writers then hold the memory's write lock only for that merge,
not for the whole parse, and an import stays all-or-nothing: the merge runs in the
caller's transaction and nothing is visible before the commit.

On PostgreSQL the staging table is filled with ``COPY`` and merged in the order of
the unique key (ids are still drawn in input order), so two imports that share units
take their row locks in the same order and cannot deadlock each other; should the
server still report a deadlock, the merge is retried from a savepoint (the staged
rows are kept). On SQLite there is one
writer at a time; the merge keeps the file order (ids follow the input).

A writer that waits longer than the engine's lock timeout gets
:class:`~tmserver.errors.MemoryBusyError` (see :func:`tmserver.store.db.make_engine`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tmserver.errors import InputDataError
from tmserver.errors import InvalidRequestError
from tmserver.errors import MemoryBusyError
from tmserver.errors import TMServerError
from tmserver.store.db import BUSY_MESSAGE
from tmserver.store.models import UnitRow
from tmserver.units import TranslationUnit

BATCH_SIZE = 5000
#: SQLite page cache (KiB) while merging; bounds the import's memory.
BULK_CACHE_KIB = 64 * 1024
#: Longest origin and language tag the schema holds, the same on both databases.
MAX_ORIGIN_CHARS = UnitRow.__table__.c.origin.type.length  # type: ignore[attr-defined]
MAX_LANG_CHARS = UnitRow.__table__.c.source_lang.type.length  # type: ignore[attr-defined]
#: How often a merge the server aborted as a deadlock is tried again.
DEADLOCK_RETRIES = 5
_DEADLOCK = "40P01"

_COLUMNS = (
    "key, source_lang, target_lang, source, target, source_markup, target_markup, "
    "context, origin, note, props, created, changed, added, file_id"
)
_SQLITE_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS unit_stage (seq INTEGER PRIMARY KEY, key TEXT, "
    "source_lang TEXT, target_lang TEXT, source TEXT, target TEXT, "
    "source_markup TEXT, target_markup TEXT, context TEXT, origin TEXT, note TEXT, "
    "props TEXT, created TEXT, changed TEXT, added TEXT, file_id INTEGER)"
)
_SQLITE_FILL = (
    f"INSERT INTO temp.unit_stage ({_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SQLITE_MERGE = (
    f"INSERT OR IGNORE INTO main.units ({_COLUMNS}) "
    f"SELECT {_COLUMNS} FROM temp.unit_stage ORDER BY seq"
)
_PG_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS unit_stage (seq bigserial, key varchar(40), "
    "source_lang varchar(35), target_lang varchar(35), source text, target text, "
    "source_markup text, target_markup text, context text, origin varchar(1000), "
    "note text, props text, created timestamptz, changed timestamptz, "
    "added timestamptz, file_id integer) ON COMMIT DELETE ROWS"
)
_PG_FILL = f"COPY unit_stage ({_COLUMNS}) FROM STDIN"
#: Ids are drawn in input order (so ids and exports follow the file, as on SQLite),
#: rows are inserted in key order (so concurrent merges lock keys in one order).
_PG_MERGE = (
    f"INSERT INTO units (id, {_COLUMNS}) SELECT id, {_COLUMNS} FROM ("
    f"SELECT nextval(pg_get_serial_sequence('units', 'id')) AS id, {_COLUMNS} "
    "FROM (SELECT * FROM unit_stage ORDER BY seq OFFSET 0) AS in_order"
    ") AS numbered ORDER BY key, id ON CONFLICT (key) DO NOTHING"
)


def unit_problem(unit: TranslationUnit) -> str | None:
    """Why the schema cannot hold ``unit`` as it is (None: it fits).

    Checked before anything is written so that both databases refuse the same units
    with the same message instead of one truncating and the other failing late.
    """
    if len(unit.origin) > MAX_ORIGIN_CHARS:
        return f"origin is longer than {MAX_ORIGIN_CHARS:,} characters"
    for side, tag in (("source", unit.source_lang), ("target", unit.target_lang)):
        if len(tag) > MAX_LANG_CHARS:
            return f"{side} language tag is longer than {MAX_LANG_CHARS} characters"
    return None


def _props_json(unit: TranslationUnit) -> str:
    if not unit.props:
        return "[]"
    return json.dumps([list(p) for p in unit.props], ensure_ascii=False)


def _sqlite_time(value: datetime | None) -> str | None:
    """SQLAlchemy's SQLite DATETIME text form, in UTC."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _batches(rows: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


class UnitStage:
    """The units of one write, staged in the session's transaction, then merged.

    ``stage`` as many streams as the write has (one per file), then ``merge`` once:
    a multi-file import then takes its locks in one sorted pass.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name
        self.staged = 0
        self._now = datetime.now(UTC)
        connection = session.connection()
        if self.dialect == "sqlite":
            connection.exec_driver_sql(_SQLITE_STAGE)
            connection.exec_driver_sql("DELETE FROM temp.unit_stage")
        else:
            connection.exec_driver_sql(_PG_STAGE)
            connection.exec_driver_sql("TRUNCATE unit_stage")

    def stage(
        self,
        units: Iterable[TranslationUnit],
        *,
        file_id: int | None = None,
        location: str | None = None,
    ) -> int:
        """Stage ``units`` (consumed lazily); returns how many were read.

        :raises InputDataError: a unit the schema cannot hold (named by position).
        """
        checked = self._checked(units, location)
        if self.dialect == "sqlite":
            count = self._stage_sqlite(checked, file_id)
        else:
            count = self._stage_postgres(checked, file_id)
        self.staged += count
        return count

    def _checked(
        self, units: Iterable[TranslationUnit], location: str | None
    ) -> Iterator[TranslationUnit]:
        for number, unit in enumerate(units, 1):
            problem = unit_problem(unit)
            if problem is not None:
                where = f"{location}: unit {number:,}" if location else None
                raise InputDataError(
                    problem if where else f"unit {number:,}: {problem}",
                    location=where,
                )
            yield unit

    def _stage_sqlite(
        self, units: Iterable[TranslationUnit], file_id: int | None
    ) -> int:
        # The driver's executemany with plain tuples: SQLAlchemy's per-row parameter
        # processing would take half the import budget on SQLite.
        added = _sqlite_time(self._now)
        rows = (_staged_row(unit, added, file_id, _sqlite_time) for unit in units)
        cursor = self.session.connection().connection.driver_connection.cursor()
        count = 0
        try:
            for batch in _batches(rows):
                cursor.executemany(_SQLITE_FILL, batch)
                count += len(batch)
        finally:
            cursor.close()
        return count

    def _stage_postgres(
        self, units: Iterable[TranslationUnit], file_id: int | None
    ) -> int:
        now = self._now
        cursor = self.session.connection().connection.driver_connection.cursor()
        count = 0
        try:
            with cursor.copy(_PG_FILL) as copy:
                for unit in units:
                    copy.write_row(_staged_row(unit, now, file_id))
                    count += 1
        except TMServerError:
            raise
        except Exception as exc:
            if not str(getattr(exc, "sqlstate", "") or "").startswith("22"):
                raise
            # class 22 (data exception): a value the server cannot take
            raise InvalidRequestError(f"a unit cannot be stored: {exc}") from None
        finally:
            cursor.close()
        return count

    def merge(self) -> int:
        """Move the staged units into ``units``; returns how many were new.

        :raises MemoryBusyError: another writer held the lock past the timeout, or
            the server kept reporting deadlocks.
        """
        if not self.staged:
            return 0
        if self.dialect == "sqlite":
            added = self._merge_sqlite()
        else:
            added = self._merge_postgres()
        self.staged = 0
        return added

    def _merge_sqlite(self) -> int:
        connection = self.session.connection()
        driver = connection.connection.driver_connection
        previous = driver.execute("PRAGMA cache_size").fetchone()[0]
        # The unique key index is filled in random order; with SQLite's 2 MiB default
        # cache each insert into a million-row index misses it (import 40 % slower).
        driver.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            added = connection.exec_driver_sql(_SQLITE_MERGE).rowcount
            connection.exec_driver_sql("DELETE FROM temp.unit_stage")
        finally:
            driver.execute(f"PRAGMA cache_size = {int(previous)}")
        return int(added)

    def _merge_postgres(self) -> int:
        for attempt in range(DEADLOCK_RETRIES):
            try:
                with self.session.begin_nested():
                    connection = self.session.connection()
                    added = connection.exec_driver_sql(_PG_MERGE).rowcount
                    connection.exec_driver_sql("TRUNCATE unit_stage")
                return int(added)
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != _DEADLOCK:
                    raise
                time.sleep(0.05 * 2**attempt)
        raise MemoryBusyError(BUSY_MESSAGE)


def _staged_row(
    unit: TranslationUnit,
    added: object,
    file_id: int | None,
    when: Callable[[datetime | None], object] = lambda value: value,
) -> tuple:
    """One staging-table row in column order; ``when`` writes a unit's dates the
    way the driver needs them (SQLite stores text, COPY takes datetimes)."""
    return (
        unit.key(),
        unit.source_lang,
        unit.target_lang,
        unit.source,
        unit.target,
        unit.source_markup,
        unit.target_markup,
        unit.context,
        unit.origin,
        unit.note,
        _props_json(unit),
        when(unit.created),
        when(unit.changed),
        added,
        file_id,
    )
