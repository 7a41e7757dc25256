"""DOCX releases: formatting survives pre-translation; broken packages name the part."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.draftdata import sample_draft
from tmserver.errors import BilingualFileError
from tmserver.formats.release import read_release
from tmserver.formats.word import write_review_table
from tmserver.formats.word import write_translated


def word_release() -> bytes:
    """A real Word document: a bold centred title, a paragraph with an italic run."""
    document = docx.Document()
    title = document.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("IOM Serbia donation of specialized equipment")
    run.bold = True
    body = document.add_paragraph()
    body.add_run("IOM Serbia donated specialized tactical equipment to 35 officers. ")
    italic = body.add_run(
        "The conference was held at the UN House in Sarajevo on October 19, 2018."
    )
    italic.italic = True
    document.add_paragraph("")
    document.add_paragraph('Migrants & "asylum seekers" <remain> vulnerable.')
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_release_is_cut_into_the_same_sentences_as_text() -> None:
    release = read_release(word_release(), "release.docx")
    assert release.kind == "docx"
    assert [s.text for s in release.segments] == [
        s.segment.text for s in sample_draft().segments
    ]
    assert [s.paragraph for s in release.segments] == [0, 1, 1, 3]


def test_translated_docx_keeps_paragraph_and_run_formatting() -> None:
    release = read_release(word_release(), "release.docx")
    draft = sample_draft(release)
    document = docx.Document(io.BytesIO(write_translated(draft)))
    title, body, empty, last = document.paragraphs
    assert title.style.name == "Title"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text == draft.segments[0].target
    assert all(r.bold for r in title.runs if r.text)
    plain, italic = [r for r in body.runs if r.text]
    assert plain.text == draft.segments[1].target and not plain.italic
    assert italic.text == draft.segments[2].target and italic.italic
    assert empty.text == ""
    assert last.text == draft.segments[3].segment.text  # no match: English kept


def test_review_table_lists_every_sentence_with_its_level() -> None:
    draft = sample_draft()
    table = docx.Document(io.BytesIO(write_review_table(draft))).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:4] == ["#", "English", "Suggestion", "Level"]
    assert [r[3] for r in rows[1:]] == ["exact", "near-exact", "fuzzy-high", "none"]
    assert rows[2][1] == draft.segments[1].segment.text
    assert rows[2][2] == draft.segments[1].target


def test_a_text_release_gives_a_plain_docx() -> None:
    document = docx.Document(io.BytesIO(write_translated(sample_draft())))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == sample_draft().segments[0].target
    assert len(texts) == 3


def _rezip(data: bytes, drop: str | None = None, replace: bytes | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            if item.filename == drop:
                if replace is None:
                    continue
                target.writestr(item, replace)
            else:
                target.writestr(item, source.read(item))
    return out.getvalue()


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d[: len(d) // 2], "zip"),
        (lambda d: _rezip(d, drop="word/document.xml"), "word/document.xml"),
        (
            lambda d: _rezip(
                d, drop="word/document.xml", replace=b"<w:document><w:body>"
            ),
            "word/document.xml",
        ),
    ],
)
def test_a_corrupt_docx_names_what_is_broken(damage, expected) -> None:
    with pytest.raises(BilingualFileError) as error:
        read_release(damage(word_release()), "broken.docx")
    assert error.value.location.startswith("broken.docx")
    assert expected in f"{error.value.location} {error.value.message}"


def test_a_text_box_paragraph_is_translated_once() -> None:
    """Paragraphs nested in a text box are paragraphs of their own, not runs of the
    paragraph that anchors the box."""
    from docx.oxml import parse_xml

    document = docx.Document()
    anchor = document.add_paragraph("IOM Serbia donation of specialized equipment")
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:pict><w:txbxContent><w:p><w:r><w:t>"
        "IOM Serbia donated specialized tactical equipment to 35 officers."
        "</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"
    )
    anchor._p.append(box)
    buffer = io.BytesIO()
    document.save(buffer)
    release = read_release(buffer.getvalue(), "box.docx")
    assert [s.text for s in release.segments] == [
        "IOM Serbia donation of specialized equipment",
        "IOM Serbia donated specialized tactical equipment to 35 officers.",
    ]
