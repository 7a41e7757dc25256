"""Read a release into English sentences, whatever file it came in.

Plain text and HTML announcements are read with the build stage's reader and cut
with its segmenter (one segment per sentence, ids ``p<paragraph>s<sentence>``);
DOCX paragraphs are cut the same way; XLIFF and PO files already hold segments and
keep their own ids. The source language of XLIFF and PO must be English.
"""

from __future__ import annotations

from tmserver.build.document import read_paragraphs
from tmserver.build.segment import split_sentences
from tmserver.errors import BilingualFileError
from tmserver.formats import po
from tmserver.formats import word
from tmserver.formats import xliff
from tmserver.formats.model import Release
from tmserver.formats.model import SourceSegment

#: Input kinds by file suffix; anything else is read as a text/HTML announcement.
SUFFIXES = {
    ".docx": "docx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlf2": "xliff",
    ".po": "po",
    ".pot": "po",
}


def kind_of(name: str) -> str:
    """The input kind a file name announces (``text`` when nothing else fits)."""
    lowered = name.lower()
    for suffix, kind in SUFFIXES.items():
        if lowered.endswith(suffix):
            return kind
    return "text"


def read_release(data: bytes, name: str) -> Release:
    """The release in ``data``; ``name`` picks the reader and appears in errors.

    :raises DocumentError: an unreadable text/HTML announcement.
    :raises BilingualFileError: a corrupt DOCX, XLIFF or PO, or a non-English source.
    """
    kind = kind_of(name)
    if kind == "text" and data[:4] == b"PK\x03\x04":
        kind = "docx"  # a Word document under another name
    if kind == "docx":
        paragraphs = word.read_paragraphs(data, name)
        return Release(
            name,
            "docx",
            tuple(paragraphs),
            tuple(_segments(paragraphs, name, "paragraph")),
            original=data,
        )
    if kind == "xliff":
        segments = xliff.read_sources(data, name)
        return _from_segments(name, "xliff", segments)
    if kind == "po":
        return _from_segments(name, "po", po.read_sources(data, name))
    found = read_paragraphs(data, name)
    html = not name.lower().endswith(".txt") and data.lstrip()[:1] == b"<"
    texts = [p.text for p in found]
    segments = []
    for number, paragraph in enumerate(found):
        where = f"{name}:{paragraph.line}"
        segments.extend(_cut(paragraph.text, number, where))
    return Release(name, "html" if html else "text", tuple(texts), tuple(segments))


def _from_segments(name: str, kind: str, segments: list[SourceSegment]) -> Release:
    if not segments:
        raise BilingualFileError("no source segments in the file", location=name)
    return Release(name, kind, tuple(s.text for s in segments), tuple(segments))


def _segments(paragraphs: list[str], name: str, label: str) -> list[SourceSegment]:
    segments: list[SourceSegment] = []
    for number, text in enumerate(paragraphs):
        if text.strip():
            segments.extend(_cut(text, number, f"{name}:{label} {number + 1}"))
    if not segments:
        raise BilingualFileError("no text in the document", location=name)
    return segments


def _cut(text: str, paragraph: int, where: str) -> list[SourceSegment]:
    return [
        SourceSegment(
            id=f"p{paragraph + 1}s{index + 1}",
            text=sentence.text,
            paragraph=paragraph,
            index=index,
            start=sentence.start,
            end=sentence.end,
            location=where,
        )
        for index, sentence in enumerate(split_sentences(text, "en"))
        if sentence.text.strip()
    ]
