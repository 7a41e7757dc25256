"""XLIFF 2.1 and 1.2 drafts: schema-valid, read by translate-toolkit as CAT tools do."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage import xliff as toolkit_xliff
from translate.storage import xliff2 as toolkit_xliff2

from tests.draftdata import sample_draft
from tmserver.errors import BilingualFileError
from tmserver.formats.model import Draft
from tmserver.formats.model import DraftSegment
from tmserver.formats.model import SourceSegment
from tmserver.formats.xliff import MATCHES_NS
from tmserver.formats.xliff import XLIFF2_NS
from tmserver.formats.xliff import read_file
from tmserver.formats.xliff import write_xliff2
from tmserver.formats.xliff import write_xliff12
from tmserver.formats.xml import xml_text

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "xliff" / "xliff_core_2.0.xsd"
NS = {"x": XLIFF2_NS, "mtc": MATCHES_NS}


@pytest.fixture(scope="module")
def core_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_xliff2_is_valid_against_the_oasis_core_schema(core_schema) -> None:
    document = etree.fromstring(write_xliff2(sample_draft()))
    assert core_schema.validate(document), core_schema.error_log
    assert document.get("version") == "2.1"


def test_the_schema_check_rejects_what_the_standard_forbids(core_schema) -> None:
    """The bundled schema is not a rubber stamp: a bad state value fails it."""
    document = etree.fromstring(write_xliff2(sample_draft()))
    document.find(".//x:segment", NS).set("state", "needs-review")
    assert not core_schema.validate(document)


def test_xliff2_states_targets_and_languages_as_translate_toolkit_reads_them() -> None:
    store = toolkit_xliff2.Xliff2File(write_xliff2(sample_draft()))
    assert store.getsourcelanguage() == "en"
    assert store.gettargetlanguage() == "hr"
    units = store.units
    assert [u.source for u in units] == [
        s.segment.text for s in sample_draft().segments
    ]
    exact, near, fuzzy, none = units
    assert exact.istranslated() and not exact.isfuzzy()
    assert near.isfuzzy() and fuzzy.isfuzzy()  # initial + target: to be reviewed
    assert not none.target and not none.istranslated()
    assert near.target.endswith("35 službenika.")


def test_xliff2_matches_module_and_notes() -> None:
    """``mtc:matches`` has no offline schema: check its structure by hand."""
    document = etree.fromstring(write_xliff2(sample_draft()))
    units = document.findall(".//x:unit", NS)
    for unit in units:
        segment_ids = {s.get("id") for s in unit.findall("x:segment", NS)}
        for match in unit.findall("mtc:matches/mtc:match", NS):
            assert match.get("ref")[1:] in segment_ids
            assert 0 <= float(match.get("matchQuality")) <= 100
            assert match.find("x:source", NS).text
            assert match.find("x:target", NS) is not None
        # matches precede notes, notes precede segments (the core content model)
        order = [etree.QName(child).localname for child in unit]
        assert order == sorted(order, key=["matches", "notes", "segment"].index)
    notes = {n.get("category"): n.text for n in units[1].findall("x:notes/x:note", NS)}
    assert notes["tmserver:level"] == "near-exact"
    assert notes["tmserver:adapted"] == "number: 30 → 35"
    assert notes["tmserver:origin"] == "announcements/004.txt"
    review = [n.text for n in units[2].findall("x:notes/x:note", NS)]
    assert "not adapted, check: October 19, 2018" in review
    assert units[3].find("x:segment", NS).get("subState") == "tmserver:none"


def test_xliff12_states_alt_trans_and_notes_as_translate_toolkit_reads_them() -> None:
    data = write_xliff12(sample_draft())
    store = toolkit_xliff.xlifffile(data)
    exact, near, fuzzy, none = store.units
    assert exact.istranslated() and not exact.isfuzzy()
    assert near.isfuzzy() and fuzzy.isfuzzy()
    assert not none.istranslated()
    alternatives = near.getalttrans()
    assert [a.target for a in alternatives] == [near.target]
    assert "adapted: number: 30 → 35" in near.getnotes()
    root = etree.fromstring(data)
    states = [t.get("state") for t in root.iter("{*}target") if t.get("state")]
    assert states == [
        "translated",
        "needs-review-translation",
        "needs-review-translation",
        "needs-translation",
    ]
    qualities = [a.get("match-quality") for a in root.iter("{*}alt-trans")]
    assert qualities == ["100", "99", "88"]


def test_markup_characters_survive_both_versions() -> None:
    draft = sample_draft()
    for data in (write_xliff2(draft), write_xliff12(draft)):
        assert read_file(data, "d.xlf").segments[3].source == (
            'Migrants & "asylum seekers" <remain> vulnerable.'
        )


def test_reading_back_keeps_final_states_only() -> None:
    data = write_xliff2(sample_draft())
    reviewed = read_file(data, "d.xlf")
    assert [s.state for s in reviewed.segments] == [
        "translated",
        "initial",
        "initial",
        "initial",
    ]
    assert not any(s.final for s in reviewed.segments)
    final = data.replace(b'state="translated"', b'state="final"')
    assert [s.final for s in read_file(final, "d.xlf").segments][0] is True


@pytest.mark.parametrize("writer", [write_xliff2, write_xliff12])
def test_a_source_language_other_than_english_is_refused_with_its_line(writer) -> None:
    data = writer(sample_draft())
    data = data.replace(b'srcLang="en"', b'srcLang="de"').replace(
        b'source-language="en"', b'source-language="de"'
    )
    with pytest.raises(BilingualFileError) as error:
        read_file(data, "german.xlf")
    assert error.value.location.startswith("german.xlf:")
    assert "de" in error.value.message


def test_malformed_xliff_names_the_line() -> None:
    data = write_xliff2(sample_draft()).replace(b"</unit>", b"</unit", 1)
    with pytest.raises(BilingualFileError) as error:
        read_file(data.replace(b"><unit", b">\n<unit"), "broken.xlf")
    assert error.value.location.startswith("broken.xlf:")


def test_doctype_declarations_are_refused() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff/>'
    with pytest.raises(BilingualFileError):
        read_file(data, "evil.xlf")


segment_texts = st.text(max_size=40).filter(lambda t: xml_text(t).strip())


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(
        st.tuples(segment_texts, st.text(max_size=40)), min_size=1, max_size=4
    )
)
def test_any_text_gives_a_valid_xliff2_that_reads_back(core_schema, texts) -> None:
    """Whatever the characters, the XLIFF is schema-valid and gives back the text
    (less what XML 1.0 cannot carry: a plain filter is the reference)."""
    segments = tuple(
        DraftSegment(
            SourceSegment(f"p{n + 1}s1", source, n, 0),
            target,
            "near-exact" if target.strip() else "none",
            quality=97.0,
        )
        for n, (source, target) in enumerate(texts)
    )
    draft = Draft(sample_draft().release, "hr", segments, sample_draft().created)
    document = etree.fromstring(write_xliff2(draft))
    assert core_schema.validate(document), core_schema.error_log
    for data in (write_xliff2(draft), write_xliff12(draft)):
        read = read_file(data, "t.xlf").segments
        assert [(s.source, s.target) for s in read] == [
            (xml_text(source), xml_text(target)) for source, target in texts
        ]
