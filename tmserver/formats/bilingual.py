"""Reviewed bilingual files back into memory units, with their provenance.

XLIFF 1.2/2.x, PO and the bilingual TSV (a header naming an ``english``/``source``
and a ``local``/``target`` column, optionally ``state`` and ``translator``; the
``tmserver align --format tsv`` output is one) become ``TranslationUnit`` values.
Only segments in a final state enter the memory unless drafts are asked for:
XLIFF 2 ``final``, XLIFF 1.2 ``final``/``signed-off``, PO entries that are not
``fuzzy``, TSV rows whose state (if given) is final. Empty targets never do.

Each unit keeps where it came from as props: ``x-file`` (and line), ``x-state``,
``x-translator`` and, for segments a pre-translation wrote (ids ``p<P>s<S>``), the
release as ``x-document`` with the position as ``x-sentences``, so the reviewed
sentences give in-context matches next time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from tmserver.errors import BilingualFileError
from tmserver.errors import UnsupportedLanguageError
from tmserver.formats import po
from tmserver.formats import xliff
from tmserver.text.lang import normalise_tag
from tmserver.units import TranslationUnit

#: File kinds ``read_reviewed`` understands, by suffix.
KINDS = {".xlf": "xliff", ".xliff": "xliff", ".po": "po", ".tsv": "tsv"}
_POSITION_RE = re.compile(r"^p(\d+)s(\d+)$")
_TSV_FINAL = {"", "final", "signed-off", "reviewed", "approved", "translated"}


@dataclass(frozen=True, slots=True)
class Reviewed:
    """Units read from one file, and how many segments were left out as drafts."""

    units: tuple[TranslationUnit, ...]
    segments: int
    drafts: int


def kind_of(name: str) -> str | None:
    """``xliff``, ``po`` or ``tsv`` for a reviewed file's name; None otherwise."""
    lowered = name.lower()
    return next((k for s, k in KINDS.items() if lowered.endswith(s)), None)


@dataclass(frozen=True, slots=True)
class _Row:
    id: str
    source: str
    target: str
    state: str
    final: bool
    location: str
    translator: str = ""
    date: datetime | None = None


def read_reviewed(
    data: bytes,
    name: str,
    *,
    target_lang: str | None = None,
    include_drafts: bool = False,
    now: datetime,
    origin: str | None = None,
) -> Reviewed:
    """The units of a reviewed file (see the module docstring).

    :param target_lang: overrides (or supplies) the file's target language.
    :param now: the date of units whose file gives none.
    :raises BilingualFileError: an unreadable file, a non-English source, no target
        language; the message names the file and line.
    """
    kind = kind_of(name)
    document = ""
    if kind == "xliff":
        reviewed = xliff.read_file(data, name)
        declared = reviewed.target_lang
        document = reviewed.original
        rows = [
            _Row(
                s.id,
                s.source,
                s.target,
                s.state,
                s.final,
                s.location,
                s.translator,
                s.date,
            )
            for s in reviewed.segments
        ]
    elif kind == "po":
        rows, declared, document = _po_rows(data, name)
    elif kind == "tsv":
        rows, declared = _tsv_rows(data, name), ""
    else:
        raise BilingualFileError(
            "not a reviewed bilingual file (.xlf, .xliff, .po, .tsv or .tmx)",
            location=name,
        )
    tag = _target_tag(target_lang or declared, name, rows)
    units = []
    drafts = 0
    for row in rows:
        if not row.source.strip() or not row.target.strip():
            continue
        if not row.final and not include_drafts:
            drafts += 1
            continue
        units.append(_unit(row, tag, name, origin or name, document, now))
    return Reviewed(tuple(units), len(rows), drafts)


def _target_tag(raw: str, name: str, rows: list[_Row]) -> str:
    if not raw:
        raise BilingualFileError(
            "the file does not say its target language (give --target-lang)",
            location=name,
        )
    sample = next((r.target for r in rows if r.target.strip()), None)
    try:
        tag = normalise_tag(raw, sample)
    except UnsupportedLanguageError:
        raise BilingualFileError(
            f"not a language tag: {raw!r}", location=name
        ) from None
    if tag.split("-")[0] == "en":
        raise BilingualFileError("the target language is English", location=name)
    return tag


def _unit(
    row: _Row, tag: str, name: str, origin: str, document: str, now: datetime
) -> TranslationUnit:
    props = [("x-file", row.location or name), ("x-state", row.state)]
    if row.translator:
        props.append(("x-translator", row.translator))
    position = _POSITION_RE.match(row.id)
    if document and position:
        props.append(("x-document", document))
        props.append(("x-sentences", f"{position.group(1)}.{position.group(2)}"))
    when = row.date or now
    return TranslationUnit(
        source=row.source,
        target=row.target,
        source_lang="en",
        target_lang=tag,
        context="" if position else row.id,
        origin=origin,
        created=when,
        changed=when,
        props=tuple(props),
    )


def _po_rows(data: bytes, name: str) -> tuple[list[_Row], str, str]:
    catalogue = po.read_catalogue(data, name)
    source = catalogue.header.get("X-Source-Language", "en")
    if source.split("_")[0].split("-")[0].lower() != "en":
        raise BilingualFileError(
            f"the source language is {source}, not English", location=f"{name}:1"
        )
    translator = catalogue.header.get("Last-Translator", "")
    date = po.header_date(catalogue.header)
    rows = [
        _Row(
            entry.msgctxt or "",
            entry.msgid or "",
            entry.msgstr,
            "fuzzy"
            if entry.fuzzy
            else ("translated" if entry.msgstr else "untranslated"),
            not entry.fuzzy and bool(entry.msgstr),
            f"{name}:{entry.line}",
            translator,
            date,
        )
        for entry in catalogue.entries
    ]
    return (
        rows,
        catalogue.header.get("Language", ""),
        catalogue.header.get("X-Document", ""),
    )


def _tsv_rows(data: bytes, name: str) -> list[_Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BilingualFileError("not valid UTF-8", location=f"{name}:{line}") from None
    lines = text.replace("\r\n", "\n").split("\n")
    header = [h.strip().lower() for h in lines[0].split("\t")]
    source_at = _column(header, ("english", "source"), name)
    target_at = _column(header, ("local", "target", "translation"), name)
    state_at = header.index("state") if "state" in header else None
    translator_at = header.index("translator") if "translator" in header else None
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) <= max(source_at, target_at):
            raise BilingualFileError(
                f"{len(fields)} column(s), the header has {len(header)}",
                location=f"{name}:{number}",
            )
        state = (
            fields[state_at].strip().lower()
            if state_at is not None and state_at < len(fields)
            else ""
        )
        rows.append(
            _Row(
                "",
                fields[source_at],
                fields[target_at],
                state or "final",
                state in _TSV_FINAL,
                f"{name}:{number}",
                fields[translator_at]
                if translator_at is not None and translator_at < len(fields)
                else "",
            )
        )
    return rows


def _column(header: list[str], names: tuple[str, ...], name: str) -> int:
    for candidate in names:
        if candidate in header:
            return header.index(candidate)
    raise BilingualFileError(
        f"the header has no {' / '.join(names)} column", location=f"{name}:1"
    )
