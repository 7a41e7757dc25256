"""Queries over the memory. Each takes the session first; the caller commits.

Inserts go through a staging table (:mod:`tmserver.store.bulk`) with "insert or
ignore" semantics on the unit key, which is what keeps identical entries stored once,
imports fast and concurrent writers safe.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from tmserver.store.bulk import BATCH_SIZE
from tmserver.store.bulk import UnitStage
from tmserver.store.models import MemoryFile
from tmserver.store.models import MemoryState
from tmserver.store.models import UnitRow
from tmserver.units import TranslationUnit


@dataclass(frozen=True, slots=True)
class OriginStats:
    """Units of one origin within a language pair."""

    origin: str
    units: int
    last_update: datetime | None


@dataclass(frozen=True, slots=True)
class PairStats:
    """Units of one language pair, by origin."""

    source_lang: str
    target_lang: str
    units: int
    origins: tuple[OriginStats, ...]


@dataclass(frozen=True, slots=True)
class MemoryStats:
    """What the memory holds."""

    total: int
    last_update: datetime | None
    pairs: tuple[PairStats, ...]


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; everything we store is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def add_units(
    session: Session,
    units: Iterable[TranslationUnit],
    *,
    file_id: int | None = None,
    location: str | None = None,
) -> int:
    """Insert ``units``, skipping entries already stored (see :mod:`.bulk`).

    Consumes the iterable lazily, so a streamed TMX never sits in memory whole.
    Returns how many new rows were written and bumps the change counter.

    :raises InputDataError: a unit the schema cannot hold (``location`` names it).
    :raises MemoryBusyError: another writer held the memory past the lock timeout.
    """
    stage = UnitStage(session)
    stage.stage(units, file_id=file_id, location=location)
    return merge_staged(stage)


def merge_staged(stage: UnitStage) -> int:
    """Merge what ``stage`` holds and bump the change counter if anything was new."""
    added = stage.merge()
    if added:
        bump_change_counter(stage.session)
    return added


def count_units(session: Session) -> int:
    """Number of stored units."""
    return int(session.scalar(select(func.count()).select_from(UnitRow)) or 0)


def _to_unit(row: UnitRow) -> TranslationUnit:
    return TranslationUnit(
        source=row.source,
        target=row.target,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        context=row.context,
        origin=row.origin,
        note=row.note,
        created=_aware(row.created),
        changed=_aware(row.changed),
        source_markup=row.source_markup,
        target_markup=row.target_markup,
        props=tuple((str(k), str(v)) for k, v in json.loads(row.props or "[]")),
    )


def iter_units(
    session: Session,
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    batch_size: int = BATCH_SIZE,
) -> Iterator[TranslationUnit]:
    """Stored units in insertion order, optionally for one language pair.

    Pages by primary key so a million-unit export stays in bounded memory.
    """
    last_id = 0
    while True:
        query = select(UnitRow).where(UnitRow.id > last_id)
        if source_lang:
            query = query.where(UnitRow.source_lang == source_lang)
        if target_lang:
            query = query.where(UnitRow.target_lang == target_lang)
        rows = session.scalars(query.order_by(UnitRow.id).limit(batch_size)).all()
        if not rows:
            return
        for row in rows:
            yield _to_unit(row)
        last_id = rows[-1].id
        session.expunge_all()


def iter_texts(
    session: Session, *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[str, str]]:
    """(source, target) of every stored unit, paged by primary key (bounded memory)."""
    last_id = 0
    while True:
        query = (
            select(UnitRow.id, UnitRow.source, UnitRow.target)
            .where(UnitRow.id > last_id)
            .order_by(UnitRow.id)
            .limit(batch_size)
        )
        rows = session.execute(query).all()
        if not rows:
            return
        for _id, source, target in rows:
            yield source, target
        last_id = rows[-1][0]


def language_pairs(session: Session) -> list[tuple[str, str]]:
    """Distinct (source, target) language pairs, sorted."""
    query = (
        select(UnitRow.source_lang, UnitRow.target_lang)
        .distinct()
        .order_by(UnitRow.source_lang, UnitRow.target_lang)
    )
    return [(s, t) for s, t in session.execute(query)]


def stats(session: Session) -> MemoryStats:
    """Units per language pair and origin, with last update times."""
    query = (
        select(
            UnitRow.source_lang,
            UnitRow.target_lang,
            UnitRow.origin,
            func.count(),
            func.max(UnitRow.added),
        )
        .group_by(UnitRow.source_lang, UnitRow.target_lang, UnitRow.origin)
        .order_by(UnitRow.source_lang, UnitRow.target_lang, UnitRow.origin)
    )
    grouped: dict[tuple[str, str], list[OriginStats]] = {}
    for slang, tlang, origin, count, last in session.execute(query):
        grouped.setdefault((slang, tlang), []).append(
            OriginStats(origin, int(count), _aware(last))
        )
    pairs = tuple(
        PairStats(s, t, sum(o.units for o in origins), tuple(origins))
        for (s, t), origins in grouped.items()
    )
    state = session.get(MemoryState, 1)
    return MemoryStats(
        total=sum(p.units for p in pairs),
        last_update=_aware(state.updated) if state else None,
        pairs=pairs,
    )


def change_counter(session: Session) -> int:
    """The memory's change counter; it grows with every write."""
    return int(
        session.scalar(select(MemoryState.counter).where(MemoryState.id == 1)) or 0
    )


def bump_change_counter(session: Session) -> None:
    """Record that the memory changed (within the caller's transaction)."""
    session.execute(
        update(MemoryState)
        .where(MemoryState.id == 1)
        .values(counter=MemoryState.counter + 1, updated=datetime.now(UTC))
    )


def memory_file_hashes(session: Session) -> dict[str, str]:
    """path → sha256 of every memory file loaded so far."""
    return dict(session.execute(select(MemoryFile.path, MemoryFile.sha256)).all())


def replace_memory_file(session: Session, path: str, sha256: str) -> int:
    """Forget units loaded from ``path``, register its new content, return its id."""
    existing = session.scalar(select(MemoryFile).where(MemoryFile.path == path))
    if existing is not None:
        session.execute(delete(UnitRow).where(UnitRow.file_id == existing.id))
        session.delete(existing)
        session.flush()
        bump_change_counter(session)
    record = MemoryFile(path=path, sha256=sha256, loaded=datetime.now(UTC))
    session.add(record)
    session.flush()
    return record.id


def forget_memory_file(session: Session, path: str) -> None:
    """Remove a memory file that no longer exists, with its units."""
    existing = session.scalar(select(MemoryFile).where(MemoryFile.path == path))
    if existing is not None:
        session.execute(delete(UnitRow).where(UnitRow.file_id == existing.id))
        session.delete(existing)
        bump_change_counter(session)
