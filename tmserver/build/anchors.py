"""Lexical anchors: what an English sentence and its translation visibly share (core).

Numbers (``6.6 per cent`` ↔ ``6,6%``, ``three`` ↔ ``tri``), URLs and e-mail
addresses, months and weekdays (``Sunday`` ↔ ``nedjelju``/``недељу``), acronyms and
names, and cognates (``conference`` ↔ ``konferencija``). Everything is compared
after Cyrillic→Latin transliteration and diacritic folding; names and cognates by a
consonant skeleton, so inflected and phonetically transcribed forms agree
(``Dwyer``/``Dvajera``/``Двајера``).

Anchor strings carry their kind in the first character: ``#`` number, ``@``
address, ``$`` month or weekday, ``~`` name or acronym, ``%`` cognate.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from tmserver.text.lang import cyrillic_to_latin

#: Kinds of anchor whose absence on the other side counts against a pair.
STRONG_KINDS = frozenset("#@$")

_NUMBER_RE = re.compile(r"\d+(?:[.,:/]\d+)*")
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s\"”“»)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*|%")
_DIGIT_RE = re.compile(r"\d")
_PER_CENT_RE = re.compile(r"\bper cent\b", re.IGNORECASE)
_SOUND_RULES = tuple(
    pair.split(">") for pair in "ph>f th>t ck>k w>v y>j q>k x>ks c>k dz>d".split()
)
_VOWELS_RE = re.compile(r"[aeiou'’-]+")
_DOUBLED_RE = re.compile(r"(.)\1+")


def _table(rows: dict[str, str]) -> dict[str, str]:
    return {word: anchor for anchor, words in rows.items() for word in words.split()}


_ENGLISH_WORDS = _table(
    {
        "#2": "two",
        "#3": "three",
        "#4": "four",
        "#5": "five",
        "#6": "six",
        "#7": "seven",
        "#8": "eight",
        "#9": "nine",
        "#10": "ten",
        "#%": "% percent per-cent",
        "$m1": "january jan",
        "$m2": "february feb",
        "$m3": "march",
        "$m4": "april apr",
        "$m6": "june",
        "$m7": "july",
        "$m8": "august aug",
        "$m9": "september sept",
        "$m10": "october oct",
        "$m11": "november nov",
        "$m12": "december dec",
        "$d1": "monday",
        "$d2": "tuesday",
        "$d3": "wednesday",
        "$d4": "thursday",
        "$d5": "friday",
        "$d6": "saturday",
        "$d7": "sunday",
    }
)
_LOCAL_WORDS = _table(
    {
        "#2": "dva dvije dve dvoje dvojica",
        "#3": "tri troje trojica",
        "#4": "cetiri cetvoro",
        "#5": "pet petoro",
        "#6": "sest",
        "#7": "sedam",
        "#8": "osam",
        "#9": "devet",
        "#10": "deset",
        "#%": "% posto odsto postotak postotaka procenat procenata procenta",
        "$m1": "januar januara januaru sijecanj sijecnja",
        "$m2": "februar februara februaru veljaca veljace",
        "$m3": "mart marta martu ozujak ozujka",
        "$m4": "april aprila aprilu travanj travnja",
        "$m5": "maj maja maju svibanj svibnja",
        "$m6": "jun juna junu juni lipanj lipnja",
        "$m7": "jul jula julu juli srpanj srpnja",
        "$m8": "avgust avgusta avgustu august augusta kolovoz kolovoza",
        "$m9": "septembar septembra septembru rujan rujna",
        "$m10": "oktobar oktobra oktobru listopad listopada",
        "$m11": "novembar novembra novembru studeni studenoga studenog",
        "$m12": "decembar decembra decembru prosinac prosinca",
        "$d1": "ponedjeljak ponedeljak ponedjeljka ponedeljka",
        "$d2": "utorak utorka",
        "$d3": "srijeda srijedu srijede sreda sredu srede",
        "$d4": "cetvrtak cetvrtka",
        "$d5": "petak petka",
        "$d6": "subota subotu subote",
        "$d7": "nedjelja nedjelju nedjelje nedelja nedelju nedelje",
    }
)


_FOLD_TABLE = str.maketrans("čćžšđČĆŽŠĐ", "cczsdCCZSD")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case Latin without diacritics: ``Đorđe``/``Ђорђе`` → ``dorde``."""
    latin = cyrillic_to_latin(text).translate(_FOLD_TABLE)
    if latin.isascii():
        return latin.lower()
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """Folded spelling with English letter groups written as Serbian sounds them
    (``ph`` → ``f``, ``c`` → ``k``, ``w`` → ``v``)."""
    key = fold(word)
    for old, new in _SOUND_RULES:
        key = key.replace(old, new)
    return key


@functools.lru_cache(maxsize=65536)
def skeleton(word: str, size: int) -> str:
    """First letter plus the following consonants, doubled letters once, cut to
    ``size``: ``Dwyer``/``Dvajera`` → ``dvj``; ``restaurant``/``restorana`` →
    ``rstr``."""
    key = sound_key(word)
    rest = _DOUBLED_RE.sub(r"\1", _VOWELS_RE.sub("", key[1:]))
    return (key[:1] + rest)[:size]


def anchors(text: str, *, english: bool) -> frozenset[str]:
    """The anchors of one sentence (``english`` selects the number/month words)."""
    found: set[str] = set()
    if "@" in text or "http" in text or "www." in text:
        for url in _URL_RE.findall(text):
            found.add("@" + fold(url).rstrip(".,;:"))
        text = _URL_RE.sub(" ", text)
    if _DIGIT_RE.search(text):
        for number in _NUMBER_RE.findall(text):
            digits = number.translate(_NUMBER_PUNCTUATION).lstrip("0")
            if digits:
                found.add("#" + digits)
    if english and "cent" in text:
        text = _PER_CENT_RE.sub("per-cent", text)
    words = _WORD_RE.findall(text)
    if words:
        anchor = _word_anchor(words[0], False, english)
        if anchor:
            found.add(anchor)
        cache = _INSIDE_CACHE[english]
        if len(cache) > _CACHE_SIZE:
            cache.clear()
        for word in set(words[1:]):
            anchor = cache.get(word)
            if anchor is None:
                anchor = cache[word] = _word_anchor(word, True, english)
            if anchor:
                found.add(anchor)
    return frozenset(found)


_NUMBER_PUNCTUATION = str.maketrans("", "", ".,:/")
_CACHE_SIZE = 131072
#: Anchors of words that do not open their sentence (most words), English and
#: local: a plain dict is cheaper to consult than the ``lru_cache`` below.
_INSIDE_CACHE: dict[bool, dict[str, str]] = {True: {}, False: {}}


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _word_anchor(word: str, inside: bool, english: bool) -> str:
    """The anchor one word gives ("" for none); ``inside``: not the first word."""
    folded = fold(word)
    words = _ENGLISH_WORDS if english else _LOCAL_WORDS
    if folded in words:
        return words[folded]
    if word.isupper() and len(word) >= 2:
        return "~" + folded.split("-")[0]
    if inside and word[0].isupper() and len(word) >= 3:
        return "~" + skeleton(word, 3)
    if len(word) >= 5:
        return "%" + skeleton(word, 4)
    return ""
