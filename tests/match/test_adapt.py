"""What a suggestion carries for a query: substituted values or honestly listed ones.

Each case is a memory unit (source, target) and a query that differs in values; the
expected target is what a Bosnian/Croatian/Serbian translator would write, and a
case that cannot be written safely must come back unchanged, listed as unadapted,
below the near-exact band.
"""

from __future__ import annotations

import pytest

from tmserver.match.quality import quality
from tmserver.match.substitute import NEAR_EXACT
from tmserver.match.substitute import adapt


def _adapt(query: str, source: str, target: str, lang: str = "hr"):  # noqa: ANN202
    return adapt(query, source, target, "en", lang, quality(query, source))


@pytest.mark.parametrize(
    ("query", "source", "target", "lang", "expected"),
    [
        # ordinals: the target's dot stays single
        (
            "It is the 12th edition.",
            "It is the 11th edition.",
            "Ovo je 11. izdanje.",
            "hr",
            "Ovo je 12. izdanje.",
        ),
        # the query's precision is kept
        (
            "Prices rose by 3.0% this year.",
            "Prices rose by 2.5% this year.",
            "Cijene su ove godine porasle za 2,5 %.",
            "hr",
            "Cijene su ove godine porasle za 3,0 %.",
        ),
        # the memory's spacing style is kept
        (
            "Unemployment fell by 2.4% in the region.",
            "Unemployment fell by 1.9% in the region.",
            "Nezaposlenost je u regiji pala za 1,9%.",
            "hr",
            "Nezaposlenost je u regiji pala za 2,4%.",
        ),
        # approximate forms: a round ten keeps -ak, another number says "oko"
        (
            "Approximately 50 participants attended the training.",
            "Approximately 20 participants attended the training.",
            "Obuci je prisustvovalo 20-ak sudionika.",
            "hr",
            "Obuci je prisustvovalo 50-ak sudionika.",
        ),
        (
            "Approximately 35 participants attended the training.",
            "Approximately 20 participants attended the training.",
            "Obuci je prisustvovalo 20-ak sudionika.",
            "hr",
            "Obuci je prisustvovalo oko 35 sudionika.",
        ),
        (
            "About 35 participants attended the training.",
            "About 20 participants attended the training.",
            "Obuci je prisustvovalo oko 20 sudionika.",
            "hr",
            "Obuci je prisustvovalo oko 35 sudionika.",
        ),
        # numeral–noun agreement
        (
            "The fee is 5 kuna per person.",
            "The fee is 2 kuna per person.",
            "Naknada iznosi 2 kune po osobi.",
            "hr",
            "Naknada iznosi 5 kuna po osobi.",
        ),
        (
            "The fee is 3 kuna per person.",
            "The fee is 5 kuna per person.",
            "Naknada iznosi 5 kuna po osobi.",
            "hr",
            "Naknada iznosi 3 kune po osobi.",
        ),
        (
            "The 50 kuna coin was issued in 1994.",
            "The 25 kuna coin was issued in 1994.",
            "Kovanica od 25 kuna izdana je 1994.",
            "hr",
            "Kovanica od 50 kuna izdana je 1994.",
        ),
        (
            "The ticket costs 50 KM.",
            "The ticket costs 25 KM.",
            "Ulaznica košta 25 KM.",
            "bs",
            "Ulaznica košta 50 KM.",
        ),
        (
            "The visa costs 3 euros.",
            "The visa costs 10 euros.",
            "Viza košta 10 eura.",
            "bs",
            "Viza košta 3 eura.",
        ),
        (
            "The fine is 2 dinars.",
            "The fine is 100 dinars.",
            "Kazna je 100 dinara.",
            "sr-Latn",
            "Kazna je 2 dinara.",
        ),
        (
            "The project lasted 3 years.",
            "The project lasted 5 years.",
            "Projekat je trajao 5 godina.",
            "bs",
            "Projekat je trajao 3 godine.",
        ),
        (
            "We helped 3 persons in need.",
            "We helped 5 persons in need.",
            "Pomogli smo 5 особа у невољи.",
            "sr-Cyrl",
            "Pomogli smo 3 особе у невољи.",
        ),
        # a year written as an ordinal: the noun after it is not counted
        (
            "The law was introduced in 2019.",
            "The law was introduced in 2017.",
            "Закон је уведен 2017. године.",
            "sr-Cyrl",
            "Закон је уведен 2019. године.",
        ),
        # the real cases
        (
            "Only 55 residents of Presevo took part in the census this year, "
            "according to the municipal office.",
            "Only 40 residents of Presevo took part in the census this year, "
            "according to the municipal office.",
            "Svega 40 građana Preševa učestvovalo je u popisu ove godine, "
            "prema podacima opštinske kancelarije.",
            "sr-Latn",
            "Svega 55 građana Preševa učestvovalo je u popisu ove godine, "
            "prema podacima opštinske kancelarije.",
        ),
        (
            "Support rose from 12% to 15%, costs from 4% to 6%.",
            "Support rose from 10% to 11%, costs from 3% to 5%.",
            "Podrška je porasla s 10 % na 11 %, troškovi s 3 % na 5 %.",
            "hr",
            "Podrška je porasla s 12 % na 15 %, troškovi s 4 % na 6 %.",
        ),
    ],
)
def test_values_are_substituted_in_the_target_conventions(
    query: str, source: str, target: str, lang: str, expected: str
) -> None:
    result = _adapt(query, source, target, lang)
    assert result.target == expected
    assert not result.unadapted
    assert result.substitutions
    assert result.quality >= NEAR_EXACT


