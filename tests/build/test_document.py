"""Reading announcements: encodings, newlines, HTML, website debris, bad input."""

from __future__ import annotations

import pytest

from tmserver.build.document import read_paragraphs
from tmserver.errors import DocumentError

TEXT = "Title\n\nFirst paragraph.\n\nPrvi paragraf."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
        (TEXT + "\n\n\n").encode("utf-8"),
    ],
    ids=["utf8", "bom", "crlf", "cr", "trailing-newlines"],
)
def test_encodings_and_newlines_give_the_same_paragraphs(data: bytes) -> None:
    paragraphs = read_paragraphs(data, "a.txt")
    assert [p.text for p in paragraphs] == [
        "Title",
        "First paragraph.",
        "Prvi paragraf.",
    ]
    assert [p.line for p in paragraphs] == [1, 3, 5]


CLEANING = [
    # (input, expected paragraph texts)
    ("News\nLocal\n\nTitle\n\nBody.", ["Title", "Body."]),
    ("News / Local\n\nTitle\n\nBody.", ["Title", "Body."]),
    ("Title\n\n\u00a0\n\nBody.", ["Title", "Body."]),
    ("Title\n\nBody with\u00a0nbsp.", ["Title", "Body with nbsp."]),
    (
        "Title\n\nBody.\n\nSDG 16 - Peace Justice and Strong Institutions",
        ["Title", "Body."],
    ),
    (
        "Title\n\nBody.SDG 16 - Peace Justice and Strong Institutions",
        ["Title", "Body."],
    ),
    ("Title\n\nBody.\n\nTags: migration, Serbia", ["Title", "Body."]),
    (
        "Title\n\nA line that was\nhard-wrapped here.",
        ["Title", "A line that was hard-wrapped here."],
    ),
    ("Title\n\nKraj.\x94 Drugi \x84citat\x94.", ["Title", "Kraj.” Drugi „citat”."]),
]


@pytest.mark.parametrize(("text", "expected"), CLEANING)
def test_website_debris_is_removed(text: str, expected: list[str]) -> None:
    assert [p.text for p in read_paragraphs(text.encode("utf-8"), "a.txt")] == expected


def test_columns_keep_offsets_into_the_line() -> None:
    paragraph = read_paragraphs(b"  indented text.", "a.txt")[0]
    assert (paragraph.text, paragraph.column) == ("indented text.", 2)


HTML = b"""<!DOCTYPE html><html><head><title>x</title><script>var a = 1;</script>
<style>p {color: red}</style></head><body>
<header><p>Site name</p></header><nav><ul><li>Home</li><li>News</li></ul></nav>
<h1>IOM donates equipment</h1>
<div class="content"><p>The first paragraph.</p>
<p>Prvi paragraf.</p></div>
<footer><p>Copyright</p></footer></body></html>"""


def test_html_paragraphs_from_block_elements_without_page_chrome() -> None:
    paragraphs = read_paragraphs(HTML, "page.html")
    assert [p.text for p in paragraphs] == [
        "IOM donates equipment",
        "The first paragraph.",
        "Prvi paragraf.",
    ]
    assert paragraphs[0].line == 4


BAD = [
    (b"", "empty"),
    (b"   \n\n \r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Title\n\nGood line.\n" + b"\xff\xfe broken", "UTF-8"),
]


@pytest.mark.parametrize(("data", "word"), BAD)
def test_bad_input_names_the_file(data: bytes, word: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_paragraphs(data, "bad.txt")
    assert "bad.txt" in str(caught.value)
    assert word in str(caught.value)


def test_undecodable_bytes_name_the_line() -> None:
    data = b"Title\n\nGood line.\n" + b"\xff broken"
    with pytest.raises(DocumentError) as caught:
        read_paragraphs(data, "bad.txt")
    assert caught.value.location == "bad.txt:4"
