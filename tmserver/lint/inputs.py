"""Read a release into segment pairs with line numbers: TMX, XLIFF 1.2/2.x, PO
(pure core).

Announcements (plain text) are read by :mod:`tmserver.lint.documents`. TMX is read
by the streaming reader the import uses (:func:`tmserver.tmx.iter_variant_pairs`),
so lint and import accept and refuse the same files; XLIFF is parsed whole with the
same safe settings and prolog guard (:mod:`tmserver.tmx.safexml`: no entities, no
DTD, no network, no internal subset). Every pair remembers the line of its target in
the input file, which is what SARIF ``startLine`` and GitHub annotations point at.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from tmserver.errors import DocumentError
from tmserver.errors import InputDataError
from tmserver.errors import TMXFormatError
from tmserver.lint.documents import read_announcement
from tmserver.lint.documents import read_announcement_pair
from tmserver.lint.findings import SegmentPair
from tmserver.text.lang import normalise_tag
from tmserver.tmx.pairs import iter_variant_pairs
from tmserver.tmx.safexml import parse_document
from tmserver.tmx.source import TMXSource
from tmserver.tmx.source import display_name

_SUFFIXES = {
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".po": "po",
    ".pot": "po",
}


def input_kind(path: str | Path) -> str:
    """``tmx``, ``xliff``, ``po`` or ``text`` (announcements) by file name."""
    return _SUFFIXES.get(Path(path).suffix.lower(), "text")


def _text(element: etree._Element | None, path: str = "") -> str:
    """The plain text of a segment (inline markup dropped, its text kept).

    :raises TMXFormatError: for an entity reference left unresolved in the segment.
    """
    if element is None:
        return ""
    for node in element.iter():
        if isinstance(node, etree._Entity):
            raise TMXFormatError(
                "undefined entity in segment", location=f"{path}:{node.sourceline}"
            )
    return "".join(element.itertext())


def read_tmx(
    data: bytes, path: str, *, target_lang: str | None = None
) -> list[SegmentPair]:
    """Pairs of a TMX document held in memory (a request body): :func:`tmx_pairs`."""
    stream = io.BytesIO(data)
    stream.name = path  # the name errors and findings carry
    return tmx_pairs(stream, target_lang=target_lang)


def tmx_pairs(
    source: TMXSource, *, target_lang: str | None = None
) -> list[SegmentPair]:
    """Pairs of a TMX file, read by the streaming reader that imports memories.

    One pair per ``<tu>`` that has a source variant: against ``target_lang``
    (default: the unit's first other language). A missing or empty target is kept
    (the checks report it); the pair's line is its target ``<seg>``'s, the source's
    when there is no target variant. The reader's refusals (bad dates, bad or missing
    ``xml:lang``, a ``<tuv>`` without ``<seg>``, unsafe XML) name file and line.

    :raises TMXFormatError: for malformed, unsafe or non-TMX input.
    :raises PayloadTooLargeError: over the default TMX import limits.
    """
    wanted = normalise_tag(target_lang) if target_lang else None
    path = display_name(source)
    pairs: list[SegmentPair] = []
    for found in iter_variant_pairs(source, target_lang=wanted, keep_one_sided=True):
        source_variant, target = found.source, found.target
        text = target.text if target is not None else ""
        lang = wanted or (target.lang if target is not None else "")
        pairs.append(
            SegmentPair(
                index=len(pairs),
                source=source_variant.text,
                target=text,
                source_lang=source_variant.lang,
                target_lang=_resolve(lang, text),
                path=path,
                line=(target or source_variant).line,
                unit_id=found.entry.tuid or str(found.number),
                source_line=source_variant.line,
            )
        )
    return pairs


def _resolve(tag: str, text: str) -> str:
    if not tag:
        return ""
    return normalise_tag(tag, text)


def read_xliff(
    data: bytes, path: str, *, target_lang: str | None = None
) -> list[SegmentPair]:
    """Pairs of an XLIFF 1.2 (``trans-unit``) or 2.x (``unit/segment``) file."""
    root = parse_document(data, path)
    if etree.QName(root).localname != "xliff":
        raise InputDataError(
            "not an XLIFF document (root is not <xliff>)", location=path
        )
    version2 = root.get("version", "1.2").startswith("2")
    pairs: list[SegmentPair] = []
    files = [f for f in root.iter() if etree.QName(f).localname == "file"]
    for file_element in files:
        holder = root if version2 else file_element
        source_lang = holder.get("srcLang" if version2 else "source-language") or "en"
        lang = (
            target_lang
            or holder.get("trgLang" if version2 else "target-language")
            or ""
        )
        unit_name = "segment" if version2 else "trans-unit"
        for unit in file_element.iter():
            if (
                not isinstance(unit.tag, str)
                or etree.QName(unit).localname != unit_name
            ):
                continue
            source = _child(unit, "source")
            target = _child(unit, "target")
            target_text = _text(target, path)
            owner = unit.getparent() if version2 else unit
            unit_id = (owner.get("id") if owner is not None else None) or unit.get("id")
            pairs.append(
                SegmentPair(
                    index=len(pairs),
                    source=_text(source, path),
                    target=target_text,
                    source_lang=normalise_tag(source_lang),
                    target_lang=_resolve(lang, target_text),
                    path=path,
                    line=(target if target is not None else unit).sourceline or 1,
                    unit_id=unit_id or str(len(pairs) + 1),
                    source_line=source.sourceline if source is not None else None,
                )
            )
    return pairs


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return child
    return None


def read_po(
    data: bytes, path: str, *, target_lang: str | None = None
) -> list[SegmentPair]:
    """Pairs of a gettext PO file (translate-toolkit's parser; lines of ``msgstr``)."""
    from translate.storage.pypo import pofile  # local: heavy import only for PO

    try:
        store = pofile(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise InputDataError(f"unreadable PO file: {error}", location=path) from error
    lang = target_lang or (store.gettargetlanguage() or "")
    lines = _msgstr_lines(data.decode("utf-8", "replace"))
    pairs: list[SegmentPair] = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        source, target = str(unit.source), str(unit.target)
        line = lines.get(source, 1)
        pairs.append(
            SegmentPair(
                index=len(pairs),
                source=source,
                target=target,
                source_lang="en",
                target_lang=_resolve(lang, target),
                path=path,
                line=line,
                unit_id=(unit.getcontext() + "\x04" if unit.getcontext() else "")
                + source,
            )
        )
    return pairs


def _msgstr_lines(text: str) -> dict[str, int]:
    """1-based line of the ``msgstr`` of each msgid (by its unescaped one-line text)."""
    found: dict[str, int] = {}
    msgid: list[str] = []
    collecting = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("msgid "):
            msgid, collecting = [stripped[6:]], True
        elif collecting and stripped.startswith('"'):
            msgid.append(stripped)
        elif stripped.startswith("msgstr"):
            collecting = False
            source = "".join(_unquote(part) for part in msgid)
            found.setdefault(source, number)
        else:
            collecting = False
    return found


def _unquote(part: str) -> str:
    part = part.strip()
    if part.startswith('"') and part.endswith('"'):
        part = part[1:-1]
    return (
        part.replace('\\"', '"')
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\\\", "\\")
    )


def read_file_pairs(path: Path, *, target_lang: str | None = None) -> list[SegmentPair]:
    """Pairs of one TMX, XLIFF or PO file (TMX streamed, the others read whole).

    :raises InputDataError: when the file cannot be read or parsed.
    """
    kind = input_kind(path)
    if kind == "tmx":
        return tmx_pairs(path, target_lang=target_lang)
    reader = {"xliff": read_xliff, "po": read_po}.get(kind)
    if reader is None:
        raise InputDataError("not a TMX, XLIFF or PO file", location=str(path))
    return reader(_read_bytes(path), str(path), target_lang=target_lang)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputDataError(
            f"cannot read: {error.strerror}", location=str(path)
        ) from error


_LANG_SUFFIX_RE = re.compile(
    r"^(?P<stem>.+?)[._-](?P<lang>en|bs|hr|cnr|sr(?:[-_@](?:latn|cyrl|latin))?)$", re.I
)


def _lang_of_name(path: Path) -> tuple[str, str] | None:
    match = _LANG_SUFFIX_RE.match(path.stem)
    return (match.group("stem"), match.group("lang")) if match else None


def read_release(
    paths: Sequence[Path], *, target_lang: str | None = None
) -> list[list[SegmentPair]]:
    """Pairs per input: TMX/XLIFF/PO files, one-file announcements, and English +
    local announcement files named ``NAME.en.txt`` + ``NAME.hr.txt`` (or ``_en``).

    :raises InputDataError: when a file cannot be read or understood.
    """
    texts = [p for p in paths if input_kind(p) == "text"]
    by_stem: dict[str, dict[str, Path]] = {}
    for path in texts:
        named = _lang_of_name(path)
        if named:
            by_stem.setdefault(str(path.parent / named[0]), {})[named[1].lower()] = path
    paired: dict[Path, tuple[Path, Path, str]] = {}
    for group in by_stem.values():
        english = group.get("en")
        locals_ = [(lang, p) for lang, p in group.items() if lang != "en"]
        if english is not None and len(locals_) == 1:
            lang, local = locals_[0]
            paired[english] = (english, local, lang)
            paired[local] = (english, local, lang)
    results: list[list[SegmentPair]] = []
    done: set[Path] = set()
    for path in paths:
        if path in done:
            continue
        if input_kind(path) != "text":
            results.append(read_file_pairs(path, target_lang=target_lang))
        elif path in paired:
            english, local, lang = paired[path]
            done.update({english, local})
            results.append(
                read_announcement_pair(
                    _read_text(english),
                    _read_text(local),
                    str(english),
                    str(local),
                    target_lang=target_lang or lang,
                )
            )
        else:
            results.append(
                read_announcement(_read_text(path), str(path), target_lang=target_lang)
            )
        done.add(path)
    return results


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    if b"\x00" in data[:4096]:
        raise DocumentError("binary file, not a text announcement", location=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"not UTF-8 text (byte {error.start})", location=str(path)
        ) from error
