"""Suggestions and their order (pure core).

Order: adjusted quality, then raw quality, then newer (``changed``, else ``created``)
first, then native script before transliterated, then shorter source, then text; so
equal matches always come back in the same order (GlotPress#1871 asks for this).
Identical suggestions (same source and target) from several origins become one, whose
``origins`` lists every origin, newest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import UTC
from datetime import datetime

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Substitution:
    """One placeable value replaced in a suggestion's target."""

    kind: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Unadapted:
    """A value of the query that the suggestion's target still carries the old way.

    ``query`` is the value as the query writes it, ``memory`` as the memory's source
    does (either may be empty when one side has a value the other lacks), ``target``
    the memory's value as the suggested target writes it (empty when not found).
    """

    kind: str
    query: str
    memory: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another stored translation of a suggestion's source (shown with it)."""

    target: str
    origin: str = ""
    unit_id: int = 0


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A memory unit offered for a query.

    ``quality`` is the adjusted figure clients sort and filter on; ``raw_quality`` is
    the plain amaGama Levenshtein figure against the stored source.
    """

    source: str
    target: str
    quality: float
    raw_quality: float
    source_lang: str
    target_lang: str
    origin: str = ""
    origins: tuple[str, ...] = ()
    context: str = ""
    created: datetime | None = None
    changed: datetime | None = None
    substitutions: tuple[Substitution, ...] = field(default=())
    transliterated: bool = False
    unit_id: int = 0
    unadapted: tuple[Unadapted, ...] = field(default=())
    alternatives: tuple[Alternative, ...] = field(default=())

    @property
    def substituted(self) -> bool:
        """True when placeable values of the query were written into the target."""
        return bool(self.substitutions)

    def when(self) -> datetime:
        """The unit's last known date (changed, else created), for ordering."""
        moment = self.changed or self.created
        if moment is None:
            return _EPOCH
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sort_key(item: Suggestion) -> tuple:
    """The deterministic ordering key (see the module docstring)."""
    return (
        -round(item.quality, 6),
        -round(item.raw_quality, 6),
        -item.when().timestamp(),
        item.transliterated,
        len(item.source),
        item.source,
        item.target,
        item.unit_id,
    )


def merge_and_rank(items: Iterable[Suggestion], limit: int) -> list[Suggestion]:
    """Merge identical suggestions, order them and keep the best ``limit``."""
    ordered = sorted(items, key=sort_key)
    merged: dict[tuple[str, str, str], Suggestion] = {}
    for item in ordered:
        key = (item.source, item.target, item.target_lang)
        kept = merged.get(key)
        if kept is None:
            merged[key] = replace(item, origins=_origins((), item))
        else:
            merged[key] = replace(kept, origins=_origins(kept.origins, item))
    return list(merged.values())[:limit]


def _origins(known: tuple[str, ...], item: Suggestion) -> tuple[str, ...]:
    names = item.origins or (item.origin,)
    return known + tuple(n for n in names if n not in known)
