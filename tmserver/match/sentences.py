"""A small sentence splitter for multi-segment suggestion requests (pure core).

Splits after ``.``, ``!``, ``?`` or ``…`` (optionally followed by closing quotes or
brackets) when whitespace and an upper-case letter, digit or opening quote follow,
and never after common abbreviations or single initials. Good enough to cut a
paragraph into the units a memory stores; the alignment pipeline has its own,
stricter segmenter.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no vs etc e.g i.e approx jan feb mar apr jun jul aug sep "
    "sept oct nov dec gen col lt sgt inc ltd co corp npr tj itd sl br god str "
    "tel dr ul mr.sc".split()
)
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“„«(\[]?[\w])")


def split_sentences(text: str) -> list[tuple[str, int, int]]:
    """``(sentence, start, end)`` for every sentence of ``text`` (offsets in it)."""
    pieces: list[tuple[str, int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        end = match.end()
        following = text[end:].lstrip()
        if not following or not (following[0].isupper() or following[0].isdigit()):
            if not following or following[0] not in "\"'“„«([":
                continue
        word = text[start : match.start()].rsplit(None, 1)[-1:] or [""]
        if word[0].lower().strip("(\"'") in _ABBREVIATIONS or len(word[0]) == 1:
            continue
        _append(pieces, text, start, end)
        start = end
    _append(pieces, text, start, len(text))
    return pieces


def _append(
    pieces: list[tuple[str, int, int]], text: str, start: int, end: int
) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + chunk.index(stripped)
    pieces.append((stripped, offset, offset + len(stripped)))
