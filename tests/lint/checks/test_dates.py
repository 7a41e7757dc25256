"""Dates and times by value across every BCS form."""

from __future__ import annotations

import pytest

from tests.lintkit import ids

CHECKS = {"date-mismatch", "time-mismatch", "date-format"}


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        (
            "On October 18, 2018 we met.",
            "Sastali smo se 18. oktobra 2018.",
            "bs",
            set(),
        ),
        (
            "On October 18, 2018 we met.",
            "Sastali smo se 18. listopada 2018.",
            "hr",
            set(),
        ),
        ("On October 18, 2018 we met.", "Sastali smo se 18.10.2018.", "bs", set()),
        (
            "On October 18, 2018 we met.",
            "Sastali smo se 18. 10. 2018.",
            "sr-Latn",
            set(),
        ),
        (
            "On October 18, 2018 we met.",
            "Састали смо се 18. октобра 2018.",
            "sr-Cyrl",
            set(),
        ),
        ("On 22 August 2023 we met.", "Sastali smo se 22. augusta 2023.", "bs", set()),
        (
            "On 22 August 2023 we met.",
            "Sastali smo se 22. avgusta 2023. godine",
            "sr-Latn",
            set(),
        ),
        ("In October 2018 it grew.", "U oktobru 2018. je rasla.", "sr-Latn", set()),
        ("In October it grew.", "U listopadu je rasla.", "hr", set()),
        ("After the June summit", "Nakon junskog samita", "bs", set()),
        ("At 14:30 today", "Danas u 14.30 sati", "hr", set()),
        ("At 14:30 today", "Danas u 14:30", "bs", set()),
        ("At 2 p.m. today", "Danas u 14 sati", "hr", set()),
        ("At 7 a.m. today", "Danas u sedam sati ujutro", "bs", set()),
        # real problems
        (
            "On October 18, 2018 we met.",
            "Sastali smo se 19. oktobra 2018.",
            "bs",
            {"date-mismatch"},
        ),
        (
            "On October 18, 2018 we met.",
            "Sastali smo se 18. studenoga 2018.",
            "hr",
            {"date-mismatch"},
        ),
        (
            "On October 18, 2018 we met.",
            "Sastali smo se 18.11.2018.",
            "bs",
            {"date-mismatch"},
        ),
        ("At 14:30 today", "Danas u 15.30 sati", "hr", {"time-mismatch"}),
        (
            "On October 18, 2018 we met.",
            "Sastali smo se October 18, 2018.",
            "bs",
            {"date-mismatch", "date-format"},
        ),
        ("On 10/18/2018 we met.", "Sastali smo se 10/18/2018.", "hr", {"date-format"}),
    ],
)
def test_dates(source: str, target: str, lang: str, fires: set[str]) -> None:
    assert ids(source, target, lang) & CHECKS == fires
