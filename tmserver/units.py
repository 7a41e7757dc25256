"""Frozen dataclasses that cross layer boundaries.

Storage returns these, never ORM rows, so every layer can be tested without the one
above it and nothing lazy-loads after a session has closed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """One source/target pair of the memory.

    ``source`` and ``target`` are plain text (what matching sees). When the TMX segment
    carried inline markup (``bpt/ept/ph/it/hi``), ``source_markup``/``target_markup``
    hold the segment's inner XML verbatim so export is lossless.
    ``props`` keeps every ``<prop>`` as provenance, in document order.
    """

    source: str
    target: str
    source_lang: str
    target_lang: str
    context: str = ""
    origin: str = ""
    note: str = ""
    created: datetime | None = None
    changed: datetime | None = None
    source_markup: str | None = None
    target_markup: str | None = None
    props: tuple[tuple[str, str], ...] = field(default=())

    def __reduce__(self) -> tuple:
        # Positional re-construction unpickles about twice as fast as the generic
        # slots protocol; background TMX parsing ships millions of units this way.
        return (
            TranslationUnit,
            (
                self.source,
                self.target,
                self.source_lang,
                self.target_lang,
                self.context,
                self.origin,
                self.note,
                self.created,
                self.changed,
                self.source_markup,
                self.target_markup,
                self.props,
            ),
        )

    def key(self) -> str:
        """Identity used to store identical entries once.

        Two units are the same entry when languages, texts (with markup), context and
        origin agree; dates, notes and props are metadata of that entry.
        """
        parts = (
            self.source_lang,
            self.target_lang,
            self.source_markup if self.source_markup is not None else self.source,
            self.target_markup if self.target_markup is not None else self.target,
            self.context,
            self.origin,
        )
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
