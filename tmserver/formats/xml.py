"""Safe XML parsing for bilingual files: no DTDs, no entities, errors with lines."""

from __future__ import annotations

import re

from lxml import etree

from tmserver.errors import BilingualFileError

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


#: Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines,
#: surrogates, U+FFFE/U+FFFF); lxml refuses them, so writers drop them.
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot represent."""
    return _ILLEGAL_RE.sub("", text)


def parse(data: bytes, name: str, *, part: str = "") -> etree._Element:
    """The root element of ``data``, refusing DTD declarations (billion laughs).

    :param part: the member of a package (``word/document.xml``) for messages.
    :raises BilingualFileError: not well-formed, or a DOCTYPE with declarations.
    """
    where = f"{name} ({part})" if part else name
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    if not data.strip():
        raise BilingualFileError("the file is empty", location=where)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno or 0
        location = f"{name}:{line}" if line else name
        if part:
            location = f"{location} ({part})"
        raise BilingualFileError(
            f"not well-formed XML: {error.msg}", location=location
        ) from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None:
        raise BilingualFileError(
            "DOCTYPE declarations are refused (entity expansion)", location=where
        )
    return root


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
