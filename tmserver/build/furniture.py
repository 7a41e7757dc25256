"""Page furniture: lines of a published page that are not text (pure core).

Separator rows (``******``, ``* * *``, ``———``), any line without a letter,
link rows (``Read more``, ``Share | Print``, ``Opširnije``, ``Podijeli``,
``Štampaj``), photo credits (``Photo: IOM/Jane Doe``, ``Foto: ...``, ``© IOM``)
and stand-alone datelines (``SARAJEVO, 15 March 2025``) are never aligned and
never stored. A dateline that opens the first sentence on one side only
(``SARAJEVO, 15 March 2025 — The Ministry…``) is cut off that sentence, so the
sentence pairs with its translation, which has no dateline.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tmserver.build.document import Paragraph

_LETTER_RE = re.compile(r"[^\W\d_]")
_LINK_WORDS = (
    "read more|more|share|print|email|e-mail|tweet|facebook|twitter|linkedin|"
    "whatsapp|download|back to top|top|share this|share on facebook|"
    "opširnije|pročitajte više|pročitaj više|više|saznajte više|podijeli|podeli|"
    "podijelite|podelite|štampaj|štampa|ispiši|isprintaj|printaj|preuzmi|"
    "preuzmite|nazad|vrh|na vrh|"
    "опширније|прочитајте више|више|подели|подијели|штампај|одштампај|преузми"
)
_LINK_ROW_RE = re.compile(
    rf"^[\s|/•·,;:>»›<«\-–—]*(?:(?:{_LINK_WORDS})[\s|/•·,;:>»›<«\-–—]*)+$", re.I
)
_CREDIT_RE = re.compile(
    r"^[(\[]?\s*(?:photo(?:graph)?s?(?:\s+credits?)?|photo\s+by|credits?|image|"
    r"foto(?:grafij[ae])?|фото(?:графиј[ае])?|slika|слика|izvor fotografije)"
    r"\s*[:©/–—-]\s*\S.{0,120}$|^\s*[©Ⓒ]\s*\S.{0,100}$",
    re.I,
)
_MONTH = r"[^\W\d_]{3,12}\.?"
_DATE = (
    rf"(?:\d{{1,2}}\.?\s+{_MONTH}\s+\d{{4}}\.?(?:\s+godine)?"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\.?)"
)
_UPPER = "A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ"
_PLACE_CAPS = rf"[{_UPPER}][{_UPPER}.'’ /-]{{1,40}}?"
_PLACE = rf"[{_UPPER}][^\W\d_]+(?:[ -][{_UPPER}][^\W\d_]+){{0,3}}"
#: A dateline standing alone on its line.
_DATELINE_LINE_RE = re.compile(
    rf"^\(?(?:{_PLACE_CAPS}|{_PLACE})\)?\s*,\s*{_DATE}\s*[—–-]?\s*$"
)
#: A dateline opening a sentence: a place (in capitals or not) and a date, then
#: a dash.
_DATELINE_PREFIX_RE = re.compile(
    rf"^\(?(?:{_PLACE_CAPS}|{_PLACE})\)?\s*,\s*{_DATE}\s*(?:[—–]|-{{1,2}})\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line left out of alignment: where it was and why."""

    line: int
    text: str
    kind: str


def furniture_kind(text: str) -> str | None:
    """Why a paragraph is furniture (``no-letter``, ``links``, ``credit``,
    ``dateline``), or None for text."""
    stripped = text.strip()
    if not _LETTER_RE.search(stripped):
        return "no-letter"
    if len(stripped) <= 80 and _LINK_ROW_RE.match(stripped):
        return "links"
    if _CREDIT_RE.match(stripped):
        return "credit"
    if len(stripped) <= 80 and _DATELINE_LINE_RE.match(stripped):
        return "dateline"
    return None


def dateline_prefix(text: str) -> int:
    """Length of a dateline opening ``text`` (``SARAJEVO, 15 March 2025 — ``),
    0 when there is none. The date is required, and what follows the dash must
    start like a sentence, so an ordinary dash clause is not cut."""
    match = _DATELINE_PREFIX_RE.match(text)
    if not match:
        return 0
    rest = text[match.end() :]
    if not rest[:1].isupper() and rest[:1] not in "„“\"'«»":
        return 0
    place = match.group().split(",")[0].strip(" ()—–-")
    if len(place.split()) > 4:
        return 0
    return match.end()


def remove_furniture(
    paragraphs: Sequence[Paragraph],
) -> tuple[list[Paragraph], list[Furniture]]:
    """The paragraphs without furniture lines, datelines cut off the start of
    paragraphs, and what was removed (in order)."""
    kept: list[Paragraph] = []
    removed: list[Furniture] = []
    for paragraph in paragraphs:
        kind = furniture_kind(paragraph.text)
        if kind:
            removed.append(Furniture(paragraph.line, paragraph.text.strip(), kind))
            continue
        cut = dateline_prefix(paragraph.text)
        if cut:
            removed.append(
                Furniture(paragraph.line, paragraph.text[:cut].strip(), "dateline")
            )
            paragraph = Paragraph(
                paragraph.text[cut:], paragraph.line, paragraph.column + cut
            )
        kept.append(paragraph)
    return kept, removed