@pytest.mark.parametrize(
    ("query", "source", "target", "lang", "kind"),
    [
        # the value is not in the target as digits
        (
            "We met 3 people.",
            "We met 5 people.",
            "Sreli smo nekoliko ljudi.",
            "hr",
            "number",
        ),
        (
            "Some 12,000 people were displaced.",
            "Some 10,000 people were displaced.",
            "Raseljeno je oko deset hiljada ljudi.",
            "bs",
            "number",
        ),
        # numbers written as words
        (
            "Forty residents returned home in May.",
            "Thirty residents returned home in May.",
            "Trideset stanovnika vratilo se kući u maju.",
            "bs",
            "number-word",
        ),
        # a number ending in 1: the noun's case cannot be seen
        (
            "The fee is 21 kuna per person.",
            "The fee is 2 kuna per person.",
            "Naknada iznosi 2 kune po osobi.",
            "hr",
            "number",
        ),
        # a decimal before a noun whose 2-4 and 5+ forms differ
        (
            "The fee is 2.5 kuna per person.",
            "The fee is 5 kuna per person.",
            "Naknada iznosi 5 kuna po osobi.",
            "hr",
            "number",
        ),
        # a value the memory has and the query lacks
        (
            "The office opens on Monday.",
            "The office opens on Monday at 9:00.",
            "Ured se otvara u ponedjeljak u 9.00.",
            "hr",
            "time",
        ),
    ],
)
def test_values_that_cannot_be_written_are_listed_and_quality_lowered(
    query: str, source: str, target: str, lang: str, kind: str
) -> None:
    result = _adapt(query, source, target, lang)
    assert result.target == target
    assert kind in {u.kind for u in result.unadapted}
    assert result.quality < NEAR_EXACT
    assert result.quality <= quality(query, source)


def test_unadapted_entry_names_both_values() -> None:
    result = _adapt("We met 3 people.", "We met 5 people.", "Sreli smo nekoliko ljudi.")
    assert [(u.kind, u.query, u.memory) for u in result.unadapted] == [
        ("number", "3", "5")
    ]


def test_same_values_leave_the_target_and_quality_alone() -> None:
    query, source = "In 2019 we met 5 people.", "In 2019 we met 5 new people."
    result = _adapt(query, source, "Godine 2019. sreli smo 5 novih ljudi.")
    assert result.target == "Godine 2019. sreli smo 5 novih ljudi."
    assert result.quality == quality(query, source)
    assert not result.unadapted and not result.substitutions


def test_number_words_equal_to_digits_are_no_difference() -> None:
    query, source = "Forty residents came.", "40 residents came."
    assert not _adapt(query, source, "Došlo je 40 stanovnika.").unadapted
