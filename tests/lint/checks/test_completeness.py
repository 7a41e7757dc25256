"""Empty, untranslated, missing, added and merged sentences, length ratio."""

from __future__ import annotations

import pytest

from tests.lintkit import ids
from tests.lintkit import pair
from tmserver.lint.linter import lint

CHECKS = {"empty-target", "untranslated", "dropped-sentence", "length-ratio"}


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        ("The meeting was held in Sarajevo.", "Sastanak je održan u Sarajevu.", set()),
        ("IOM", "IOM", set()),
        ("Sarajevo, 18 October 2018", "Sarajevo, 18 October 2018", set()),
        ("The meeting was held in Sarajevo.", "", {"empty-target"}),
        (
            "The meeting was held in Sarajevo.",
            "The meeting was held in Sarajevo.",
            {"untranslated"},
        ),
        (
            "The meeting was held in Sarajevo with the partners.",
            "Sastanak je održan in Sarajevo with the partners and the donors "
            "of the project.",
            {"untranslated"},
        ),
        (
            "The meeting was held in Sarajevo. "
            "Twenty partners came to discuss the plan.",
            "Sastanak je održan u Sarajevu, u hotelu Europa.",
            {"dropped-sentence"},
        ),
        (
            "The meeting was held in Sarajevo with all partners of the project.",
            "Sastanak.",
            {"length-ratio"},
        ),
    ],
)
def test_completeness(source: str, target: str, fires: set[str]) -> None:
    assert ids(source, target, "bs") & CHECKS == fires


def test_alignment_states_become_findings() -> None:
    pairs = [
        pair(
            "A sentence without translation here.", "", "bs", 0, alignment="source-only"
        ),
        pair("", "Dodana rečenica bez izvora.", "bs", 1, alignment="target-only"),
        pair("One. Two sentences.", "Jedna rečenica.", "bs", 2, alignment="2-1"),
    ]
    found = {(f.check, f.segment, f.side) for f in lint(pairs).findings}
    assert ("missing-sentence", 0, "source") in found
    assert ("added-sentence", 1, "target") in found
    assert ("merged-sentences", 2, "target") in found
    assert not any(check == "empty-target" for check, _, _ in found)
