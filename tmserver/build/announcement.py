"""A bilingual announcement from bytes to aligned translation units (pure core).

Glues the stages together: read paragraphs (:mod:`tmserver.build.document`), find the
English/local boundary and the variety (:mod:`tmserver.build.variety`), align sentences
(:mod:`tmserver.build.align`), and turn links into :class:`TranslationUnit` with their
provenance. Links under the confidence threshold are not units but review rows.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime

from tmserver.build.align import Alignment
from tmserver.build.align import AlignParams
from tmserver.build.align import Link
from tmserver.build.align import Sentence
from tmserver.build.align import align_paragraphs
from tmserver.build.document import Paragraph
from tmserver.build.document import read_paragraphs
from tmserver.build.furniture import Furniture
from tmserver.build.furniture import remove_furniture
from tmserver.build.variety import VarietyGuess
from tmserver.build.variety import english_score
from tmserver.build.variety import guess_variety
from tmserver.build.variety import latin_text
from tmserver.build.variety import pinned_variety
from tmserver.build.variety import split_languages
from tmserver.errors import DocumentError
from tmserver.units import TranslationUnit

#: Date given to units of a document that mentions no date of its own.
FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)

_SPACES_RE = re.compile(r"\s+")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january januar januara siječanj siječnja",
            "february februar februara veljača veljače",
            "march mart marta ožujak ožujka",
            "april aprila travanj travnja",
            "may maj maja svibanj svibnja",
            "june jun juna juni lipanj lipnja",
            "july jul jula juli srpanj srpnja",
            "august avgust avgusta augusta kolovoz kolovoza",
            "september septembar septembra rujan rujna",
            "october oktobar oktobra listopad listopada",
            "november novembar novembra studeni studenoga studenog",
            "december decembar decembra prosinac prosinca",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"([^\W\d_]+)"
_DATE_RES = (
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b"), (2, 1, 3)),
    (re.compile(rf"\b(\d{{1,2}})\.?\s+{_MONTH}\s+(\d{{4}})\b"), (1, 2, 3)),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), (1, 2, 3)),
)


@dataclass(frozen=True, slots=True)
class AlignedDocument:
    """An announcement split into its halves and aligned sentence by sentence."""

    name: str
    english: tuple[Paragraph, ...]
    local: tuple[Paragraph, ...]
    variety: VarietyGuess
    alignment: Alignment
    date: datetime
    #: Page furniture left out of alignment (separators, links, credits, datelines).
    furniture: tuple[Furniture, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A link kept out of the memory: unaligned, or under the confidence threshold."""

    document: str
    kind: str
    confidence: float
    english_ref: str
    local_ref: str
    english: str
    local: str


def align_document(
    data: bytes,
    name: str,
    *,
    local_data: bytes | None = None,
    local_name: str = "",
    lang: str | None = None,
    params: AlignParams | None = None,
    pinned_by: str = "given",
) -> AlignedDocument:
    """Read and align one announcement (or an English file plus a local file).

    :param lang: the local variety, overriding the guess (``bs``, ``hr``, ``sr-Latn``…).
    :param pinned_by: where ``lang`` came from (``given``, ``manifest:3``, ``folder``).
    :raises DocumentError: unreadable input, or no English or no local part.
    :raises AlignmentError: when the halves cannot be aligned.
    """
    raw = read_paragraphs(data, name)
    paragraphs, furniture = remove_furniture(raw)
    if local_data is None:
        if not paragraphs:
            raise DocumentError("no text in the document", location=name)
        split = split_languages(
            [p.text for p in paragraphs], lang=lang, location=name, pinned_by=pinned_by
        )
        english = tuple(paragraphs[: split.boundary])
        local = tuple(paragraphs[split.boundary : split.end])
        variety = split.variety
    else:
        local_raw = read_paragraphs(local_data, local_name or "local")
        local_kept, local_furniture = remove_furniture(local_raw)
        raw = [*raw, *local_raw]
        furniture = [*furniture, *local_furniture]
        english, local = tuple(paragraphs), tuple(local_kept)
        if not english or not local:
            raise DocumentError(
                "no text besides page furniture",
                location=name if not english else local_name,
            )
        variety = _pair_variety(english, local, lang, name, local_name, pinned_by)
    alignment = align_paragraphs(
        [p.text for p in english],
        [p.text for p in local],
        "en",
        variety.tag,
        params=params,
        location=name,
    )
    date = document_date(" ".join(p.text for p in raw))
    return AlignedDocument(
        name, english, local, variety, alignment, date, tuple(furniture)
    )


