"""Safe XML parsing for bilingual files (the shared guard), errors with lines."""

from __future__ import annotations

import re

from lxml import etree

from tmserver.errors import BilingualFileError
from tmserver.errors import TMXFormatError
from tmserver.tmx import safexml

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


#: Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines,
#: surrogates, U+FFFE/U+FFFF); lxml refuses them, so writers drop them.
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot represent."""
    return _ILLEGAL_RE.sub("", text)


def parse(data: bytes, name: str, *, part: str = "") -> etree._Element:
    """The root element of ``data``, parsed with the project's safe XML settings.

    :func:`tmserver.tmx.safexml.parse_document` refuses DOCTYPE internal subsets
    (entity declarations) before libxml2 sees a byte and parses without entities or
    network; its errors are re-raised as bilingual-file errors naming the part.

    :param part: the member of a package (``word/document.xml``) for messages.
    :raises BilingualFileError: not well-formed, or a DOCTYPE with declarations.
    """
    where = f"{name} ({part})" if part else name
    if not data.strip():
        raise BilingualFileError("the file is empty", location=where)
    try:
        return safexml.parse_document(data, name)
    except TMXFormatError as error:
        location = error.location or name
        if part:
            location = f"{location} ({part})"
        raise BilingualFileError(error.message, location=location) from None


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def text_of(element: etree._Element | None) -> str:
    """All text inside ``element`` (inline codes contribute their own text only)."""
    if element is None:
        return ""
    return "".join(element.itertext())


def location(name: str, element: etree._Element) -> str:
    """``name:line`` of an element."""
    return f"{name}:{element.sourceline}" if element.sourceline else name
