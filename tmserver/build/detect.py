"""What ``tmserver detect`` reports for one file: the English/local split and the
variety guess with its evidence (pure core).

The file is read like an announcement (text or HTML, page furniture left out).
A file with an English and a local part is split; a file with local text only is
guessed as a whole, so single translations can be checked too.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

from dataclasses import dataclass

from tmserver.build.document import read_paragraphs
from tmserver.build.furniture import remove_furniture
from tmserver.build.variety import VarietyGuess
from tmserver.build.variety import english_score
from tmserver.build.variety import guess_variety
from tmserver.build.variety import split_languages
from tmserver.errors import DocumentError


@dataclass(frozen=True, slots=True)
class Detection:
    """A file's language split (paragraph counts; ``boundary`` is the 0-based
    index of the first local paragraph, or None for local text only), its
    variety guess, and how many furniture lines were left out."""

    name: str
    english_paragraphs: int
    local_paragraphs: int
    boundary: int | None
    variety: VarietyGuess
    furniture: int

    def as_dict(self) -> dict:
        """A JSON-ready view: one object per file for ``detect --json``."""
        return {
            "file": self.name,
            "english_paragraphs": self.english_paragraphs,
            "local_paragraphs": self.local_paragraphs,
            "boundary": self.boundary,
            "furniture": self.furniture,
            **self.variety.as_dict(),
        }


def detect_document(data: bytes, name: str) -> Detection:
    """Split and guess one file.

    :raises DocumentError: unreadable input, or no local-language text.
    """
    paragraphs, furniture = remove_furniture(read_paragraphs(data, name))
    texts = [p.text for p in paragraphs]
    if not texts:
        raise DocumentError("no text besides page furniture", location=name)
    try:
        split = split_languages(texts, location=name)
    except DocumentError:
        text = "\n".join(texts)
        if english_score(text) >= 0:
            raise
        return Detection(name, 0, len(texts), None, guess_variety(text), len(furniture))
    return Detection(
        name,
        split.boundary,
        split.end - split.boundary,
        split.boundary,
        split.variety,
        len(furniture),
    )
