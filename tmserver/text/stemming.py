"""Inflection-insensitive word comparison for BCS (pure core).

Snowball's Serbian stemmer (snowballstemmer) handles Latin and Cyrillic and folds
ijekavian onto ekavian (``prijedloga``/``predloga`` → ``predlog``); it does not
lower-case
Cyrillic, so we do. English words go through the same
stemmer harmlessly: we only ever compare stems of one language with each other.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from tmserver.text.lang import cyrillic_to_latin

_WORD_RE = re.compile(r"[^\W\d_]+")
_STEMMER = snowballstemmer.stemmer("serbian")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one word, lower-cased and in Latin script."""
    return _STEMMER.stemWord(cyrillic_to_latin(word.lower()))


def words(text: str) -> list[str]:
    """The alphabetic words of ``text``."""
    return _WORD_RE.findall(text)


def stems(text: str, *, min_length: int = 1) -> list[str]:
    """Stems of the words of ``text`` at least ``min_length`` letters long."""
    return [stem(word) for word in _WORD_RE.findall(text) if len(word) >= min_length]


def contains_phrase(text_stems: list[str], phrase: str) -> bool:
    """True when the stems of ``phrase`` occur in ``text_stems`` in order, adjacent.

    Short function words of the phrase (``za``, ``i``) are required too, so
    "Organizacija za migracije" matches "Organizacije za migracije" but not
    "organizacija migracije".
    """
    wanted = stems(phrase)
    if not wanted:
        return False
    size = len(wanted)
    return any(
        text_stems[i : i + size] == wanted for i in range(len(text_stems) - size + 1)
    )


@lru_cache(maxsize=200_000)
def prefix_stem(word: str, size: int = 6) -> str:
    """A cheap stem: the first ``size`` letters, lower-cased, in Latin script.

    Used where thousands of memory sentences are compared (Snowball in pure Python
    costs ~0.1 ms a word); BCS inflection mostly changes the last two or three
    letters, so six letters keep ``organizacij`` and ``organizacija`` together.
    """
    return cyrillic_to_latin(word.lower())[:size]


def prefix_stems(text: str, *, min_length: int = 3, size: int = 6) -> list[str]:
    """:func:`prefix_stem` of every word of ``text`` at least ``min_length`` long."""
    return [
        prefix_stem(w, size) for w in _WORD_RE.findall(text) if len(w) >= min_length
    ]
