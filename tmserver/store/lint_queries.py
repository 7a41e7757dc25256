"""Queries the release linter needs from the stored memory (bounded reads only)."""

from __future__ import annotations

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from tmserver.store.models import UnitRow


def length_sample(
    session: Session,
    source_lang: str,
    target_lang: str,
    *,
    min_chars: int,
    limit: int,
) -> list[tuple[int, int]]:
    """``(len(source), len(target))`` of up to ``limit`` units of the pair whose
    source has ``min_chars`` characters or more.

    No ordering, so both SQLite and PostgreSQL stop reading after ``limit`` rows: a
    sample for length statistics, not a scan of the memory.
    """
    source_length = func.length(UnitRow.source)
    query = (
        select(source_length, func.length(UnitRow.target))
        .where(
            UnitRow.source_lang == source_lang,
            UnitRow.target_lang == target_lang,
            source_length >= min_chars,
        )
        .limit(limit)
    )
    return [(int(a), int(b)) for a, b in session.execute(query).all()]
