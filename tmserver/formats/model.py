"""What the formats stage passes around: a release's sentences and a draft of them.

A :class:`Release` is the English document cut into :class:`SourceSegment` values
(sentence, paragraph, position, where it came from); a :class:`Draft` pairs each
segment with the suggestion chosen for it (:class:`DraftSegment`). Writers take a
draft and need nothing else, so every output format says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SourceSegment:
    """One English sentence of a release.

    :param id: stable within the release (``p3s2``, or the XLIFF/PO unit's own id).
    :param paragraph: 0-based paragraph of the document (DOCX: body paragraph index).
    :param index: 0-based sentence within the paragraph.
    :param start: offset of the sentence in its paragraph's text.
    :param location: ``file:line`` (or ``file:paragraph N``) for messages.
    """

    id: str
    text: str
    paragraph: int
    index: int
    start: int = 0
    end: int = 0
    context: str = ""
    note: str = ""
    location: str = ""

    @property
    def reference(self) -> str:
        """``paragraph.sentence``, 1-based, as the memory's ``x-sentences`` prop."""
        return f"{self.paragraph + 1}.{self.index + 1}"


@dataclass(frozen=True, slots=True)
class Release:
    """An English document to pre-translate.

    :param kind: ``text``, ``html``, ``docx``, ``xliff`` or ``po`` (what came in).
    :param paragraphs: every paragraph's text (DOCX: one per body paragraph, empty
        ones included so indices match the document).
    :param original: the uploaded bytes, kept for DOCX so formatting survives.
    """

    name: str
    kind: str
    paragraphs: tuple[str, ...]
    segments: tuple[SourceSegment, ...]
    source_lang: str = "en"
    original: bytes | None = None


@dataclass(frozen=True, slots=True)
class Adaptation:
    """A placeable value written into a suggestion (``kind``: number, date ...)."""

    kind: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A memory match offered for a segment (XLIFF ``mtc:match`` / ``alt-trans``)."""

    source: str
    target: str
    quality: float
    origin: str
    level: str


@dataclass(frozen=True, slots=True)
class DraftSegment:
    """A segment with its pre-translation.

    ``target`` is empty when nothing matched (unless the source was copied);
    ``unadapted`` lists placeable values of the source the suggestion still carries
    in the memory's form (a reviewer must fix them).
    """

    segment: SourceSegment
    target: str
    level: str
    quality: float = 0.0
    origin: str = ""
    match_source: str = ""
    adapted: tuple[Adaptation, ...] = ()
    unadapted: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    copied: bool = False

    @property
    def translated(self) -> bool:
        """True when the target came from the memory."""
        return bool(self.target) and not self.copied


@dataclass(frozen=True, slots=True)
class Draft:
    """A pre-translated release."""

    release: Release
    target_lang: str
    segments: tuple[DraftSegment, ...]
    created: datetime
    min_similarity: float = 75.0
    tool_version: str = field(default="")
