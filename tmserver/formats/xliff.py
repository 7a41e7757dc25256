"""XLIFF 2.1 and 1.2, written as CAT tools read them and read back after review.

XLIFF 2.1 (core namespace ``urn:oasis:names:tc:xliff:document:2.0``): one ``<unit>``
per sentence with one ``<segment>``; ``state="translated"`` for exact and in-context
matches, ``state="initial"`` with the suggestion as target for near-exact and fuzzy
ones (XLIFF 2 has no "needs review" state; ``subState="tmserver:<level>"`` says
which), no target when nothing matched. The matches go into the Translation
Candidates module (``<mtc:matches>``, ``matchQuality`` in percent, ``origin``) and
the level, origin and adapted values into ``<notes>``.

XLIFF 1.2: ``<target state="translated" state-qualifier="exact-match">`` (and
``approved="yes"``, which 1.2 readers such as translate-toolkit take for "not fuzzy")
for exact matches, ``needs-review-translation`` / ``fuzzy-match`` for the rest,
``needs-translation`` when nothing matched; candidates as ``<alt-trans
match-quality=… origin=…>``; one ``<note from="tmserver">``.

Reading back (import): a segment counts as final in ``final`` (2.x) or ``final`` /
``signed-off`` (1.2); earlier states are drafts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from tmserver.errors import BilingualFileError
from tmserver.formats import xml
from tmserver.formats.levels import NONE
from tmserver.formats.levels import is_exact
from tmserver.formats.model import Draft
from tmserver.formats.model import DraftSegment
from tmserver.formats.model import SourceSegment

XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
MATCHES_NS = "urn:oasis:names:tc:xliff:matches:2.0"
FINAL_STATES = {"2": frozenset({"final"}), "1": frozenset({"final", "signed-off"})}


@dataclass(frozen=True, slots=True)
class ReviewedSegment:
    """One segment of a reviewed XLIFF file."""

    id: str
    source: str
    target: str
    state: str
    final: bool
    location: str
    note: str = ""
    translator: str = ""
    date: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReviewedFile:
    """What an XLIFF file says about itself and its segments."""

    version: str
    source_lang: str
    target_lang: str
    original: str
    segments: tuple[ReviewedSegment, ...]


# ----------------------------------------------------------------------- writing


def _notes(item: DraftSegment) -> list[tuple[str, str]]:
    notes = [("tmserver:level", item.level)]
    if item.origin:
        notes.append(("tmserver:origin", item.origin))
    if item.match_source and not is_exact(item.level):
        notes.append(("tmserver:memory-source", item.match_source))
    for change in item.adapted:
        notes.append(
            ("tmserver:adapted", f"{change.kind}: {change.old} → {change.new}")
        )
    for value in item.unadapted:
        notes.append(("tmserver:review", f"not adapted, check: {value}"))
    if item.copied:
        notes.append(("tmserver:level", "source copied, not translated"))
    return notes


def write_xliff2(draft: Draft) -> bytes:
    """The draft as XLIFF 2.1 (see the module docstring)."""
    ns = f"{{{XLIFF2_NS}}}"
    mtc = f"{{{MATCHES_NS}}}"
    root = etree.Element(
        ns + "xliff",
        nsmap={None: XLIFF2_NS, "mtc": MATCHES_NS},
        version="2.1",
        srcLang=draft.release.source_lang,
        trgLang=draft.target_lang,
    )
    file = etree.SubElement(
        root, ns + "file", id="f1", original=xml.xml_text(draft.release.name)
    )
    for number, item in enumerate(draft.segments, start=1):
        unit = etree.SubElement(file, ns + "unit", id=f"u{number}")
        unit.set("name", xml.xml_text(item.segment.id))
        segment_id = f"s{number}"
        if item.candidates:
            matches = etree.SubElement(unit, mtc + "matches")
            for rank, candidate in enumerate(item.candidates, start=1):
                match = etree.SubElement(
                    matches,
                    mtc + "match",
                    id=f"m{number}-{rank}",
                    ref=f"#{segment_id}",
                    matchQuality=f"{min(candidate.quality, 100.0):.2f}",
                    origin=xml.xml_text(candidate.origin) or "memory",
                    type="tm",
                    subType=f"tmserver:{candidate.level}",
                )
                etree.SubElement(match, ns + "source").text = xml.xml_text(
                    candidate.source
                )
                etree.SubElement(match, ns + "target").text = xml.xml_text(
                    candidate.target
                )
        notes = etree.SubElement(unit, ns + "notes")
        for category, text in _notes(item):
            etree.SubElement(notes, ns + "note", category=category).text = xml.xml_text(
                text
            )
        if item.segment.location:
            etree.SubElement(
                notes, ns + "note", category="tmserver:location"
            ).text = xml.xml_text(item.segment.location)
        segment = etree.SubElement(unit, ns + "segment", id=segment_id)
        segment.set("state", "translated" if is_exact(item.level) else "initial")
        segment.set("subState", f"tmserver:{item.level}")
        etree.SubElement(segment, ns + "source").text = xml.xml_text(item.segment.text)
        if item.target:
            etree.SubElement(segment, ns + "target").text = xml.xml_text(item.target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _state12(item: DraftSegment) -> tuple[str, str]:
    if is_exact(item.level):
        return "translated", "exact-match"
    if item.level == NONE or not item.translated:
        return "needs-translation", ""
    return "needs-review-translation", "fuzzy-match"


def write_xliff12(draft: Draft) -> bytes:
    """The draft as XLIFF 1.2 (see the module docstring)."""
    ns = f"{{{XLIFF12_NS}}}"
    root = etree.Element(ns + "xliff", nsmap={None: XLIFF12_NS}, version="1.2")
    file = etree.SubElement(
        root,
        ns + "file",
        original=xml.xml_text(draft.release.name),
        datatype="plaintext",
        date=draft.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    file.set("source-language", draft.release.source_lang)
    file.set("target-language", draft.target_lang)
    file.set("tool-id", "tmserver")
    header = etree.SubElement(file, ns + "header")
    tool = etree.SubElement(header, ns + "tool")
    tool.set("tool-id", "tmserver")
    tool.set("tool-name", "tmserver")
    if draft.tool_version:
        tool.set("tool-version", draft.tool_version)
    body = etree.SubElement(file, ns + "body")
    for item in draft.segments:
        unit = etree.SubElement(
            body, ns + "trans-unit", id=xml.xml_text(item.segment.id)
        )
        unit.set(f"{{{xml.XML_NS}}}space", "preserve")
        if is_exact(item.level):
            unit.set("approved", "yes")  # what 1.2 readers take for "not fuzzy"
        etree.SubElement(unit, ns + "source").text = xml.xml_text(item.segment.text)
        state, qualifier = _state12(item)
        target = etree.SubElement(unit, ns + "target", state=state)
        if qualifier:
            target.set("state-qualifier", qualifier)
        target.text = xml.xml_text(item.target)
        for candidate in item.candidates:
            alt = etree.SubElement(
                unit, ns + "alt-trans", origin=xml.xml_text(candidate.origin)
            )
            alt.set("match-quality", f"{min(candidate.quality, 100.0):.0f}")
            alt.set("tool-id", "tmserver")
            etree.SubElement(alt, ns + "source").text = xml.xml_text(candidate.source)
            alt_target = etree.SubElement(alt, ns + "target")
            alt_target.set(xml.XML_LANG, draft.target_lang)
            alt_target.text = xml.xml_text(candidate.target)
        note = etree.SubElement(unit, ns + "note", {"from": "tmserver"})
        note.text = xml.xml_text(
            "; ".join(f"{c.split(':')[1]}: {t}" for c, t in _notes(item))
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# ----------------------------------------------------------------------- reading


def _version(root: etree._Element, name: str) -> str:
    namespace = etree.QName(root).namespace or ""
    if xml.local_name(root) != "xliff":
        raise BilingualFileError(
            f"not XLIFF: the root element is <{xml.local_name(root)}>",
            location=xml.location(name, root),
        )
    if namespace == XLIFF2_NS or root.get("version", "").startswith("2."):
        return "2"
    if namespace in (XLIFF12_NS, "urn:oasis:names:tc:xliff:document:1.1", ""):
        return "1"
    raise BilingualFileError(
        f"unknown XLIFF namespace {namespace}", location=xml.location(name, root)
    )


def _require_english(lang: str | None, name: str, element: etree._Element) -> str:
    tag = (lang or "").strip()
    if not tag:
        raise BilingualFileError(
            "the source language is not declared", location=xml.location(name, element)
        )
    if tag.split("-")[0].split("_")[0].lower() != "en":
        raise BilingualFileError(
            f"the source language is {tag}, not English",
            location=xml.location(name, element),
        )
    return tag


def _files(root: etree._Element, version: str) -> list[etree._Element]:
    ns = XLIFF2_NS if version == "2" else etree.QName(root).namespace
    tag = f"{{{ns}}}file" if ns else "file"
    return list(root.iter(tag))


def read_file(data: bytes, name: str) -> ReviewedFile:
    """Every segment of an XLIFF 1.2 or 2.x file, with its state.

    :raises BilingualFileError: malformed XML, not XLIFF, or a source language other
        than English (the message names the line).
    """
    root = xml.parse(data, name)
    version = _version(root, name)
    if version == "2":
        source_lang = _require_english(root.get("srcLang"), name, root)
        target_lang = root.get("trgLang", "")
        segments = list(_segments2(root, name))
        files = _files(root, version)
        original = files[0].get("original", "") if files else ""
    else:
        files = _files(root, version)
        if not files:
            raise BilingualFileError("no <file> element", location=name)
        source_lang = _require_english(files[0].get("source-language"), name, files[0])
        target_lang = files[0].get("target-language", "")
        original = files[0].get("original", "")
        segments = []
        for file in files:
            _require_english(file.get("source-language"), name, file)
            segments.extend(_segments12(file, name))
    return ReviewedFile(version, source_lang, target_lang, original, tuple(segments))


def _segments2(root: etree._Element, name: str) -> Iterator[ReviewedSegment]:
    ns = f"{{{XLIFF2_NS}}}"
    for unit in root.iter(ns + "unit"):
        unit_id = unit.get("name") or unit.get("id") or ""
        notes = " ".join(xml.text_of(n) for n in unit.iter(ns + "note"))
        segments = [s for s in unit.iterchildren(ns + "segment")]
        for index, segment in enumerate(segments):
            state = segment.get("state", "initial")
            target = segment.find(ns + "target")
            yield ReviewedSegment(
                id=unit_id if len(segments) == 1 else f"{unit_id}.{index + 1}",
                source=xml.text_of(segment.find(ns + "source")),
                target=xml.text_of(target),
                state=state,
                final=state in FINAL_STATES["2"],
                location=xml.location(name, segment),
                note=notes,
            )


def _segments12(file: etree._Element, name: str) -> Iterator[ReviewedSegment]:
    namespace = etree.QName(file).namespace
    ns = f"{{{namespace}}}" if namespace else ""
    date = _date(file.get("date"))
    for unit in file.iter(ns + "trans-unit"):
        target = unit.find(ns + "target")
        state = target.get("state", "") if target is not None else ""
        if not state and unit.get("approved") == "yes":
            state = "signed-off"
        translator = ""
        phase = unit.get("phase-name")
        if phase:
            for candidate in file.iter(ns + "phase"):
                if candidate.get("phase-name") == phase:
                    translator = candidate.get("contact-name", "")
        yield ReviewedSegment(
            id=unit.get("id", ""),
            source=xml.text_of(unit.find(ns + "source")),
            target=xml.text_of(target),
            state=state or "new",
            final=state in FINAL_STATES["1"],
            location=xml.location(name, unit),
            note=" ".join(xml.text_of(n) for n in unit.iterchildren(ns + "note")),
            translator=translator,
            date=date,
        )


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def read_sources(data: bytes, name: str) -> list[SourceSegment]:
    """The English segments of an XLIFF file given as a release."""
    reviewed = read_file(data, name)
    return [
        SourceSegment(
            id=segment.id or f"u{number}",
            text=segment.source,
            paragraph=number,
            index=0,
            end=len(segment.source),
            location=segment.location,
            note=segment.note,
        )
        for number, segment in enumerate(reviewed.segments)
        if segment.source.strip()
    ]
