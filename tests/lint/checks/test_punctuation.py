"""Quotes, brackets, end punctuation, whitespace, repeated words, corrupt characters."""

from __future__ import annotations

import pytest

from tests.lintkit import ids

CHECKS = {
    "quotes",
    "brackets",
    "end-punctuation",
    "whitespace",
    "repeated-word",
    "corrupt-characters",
}


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        ('He said "yes".', "Rekao je „da“.", set()),
        ('He said "yes".', "Rekao je „da”.", set()),
        ('He said "yes".', "Rekao je »da«.", set()),
        ('He said "yes".', 'Rekao je „da".', set()),
        ('He said "yes".', "Rekao je “da”.", set()),
        ("'We know it,' he said.", "“Znamo to”, rekao je.", set()),
        ("He came (at last).", "Došao je (napokon).", set()),
        ("Is it true?", "Je li istina?", set()),
        ("Said: dr. Petrović, e.g. 1,500", "Rekao je dr. Petrović, npr. 1.500", set()),
        ("He said that.", "Rekao je da je to istina.", set()),
        ('He said "yes".', "Rekao je „da.", {"quotes"}),
        ('He said "yes".', "Rekao je »da.", {"quotes"}),
        ("He came (at last).", "Došao je (napokon.", {"brackets"}),
        ("Is it true?", "To je istina.", {"end-punctuation"}),
        ("He came.", "Došao  je.", {"whitespace"}),
        ("He came.", "Došao je je.", {"repeated-word"}),
        ("He came.", "DoÅ¡ao je.", {"corrupt-characters"}),
        ("He came.", "Ä‡ao je.", {"corrupt-characters"}),
        ("He came.", "Došao\u200b je.", {"corrupt-characters"}),
        ("He came.", "Došao \u0084je.", {"corrupt-characters"}),
    ],
)
def test_punctuation(source: str, target: str, fires: set[str]) -> None:
    assert ids(source, target, "hr") & CHECKS == fires
