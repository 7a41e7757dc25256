"""Queries for pre-translation and review imports: document neighbours, variants.

Kept apart from :mod:`tmserver.store.queries`: they serve the pre-translation use
case (in-context matches need the units of one document in order) and the
consistency figure of ``tmserver stats``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import bindparam
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


def _placed(unit_id: int, source: str, target_lang: str, raw: str) -> PlacedUnit | None:
    props = dict((str(k), str(v)) for k, v in json.loads(raw or "[]"))
    if "x-document" not in props or "x-sentences" not in props:
        return None
    return PlacedUnit(
        unit_id, source, target_lang, props["x-document"], props["x-sentences"]
    )


_PLACEMENT = select(
    UnitRow.origin, UnitRow.id, UnitRow.source, UnitRow.target_lang, UnitRow.props
).where(UnitRow.id == bindparam("id"))


def placement(session: Session, unit_id: int) -> tuple[str, PlacedUnit] | None:
    """``(origin, unit)`` when the unit knows its document and position, else None.

    One primary-key lookup: most memory units (imported TMX without build props)
    stop here, so no document is ever scanned for them.
    """
    # A prebuilt Core statement on the session's connection: this runs for every
    # exact match of a pre-translation, and an ORM execute costs three times more.
    row = session.connection().execute(_PLACEMENT, {"id": unit_id}).first()
    if row is None:
        return None
    placed = _placed(row[1], row[2], row[3], row[4])
    return (row[0], placed) if placed is not None else None


def units_of_document(session: Session, origin: str, document: str) -> list[PlacedUnit]:
    """The placed units of one document of ``origin`` (any order).

    Props are stored as JSON text, so the document is found with a ``LIKE`` on its
    serialised pair inside the origin's rows (the origin column is indexed).
    """
    needle = json.dumps(["x-document", document], ensure_ascii=False)
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = select(
        UnitRow.id, UnitRow.source, UnitRow.target_lang, UnitRow.props
    ).where(
        UnitRow.origin == origin,
        UnitRow.props.like(f"%{escaped}%", escape="\\"),
    )
    found = (_placed(*row) for row in session.execute(query))
    return [u for u in found if u is not None and u.document == document]


def sources_with_several_translations(session: Session) -> int:
    """How many (language pair, source) have more than one distinct target."""
    grouped = (
        select(UnitRow.source_lang, UnitRow.target_lang, UnitRow.source)
        .group_by(UnitRow.source_lang, UnitRow.target_lang, UnitRow.source)
        .having(func.count(func.distinct(UnitRow.target)) > 1)
        .subquery()
    )
    return int(session.scalar(select(func.count()).select_from(grouped)) or 0)
