"""TMX import against third-party files: the LISA TMX Compliance Kit and Okapi.

Every ``.tmx`` file there is valid TMX and must import; every other file in the
folder (RTF, HTML, PO, XLIFF, text) is not TMX and must fail with TMXFormatError,
never with another exception. The kit's ``ImportTest1X`` files come with the expected
texts as ``.txt`` files, which the variants must match exactly. Skipped when
``../shared/data`` is absent.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from tests.tmx_dtd import assert_valid_tmx14
from tmserver.errors import TMXFormatError
from tmserver.text.lang import normalise_tag
from tmserver.tmx import iter_tmx
from tmserver.tmx import iter_tmx_entries
from tmserver.tmx import write_tmx

pytestmark = pytest.mark.shared

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/data/tmx-fixtures"
KIT = FIXTURES / "TMXComplianceKit"
TMX_FILES = sorted(FIXTURES.rglob("*.tmx")) if FIXTURES.is_dir() else []
OTHER_FILES = (
    sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix != ".tmx")
    if FIXTURES.is_dir()
    else []
)

#: Units each file gives (same-language pairs such as en-US/en-GB give none).
EXPECTED_UNITS = {
    "ExportTest1A.tmx": 4,
    "ExportTest1B.tmx": 2,
    "ExportTest1C.tmx": 4,
    "ExportTest1D.tmx": 4,
    "ExportTest1E.tmx": 4,
    "ExportTest2A.tmx": 6,
    "ImportTest1A.tmx": 2,
    "ImportTest1B.tmx": 1,
    "ImportTest1C.tmx": 9,
    "ImportTest1D.tmx": 0,
    "ImportTest1E.tmx": 0,
    "ImportTest1F.tmx": 0,
    "ImportTest1G.tmx": 0,
    "ImportTest1H.tmx": 0,
    "ImportTest1I.tmx": 1,
    "ImportTest1J.tmx": 0,
    "ImportTest1J_many.tmx": 1,
    "ImportTest1K.tmx": 2,
    "ImportTest1L.tmx": 1,
    "ImportTest2A-0index.tmx": 7,
    "ImportTest2A.tmx": 7,
    "ImportTest2B.tmx": 7,
    "ImportTest2C.tmx": 1,
    "Paragraph_TM.tmx": 7,
    "html_test.tmx": 11,
    "issue277.tmx": 2,
    "mytm.tmx": 25,
    "sample14b.tmx": 25,
    "smallParagraph.tmx": 2,
}

#: Kit files with expected texts: (tmx, source .txt, target .txt, target tag).
EXPECTED_TEXTS = [
    (f"ImportTest1{letter}.tmx", f"ImportTest1{letter}.txt", target_txt, lang)
    for letter, target_txt, lang in [
        ("A", "ImportTest1A_fr-ca.txt", "fr-ca"),
        ("B", "ImportTest1B_fr-ca.txt", "fr-ca"),
        ("C", "ImportTest1C_fr-ca.txt", "fr-ca"),
        ("D", "ImportTest1D_en-gb.txt", "en-gb"),
        ("E", "ImportTest1E_en-gb.txt", "en-gb"),
        ("F", "ImportTest1F_en-gb.txt", "en-gb"),
        ("G", "ImportTest1G_en-gb.txt", "en-gb"),
        ("H", "ImportTest1H_en-gb.txt", "en-gb"),
        ("I", "ImportTest1I_ja-jp.txt", "ja-jp"),
    ]
]


@pytest.fixture(autouse=True)
def _needs_fixtures() -> None:
    if not FIXTURES.is_dir():
        pytest.skip(f"TMX fixtures not found at {FIXTURES}")


def test_every_tmx_file_is_listed():
    assert sorted(p.name for p in TMX_FILES) == sorted(EXPECTED_UNITS)


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.name)
def test_tmx_file_imports(path):
    skipped: list[str] = []
    units = list(iter_tmx(path, on_skip=lambda location, _: skipped.append(location)))
    assert len(units) == EXPECTED_UNITS[path.name]
    assert all(u.source and u.target and u.source_lang != u.target_lang for u in units)
    assert all(u.origin == path.name for u in units)
    assert all(location.startswith(f"{path}:") for location in skipped)


@pytest.mark.parametrize("path", OTHER_FILES, ids=lambda p: p.name)
def test_other_files_are_not_tmx(path):
    with pytest.raises(TMXFormatError) as raised:
        list(iter_tmx(path))
    assert raised.value.location.startswith(str(path))


def _lines(path: Path) -> list[str]:
    data = path.read_bytes()
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return [line.rstrip("\r") for line in data.decode(encoding).splitlines()]


@pytest.mark.parametrize(
    ("tmx", "source_txt", "target_txt", "target_tag"),
    EXPECTED_TEXTS,
    ids=[row[0] for row in EXPECTED_TEXTS],
)
def test_kit_texts_match_expected_documents(tmx, source_txt, target_txt, target_tag):
    """Encodings, BOMs, character references and whitespace decode exactly."""
    sources, targets = [], []
    for entry in iter_tmx_entries(KIT / tmx):
        source = next(v for v in entry.variants if v.lang == entry.srclang)
        target = next(
            v
            for v in entry.variants
            if v is not source and v.lang == normalise_tag(target_tag)
        )
        sources.append(source.text)
        targets.append(target.text)
    assert sources == _lines(KIT / source_txt)
    assert targets == _lines(KIT / target_txt)


def test_tu_level_srclang_picks_the_source():
    units = list(iter_tmx(KIT / "ImportTest1K.tmx"))
    assert [(u.source_lang, u.target_lang, u.source) for u in units] == [
        ("de-DE", "en", "First Entry - German"),
        ("fr-CA", "en", "Second Entry - French Canadian"),
    ]


def test_header_srclang_of_many_languages_file():
    [unit] = iter_tmx(KIT / "ImportTest1J_many.tmx")
    assert (unit.source_lang, unit.target_lang) == ("es-ES", "en")
    assert unit.source.startswith("[not to import]")
    assert list(iter_tmx(KIT / "ImportTest1J_many.tmx", source_lang="de")) == []


def test_inline_codes_of_kit_2a():
    units = list(iter_tmx(KIT / "ImportTest2A.tmx"))
    assert [u.source for u in units] == [
        "The big black cat sleeps.",
        'Test for special characters = <=lt, >=gt, &=amp, "=quot.',
        "Nested formatting = Bold+Italic+Underlined, Bold+Italic, Bold.",
        "First sentence.",
        "Second sentence.",
        "Picture: ",
        "Some text with a part highlighted.",
    ]
    assert units[0].target == "Le gros chat noir dors."
    assert units[0].target_markup.startswith('Le gros <bpt i="2" x="2" type="ulined">')
    assert units[-1].source_lang == "en"  # the tu lists fr-CA first
    assert units[-1].target == "Du texte avec une portion délimitée."


def test_all_attributes_notes_and_props_of_kit_1l():
    [unit] = iter_tmx(KIT / "ImportTest1L.tmx")
    assert (unit.source, unit.target, unit.target_lang) == (
        "Text of the segment.",
        "Texte du segment.",
        "fr",
    )
    assert unit.note.splitlines() == [
        "Text of tu note 1",
        "Text of tu note 2",
        "Text of tuv en note 1",
        "Text of tuv fr note 1",
    ]
    assert unit.props == (("myPropeType", "Data"),)
    assert unit.created.isoformat() == "2002-05-23T09:12:00+00:00"


@pytest.mark.parametrize("path", TMX_FILES, ids=lambda p: p.name)
def test_corpus_roundtrip(path, tmp_path):
    units = list(iter_tmx(path))
    first = io.BytesIO()
    write_tmx(units, first, source_lang=units[0].source_lang if units else "en")
    assert_valid_tmx14(etree.fromstring(first.getvalue()))
    copy = tmp_path / "copy.tmx"
    copy.write_bytes(first.getvalue())
    assert list(iter_tmx(copy)) == units


def test_translate_toolkit_reads_exported_corpus():
    from translate.storage.tmx import tmxfile

    units = [u for path in TMX_FILES for u in iter_tmx(path)]
    out = io.BytesIO()
    write_tmx(units, out)
    store = tmxfile.parsestring(out.getvalue())
    assert len(store.units) == len(units)
    plain = [(u.source, u.target) for u in units if u.source_markup is None]
    read_back = {(u.source, u.target) for u in store.units}
    assert set(plain) <= read_back
