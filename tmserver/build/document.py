"""Read an announcement file into clean paragraphs with their line numbers (pure core).

Plain text (UTF-8 with or without BOM, any newline style) has one paragraph per
non-empty line; a hard-wrapped line that stops mid-sentence is joined with the next.
HTML pages give one paragraph per block element, with scripts, styles and page
chrome (``nav``, ``header``, ``footer``, ``aside``) left out. Website debris is
removed: lines holding only non-breaking spaces, breadcrumbs (``News / Local``) at
the top and tag lines (``SDG 16 - Peace Justice and Strong Institutions``) at the
bottom, alone or glued to the last sentence.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tmserver.errors import DocumentError

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START_RE = re.compile(
    r"^\s*(?:<!doctype html|<html|<body|<p[\s>]|<div[\s>])", re.I
)
_BLOCK_TAGS = tuple(
    "p h1 h2 h3 h4 h5 h6 li blockquote td th pre dt dd figcaption div".split()
)
_SKIPPED_TAGS = tuple(
    "script style noscript nav header footer aside form button template svg".split()
)
_BREADCRUMB_RE = re.compile(r"^[\w’' .&-]{1,30}(?:\s*[/>»|›]\s*[\w’' .&-]{1,30})+$")
_NAV_WORDS = frozenset(
    "news|local|home|press release|press releases|stories|media|vijesti|novosti|"
    "vesti|вести|početna|naslovna".split("|")
)
_TAG_RE = re.compile(
    r"(?:^|(?<=[.!?…\"”“»)]))\s*(?:SDGs?\s*\d{1,2}\s*[-–—:]\s*[A-Z][\w ,&'-]*"
    r"|Tags?:\s*[^.!?]*)$"
)
#: One character for one: odd spaces → " ", C1 controls → their Windows-1252 glyph.
_CHARACTER_TABLE = {
    **{
        code: bytes([code]).decode("cp1252", errors="replace").replace("\ufffd", " ")
        for code in range(0x80, 0xA0)
    },
    **dict.fromkeys(
        [
            *range(0x09, 0x0E),
            0x1C,
            0x1D,
            0x1E,
            0x1F,
            0xA0,
            *range(0x2000, 0x200C),
            0x2028,
            0x2029,
            0x202F,
            0x205F,
            0x3000,
            0xFEFF,
        ],
        " ",
    ),
}
_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’“»«)\]]*$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of an announcement.

    ``text`` has non-breaking and other odd spaces turned into plain spaces and runs
    of spaces kept as they are, so offsets stay comparable with ``line``'s text.
    ``line`` is the 1-based line number where the paragraph starts and ``column``
    the 0-based offset of its first character in that line.
    """

    text: str
    line: int
    column: int = 0


def decode_document(data: bytes, name: str) -> str:
    """Decode an announcement's bytes as UTF-8 (BOM optional), refusing binary data.

    :raises DocumentError: empty, binary or not UTF-8; the message names the line.
    """
    if not data.strip():
        raise DocumentError("the file is empty", location=name)
    if b"\x00" in data[:8192]:
        raise DocumentError(
            "binary file (NUL bytes), not a text document", location=name
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DocumentError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            location=f"{name}:{line}",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_paragraphs(data: bytes, name: str) -> list[Paragraph]:
    """Decode, parse (text or HTML) and clean an announcement.

    :param name: the file name, used to choose HTML parsing and in error messages.
    :raises DocumentError: when the file is empty, binary, undecodable or has no text.
    """
    text = decode_document(data, name)
    if name.lower().endswith(_HTML_SUFFIXES) or _HTML_START_RE.match(text):
        paragraphs = html_paragraphs(text)
    else:
        paragraphs = text_paragraphs(text)
    paragraphs = clean_paragraphs(paragraphs)
    if not paragraphs:
        raise DocumentError("no text in the document", location=name)
    return paragraphs


def text_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line; a line that stops mid-sentence and is
    followed by a line starting in lower case is joined with it (hard wraps)."""
    paragraphs: list[Paragraph] = []
    joinable = False
    for number, raw in enumerate(text.split("\n"), start=1):
        spaced = normalise_spaces(raw)
        line = spaced.strip()
        if not line:
            joinable = False
            continue
        if joinable and line[0].islower():
            previous = paragraphs[-1]
            paragraphs[-1] = Paragraph(
                f"{previous.text} {line}", previous.line, previous.column
            )
        else:
            paragraphs.append(
                Paragraph(line, number, len(spaced) - len(spaced.lstrip()))
            )
        joinable = not _SENTENCE_END_RE.search(line)
    return paragraphs


def html_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs from the block elements of an HTML page (innermost blocks only)."""
    import lxml.html  # local: lxml is only needed for HTML input

    root = lxml.html.document_fromstring(text)
    for element in root.iter(*_SKIPPED_TAGS):
        element.drop_tree()
    paragraphs = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(True for _ in element.iterdescendants(*_BLOCK_TAGS)):
            continue  # a container: its inner blocks become the paragraphs
        content = normalise_spaces(element.text_content()).strip()
        if content:
            paragraphs.append(Paragraph(content, element.sourceline or 0))
    return paragraphs


def normalise_spaces(text: str) -> str:
    """Turn every kind of space (NBSP, thin space, BOM, tab) into a plain space, and
    C1 control characters into the Windows-1252 punctuation they stand for in
    mis-decoded text (U+0084 → „, U+0094 → ”); one character for one, so offsets
    are kept."""
    return text.translate(_CHARACTER_TABLE)


def clean_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Drop breadcrumbs at the top and tag lines at the bottom (also glued ones)."""
    paragraphs = [p for p in paragraphs if p.text.strip()]
    while paragraphs and _is_breadcrumb(paragraphs[0].text):
        paragraphs = paragraphs[1:]
    while paragraphs:
        last = paragraphs[-1]
        stripped = _TAG_RE.sub("", last.text).rstrip()
        if stripped == last.text:
            break
        paragraphs = paragraphs[:-1]
        if stripped:
            paragraphs.append(Paragraph(stripped, last.line, last.column))
            break
    return paragraphs


def _is_breadcrumb(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _NAV_WORDS:
        return True
    return bool(_BREADCRUMB_RE.match(lowered)) and all(
        part.strip() in _NAV_WORDS or len(part.split()) <= 2
        for part in re.split(r"[/>»|›]", lowered)
    )
