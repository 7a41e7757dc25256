"""Streaming TMX reader: ``<tu>`` elements in, :class:`TMXEntry` records out.

This is the XML half of the import; :mod:`tmserver.tmx.pairs` turns entries into
translation units. The parser never builds the whole tree: each ``<tu>`` is read when
its end tag arrives and then freed together with everything before it, so memory
stays flat however many units a file holds.

Safety (:mod:`tmserver.tmx.safexml`): entities are never resolved, nothing is
fetched from the network, no DTD is loaded, libxml2's size and depth guards stay on
(``huge_tree=False``). Before libxml2 sees a byte, the prolog guard refuses a
DOCTYPE with an internal subset (any declarations - billion laughs, XXE); a plain
external DOCTYPE such as ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is accepted and
ignored. Root and version are checked at the first event, before any entry is
produced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple
from typing import NoReturn

from lxml import etree

from tmserver.errors import PayloadTooLargeError
from tmserver.errors import TMXFormatError
from tmserver.errors import UnsupportedLanguageError
from tmserver.text.lang import normalise_tag
from tmserver.tmx.dates import parse_tmx_date
from tmserver.tmx.safexml import PARSER_OPTIONS
from tmserver.tmx.safexml import guard_stream
from tmserver.tmx.safexml import syntax_error
from tmserver.tmx.segment import read_segment
from tmserver.tmx.source import TMXSource
from tmserver.tmx.source import display_name
from tmserver.tmx.source import open_source

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: ``srclang`` value meaning "any variant may be the source".
ALL_LANGUAGES = "*all*"
SUPPORTED_VERSIONS = frozenset({"1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"})


@dataclass(frozen=True)
class TMXLimits:
    """Caps on one TMX import; input over a cap is refused, never truncated.

    The defaults equal those of :class:`tmserver.config.Settings`.
    """

    max_bytes: int = 200 * 1024 * 1024
    max_units: int = 5_000_000
    max_segment_chars: int = 20_000


DEFAULT_LIMITS = TMXLimits()


class Variant(NamedTuple):
    """One ``<tuv>``: a language version of a translation unit.

    Named tuples rather than frozen dataclasses here: two are built per ``<tu>`` on
    the import hot path and a tuple is several times cheaper to construct.
    """

    lang: str
    text: str
    markup: str | None
    notes: tuple[str, ...] = ()
    props: tuple[tuple[str, str], ...] = ()
    created: datetime | None = None
    changed: datetime | None = None
    #: Line of the ``<seg>``: where a finding about this text points.
    line: int = 0


class TMXEntry(NamedTuple):
    """One ``<tu>`` with all its variants, languages already normalised.

    ``srclang`` is the language of the source variant (from the caller, the ``tu`` or
    the header, in that order), or None when any variant may be the source. ``line``
    is the line of the ``<tu>`` start tag, ``tuid`` its id attribute.
    """

    line: int
    srclang: str | None
    variants: tuple[Variant, ...]
    notes: tuple[str, ...] = ()
    props: tuple[tuple[str, str], ...] = ()
    created: datetime | None = None
    changed: datetime | None = None
    tuid: str | None = None


def iter_tmx_entries(
    source: TMXSource,
    *,
    limits: TMXLimits = DEFAULT_LIMITS,
    source_lang: str | None = None,
) -> Iterator[TMXEntry]:
    """Yield every ``<tu>`` of a TMX file in document order.

    :param source: a path or a binary file object.
    :param source_lang: force this source language, overriding ``srclang``.
    :raises TMXFormatError: for malformed, unsafe or non-TMX input.
    :raises PayloadTooLargeError: when the input exceeds ``limits``.
    """
    name = display_name(source)
    reader = _EntryReader(name, limits, source_lang)
    with open_source(source, limits.max_bytes) as stream:
        guard_stream(stream, name)
        events = etree.iterparse(
            stream, events=("end",), tag=("header", "tu"), **PARSER_OPTIONS
        )
        try:
            for _, element in events:
                entry = reader.read(element)
                _release(element)
                if entry is not None:
                    yield entry
            reader.finish(events.root)
        except etree.XMLSyntaxError as error:
            raise _syntax_error(error, name, stream.bytes_read) from error


def _release(element: etree._Element) -> None:
    """Free ``element`` and every sibling before it, keeping memory flat."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _syntax_error(
    error: etree.XMLSyntaxError, name: str, bytes_read: int
) -> TMXFormatError:
    if bytes_read == 0:
        return TMXFormatError("empty file, not TMX", location=name)
    return syntax_error(error, name)


