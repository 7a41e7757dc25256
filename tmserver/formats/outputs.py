"""One entry point for every draft format: name → bytes, media type, file suffix."""

from __future__ import annotations

import io
from dataclasses import dataclass

from tmserver.errors import InvalidRequestError
from tmserver.formats import po
from tmserver.formats import word
from tmserver.formats import xliff
from tmserver.formats.model import Draft
from tmserver.tmx import write_tmx
from tmserver.units import TranslationUnit

#: ``--format`` choices, XLIFF 2.1 first (the default).
FORMATS = ("xliff", "xliff12", "po", "tmx", "docx", "txt")
#: The media type each draft format is served as.
MEDIA_TYPES = {
    "xliff": "application/xliff+xml",
    "xliff12": "application/x-xliff+xml",
    "po": "text/x-gettext-translation",
    "tmx": "application/x-tmx+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
}


@dataclass(frozen=True, slots=True)
class Output:
    """A rendered draft."""

    data: bytes
    media_type: str
    suffix: str


def render(draft: Draft, fmt: str) -> Output:
    """The draft in format ``fmt`` (one of :data:`FORMATS`).

    :raises InvalidRequestError: an unknown format.
    """
    if fmt == "xliff":
        return Output(xliff.write_xliff2(draft), MEDIA_TYPES[fmt], ".xlf")
    if fmt == "xliff12":
        return Output(xliff.write_xliff12(draft), MEDIA_TYPES[fmt], ".xlf")
    if fmt == "po":
        return Output(po.write_po(draft), MEDIA_TYPES[fmt], ".po")
    if fmt == "tmx":
        return Output(_tmx(draft), MEDIA_TYPES[fmt], ".tmx")
    if fmt == "docx":
        return Output(word.write_translated(draft), MEDIA_TYPES[fmt], ".docx")
    if fmt == "txt":
        return Output(plain_text(draft).encode("utf-8"), MEDIA_TYPES[fmt], ".txt")
    raise InvalidRequestError(f"unknown format {fmt!r}; choose one of {FORMATS}")


def _tmx(draft: Draft) -> bytes:
    units = [
        TranslationUnit(
            source=item.segment.text,
            target=item.target,
            source_lang=draft.release.source_lang,
            target_lang=draft.target_lang,
            origin=item.origin,
            created=draft.created,
            props=(("x-level", item.level), ("x-quality", f"{item.quality:.1f}")),
        )
        for item in draft.segments
        if item.translated
    ]
    buffer = io.BytesIO()
    write_tmx(units, buffer, source_lang=draft.release.source_lang)
    return buffer.getvalue()


def plain_text(draft: Draft) -> str:
    """The translated release, paragraphs one per line; unmatched ones stay English."""
    paragraphs: dict[int, list[str]] = {}
    for item in draft.segments:
        paragraphs.setdefault(item.segment.paragraph, []).append(
            item.target or item.segment.text
        )
    return (
        "\n\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items())) + "\n"
    )
