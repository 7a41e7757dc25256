"""Gettext PO: a draft written for PO editors, and PO read back (line-accurate).

Writing: one entry per sentence, ``msgctxt`` the segment id (two equal sentences stay
two entries), the level, origin and adapted values as extracted comments (``#.``),
the release location as a reference (``#:``); everything short of an exact match is
``#, fuzzy`` so editors stop at it; an unmatched sentence has an empty ``msgstr``.

Reading is our own small parser rather than translate-toolkit's because an import
error has to name the line: an entry without ``msgid``, a string outside quotes or
an unknown keyword is refused with ``file:line``. Header fields ``Language``,
``Last-Translator``, ``PO-Revision-Date`` and ``X-Document`` (the release a draft was
made from) become provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime

from tmserver.errors import BilingualFileError
from tmserver.formats.levels import is_exact
from tmserver.formats.model import Draft
from tmserver.formats.model import SourceSegment

_KEYWORD_RE = re.compile(
    r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$'
)
_CONTINUATION_RE = re.compile(r'^"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


@dataclass
class Entry:
    """One PO entry as read."""

    line: int
    msgctxt: str | None = None
    msgid: str | None = None
    msgstr: str = ""
    plural: bool = False
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A PO file: its header fields and entries (header excluded)."""

    header: dict[str, str]
    entries: tuple[Entry, ...]


def _unescape(text: str, name: str, line: int) -> str:
    out = []
    chars = iter(text)
    for char in chars:
        if char == '"':
            raise BilingualFileError(
                "unescaped quote in a string", location=f"{name}:{line}"
            )
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append(_ESCAPES.get(following, following))
    return "".join(out)


def _decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BilingualFileError("not valid UTF-8", location=f"{name}:{line}") from None
    return text.replace("\r\n", "\n")


def read_catalogue(data: bytes, name: str) -> Catalogue:
    """Parse a PO file.

    :raises BilingualFileError: an entry without ``msgid``, a broken line, bad UTF-8;
        the message names the line.
    """
    entries: list[Entry] = []
    current: Entry | None = None
    last_field: str | None = None

    def finish() -> None:
        nonlocal current
        if current is None:
            return
        if current.msgid is None:
            raise BilingualFileError(
                "an entry without msgid", location=f"{name}:{current.line}"
            )
        entries.append(current)
        current = None

    for number, raw in enumerate(_decode(data, name).split("\n"), start=1):
        line = raw.strip()
        if not line:
            finish()
            last_field = None
            continue
        if line.startswith("#~"):
            continue  # obsolete entries are not part of the catalogue
        if line.startswith("#"):
            if current is not None and current.msgid is not None:
                finish()
            current = current or Entry(number)
            if line.startswith("#,"):
                current.flags.update(
                    f.strip() for f in line[2:].split(",") if f.strip()
                )
            elif line.startswith(("#.", "# ")) or line == "#":
                current.comments.append(line[2:].strip())
            continue
        keyword = _KEYWORD_RE.match(line)
        if keyword:
            key, value = keyword.group(1), _unescape(keyword.group(2), name, number)
            if (
                key in ("msgctxt", "msgid")
                and current is not None
                and (
                    current.msgid is not None
                    and (key == "msgctxt" or last_field != "msgctxt")
                )
            ):
                finish()
            current = current or Entry(number)
            _set(current, key, value)
            last_field = key
            continue
        continuation = _CONTINUATION_RE.match(line)
        if continuation and current is not None and last_field:
            _append(current, last_field, _unescape(continuation.group(1), name, number))
            continue
        raise BilingualFileError(
            f"not a PO line: {line[:40]!r}", location=f"{name}:{number}"
        )
    finish()
    header: dict[str, str] = {}
    body = []
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None and not header:
            header = _header(entry.msgstr)
        else:
            body.append(entry)
    return Catalogue(header, tuple(body))


def _set(entry: Entry, key: str, value: str) -> None:
    if key == "msgctxt":
        entry.msgctxt = value
    elif key == "msgid":
        entry.msgid = value
    elif key == "msgid_plural":
        entry.plural = True
    elif key in ("msgstr", "msgstr[0]"):
        entry.msgstr = value


def _append(entry: Entry, key: str, value: str) -> None:
    if key == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif key == "msgid":
        entry.msgid = (entry.msgid or "") + value
    elif key in ("msgstr", "msgstr[0]"):
        entry.msgstr += value


def _header(text: str) -> dict[str, str]:
    fields = {}
    for line in text.split("\n"):
        key, colon, value = line.partition(":")
        if colon:
            fields[key.strip()] = value.strip()
    return fields


def header_date(header: dict[str, str]) -> datetime | None:
    """``PO-Revision-Date`` as a datetime (``2026-12-04 18:30+0100``), if valid."""
    value = header.get("PO-Revision-Date", "")
    for pattern in ("%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M:%S%z"):
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None


def read_sources(data: bytes, name: str) -> list[SourceSegment]:
    """The English entries of a PO (or POT) given as a release."""
    catalogue = read_catalogue(data, name)
    language = catalogue.header.get("X-Source-Language", "en")
    if language.split("_")[0].split("-")[0].lower() != "en":
        raise BilingualFileError(
            f"the source language is {language}, not English", location=f"{name}:1"
        )
    return [
        SourceSegment(
            id=entry.msgctxt or f"e{number + 1}",
            text=entry.msgid or "",
            paragraph=number,
            index=0,
            end=len(entry.msgid or ""),
            context=entry.msgctxt or "",
            location=f"{name}:{entry.line}",
        )
        for number, entry in enumerate(catalogue.entries)
        if (entry.msgid or "").strip()
    ]


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _header_value(text: str) -> str:
    """A header field value: no quotes, backslashes or line breaks to escape."""
    return "".join(c for c in text if c not in '"\\\n\r')


def write_po(draft: Draft) -> bytes:
    """The draft as a PO catalogue (see the module docstring)."""
    header = (
        f"Language: {draft.target_lang}\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        f"PO-Revision-Date: {draft.created.strftime('%Y-%m-%d %H:%M%z')}\\n"
        "X-Generator: tmserver pretranslate\\n"
        "X-Source-Language: en\\n"
        f"X-Document: {_header_value(draft.release.name)}\\n"
    )
    lines = [
        f"# Pre-translation of {draft.release.name}",
        'msgid ""',
        'msgstr ""',
        *(f'"{part}\\n"' for part in header.split("\\n") if part),
        "",
    ]
    for item in draft.segments:
        comment = f"#. level: {item.level}"
        if item.quality:
            comment += f" ({item.quality:.0f} %)"
        if item.origin:
            comment += f"; origin: {item.origin}"
        lines.append(comment)
        for change in item.adapted:
            lines.append(f"#. adapted {change.kind}: {change.old} -> {change.new}")
        for value in item.unadapted:
            lines.append(f"#. not adapted, check: {value}")
        if item.segment.location:
            lines.append(f"#: {item.segment.location.replace(' ', '_')}")
        if item.target and not is_exact(item.level):
            lines.append("#, fuzzy")
        lines.append(f"msgctxt {_quote(item.segment.id)}")
        lines.append(f"msgid {_quote(item.segment.text)}")
        lines.append(f"msgstr {_quote(item.target)}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")
