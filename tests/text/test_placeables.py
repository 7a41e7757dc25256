"""Placeable extraction and rendering for English and Bosnian/Croatian/Serbian."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tmserver.text.placeables import extract
from tmserver.text.placeables import month_case
from tmserver.text.placeables import month_form
from tmserver.text.placeables import read_number
from tmserver.text.placeables import render


def kinds_values(text: str, lang: str) -> list[tuple[str, object]]:
    return [(p.kind, p.value) for p in extract(text, lang)]


D = Decimal


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "It rose 2.5 points", [("number", D("2.5"))]),
        ("hr", "Porastao je 2,5 boda", [("number", D("2.5"))]),
        ("en", "1,000 people", [("number", D("1000"))]),
        ("bs", "1.000 ljudi", [("number", D("1000"))]),
        ("hr", "15 000 ljudi", [("number", D("15000"))]),
        ("hr", "15\u00a0000 ljudi", [("number", D("15000"))]),
        ("en", "1,234,567.89 euros", [("number", D("1234567.89"))]),
        ("sr-Latn", "1.234.567,89 evra", [("number", D("1234567.89"))]),
        ("en", "ages 10-15", [("number", D("10")), ("number", D("15"))]),
        ("hr", "od 2010. do 2015.", [("number", D("2010")), ("number", D("2015"))]),
        ("en", "the 18th place", [("number", D("18"))]),
        ("bs", "18. mjesto", [("number", D("18"))]),
        ("en", "fell -5 degrees", [("number", D("-5"))]),
        ("en", "COVID-19", [("acronym", "COVID"), ("number", D("19"))]),
        ("en", "25 percent", [("percent", D("25"))]),
        ("en", "25 per cent", [("percent", D("25"))]),
        ("en", "25%", [("percent", D("25"))]),
        ("hr", "25 posto", [("percent", D("25"))]),
        ("sr-Latn", "25 odsto", [("percent", D("25"))]),
        ("sr-Cyrl", "25 одсто", [("percent", D("25"))]),
        ("hr", "25 %", [("percent", D("25"))]),
        ("en", "1.5 million", [("number", D("1500000"))]),
        ("hr", "1,5 milijuna", [("number", D("1500000"))]),
        ("bs", "1,5 miliona", [("number", D("1500000"))]),
        ("sr-Cyrl", "1,5 милиона", [("number", D("1500000"))]),
        ("en", "3 billion", [("number", D("3000000000"))]),
        ("sr-Latn", "3 milijarde", [("number", D("3000000000"))]),
        ("hr", "5 tisuća", [("number", D("5000"))]),
        ("bs", "5 hiljada", [("number", D("5000"))]),
    ],
)
def test_numbers(lang: str, text: str, expected: list[tuple[str, object]]) -> None:
    assert kinds_values(text, lang) == expected


@pytest.mark.parametrize(
    ("token", "local", "expected"),
    [
        ("2.5", False, (D("2.5"), "en", None)),
        ("2.5", True, (D("2.5"), "en", None)),
        ("2,5", True, (D("2.5"), "local", None)),
        ("1,000", False, (D("1000"), "ambiguous", D("1.000"))),
        ("1,000", True, (D("1.000"), "ambiguous", D("1000"))),
        ("1.000", True, (D("1000"), "ambiguous", D("1.000"))),
        ("1.000.000", True, (D("1000000"), "local", None)),
        ("1,000,000", True, (D("1000000"), "en", None)),
        ("1.000,5", False, (D("1000.5"), "local", None)),
        ("2018", True, (D("2018"), "plain", None)),
        ("1.2.3", False, None),
    ],
)
def test_read_number(token: str, local: bool, expected: object) -> None:
    assert read_number(token, local) == expected


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "on October 18, 2018 the", (2018, 10, 18)),
        ("en", "on 18 October 2018 the", (2018, 10, 18)),
        ("en", "on Oct. 18, 2018", (2018, 10, 18)),
        ("en", "the 18th of October", (None, 10, 18)),
        ("en", "in October 2018", (2018, 10, None)),
        ("en", "in October", (None, 10, None)),
        ("en", "since May", (None, 5, None)),
        ("en", "2018-10-18", (2018, 10, 18)),
        ("en", "10/18/2018", (2018, 10, 18)),
        ("bs", "18. oktobra 2018.", (2018, 10, 18)),
        ("sr-Latn", "18. oktobra 2018. godine", (2018, 10, 18)),
        ("hr", "18. listopada 2018.", (2018, 10, 18)),
        ("hr", "18. studenog 2018.", (2018, 11, 18)),
        ("sr-Cyrl", "18. октобра 2018.", (2018, 10, 18)),
        ("bs", "22. augusta 2023.", (2023, 8, 22)),
        ("sr-Latn", "22. avgusta 2023.", (2023, 8, 22)),
        ("bs", "18.10.2018.", (2018, 10, 18)),
        ("bs", "18. 10. 2018.", (2018, 10, 18)),
        ("hr", "18.10.", (None, 10, 18)),
        ("sr-Latn", "u oktobru 2018.", (2018, 10, None)),
        ("hr", "u listopadu", (None, 10, None)),
        ("sr-Cyrl", "у октобру", (None, 10, None)),
        ("bs", "oktobar 2018.", (2018, 10, None)),
    ],
)
def test_dates(lang: str, text: str, value: tuple) -> None:
    dates = [p for p in extract(text, lang) if p.kind == "date"]
    assert [d.value for d in dates] == [value]
    assert not [p for p in extract(text, lang) if p.kind == "number"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "You May go now"),
        ("en", "The March was long"),
        ("hr", "Marta je došla"),
        ("bs", "Maja i Marta"),
    ],
)
def test_words_that_are_not_dates(lang: str, text: str) -> None:
    assert not [p for p in extract(text, lang) if p.kind == "date"]


def test_date_with_trailing_year_dot_spans_the_dot() -> None:
    (date,) = [p for p in extract("Dana 18. oktobra 2018.", "bs") if p.kind == "date"]
    assert date.text == "18. oktobra 2018."


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "at 14:30", (14, 30)),
        ("en", "at 2:30 p.m.", (14, 30)),
        ("en", "at 3 pm", (15, 0)),
        ("hr", "u 14.30 sati", (14, 30)),
        ("sr-Latn", "u 14.30 časova", (14, 30)),
        ("bs", "u 14:30", (14, 30)),
        ("bs", "od 9.00 do", (9, 0)),
        ("sr-Cyrl", "у 14.30 часова", (14, 30)),
        ("hr", "u 14 sati", (14, 0)),
    ],
)
def test_times(lang: str, text: str, value: tuple[int, int]) -> None:
    assert [(p.kind, p.value) for p in extract(text, lang)] == [("time", value)]


def test_duration_in_hours_is_a_number_not_a_time() -> None:
    assert kinds_values("traje 5 sati", "hr") == [("number", D("5"))]


def test_decimal_in_local_text_without_time_context_is_a_number() -> None:
    assert kinds_values("porast od 14.30", "hr") == [("time", (14, 30))]
    assert kinds_values("porast 14.30", "hr") == [("number", D("14.30"))]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "See https://www.iom.int/news.", [("url", "https://www.iom.int/news")]),
        ("en", "(see www.iom.int)", [("url", "www.iom.int")]),
        ("hr", "na bih.iom.int/hr", [("url", "bih.iom.int/hr")]),
        ("en", "Write to Info@IOM.int.", [("email", "info@iom.int")]),
        ("en", "Follow @IOMBiH", [("handle", "@iombih")]),
        ("bs", "#supportformigrants", [("hashtag", "#supportformigrants")]),
        ("en", "not an@ handle", []),
    ],
)
def test_addresses(lang: str, text: str, expected: list) -> None:
    assert kinds_values(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "IOM and UN", ["IOM", "UN"]),
        ("bs", "IOM-a i MUP-a, UN-u", ["IOM", "MUP", "UN"]),
        ("sr-Cyrl", "УН-у и ОЕБС", ["UN", "OEBS"]),
        ("bs", "u BiH", ["BiH"]),
        ("en", "World War II", []),
    ],
)
def test_acronyms(lang: str, text: str, expected: list[str]) -> None:
    assert [p.value for p in extract(text, lang) if p.kind == "acronym"] == expected


def test_acronym_suffix_is_kept_in_style() -> None:
    (acronym,) = extract("IOM-a", "bs")
    assert (acronym.text, acronym.style) == ("IOM-a", "a")


def test_spans_point_into_the_text() -> None:
    text = "On 18 October 2018, 1,500 people (25%) met IOM at www.iom.int."
    for placeable in extract(text, "en"):
        assert text[placeable.start : placeable.end] == placeable.text


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (D("2.5"), "hr", "2,5"),
        (D("1000"), "bs", "1.000"),
        (D("1234567.5"), "sr-Latn", "1.234.567,5"),
        (D("-5.5"), "hr", "-5,5"),
        (D("2.5"), "en", "2.5"),
        ((2018, 10, 18), "bs", "18. oktobra 2018."),
        ((2018, 10, 18), "sr-Latn", "18. oktobra 2018."),
        ((2018, 10, 18), "hr", "18. listopada 2018."),
        ((2018, 10, 18), "sr-Cyrl", "18. октобра 2018."),
        ((2018, 10, 18), "en", "October 18, 2018"),
        ((2023, 8, 22), "bs", "22. augusta 2023."),
        ((2023, 8, 22), "sr-Latn", "22. avgusta 2023."),
        ((None, 10, None), "hr", "listopadu"),
        ((14, 30), "hr", "14.30"),
        ((14, 30), "en", "14:30"),
    ],
)
def test_render_values(value: object, lang: str, expected: str) -> None:
    assert render(value, lang) == expected


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("genitive", "18. oktobra 2018."),
        ("locative", "18. oktobru 2018."),
        ("nominative", "18. oktobar 2018."),
    ],
)
def test_render_date_case(case: str, expected: str) -> None:
    assert render((2018, 10, 18), "sr-Latn", case=case) == expected


@pytest.mark.parametrize(
    ("source", "lang", "expected"),
    [
        ("1.5 million", "hr", "1,5 milijuna"),
        ("1.5 million", "bs", "1,5 miliona"),
        ("1.5 million", "sr-Cyrl", "1,5 милиона"),
        ("1 million", "bs", "1 milion"),
        ("3 billion", "hr", "3 milijarde"),
        ("1,000", "hr", "1.000"),
        ("2018", "hr", "2018"),
        ("25 percent", "bs", "25%"),
        ("October 18, 2018", "hr", "18. listopada 2018."),
        ("18th", "hr", "18."),
    ],
)
def test_render_placeable(source: str, lang: str, expected: str) -> None:
    (placeable,) = extract(source, "en")
    assert render(placeable, lang) == expected


def test_render_keeps_the_case_of_the_placeable() -> None:
    (placeable,) = extract("u oktobru 2018.", "sr-Latn")
    assert render(placeable, "hr") == "listopadu 2018."


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("18. oktobra 2018.", "genitive"),
        ("u listopadu", "locative"),
        ("oktobar 2018.", "nominative"),
        ("18. октобра", "genitive"),
        ("bez mjeseca", None),
    ],
)
def test_month_case(text: str, case: str | None) -> None:
    assert month_case(text) == case


def test_month_form_knows_the_systems() -> None:
    assert month_form("listopada").systems == {"hr"}
    assert month_form("avgusta").systems == {"sr", "bs"}
    assert month_form("augusta").systems == {"bs"}
    assert month_form("Oktobra").systems == {"sr", "bs"}
