"""English numbers written as words (``forty``, ``ten thousand``), with values (pure).

A placeable search sees digits only; a memory sentence with ``thirty residents`` and a
query with ``forty residents`` differ in a value all the same, and a suggestion must not
carry the old one silently. This finds number words and reads their value, so the two
sides can be compared (``forty`` equals ``40``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_VALUES = {word: number for number, word in enumerate(_UNITS)}
_VALUES.update({word: 20 + 10 * number for number, word in enumerate(_TENS)})
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_WORD = "|".join(sorted([*_VALUES, *_SCALES], key=len, reverse=True))
_RUN_RE = re.compile(
    rf"(?<![\w-])(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*(?![\w-])", re.I
)
_DIGIT_BEFORE_RE = re.compile(r"\d[\d.,]*\s*$")


@dataclass(frozen=True, slots=True)
class NumberWord:
    """A run of number words: ``text`` as written, its ``value``."""

    text: str
    start: int
    end: int
    value: int


def number_words(text: str) -> list[NumberWord]:
    """Every run of English number words in ``text`` with its value.

    A lone ``one`` is left out (``one of them`` is rarely a count), and a scale word
    right after digits (``2.5 million``) belongs to that number, not here.
    """
    found = []
    for match in _RUN_RE.finditer(text):
        words = [w.lower() for w in re.split(r"[\s-]+", match.group()) if w != "and"]
        if words == ["one"] or not words:
            continue
        if words[0] in _SCALES and _DIGIT_BEFORE_RE.search(text[: match.start()]):
            continue
        value = _value(words)
        if value is not None:
            found.append(NumberWord(match.group(), match.start(), match.end(), value))
    return found


def _value(words: list[str]) -> int | None:
    total, current = 0, 0
    for word in words:
        if word in _VALUES:
            current += _VALUES[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current
