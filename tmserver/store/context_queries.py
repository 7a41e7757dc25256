"""Queries for pre-translation and review imports: document neighbours, variants.

Kept apart from :mod:`tmserver.store.queries`: they serve the pre-translation use
case (in-context matches need the units of one document in order) and the
consistency figure of ``tmserver stats``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from tmserver.store.models import UnitRow


@dataclass(frozen=True, slots=True)
class PlacedUnit:
    """A unit's id, source, target language and its document props."""

    id: int
    source: str
    target_lang: str
    document: str
    sentences: str


def units_of_origin(session: Session, origin: str) -> list[PlacedUnit]:
    """Every unit of ``origin`` with its ``x-document`` and ``x-sentences`` props."""
    query = select(
        UnitRow.id, UnitRow.source, UnitRow.target_lang, UnitRow.props
    ).where(UnitRow.origin == origin)
    placed = []
    for unit_id, source, target_lang, raw in session.execute(query):
        props = dict((str(k), str(v)) for k, v in json.loads(raw or "[]"))
        if "x-document" in props and "x-sentences" in props:
            placed.append(
                PlacedUnit(
                    unit_id,
                    source,
                    target_lang,
                    props["x-document"],
                    props["x-sentences"],
                )
            )
    return placed


def sources_with_several_translations(session: Session) -> int:
    """How many (language pair, source) have more than one distinct target."""
    grouped = (
        select(UnitRow.source_lang, UnitRow.target_lang, UnitRow.source)
        .group_by(UnitRow.source_lang, UnitRow.target_lang, UnitRow.source)
        .having(func.count(func.distinct(UnitRow.target)) > 1)
        .subquery()
    )
    return int(session.scalar(select(func.count()).select_from(grouped)) or 0)
