"""English/local boundary and bs/hr/sr variety from lexical markers and script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmserver.build.document import read_paragraphs
from tmserver.build.variety import _MARKER_RES
from tmserver.build.variety import PHRASE_ENDS
from tmserver.build.variety import find_boundary
from tmserver.build.variety import guess_variety
from tmserver.build.variety import split_languages
from tmserver.errors import DocumentError

VARIETIES = [
    # (text, expected tag)
    (
        "Ovo je bilo prije dvije godine, gdje je vrijeme stalo. Tisuću ljudi "
        "došlo je tijekom tjedna na sveučilište.",
        "hr",
    ),
    (
        "Ovo je bilo prije dvije godine, gdje je vrijeme stalo. Hiljadu ljudi "
        "došlo je tokom sedmice na univerzitet.",
        "bs",
    ),
    (
        "Ovo je bilo pre dve godine, gde je vreme stalo. Hiljadu ljudi došlo je "
        "tokom nedelje na univerzitet.",
        "sr-Latn",
    ),
    ("Ово је било пре две године, где је време стало.", "sr-Cyrl"),
    ("Sastanak je održan 5. siječnja u Zagrebu.", "hr"),
    ("Ministarstvo je organiziralo sastanak u listopadu, rekao je tko je bio.", "hr"),
    (
        "Ministarstvo je organizovalo sastanak u oktobru, a ko je bio i šta je rekao "
        "nije poznato. Djeca su bila gdje i uvijek.",
        "bs",
    ),
]


@pytest.mark.parametrize(("text", "tag"), VARIETIES)
def test_variety_from_markers(text: str, tag: str) -> None:
    assert guess_variety(text).tag == tag


def test_a_text_without_markers_is_low_confidence() -> None:
    guess = guess_variety("Dobar dan.")
    assert guess.low_confidence
    assert guess.confidence < 0.6


def test_a_clear_text_is_not_low_confidence() -> None:
    assert not guess_variety(VARIETIES[2][0]).low_confidence


BOUNDARIES = [
    # (paragraphs, (start, end))
    (
        [
            "Title",
            "The first sentence of the news.",
            "Naslov",
            "Prva rečenica je ovdje i to je to.",
        ],
        (2, 4),
    ),
    (
        [
            "Short title",
            "It was held in the city on Monday and it was good.",
            "Održan je u gradu u ponedjeljak i bio je dobar.",
        ],
        (2, 3),
    ),
    (
        [
            "The news is here and it is good.",
            "Вест је овде и добра је.",
            "The footer of the page is in English.",
        ],
        (1, 2),
    ),
    (
        [
            "The news is here and it is good.",
            "I don't see anything new changing.",
            "Vijest je ovdje i dobra je.",
        ],
        (2, 3),
    ),
]


@pytest.mark.parametrize(("texts", "expected"), BOUNDARIES)
def test_boundary(texts: list[str], expected: tuple[int, int]) -> None:
    assert find_boundary(texts) == expected


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (["The news is here.", "It is good for all of the people."], "no local"),
        (["Vijest je ovdje.", "Dobra je za sve ljude i to je to."], "no English"),
    ],
)
def test_missing_half_is_a_document_error(texts: list[str], message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        find_boundary(texts, location="doc.txt")


@pytest.mark.parametrize(
    ("lang", "tag"), [("hr", "hr"), ("sr", "sr-Latn"), ("sr_Cyrl", "sr-Cyrl")]
)
def test_lang_overrides_the_guess(lang: str, tag: str) -> None:
    split = split_languages(
        ["The news is good.", "Vijest je dobra i to je to."], lang=lang
    )
    assert split.variety.tag == tag
    assert split.variety.confidence == 1.0


def test_split_and_variety_on_announcements_dev(shared_data: Path) -> None:
    folder = shared_data / "announcements-dev" / "clean"
    wrong = []
    for path in sorted(folder.glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        paragraphs = read_paragraphs(path.read_bytes(), path.name)
        split = split_languages([p.text for p in paragraphs])
        if split.boundary != meta["n_english_paragraphs"]:
            wrong.append((path.name, "boundary"))
        if split.variety.tag != meta["variety"]:
            wrong.append((path.name, split.variety.tag))
    assert wrong == []


def test_two_word_markers_end_in_a_phrase_end() -> None:
    """marker_counts only tries word pairs ending in PHRASE_ENDS: a new two-word
    marker with another last word must extend that set."""
    phrases = [
        alternative
        for regex in _MARKER_RES.values()
        for alternative in regex.pattern.strip("(?:)").split("|")
        if " " in alternative
    ]
    assert "je li" in phrases and "da li" in phrases
    assert {phrase.split()[-1] for phrase in phrases} <= PHRASE_ENDS
