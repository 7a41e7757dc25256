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


# Issue 13: the learned guesser, its evidence and calibration, and the varieties
# the training data lacks (ijekavian Serbian, Montenegrin).

IJEKAVIAN_SERBIAN = (
    "Vlada Republike Srpske usvojila je danas Informaciju o stanju bezbjednosti "
    "saobraćaja u opštinama. Uslovi na putevima takođe su poboljšani, a u protekloj "
    "godini poginulo je manje ljudi nego prije. Ministarstvo će obezbijediti "
    "dodatnih hiljadu kontrola i nastaviti saradnju sa opštinama."
)
BOSNIAN_IJEKAVIAN = (
    "Vijeće ministara Bosne i Hercegovine usvojilo je danas Informaciju o stanju "
    "sigurnosti saobraćaja u općinama. Uslovi na putevima također su poboljšani, a u "
    "protekloj godini poginulo je manje ljudi nego prije. Ministarstvo će osigurati "
    "dodatnih hiljadu kontrola i nastaviti saradnju s općinama."
)
MONTENEGRIN = (
    "Đe ste bili juče? Śutra ćemo poći u Podgoricu, a đeca će ostati kod kuće. "
    "Vlada Crne Gore je saopštila da će sjednica biti održana u utorak."
)


def test_ijekavian_serbian_is_serbian_not_bosnian() -> None:
    guess = guess_variety(IJEKAVIAN_SERBIAN)
    assert guess.tag == "sr-Latn"
    assert dict(guess.evidence)["serbian-ijekavian"] >= 2
    assert guess.evidence  # the rule that decided is named


def test_the_same_paragraph_in_bosnian_stays_bosnian() -> None:
    guess = guess_variety(BOSNIAN_IJEKAVIAN)
    assert guess.tag == "bs"
    assert "serbian-ijekavian" not in dict(guess.evidence)


def test_montenegrin_forms_give_cnr() -> None:
    guess = guess_variety(MONTENEGRIN)
    assert guess.tag == "cnr"
    assert dict(guess.evidence)["montenegrin"] >= 2


def test_text_about_montenegro_without_its_forms_is_low_confidence() -> None:
    text = (
        "Vlada Crne Gore je saopštila da će sjednica u Podgorici biti održana "
        "u utorak, a crnogorski ministri će prisustvovati."
    )
    guess = guess_variety(text)
    assert guess.tag != "cnr"
    assert guess.low_confidence
    assert "montenegro-topic" in dict(guess.evidence)


@pytest.mark.parametrize(("text", "tag"), VARIETIES)
def test_every_guess_names_the_words_that_decided_it(text: str, tag: str) -> None:
    guess = guess_variety(text)
    assert guess.words
    assert all(word in text.lower() or tag == "sr-Cyrl" for word in guess.words)
    probabilities = dict(guess.probabilities)
    assert set(probabilities) == {"bs", "hr", "sr"}
    assert sum(probabilities.values()) == pytest.approx(1.0, abs=0.01)


def test_confidence_grows_with_evidence() -> None:
    short = guess_variety("Tisuću ljudi.")
    long = guess_variety(
        VARIETIES[0][0] + " " + VARIETIES[4][0] + " " + VARIETIES[5][0]
    )
    assert short.tag == long.tag == "hr"
    assert short.confidence < long.confidence


def test_a_text_mixing_croatian_and_bosnian_forms_is_low_confidence() -> None:
    text = (
        "U suradnji s Fondacijom, Ministarstvo je organiziralo konferenciju tijekom "
        "sedmice; hiljadu učesnika iz Europske unije i univerziteta sudjelovalo je, "
        "a tisuću ljudi pratilo je prijenos uživo. Šta je rekao ko, nije poznato."
    )
    guess = guess_variety(text)
    assert guess.tag in ("bs", "hr")
    assert guess.low_confidence
    assert "mixed-markers" in dict(guess.evidence)


def test_guess_as_dict_is_json_ready() -> None:
    data = guess_variety(IJEKAVIAN_SERBIAN).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["variety"] == "sr-Latn" and data["source"] == "model"


def test_a_pinned_variety_says_who_pinned_it() -> None:
    split = split_languages(
        ["The news is good.", "Vijest je dobra i to je to."],
        lang="bs",
        pinned_by="manifest:2",
    )
    assert (split.variety.tag, split.variety.source) == ("bs", "manifest:2")


@pytest.mark.parametrize(
    ("text", "tag", "word"),
    [
        (
            "IOM je u saradnji s partnerima identifikovala 25 žrtava trgovine ljudima. "
            "Projekat je u toku i trajat će do kraja godine, a aktivnosti se provode "
            "u cijeloj Bosni i Hercegovini.",
            "bs",
            "projekat",
        ),
        (
            "Hrvatska narodna banka objavila je da je gospodarska aktivnost usporila. "
            "Tečaj kune prema euru ostao je stabilan, a bankovni sustav je otporan.",
            "hr",
            "gospodarska",
        ),
    ],
)
def test_the_real_pages_that_the_marker_rules_got_wrong(
    text: str, tag: str, word: str
) -> None:
    guess = guess_variety(text)
    assert guess.tag == tag
    assert not guess.low_confidence
    assert word in guess.words
