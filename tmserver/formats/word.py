"""DOCX in, DOCX out (python-docx): the draft keeps the document's formatting.

Every ``w:p`` of the body (table cells included) is one paragraph; its text is the
text of its runs (hyperlinked runs too). Writing puts each sentence's translation
into the run where the sentence starts, and empties the runs whose text it replaces,
so paragraph styles, alignment, numbering and each sentence's character formatting
(bold headline, italic quote) survive. A text, HTML, XLIFF or PO release gives a
plain document, one Word paragraph per release paragraph. A sentence nothing
matched keeps its English text, so the draft stays readable; the review table says
which those are.

The review table is a second document: one row per sentence with the English, the
suggestion, its level (shaded by level), quality and origin.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from tmserver.errors import BilingualFileError
from tmserver.formats import xml
from tmserver.formats.levels import LEVELS
from tmserver.formats.model import Draft

DOCUMENT_PART = "word/document.xml"
#: Cell shading per level in the review table (green to red).
LEVEL_COLOURS = dict(
    zip(
        LEVELS,
        ("1B7F3B", "5FB760", "B7D968", "F2D45C", "F2A65C", "EE8066", "DDDDDD"),
        strict=True,
    )
)


def _check_package(data: bytes, name: str) -> None:
    """Open the zip and parse the main part ourselves, to name what is broken."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BilingualFileError(
            "not a DOCX file (not a zip package)", location=name
        ) from None
    with package:
        names = set(package.namelist())
        for part in ("[Content_Types].xml", DOCUMENT_PART):
            if part not in names:
                raise BilingualFileError(
                    f"not a Word document: the part {part} is missing", location=name
                )
        try:
            body = package.read(DOCUMENT_PART)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise BilingualFileError(
                f"the part {DOCUMENT_PART} is damaged ({error})", location=name
            ) from None
    xml.parse(body, name, part=DOCUMENT_PART)


def _open(data: bytes, name: str):  # -> docx.document.Document
    import docx

    _check_package(data, name)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on broken packages
        raise BilingualFileError(
            f"Word cannot open this document: {error}", location=name
        ) from None


def _paragraphs(document) -> Iterator:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for element in document.element.body.iter(qn("w:p")):
        yield Paragraph(element, document._body)


def _runs(paragraph) -> list:
    from docx.oxml.ns import qn
    from docx.text.run import Run

    own = paragraph._p
    tag = qn("w:p")
    # a text box inside a run holds paragraphs of its own: their runs are theirs
    return [
        Run(r, paragraph)
        for r in own.iter(qn("w:r"))
        if next(r.iterancestors(tag), None) is own
    ]


def read_paragraphs(data: bytes, name: str) -> list[str]:
    """The text of every body paragraph, in document order (empty ones included).

    :raises BilingualFileError: not a zip, a missing or malformed part; the message
        names the part.
    """
    document = _open(data, name)
    return ["".join(run.text for run in _runs(p)) for p in _paragraphs(document)]


def write_translated(draft: Draft) -> bytes:
    """The release's DOCX with every sentence replaced by its draft translation."""
    original = draft.release.original
    if original is None:
        return _new_document(draft)
    document = _open(original, draft.release.name)
    by_paragraph: dict[int, list] = {}
    for item in draft.segments:
        by_paragraph.setdefault(item.segment.paragraph, []).append(item)
    for number, paragraph in enumerate(_paragraphs(document)):
        items = by_paragraph.get(number)
        if items:
            _replace(_runs(paragraph), items)
    _set_language(document, draft.target_lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _new_document(draft: Draft) -> bytes:
    """A plain DOCX of the translation, one Word paragraph per release paragraph."""
    import docx

    from tmserver.formats.outputs import plain_text

    document = docx.Document()
    for paragraph in plain_text(draft).strip().split("\n\n"):
        document.add_paragraph(xml.xml_text(paragraph))
    _set_language(document, draft.target_lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace(runs: list, items: list) -> None:
    """Give each sentence's translation to the run holding its first character."""
    spans = []
    position = 0
    for run in runs:
        length = len(run.text)
        spans.append((position, position + length))
        position += length
    owned: dict[int, list[str]] = {}
    covered: set[int] = set()
    for item in items:
        start, end = item.segment.start, item.segment.end
        owner = next(
            (i for i, (a, b) in enumerate(spans) if a <= start < b),
            len(runs) - 1,
        )
        owned.setdefault(owner, []).append(item.target or item.segment.text)
        covered.update(i for i, (a, b) in enumerate(spans) if a < end and b > start)
    for index, run in enumerate(runs):
        if index in owned:
            run.text = xml.xml_text(" ".join(owned[index]))
        elif index in covered or not run.text.strip():
            run.text = ""
        # runs outside every sentence (a field, stray text) are left as they are


def _set_language(document, tag: str) -> None:
    """Mark the default run language, so Word spell-checks the right language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def write_review_table(draft: Draft) -> bytes:
    """A DOCX with one table row per sentence: English, suggestion, level, origin."""
    import docx

    document = docx.Document()
    title = f"Review: {draft.release.name} → {draft.target_lang}"
    document.add_heading(xml.xml_text(title), 1)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, title in zip(
        table.rows[0].cells,
        ("#", "English", "Suggestion", "Level", "Quality", "Origin"),
        strict=True,
    ):
        cell.text = title
    for number, item in enumerate(draft.segments, start=1):
        cells = table.add_row().cells
        values = (
            str(number),
            item.segment.text,
            item.target,
            item.level,
            f"{item.quality:.0f}" if item.quality else "",
            item.origin,
        )
        for cell, value in zip(cells, values, strict=True):
            cell.text = xml.xml_text(value)
        _shade(cells[3], LEVEL_COLOURS.get(item.level, "FFFFFF"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _shade(cell, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
