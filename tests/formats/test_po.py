"""PO drafts: translate-toolkit reads them, and our line-accurate reader reads back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from translate.storage import po as toolkit_po

from tests.draftdata import sample_draft
from tmserver.errors import BilingualFileError
from tmserver.formats.po import read_catalogue
from tmserver.formats.po import read_sources
from tmserver.formats.po import write_po


def test_translate_toolkit_reads_levels_as_fuzzy_flags() -> None:
    store = toolkit_po.pofile(write_po(sample_draft()))
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units] == [
        s.segment.text for s in sample_draft().segments
    ]
    assert [u.isfuzzy() for u in units] == [False, True, True, False]
    assert [bool(u.target) for u in units] == [True, True, True, False]
    assert [u.getcontext() for u in units] == ["p1s1", "p2s1", "p2s2", "p3s1"]
    assert "adapted number: 30 -> 35" in units[1].getnotes()
    assert store.gettargetlanguage() == "hr"


texts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(source=texts.filter(str.strip), target=texts, context=texts)
def test_write_then_read_gives_back_every_string(source, target, context) -> None:
    """Whatever the characters (quotes, backslashes, tabs, newlines), the PO our
    writer makes reads back to the same strings, in our reader and the toolkit's."""
    draft = sample_draft()
    first = draft.segments[0]
    item = replace(
        first,
        segment=replace(first.segment, text=source, id=context or "x"),
        target=target,
    )
    data = write_po(replace(draft, segments=(item,)))
    entry = read_catalogue(data, "t.po").entries[0]
    assert (entry.msgid, entry.msgstr, entry.msgctxt) == (
        source,
        target,
        context or "x",
    )
    unit = [u for u in toolkit_po.pofile(data).units if not u.isheader()][0]
    assert (unit.source, unit.target) == (source, target)


def test_an_entry_without_msgid_names_its_line() -> None:
    data = b'msgid ""\nmsgstr "Language: hr\\n"\n\n#, fuzzy\nmsgstr "Zdravo"\n'
    with pytest.raises(BilingualFileError) as error:
        read_catalogue(data, "broken.po")
    assert error.value.location == "broken.po:4"


def test_a_broken_line_names_its_line() -> None:
    data = b'msgid "Hello"\nmsgstr "Zdravo"\nthis is not po\n'
    with pytest.raises(BilingualFileError) as error:
        read_catalogue(data, "junk.po")
    assert error.value.location == "junk.po:3"


def test_a_release_po_keeps_contexts_and_lines() -> None:
    data = (
        b'msgctxt "t1"\nmsgid "Hello world."\nmsgstr ""\n\nmsgid "Second."\nmsgstr ""\n'
    )
    segments = read_sources(data, "rel.po")
    assert [(s.id, s.text, s.location) for s in segments] == [
        ("t1", "Hello world.", "rel.po:1"),
        ("e2", "Second.", "rel.po:5"),
    ]
