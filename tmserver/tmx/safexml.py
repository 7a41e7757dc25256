"""Safe XML for every reader: one set of parser settings and the prolog guard.

Every XML input (TMX streamed by :mod:`tmserver.tmx.entries`, XLIFF read by the
linter) is parsed with :data:`PARSER_OPTIONS`: entities are never resolved, nothing
is fetched from the network, no DTD is loaded and libxml2's size and depth guards
stay on (``huge_tree=False``).

Before that, the prolog guard refuses a DOCTYPE internal subset
(``<!DOCTYPE tmx [ ... ]>``), which is where entity declarations live: billion
laughs, external entities (XXE), parameter entities. TMX, XLIFF and the other XML
formats we read never need one. libxml2 has guards of its own, but which one fires,
and when, changes between its versions (2.14 expands entities up to an amplification
factor and then fails with its own message); so we look at the prolog ourselves, as
text, and refuse a DOCTYPE whose ``[...]`` holds anything but white space and
comments, with the file and the DOCTYPE's line, before a single byte reaches
libxml2.

The prolog's encoding is found the way the XML specification's appendix F says: a
byte order mark (UTF-8, UTF-16 and UTF-32 in both orders), else the byte pattern of
``<?xml`` (BOM-less UTF-16/32), else an ASCII-compatible encoding (the declared one
when Python knows it). EBCDIC documents are refused: nobody writes TMX in it and
its brackets are not where ASCII has them.
"""

from __future__ import annotations

import codecs
import re
from typing import Protocol

from lxml import etree

from tmserver.errors import TMXFormatError

#: lxml parser settings shared by every XML reader.
PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}

#: First read, in bytes; later reads double the buffer so rescans stay linear.
_FIRST_READ = 16 * 1024
#: The guard holds the prolog in memory; a longer one (comments or processing
#: instructions before the root element) is refused rather than buffered.
MAX_PROLOG_BYTES = 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PATTERNS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
)
_EBCDIC = b"\x4c\x6f\xa7\x94"
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_SPACE = " \t\r\n"
#: How the prolog's items start (processing instruction, comment, DOCTYPE).
_ITEMS = ("<?", "<!--", "<!DOCTYPE")


class _Undecided(Exception):
    """The bytes so far end inside the prolog: more are needed to decide."""


class ByteStream(Protocol):
    """What the guard reads from: ``read(size)`` and a way to give bytes back."""

    def read(self, size: int = -1) -> bytes: ...

    def unread(self, data: bytes) -> None: ...


def guard_stream(stream: ByteStream, name: str) -> None:
    """Read ``stream``'s prolog, refuse an internal subset, give the bytes back.

    :raises TMXFormatError: for an internal subset, an EBCDIC document or a prolog
        over :data:`MAX_PROLOG_BYTES`.
    """
    head = b""
    while True:
        chunk = stream.read(max(_FIRST_READ, len(head)))
        head += chunk
        try:
            line = internal_subset_line(head, name, complete=not chunk)
            break
        except _Undecided:
            if len(head) > MAX_PROLOG_BYTES:
                raise TMXFormatError(
                    f"more than {MAX_PROLOG_BYTES} bytes before the root element",
                    location=name,
                ) from None
    stream.unread(head)
    _refuse(line, name)


def guard_bytes(data: bytes, name: str) -> None:
    """:func:`guard_stream` for a document already in memory."""
    _refuse(internal_subset_line(data, name, complete=True), name)


def parse_document(data: bytes, name: str) -> etree._Element:
    """The root of a whole XML document held in memory, parsed safely.

    For small inputs whose reader needs the tree (XLIFF); TMX is streamed instead.

    :raises TMXFormatError: for malformed or unsafe XML, with file and line.
    """
    guard_bytes(data, name)
    try:
        return etree.fromstring(data, etree.XMLParser(**PARSER_OPTIONS))
    except etree.XMLSyntaxError as error:
        raise syntax_error(error, name) from error


def syntax_error(error: etree.XMLSyntaxError, name: str) -> TMXFormatError:
    """Our error for libxml2's, at the line of its last fatal error when it has one."""
    line, message = error.lineno, error.msg
    fatals = error.error_log.filter_from_fatals()
    if not line and fatals:
        line, message = fatals[-1].line, fatals[-1].message
    location = f"{name}:{line}" if line else name
    return TMXFormatError(f"not well-formed XML: {message}", location=location)