class _EntryReader:
    """State of one parse: header values, language-tag cache, checks done."""

    def __init__(self, name: str, limits: TMXLimits, source_lang: str | None) -> None:
        self.name = name
        self.max_chars = limits.max_segment_chars
        self.checked = False
        self.header_seen = False
        self.header_srclang: str | None = None
        self._tags: dict[str, str] = {}
        self.forced = source_lang is not None
        self.forced_srclang = self._srclang(source_lang, None) if self.forced else None

    def read(self, element: etree._Element) -> TMXEntry | None:
        if not self.checked:
            self._check_root(element.getroottree().getroot())
        if element.tag == "header":
            self._read_header(element)
            return None
        if not self.header_seen:
            raise self._error("<tu> before any <header>", element.sourceline)
        return self._read_tu(element)

    def finish(self, root: etree._Element | None) -> None:
        """Checks for documents that produced no header or tu event at all."""
        if root is None:
            raise TMXFormatError("no XML element found, not TMX", location=self.name)
        if not self.checked:
            self._check_root(root)
        if not self.header_seen:
            raise self._error("TMX without a <header>", root.sourceline)

    def _error(self, message: str, line: int | None) -> TMXFormatError:
        location = f"{self.name}:{line}" if line else self.name
        return TMXFormatError(message, location=location)

    def _check_root(self, root: etree._Element) -> None:
        if root.tag != "tmx":
            raise self._error(
                f"not a TMX file: the root element is <{root.tag}>, not <tmx>",
                root.sourceline,
            )
        version = root.get("version")
        if version is not None and version.strip() not in SUPPORTED_VERSIONS:
            raise self._error(
                f"unsupported TMX version {version!r} (1.1 to 1.4 are read)",
                root.sourceline,
            )
        self.checked = True

    def _read_header(self, header: etree._Element) -> None:
        if self.header_seen:
            raise self._error("more than one <header>", header.sourceline)
        self.header_seen = True
        raw = header.get("srclang")
        if raw:
            self.header_srclang = self._srclang(raw, header.sourceline)
        elif not self.forced:
            raise self._error("<header> without srclang", header.sourceline)

    def _srclang(self, raw: str, line: int | None) -> str | None:
        if raw.strip() == ALL_LANGUAGES:
            return None
        return self._tag(raw, None, line)

    def _tag(self, raw: str, text: str | None, line: int | None) -> str:
        """Normalised tag, cached; a bare ``sr`` is resolved from ``text`` each time."""
        tag = self._tags.get(raw)
        if tag is None:
            try:
                tag = normalise_tag(raw)
            except UnsupportedLanguageError:
                raise self._error(f"invalid language tag {raw!r}", line) from None
            self._tags[raw] = tag
        if tag == "sr" and text:
            return normalise_tag(raw, text)
        return tag

    def _read_tu(self, tu: etree._Element) -> TMXEntry:
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        variants: list[Variant] = []
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                variants.append(self._read_tuv(child))
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        if not variants:
            raise self._error("<tu> without any <tuv>", tu.sourceline)
        srclang = self.forced_srclang
        if not self.forced:
            raw = tu.get("srclang")
            srclang = self._srclang(raw, tu.sourceline) if raw else self.header_srclang
        created = tu.get("creationdate")
        changed = tu.get("changedate")
        return TMXEntry(
            tu.sourceline,
            srclang,
            tuple(variants),
            tuple(notes) if notes else (),
            tuple(props) if props else (),
            self._date(tu, "creationdate", created) if created else None,
            self._date(tu, "changedate", changed) if changed else None,
            tu.get("tuid"),
        )

    def _read_tuv(self, tuv: etree._Element) -> Variant:
        """One variant; the hot path of the import, hence the inlined checks."""
        raw = tuv.get(XML_LANG) or tuv.get("lang")
        if not raw:
            raise self._error("<tuv> without xml:lang", tuv.sourceline)
        notes: list[str] = []
        props: list[tuple[str, str]] = []
        if len(tuv) == 1 and tuv[0].tag == "seg":  # the usual case, kept fast
            seg = tuv[0]
        else:
            seg = self._tuv_children(tuv, notes, props)
        line = seg.sourceline
        if len(seg):
            text, markup = read_segment(seg, self.name)
            if len(markup) > self.max_chars:
                self._too_long(len(markup), line)
        else:
            text, markup = seg.text or "", None
            if len(text) > self.max_chars:
                self._too_long(len(text), line)
        lang = self._tags.get(raw)
        if lang is None or lang == "sr":
            lang = self._tag(raw, text, tuv.sourceline)
        created = tuv.get("creationdate")
        changed = tuv.get("changedate")
        return Variant(
            lang,
            text,
            markup,
            tuple(notes) if notes else (),
            tuple(props) if props else (),
            self._date(tuv, "creationdate", created) if created else None,
            self._date(tuv, "changedate", changed) if changed else None,
            line,
        )

    def _tuv_children(
        self, tuv: etree._Element, notes: list[str], props: list[tuple[str, str]]
    ) -> etree._Element:
        """The ``<seg>`` of a ``<tuv>``, collecting its notes and props on the way."""
        seg = None
        for child in tuv:
            tag = child.tag
            if tag == "seg":
                seg = child
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        if seg is None:
            raise self._error("<tuv> without <seg>", tuv.sourceline)
        return seg

    def _date(self, element: etree._Element, attribute: str, value: str) -> datetime:
        try:
            return parse_tmx_date(value)
        except ValueError:
            raise self._error(
                f"invalid {attribute} {value!r}, expected YYYYMMDDThhmmssZ",
                element.sourceline,
            ) from None

    def _too_long(self, length: int, line: int) -> NoReturn:
        raise PayloadTooLargeError(
            f"segment of {length} characters exceeds the limit of "
            f"{self.max_chars} characters",
            location=f"{self.name}:{line}",
        )
