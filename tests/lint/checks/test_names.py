"""Proper names: inflected, transliterated or local names keep them."""

from __future__ import annotations

import pytest

from tests.lintkit import ids


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        (
            "The camp near Preševo is full.",
            "Kamp kod Preševa je pun.",
            "sr-Latn",
            False,
        ),
        ("He lives in Preševo now.", "On sada živi u Preševu.", "sr-Latn", False),
        ("It was lodged in Bujanovac.", "Podnesena je u Bujanovcu.", "sr-Latn", False),
        ("He flew to Washington.", "Odletio je u Vašington.", "bs", False),
        ("He flew to Washington.", "Одлетео је у Вашингтон.", "sr-Cyrl", False),
        ("The talks were held in Vienna.", "Razgovori su održani u Beču.", "hr", False),
        (
            "The judge told Blake to sit.",
            "Sudija je rekao Blejku da sjedne.",
            "bs",
            False,
        ),
        ("The families of Vućipolje met.", "Porodice su se sastale.", "bs", True),
        ("He flew to Washington.", "Odletio je u glavni grad.", "bs", True),
        # capitalised common words and titles are no names
        (
            "The report of the Ministry came.",
            "Stigao je izvještaj ministarstva.",
            "bs",
            False,
        ),
    ],
)
def test_missing_names(source: str, target: str, lang: str, fires: bool) -> None:
    assert (
        "name-missing" in ids(source, target, lang, min_severity="warning")
    ) is fires
