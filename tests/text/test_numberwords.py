"""Numbers in words on both sides, and numbers only the translation has."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.lintkit import ids
from tmserver.text.numberwords import find_number_words

_UNITS = "_ jedan dva tri četiri pet šest sedam osam devet".split()
_TENS = "_ deset dvadeset trideset četrdeset pedeset šezdeset sedamdeset osamdeset "
_TENS += "devedeset"
_TEENS = (
    "deset jedanaest dvanaest trinaest četrnaest petnaest šesnaest sedamnaest "
    "osamnaest devetnaest"
).split()


def spell(value: int) -> str:
    """A brute-force reference speller for 1–99 999 (BCS, Bosnian/Serbian words)."""
    thousands, rest = divmod(value, 1000)
    parts = []
    if thousands:
        parts += [spell(thousands), "hiljada"] if thousands > 1 else ["hiljadu"]
    hundreds, rest = divmod(rest, 100)
    if hundreds:
        parts.append(
            [
                "sto",
                "dvjesto",
                "trista",
                "četiristo",
                "petsto",
                "šeststo",
                "sedamsto",
                "osamsto",
                "devetsto",
            ][hundreds - 1]
        )
    if 10 <= rest < 20:
        parts.append(_TEENS[rest - 10])
    else:
        tens, units = divmod(rest, 10)
        if tens:
            parts.append(_TENS.split()[tens])
        if units:
            parts.append(_UNITS[units])
    return " ".join(parts)


@given(st.integers(min_value=2, max_value=99_999))
def test_spelt_numbers_read_back_to_their_value(value: int) -> None:
    words = find_number_words(f"Bilo ih je {spell(value)} u gradu.", "bs")
    assert [w.value for w in words] == [value]


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("više od deset hiljada ljudi", "bs", [10_000]),
        ("četrdesetoro djece i dvadesetak odraslih", "hr", [40, 20]),
        ("двадесет пет хиљада", "sr-Cyrl", [25_000]),
        ("forty-two and one hundred and five", "en", [42, 105]),
        ("hiljade ljudi", "bs", []),  # "thousands": no definite number
        ("twenty, five", "en", [20, 5]),  # a comma separates two numbers
    ],
)
def test_number_words_are_read(text: str, lang: str, values: list[int]) -> None:
    assert [w.value for w in find_number_words(text, lang)] == values


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        # equal: words against digits, either way round
        ("over 10,000 people", "više od deset hiljada ljudi", "bs", set()),
        ("Some forty people came.", "Došlo je 40 ljudi.", "hr", set()),
        ("40 people came.", "Došlo je četrdesetoro ljudi.", "bs", set()),
        ("A decade has passed.", "Prošlo je deset godina.", "sr-Latn", set()),
        # different: reported
        ("Some forty people came.", "Došlo je 41 ljudi.", "hr", {"number-mismatch"}),
        ("40 people came.", "Došlo je dvadeset ljudi.", "bs", {"number-mismatch"}),
        # only in the translation: an addition
        ("Young people came.", "Došlo je 15 mladih.", "bs", {"number-added"}),
        ("Young people came.", "Došlo je devetnaest mladih.", "bs", {"number-added"}),
        ("They met.", "Sastali su se 22. oktobra.", "sr-Latn", {"number-added"}),
        # small counts rephrase freely: no addition
        ("They met for a week.", "Sastajali su se sedam dana.", "hr", set()),
        ("He called twice.", "Nazvao je dva puta.", "hr", set()),
        ("Temperatures in the 90s F.", "Temperature oko 32 °C.", "hr", set()),
    ],
)
def test_numbers_both_directions(
    source: str, target: str, lang: str, fires: set[str]
) -> None:
    found = ids(source, target, lang, min_severity="warning")
    assert found & {"number-mismatch", "number-added"} == fires
