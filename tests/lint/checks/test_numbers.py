"""Numbers by value and format, with the BCS false positives that must not fire."""

from __future__ import annotations

import pytest

from tests.lintkit import ids
from tmserver.lint.checks.numbers import number_word_in


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        # the same values, written the local way: nothing fires
        ("Inflation rose 2.5 percent", "Inflacija je porasla 2,5 posto", "hr", set()),
        ("Costs 1,000 KM", "Košta 1.000 KM", "bs", set()),
        (
            "It reached 1.5 million people",
            "Dosegnulo je 1,5 milijuna ljudi",
            "hr",
            set(),
        ),
        ("It reached 1.5 million people", "Dosegnulo je 1.500.000 ljudi", "hr", set()),
        (
            "It reached 1.5 million people",
            "Досегло је 1,5 милиона људи",
            "sr-Cyrl",
            set(),
        ),
        ("25 percent voted", "25% je glasalo", "bs", set()),
        ("25 percent voted", "Glasalo je 25 odsto", "sr-Latn", set()),
        ("Ages 10-15", "Uzrast od 10 do 15 godina", "bs", set()),
        ("The 18th round", "18. kolo", "hr", set()),
        ("A 13-year-old boy", "Trinaestogodišnji dječak", "bs", set()),
        ("A 44-year-old woman", "Četrdesetčetverogodišnjakinja", "bs", set()),
        ("Two people came, 3 left", "Došle su dvije osobe, otišle su tri", "hr", set()),
        ("Winds of 85 mph", "Vjetar brzinom od 137 km/h", "hr", set()),
        ("2 to 4 inches of rain", "50 do 100 mm kiše", "hr", set()),
        ("The 1950-53 war", "Rat od 1950. do 1953.", "hr", set()),
        ("Call 116 123 now", "Nazovite 116 123 odmah", "bs", set()),
        ("15,000 people", "15 000 ljudi", "hr", set()),
        # real problems
        (
            "Inflation rose 2.5 percent",
            "Inflacija je porasla 3,5 posto",
            "hr",
            {"number-mismatch"},
        ),
        (
            "Inflation rose 2.5 percent",
            "Inflacija je porasla posto",
            "hr",
            {"number-mismatch"},
        ),
        ("It has 1,200 members", "Ima 12 članova", "hr", {"number-mismatch"}),
        ("Since 1979", "Od 1997. godine", "hr", {"number-mismatch"}),
        (
            "Inflation rose 2.5 percent",
            "Inflacija je porasla 2.5 posto",
            "hr",
            {"number-format"},
        ),
        ("Costs 1,000 KM", "Košta 1,000 KM", "bs", {"number-format"}),
        ("A triple 3 result", "Rezultat tribunala", "hr", {"number-mismatch"}),
    ],
)
def test_numbers(source: str, target: str, lang: str, fires: set[str]) -> None:
    found = ids(source, target, lang) & {"number-mismatch", "number-format"}
    assert found == fires


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        (3, "došle su tri osobe", True),
        (3, "pred tribunalom", False),
        (5, "u petak", False),
        (5, "petogodišnji plan", True),
        (32, "tridesetdvogodišnji muškarac", True),
        (44, "četrdeset i četiri", True),
        (13, "trinaestogodišnjak", True),
        (2, "двије особе", True),
    ],
)
def test_number_words(value: int, text: str, expected: bool) -> None:
    assert number_word_in(value, text) is expected
