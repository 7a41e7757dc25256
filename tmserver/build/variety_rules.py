"""Strong lexical evidence the labelled data cannot teach (pure core).

The training corpora have Serbian only in ekavian, so a learned model calls
ijekavian Serbian (Republika Srpska, Montenegro) Bosnian: its ``-ije-`` forms
look Bosnian/Croatian and its Eastern vocabulary looks Bosnian. Two word lists
tell them apart: Serbian words Bosnian standard writes otherwise (``bezbjednost``
for ``sigurnost``, ``opština`` for ``općina``, ``istorija`` for ``historija``,
``takođe`` for ``također``, ``vaspitanje``, ``obezbijediti``, ``Republika
Srpska``) against the Bosnian/Croatian forms (``općina``, ``opći``,
``historija``, ``sigurnost``, ``također``, ``ured``, ``zrak``).

Montenegrin (``cnr``) is recognised by its own letters and jotated forms
(``ś``, ``ź``, ``đe``, ``śutra``, ``đevojka``); text only *about* Montenegro
(``Crna Gora``, ``crnogorski``, ``Podgorica``) is not Montenegrin by itself, but
the guess is then reported as low confidence.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re

_SERBIAN_IJEKAVIAN_RE = re.compile(
    r"\b(?:bezbjedn\w*|bezbjednosn\w*|obezbij\w*|obezbjeđ\w*|opštin\w*|"
    r"istorij\w*|takođe|vaspit\w*|uopšte|vazduh\w*|kancelarij\w*|sprove\w*|"
    r"sprovod\w*|republik[aeiu] srpsk\w*|vlad[aeiu] republike srpske|"
    r"narodn[aeio]\w* skupštin\w*|obavještenj\w*)\b"
)
#: Of these, the ones that alone already say Serbian rather than Bosnian.
_STRONG_SERBIAN = re.compile(
    r"^(?:bezbjedn|obezbij|obezbjeđ|opštin|istorij|takođe|vaspit|uopšte|vlad|"
    r"sprove|sprovod)"
)
_BOSNIAN_CROATIAN_RE = re.compile(
    r"\b(?:općin\w*|opći\w*|općenit\w*|historij\w*|sigurnost\w*|također|"
    r"ured\w*|zrak\w*|provedb\w*|provodi\w*|uvjet\w*|znanstv\w*|izvješć\w*|"
    r"lahk\w*|kahv\w*|tisuć\w*)\b"
)
_MONTENEGRIN_RE = re.compile(
    r"[śź]|\b(?:đe|đeca|đecu|đece|đevojk\w*|đed\w*|sjutra\w*|ćerati|ćera\w*|"
    r"pošljednj\w*|iđe|iđem|iđemo|njesam|gođ)\b"
)
_MONTENEGRO_TOPIC_RE = re.compile(
    r"\b(?:crn[aeo]j? gor[aeiu]\w*|crnogorsk\w*|podgoric\w*|cetinj\w*)\b"
)


def serbian_ijekavian(lowered: str) -> tuple[int, int, tuple[str, ...]]:
    """``(serbian, bosnian, words)``: distinct Serbian-only words of ijekavian
    Serbian, weighted 2 for the unambiguous ones, distinct Bosnian/Croatian forms
    Serbian does not use, in a lower-case Latin text, and the Serbian words."""
    serbian = {m.group() for m in _SERBIAN_IJEKAVIAN_RE.finditer(lowered)}
    bosnian = {m.group() for m in _BOSNIAN_CROATIAN_RE.finditer(lowered)}
    weight = sum(2 if _STRONG_SERBIAN.match(word) else 1 for word in serbian)
    return weight, len(bosnian), tuple(sorted(serbian))


def montenegrin(lowered: str) -> tuple[int, int, tuple[str, ...]]:
    """``(forms, topic, words)``: distinct Montenegrin letters and forms, distinct
    words naming Montenegro, in a lower-case Latin text, and the forms' words."""
    forms = {m.group() for m in _MONTENEGRIN_RE.finditer(lowered)}
    topic = {m.group() for m in _MONTENEGRO_TOPIC_RE.finditer(lowered)}
    words = {w for w in re.findall(r"[^\W\d_]+", lowered) if "ś" in w or "ź" in w}
    return (
        len(forms),
        len(topic),
        tuple(sorted(words | {f for f in forms if len(f) > 1})),
    )