def _refuse(line: int | None, name: str) -> None:
    if line is not None:
        raise TMXFormatError(
            "DOCTYPE with an internal subset (declarations in [...]) is refused: "
            "the format never needs one and it enables entity attacks",
            location=f"{name}:{line}",
        )


def internal_subset_line(head: bytes, name: str, *, complete: bool) -> int | None:
    """The line of a DOCTYPE that opens an internal subset in ``head``, else None.

    ``complete`` says ``head`` is the whole document. Anything that is not clearly an
    internal subset (a malformed prolog included) is left to the XML parser.

    :raises _Undecided: when ``head`` ends inside the prolog and is not complete.
    :raises TMXFormatError: for an EBCDIC document.
    """
    if len(head) < 4 and not complete:
        raise _Undecided  # a byte order mark or UTF-32 pattern may still be cut
    encoding = _encoding(head)
    if encoding is None:
        raise TMXFormatError("EBCDIC-encoded XML is not read", location=name)
    try:
        return _scan(_decode(head, encoding, complete))
    except _Undecided:
        if complete:
            return None
        raise


def _encoding(head: bytes) -> str | None:
    """The Python codec for ``head``'s prolog; None for EBCDIC."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    for pattern, encoding in _PATTERNS:
        if head.startswith(pattern):
            return encoding
    if head.startswith(_EBCDIC):
        return None
    declared = _DECLARED.match(head)
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
        except LookupError:
            return "latin-1"
        # Not laid out as declared (UTF-16 without its byte pattern), or not a text
        # encoding at all (zlib, rot13): libxml2 refuses those, the bytes are scanned.
        if codec.name.startswith(("utf-16", "utf-32")) or not getattr(
            codec, "_is_text_encoding", True
        ):
            return "latin-1"
        return codec.name
    return "latin-1"


def _decode(head: bytes, encoding: str, complete: bool) -> str:
    """``head`` as text; as Latin-1 bytes when the declared codec cannot decode it.

    Stateful encodings (ISO-2022-JP) are why the declared codec is tried first: their
    bytes can spell ``-->`` or ``]`` inside a multibyte character.
    """
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        return decoder.decode(head, final=complete)
    except (UnicodeError, ValueError, TypeError):
        return head.decode("latin-1")


def _scan(text: str) -> int | None:
    """Walk the prolog's misc items to the DOCTYPE or the root element."""
    position = 1 if text.startswith("\ufeff") else 0
    while True:
        position = _skip_space(text, position)
        rest = text[position : position + 9]
        if rest.startswith("<?"):
            position = _after(text, "?>", position + 2)
        elif rest.startswith("<!--"):
            position = _after(text, "-->", position + 4)
        elif rest.startswith("<!DOCTYPE"):
            opens = _doctype_opens_subset(text, position + 9)
            return text.count("\n", 0, position) + 1 if opens else None
        elif len(rest) < 9 and any(item.startswith(rest) for item in _ITEMS):
            raise _Undecided
        else:
            return None  # the root element, or something the parser will refuse


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    if position == len(text):
        raise _Undecided
    return position


def _after(text: str, end: str, position: int) -> int:
    found = text.find(end, position)
    if found < 0:
        raise _Undecided
    return found + len(end)


def _doctype_opens_subset(text: str, position: int) -> bool:
    """True when the DOCTYPE's ``[...]`` holds anything but spaces and comments.

    Quoted literals of the external id are skipped (a system URL may hold ``[``).
    """
    while position < len(text):
        char = text[position]
        if char == "[":
            return _subset_declares(text, position + 1)
        if char == ">":
            return False
        if char in "\"'":
            position = _after(text, char, position + 1)
        else:
            position += 1
    raise _Undecided


def _subset_declares(text: str, position: int) -> bool:
    while True:
        position = _skip_space(text, position)
        if text.startswith("<!--", position):
            position = _after(text, "-->", position + 4)
        elif len(text) - position < 4 and "<!--".startswith(text[position:]):
            raise _Undecided
        else:
            return text[position] != "]"
