"""Releases in every input format, the other draft formats, and the match levels."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from translate.storage import tmx as toolkit_tmx

from tests.draftdata import RELEASE_TEXT
from tests.draftdata import sample_draft
from tmserver.formats.levels import LEVELS
from tmserver.formats.levels import level_of
from tmserver.formats.levels import word_count
from tmserver.formats.outputs import plain_text
from tmserver.formats.outputs import render
from tmserver.formats.release import read_release
from tmserver.formats.summary import summarise
from tmserver.formats.xliff import write_xliff2


def test_text_release_segments_with_ids_and_lines() -> None:
    release = read_release(RELEASE_TEXT.encode(), "r.txt")
    assert release.kind == "text"
    assert [(s.id, s.location) for s in release.segments] == [
        ("p1s1", "r.txt:1"),
        ("p2s1", "r.txt:3"),
        ("p2s2", "r.txt:3"),
        ("p3s1", "r.txt:5"),
    ]
    assert release.segments[2].reference == "2.2"


def test_html_release_reads_block_elements_only() -> None:
    page = (
        "<html><body><nav>Home / News</nav><h1>IOM Serbia donation</h1>"
        "<p>It helps. It <b>really</b> helps.</p><script>var x;</script></body></html>"
    )
    release = read_release(page.encode(), "r.html")
    assert release.kind == "html"
    assert [s.text for s in release.segments] == [
        "IOM Serbia donation",
        "It helps.",
        "It really helps.",
    ]


def test_an_xliff_release_keeps_its_unit_names() -> None:
    release = read_release(write_xliff2(sample_draft()), "from-cat-tool.xlf")
    assert release.kind == "xliff"
    assert [s.id for s in release.segments] == ["p1s1", "p2s1", "p2s2", "p3s1"]


def test_tmx_draft_holds_the_translated_segments_only() -> None:
    store = toolkit_tmx.tmxfile(io.BytesIO(render(sample_draft(), "tmx").data))
    assert [u.source for u in store.units] == [
        s.segment.text for s in sample_draft().segments[:3]
    ]


def test_plain_text_draft_keeps_paragraphs() -> None:
    text = plain_text(sample_draft())
    paragraphs = text.strip().split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[2] == 'Migrants & "asylum seekers" <remain> vulnerable.'


def test_summary_adds_up() -> None:
    draft = sample_draft()
    summary = summarise(draft)
    assert summary["sentences"] == 4
    assert sum(v["sentences"] for v in summary["levels"].values()) == 4
    words = sum(word_count(s.segment.text) for s in draft.segments)
    assert summary["words"] == words
    assert summary["words_saved"] + summary["weighted_words"] == words
    assert (summary["values_adapted"], summary["values_for_review"]) == (1, 1)
    assert summary["untranslated"] == 1


qualities = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(a=qualities, b=qualities)
def test_a_better_quality_never_gets_a_worse_level(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert LEVELS.index(level_of(high, identical=False)) <= LEVELS.index(
        level_of(low, identical=False)
    )


@given(q=qualities, in_context=st.booleans())
def test_only_identical_sources_are_exact(q: float, in_context: bool) -> None:
    level = level_of(q, identical=False, in_context=in_context)
    assert level not in ("exact", "in-context")
    exact = level_of(q, identical=True, in_context=in_context)
    assert exact == ("in-context" if in_context else "exact")
