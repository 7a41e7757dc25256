from __future__ import annotations

import pytest

from tmserver.errors import UnsupportedLanguageError
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import detect_script
from tmserver.text.lang import latin_to_cyrillic
from tmserver.text.lang import normalise_tag
from tmserver.text.lang import wire_code

TAGS = [
    ("en", None, "en"),
    ("EN_us", None, "en"),
    ("hr_HR", None, "hr"),
    ("hr-Latn", None, "hr"),
    ("bs", None, "bs"),
    ("sr_Latn", None, "sr-Latn"),
    ("sr@latin", None, "sr-Latn"),
    ("SR-latn", None, "sr-Latn"),
    ("sr_latn", None, "sr-Latn"),
    ("sr-Cyrl-RS", None, "sr-Cyrl"),
    ("sr@cyrillic", None, "sr-Cyrl"),
    ("sr", "Београд је главни град.", "sr-Cyrl"),
    ("sr", "Beograd je glavni grad.", "sr-Latn"),
    ("sr_RS", "Beograd", "sr-Latn"),
    ("sr", None, "sr"),
    ("me", None, "cnr"),
    ("cnr", None, "cnr"),
    ("pt_BR", None, "pt-BR"),
]


@pytest.mark.parametrize(("tag", "text", "expected"), TAGS)
def test_normalise_tag(tag: str, text: str | None, expected: str) -> None:
    assert normalise_tag(tag, text) == expected


@pytest.mark.parametrize("bad", ["", "x", "en/hr", "12", "en us", "../etc"])
def test_normalise_tag_rejects_non_tags(bad: str) -> None:
    with pytest.raises(UnsupportedLanguageError):
        normalise_tag(bad)


@pytest.mark.parametrize(
    ("tag", "wire"), [("sr-Latn", "sr_latn"), ("sr@cyrillic", "sr_cyrl"), ("hr", "hr")]
)
def test_wire_code(tag: str, wire: str) -> None:
    assert wire_code(tag) == wire


@pytest.mark.parametrize(
    ("text", "script"),
    [("Zdravo svijete", "Latn"), ("Здраво свете", "Cyrl"), ("2018 — 15%", None)],
)
def test_detect_script(text: str, script: str | None) -> None:
    assert detect_script(text) == script


TRANSLIT = [
    ("Љубљана и Њујорк", "Ljubljana i Njujork"),
    ("Џеп, ђак, ћуприја, жаба, шума, чаша", "Džep, đak, ćuprija, žaba, šuma, čaša"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), TRANSLIT)
def test_transliteration_round_trip(cyrillic: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic) == latin
    assert latin_to_cyrillic(latin) == cyrillic


def test_latin_to_cyrillic_protects_acronyms_urls_and_foreign_words() -> None:
    text = "IOM i MUP-a na www.iom.int, pišite na info@iom.int #supportformigrants x"
    assert latin_to_cyrillic(text) == (
        "IOM и MUP-a на www.iom.int, пишите на info@iom.int #supportformigrants x"
    )
