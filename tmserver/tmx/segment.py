"""Inline markup of a TMX ``<seg>``: lossless XML for export, plain text for matching.

A segment may mix text with inline elements. Two views are kept:

* **markup**: the segment's inner XML, serialised by lxml (so attribute quoting and
  character escaping are normalised, the information is not), or None when the
  segment is plain text;
* **plain text**: what fuzzy matching compares. Text inside ``<hi>`` is kept (it is
  highlighted text); the content of the native-code elements ``bpt``, ``ept``, ``ph``,
  ``it`` and ``ut`` is dropped, including any ``<sub>`` inside them (a sub-flow such
  as an ALT text belongs to the code, not to the sentence). The text after an element
  (its tail) is always kept. Elements TMX does not define are treated like ``hi``.
"""

from __future__ import annotations

from lxml import etree

from tmserver.errors import TMXFormatError
from tmserver.tmx.safexml import PARSER_OPTIONS

#: Inline elements whose content is native code, not text.
CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut"})


def read_segment(seg: etree._Element, name: str) -> tuple[str, str | None]:
    """``(plain text, inner XML or None)`` of one ``<seg>`` element.

    :raises TMXFormatError: when the segment holds an unexpanded entity reference.
    """
    if len(seg) == 0:
        return seg.text or "", None
    parts: list[str] = [seg.text or ""]
    _collect_text(seg, parts, name)
    return "".join(parts), inner_xml(seg)


def inner_xml(seg: etree._Element) -> str:
    """The serialised content of ``seg`` without its own start and end tags."""
    outer = etree.tostring(seg, encoding="unicode", with_tail=False)
    return outer[outer.index(">") + 1 : outer.rindex("</")]


def _collect_text(element: etree._Element, parts: list[str], name: str) -> None:
    for child in element:
        tag = child.tag
        if tag is etree.Entity:
            raise TMXFormatError(
                f"entity reference {child} in a segment; entities are not allowed",
                location=f"{name}:{element.sourceline}",
            )
        if isinstance(tag, str) and tag not in CODE_TAGS:
            if child.text:
                parts.append(child.text)
            _collect_text(child, parts, name)
        if child.tail:
            parts.append(child.tail)


def parse_markup(markup: str) -> etree._Element:
    """A ``<seg>`` element holding ``markup`` (inner XML), parsed safely.

    :raises TMXFormatError: when ``markup`` is not well-formed XML content.
    """
    try:
        return etree.fromstring(f"<seg>{markup}</seg>", parser=_MARKUP_PARSER)
    except etree.XMLSyntaxError as error:
        raise TMXFormatError(
            f"segment markup is not well-formed XML: {error.msg}"
        ) from error


#: Markup is re-parsed for export, so comments in a segment are kept.
_MARKUP_PARSER = etree.XMLParser(**(PARSER_OPTIONS | {"remove_comments": False}))