def _pair_variety(
    english: tuple[Paragraph, ...],
    local: tuple[Paragraph, ...],
    lang: str | None,
    name: str,
    local_name: str,
    pinned_by: str = "given",
) -> VarietyGuess:
    if english_score(" ".join(p.text for p in english)) <= 0:
        raise DocumentError("no English text found", location=name)
    local_text = "\n".join(p.text for p in local)
    if english_score(local_text) >= 0:
        raise DocumentError("no local-language text found", location=local_name)
    if lang:
        return pinned_variety(lang, local_text, pinned_by)
    return guess_variety(local_text)


def document_date(text: str) -> datetime:
    """The first complete date the text mentions (deterministic unit dates), else
    :data:`FALLBACK_DATE`."""
    latin = latin_text(text)
    found: list[tuple[int, datetime]] = []
    for regex, (day_at, month_at, year_at) in _DATE_RES:
        for match in regex.finditer(latin):
            month = match.group(month_at)
            number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
            try:
                date = datetime(
                    int(match.group(year_at)),
                    number or 0,
                    int(match.group(day_at)),
                    tzinfo=UTC,
                )
            except ValueError:
                continue
            found.append((match.start(), date))
    return min(found)[1] if found else FALLBACK_DATE


def document_units(
    document: AlignedDocument, *, origin: str, min_confidence: float
) -> tuple[list[TranslationUnit], list[ReviewRow]]:
    """Units for links at or above ``min_confidence``; review rows for the rest."""
    alignment = document.alignment
    units: list[TranslationUnit] = []
    review: list[ReviewRow] = []
    for link in alignment.links:
        english = _join(alignment.english, link.english)
        local = _join(alignment.local, link.local)
        english_ref = _reference(alignment.english, link)
        local_ref = _reference(alignment.local, link, local=True)
        if not link.english or not link.local or link.confidence < min_confidence:
            review.append(
                ReviewRow(
                    document.name,
                    link.kind,
                    link.confidence,
                    english_ref,
                    local_ref,
                    english,
                    local,
                )
            )
            continue
        units.append(
            _unit(document, origin, link, english, local, english_ref, local_ref)
        )
    return units, review


def _unit(
    document: AlignedDocument,
    origin: str,
    link: Link,
    english: str,
    local: str,
    english_ref: str,
    local_ref: str,
) -> TranslationUnit:
    paragraph = document.alignment.english[link.english[0]].paragraph + 1
    props = (
        ("x-document", document.name),
        ("x-paragraph", str(paragraph)),
        ("x-sentences", english_ref),
        ("x-local-sentences", local_ref),
        ("x-bead", link.kind),
        ("x-align-confidence", f"{link.confidence:.3f}"),
        ("x-variety", document.variety.tag),
    )
    return TranslationUnit(
        source=english,
        target=local,
        source_lang="en",
        target_lang=document.variety.tag,
        origin=origin,
        created=document.date,
        changed=document.date,
        props=props,
    )


def _join(sentences: tuple[Sentence, ...], indices: tuple[int, ...]) -> str:
    return _SPACES_RE.sub(" ", " ".join(sentences[i].text for i in indices)).strip()


def _reference(
    sentences: tuple[Sentence, ...], link: Link, *, local: bool = False
) -> str:
    """``"3.1"``, ``"3.1-2"`` or ``"3.4-4.1"`` (1-based paragraph.sentence)."""
    indices = link.local if local else link.english
    if not indices:
        return ""
    first, last = sentences[indices[0]], sentences[indices[-1]]
    start = f"{first.paragraph + 1}.{first.index + 1}"
    if first is last:
        return start
    if first.paragraph == last.paragraph:
        return f"{start}-{last.index + 1}"
    return f"{start}-{last.paragraph + 1}.{last.index + 1}"
