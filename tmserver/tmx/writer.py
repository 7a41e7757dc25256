"""Streaming TMX 1.4b writer.

Output is valid against ``tmx14.dtd``: the seven required header attributes,
``xml:lang`` on every ``tuv``, notes before props, dates as ``YYYYMMDDThhmmssZ``.
Provenance goes into ``<prop type="x-...">``: ``x-context`` and ``x-origin`` from the
unit's fields, then ``unit.props`` in order. A unit whose source language differs from
the header's carries its own ``srclang`` so a reader pairs it the right way round.

Output is deterministic: the same units and arguments give the same bytes (pass
``creation_date`` to fix the header date). Characters XML 1.0 cannot carry (most C0
controls, U+FFFE, U+FFFF) are dropped, since no TMX reader could read them back.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC
from datetime import datetime
from typing import BinaryIO

from lxml import etree

from tmserver import __version__
from tmserver.text.lang import normalise_tag
from tmserver.tmx.dates import format_tmx_date
from tmserver.tmx.entries import XML_LANG
from tmserver.tmx.pairs import CONTEXT_PROP
from tmserver.tmx.pairs import ORIGIN_PROP
from tmserver.tmx.segment import parse_markup
from tmserver.units import TranslationUnit

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TU_CHILD = "\n      "
_TUV_CHILD = "\n        "


def write_tmx(
    units: Iterable[TranslationUnit],
    out: str | os.PathLike | BinaryIO,
    *,
    source_lang: str = "en",
    creation_tool: str = "tmserver",
    creation_tool_version: str = __version__,
    creation_date: datetime | None = None,
    admin_lang: str = "en",
    datatype: str = "plaintext",
    segtype: str = "sentence",
) -> int:
    """Write ``units`` as TMX 1.4b to a path or binary file; return how many.

    :param source_lang: the header ``srclang``.
    :param creation_date: header creation date; now (UTC) when None.
    :raises TMXFormatError: when a unit's markup is not well-formed XML.
    """
    header_lang = normalise_tag(source_lang)
    header = {
        "creationtool": creation_tool,
        "creationtoolversion": creation_tool_version,
        "segtype": segtype,
        "o-tmf": creation_tool,
        "adminlang": normalise_tag(admin_lang),
        "srclang": header_lang,
        "datatype": datatype,
        "creationdate": format_tmx_date(creation_date or datetime.now(UTC)),
    }
    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype(DOCTYPE)
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(etree.Element("header", header))
            xf.write("\n  ")
            with xf.element("body"):
                for unit in units:
                    xf.write("\n    ")
                    xf.write(tu_element(unit, header_lang))
                    count += 1
                xf.write("\n  ")
            xf.write("\n")
    return count


def tu_element(unit: TranslationUnit, header_lang: str) -> etree._Element:
    """The ``<tu>`` element of one unit, indented for a ``<body>`` child."""
    attributes = {}
    if unit.source_lang != header_lang:
        attributes["srclang"] = unit.source_lang
    if unit.created is not None:
        attributes["creationdate"] = format_tmx_date(unit.created)
    if unit.changed is not None:
        attributes["changedate"] = format_tmx_date(unit.changed)
    tu = etree.Element("tu", attributes)
    tu.text = _TU_CHILD
    last = None
    if unit.note:
        last = _child(tu, "note", {}, unit.note)
    for kind, value in _props(unit):
        last = _child(tu, "prop", {"type": _xml_text(kind)}, value)
    for lang, text, markup in (
        (unit.source_lang, unit.source, unit.source_markup),
        (unit.target_lang, unit.target, unit.target_markup),
    ):
        last = _tuv(tu, lang, text, markup)
    last.tail = "\n    "
    return tu


def _props(unit: TranslationUnit) -> list[tuple[str, str]]:
    props = []
    if unit.context:
        props.append((CONTEXT_PROP, unit.context))
    if unit.origin:
        props.append((ORIGIN_PROP, unit.origin))
    props.extend(unit.props)
    return props


def _child(
    parent: etree._Element, tag: str, attributes: dict[str, str], text: str
) -> etree._Element:
    child = etree.SubElement(parent, tag, attributes)
    child.text = _xml_text(text)
    child.tail = _TU_CHILD
    return child


def _tuv(
    tu: etree._Element, lang: str, text: str, markup: str | None
) -> etree._Element:
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
    tuv.text = _TUV_CHILD
    if markup is None:
        seg = etree.SubElement(tuv, "seg")
        seg.text = _xml_text(text)
    else:
        seg = parse_markup(_xml_text(markup))
        tuv.append(seg)
    seg.tail = _TU_CHILD
    tuv.tail = _TU_CHILD
    return tuv


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot represent."""
    return _NOT_XML_CHARS.sub("", text) if _NOT_XML_CHARS.search(text) else text
