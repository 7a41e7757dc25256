"""Weekdays and frequency words in any BCS case form and script."""

from __future__ import annotations

import pytest

from tests.lintkit import ids
from tmserver.lint.checks.timewords import target_weekdays


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("ponedjeljkom i četvrtkom", {0, 3}),
        ("u utorak, do srijede", {1, 2}),
        ("сваке суботе", {5}),
        ("sredstva i petlja", set()),  # not weekdays
    ],
)
def test_weekday_forms(text: str, days: set[int]) -> None:
    assert set(target_weekdays(text)) == days


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        (
            "Open on Mondays and Thursdays.",
            "Otvoreno ponedjeljkom i četvrtkom.",
            "hr",
            set(),
        ),
        (
            "Open on Mondays and Thursdays.",
            "Otvoreno ponedeljkom i utorkom.",
            "sr-Latn",
            {"weekday-mismatch"},
        ),
        ("They meet on Sunday.", "Састају се у недељу.", "sr-Cyrl", set()),
        # Serbian "nedelja" is also "week"
        ("It lasted a week.", "Trajalo je nedelju dana.", "sr-Latn", set()),
        ("It pays 20 euros per day.", "Plaća 20 eura dnevno.", "hr", set()),
        (
            "It pays 20 euros per day.",
            "Plaća 20 evra mesečno.",
            "sr-Latn",
            {"frequency-mismatch"},
        ),
        ("Published weekly.", "Izlazi sedmično.", "bs", set()),
        ("Published weekly.", "Izlazi tjedno.", "hr", set()),
        ("Published weekly.", "Излази месечно.", "sr-Cyrl", {"frequency-mismatch"}),
    ],
)
def test_weekdays_and_frequencies(
    source: str, target: str, lang: str, fires: set[str]
) -> None:
    found = ids(source, target, lang, min_severity="warning")
    assert found & {"weekday-mismatch", "frequency-mismatch"} == fires
