"""Condensed translations: n-1 and 1-n beads up to 4, kept rare, recorded in props."""

from __future__ import annotations

from tmserver.build.align import align_paragraphs
from tmserver.build.announcement import align_document
from tmserver.build.announcement import document_units

ENGLISH_31 = [
    "The Ombudsman visited the reception centre in Obrenovac on Monday.",
    "He met 40 migrants. He talked to the staff. He inspected the kitchen and the "
    "dormitories.",
    "The report will be published in May.",
]
SERBIAN_31 = [
    "Zaštitnik građana posetio je u ponedeljak prihvatni centar u Obrenovcu.",
    "Tom prilikom razgovarao je sa 40 migranata i zaposlenima i obišao kuhinju i "
    "spavaonice.",
    "Izveštaj će biti objavljen u maju.",
]


def test_three_english_sentences_condensed_into_one_local_make_a_3_1_bead() -> None:
    links = align_paragraphs(ENGLISH_31, SERBIAN_31, "en", "sr-Latn").links
    assert [link.kind for link in links] == ["1-1", "3-1", "1-1"]
    assert all(link.confidence >= 0.5 for link in links)


def test_the_reverse_makes_a_1_3_bead() -> None:
    english = [
        "The Ombudsman visited the reception centre in Obrenovac on Monday.",
        "On that occasion he talked to 40 migrants and 12 members of staff and "
        "inspected the kitchen built in 2019.",
    ]
    local = [
        "Zaštitnik građana posetio je u ponedeljak prihvatni centar u Obrenovcu.",
        "Razgovarao je sa 40 migranata. Sa 12 zaposlenih razgovarao je o uslovima. "
        "Obišao je i kuhinju izgrađenu 2019.",
    ]
    links = align_paragraphs(english, local, "en", "sr-Latn").links
    assert [link.kind for link in links] == ["1-1", "1-3"]


def test_four_to_one_is_the_longest_bead() -> None:
    english = [
        "He met 40 migrants. He talked to the staff. He saw the kitchen. "
        "He saw the dormitories."
    ]
    local = [
        "Sreo je 40 migranata, razgovarao sa zaposlenima i obišao kuhinju i spavaonice."
    ]
    links = align_paragraphs(english, local, "en", "sr-Latn").links
    assert [link.kind for link in links] == ["4-1"]


def test_sentence_by_sentence_translations_never_get_condensed_beads() -> None:
    english = [
        "The meeting was held on Monday. It lasted two hours. Ten people came. "
        "The next one is in May."
    ]
    local = [
        "Sastanak je održan u ponedjeljak. Trajao je dva sata. Došlo je deset ljudi. "
        "Sljedeći je u svibnju."
    ]
    links = align_paragraphs(english, local, "en", "hr").links
    assert [link.kind for link in links] == ["1-1"] * 4


def test_the_condensed_bead_is_recorded_in_the_units_props() -> None:
    text = "\n\n".join([*ENGLISH_31, *SERBIAN_31]).encode()
    document = align_document(text, "ombudsman.txt", lang="sr-Latn")
    units, review = document_units(document, origin="x", min_confidence=0.5)
    beads = [dict(unit.props)["x-bead"] for unit in units]
    assert beads == ["1-1", "3-1", "1-1"]
    assert review == []
    condensed = units[1]
    assert condensed.source.startswith("He met 40 migrants.")
    assert dict(condensed.props)["x-sentences"] == "2.1-3"
