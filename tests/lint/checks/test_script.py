"""Script mixing and variety mixing."""

from __future__ import annotations

import pytest

from tests.lintkit import ids
from tests.lintkit import pair
from tmserver.lint.linter import lint

CHECKS = {"script-mix", "variety-mix"}


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        ("The UN met in Sarajevo.", "УН се састао у Сарајеву.", "sr-Cyrl", set()),
        ("IOM and Google met.", "IOM и Google су се састали.", "sr-Cyrl", set()),
        ("See www.iom.int", "Видите www.iom.int", "sr-Cyrl", set()),
        ("It was 5 km long.", "Било је дуго 5 km.", "sr-Cyrl", set()),
        ("Microsoft's plan", "План Microsoft-а", "sr-Cyrl", set()),
        ("Apollo flew", "Apolo је летео", "sr-Cyrl", set()),
        ("It was time.", "Bilo je vrijeme.", "bs", set()),
        ("A thousand people", "Tisuću ljudi", "hr", set()),
        ("A thousand people", "Hiljadu ljudi", "bs", set()),
        ("In October", "U listopadu", "hr", set()),
        ("In October", "U oktobru", "sr-Latn", set()),
        # problems
        (
            "The UN met in Sarajevo.",
            "УН се састао u Сарајеву.",
            "sr-Cyrl",
            {"script-mix"},
        ),
        ("The UN met in Sarajevo.", "UN se sastao у Sarajevu.", "bs", {"script-mix"}),
        ("The UN met.", "УН сe састао.", "sr-Cyrl", {"script-mix"}),
        ("A thousand people", "Hiljadu ljudi", "hr", {"variety-mix"}),
        ("A thousand people", "Tisuću ljudi", "sr-Latn", {"variety-mix"}),
        ("It was time.", "Bilo je vreme.", "hr", {"variety-mix"}),
        ("In October", "U oktobru", "hr", {"variety-mix"}),
    ],
)
def test_script_and_variety(
    source: str, target: str, lang: str, fires: set[str]
) -> None:
    assert ids(source, target, lang) & CHECKS == fires


def test_serbian_ekavian_and_ijekavian_mixed_in_one_release() -> None:
    pairs = [
        pair("Time passes.", "Vreme prolazi.", "sr-Latn", 0),
        pair("The child plays.", "Dete se igra.", "sr-Latn", 1),
        pair("The price rose.", "Cijena je porasla.", "sr-Latn", 2),
    ]
    findings = [f for f in lint(pairs).findings if f.check == "variety-mix"]
    assert [(f.segment, f.target[f.span[0] : f.span[1]]) for f in findings] == [
        (2, "Cijena")
    ]
