"""From TMX entries to translation units: choosing source and target variants.

A ``<tu>`` holds two or more language variants. Each becomes one unit per
(source variant, other variant) pair:

* with a known source language (caller's ``source_lang``, else the ``tu``'s
  ``srclang``, else the header's), the first variant in that language is the source
  and every variant in another language gives one unit; a ``tu`` without a variant in
  the source language gives none;
* with ``srclang="*all*"`` every variant may be the source, so every ordered pair of
  variants in different languages gives a unit (a bilingual en/hr ``tu`` gives
  en→hr and hr→en): the memory can then be queried in both directions, which is
  what ``*all*`` promises.

Variants whose plain text is empty or blank are not usable, and two variants whose
tags normalise to the same language (``en-US`` and ``en-GB`` are both ``en``) are not
a translation pair. Provenance: the first ``x-context`` prop of the ``tu`` is the
unit's context and the first ``x-origin`` prop its origin; every other prop of the
``tu`` and of the two variants is kept in ``props`` (exact duplicates once), and the
notes of the ``tu`` and of both variants are joined by newlines.

A bilingual reader that needs the variants themselves (their ``<seg>`` lines), such
as the release linter, takes one :class:`VariantPair` per ``tu`` from
:func:`iter_variant_pairs` instead, optionally keeping the one-sided ones.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import NamedTuple

from tmserver.errors import PayloadTooLargeError
from tmserver.tmx.entries import DEFAULT_LIMITS
from tmserver.tmx.entries import TMXEntry
from tmserver.tmx.entries import TMXLimits
from tmserver.tmx.entries import Variant
from tmserver.tmx.entries import iter_tmx_entries
from tmserver.tmx.source import TMXSource
from tmserver.tmx.source import display_name
from tmserver.tmx.source import origin_name
from tmserver.units import TranslationUnit

CONTEXT_PROP = "x-context"
ORIGIN_PROP = "x-origin"

#: Called with ``(location, reason)`` for every ``tu`` that gives no unit.
SkipHandler = Callable[[str, str], None]


def iter_tmx(
    source: TMXSource,
    *,
    limits: TMXLimits = DEFAULT_LIMITS,
    origin: str | None = None,
    source_lang: str | None = None,
    on_skip: SkipHandler | None = None,
) -> Iterator[TranslationUnit]:
    """Stream the translation units of a TMX file.

    :param source: a path or a binary file object.
    :param origin: origin of units without an ``x-origin`` prop; None means the file
        name, ``""`` means none.
    :param source_lang: read every ``tu`` with this source language.
    :param on_skip: told about each ``tu`` that gives no unit, and why.
    :raises TMXFormatError: for malformed, unsafe or non-TMX input; units already
        yielded must then be discarded (import inside one transaction).
    :raises PayloadTooLargeError: when the input exceeds ``limits``.
    """
    default_origin = origin_name(source) if origin is None else origin
    name = display_name(source)
    count = 0
    entries = iter_tmx_entries(source, limits=limits, source_lang=source_lang)
    for entry in entries:
        units, reason = entry_units(entry, default_origin)
        if not units and on_skip is not None:
            on_skip(f"{name}:{entry.line}", reason)
        count += len(units)
        if count > limits.max_units:
            raise PayloadTooLargeError(
                f"more than {limits.max_units} translation units",
                location=f"{name}:{entry.line}",
            )
        yield from units


class VariantPair(NamedTuple):
    """A ``<tu>``'s source variant and its target variant, for a bilingual reader.

    ``number`` is the 1-based position of the ``<tu>`` in the file; ``target`` is None
    for a one-sided unit (see :func:`iter_variant_pairs`).
    """

    entry: TMXEntry
    number: int
    source: Variant
    target: Variant | None


def iter_variant_pairs(
    source: TMXSource,
    *,
    limits: TMXLimits = DEFAULT_LIMITS,
    target_lang: str | None = None,
    keep_one_sided: bool = False,
    on_skip: SkipHandler | None = None,
) -> Iterator[VariantPair]:
    """One pair per ``<tu>``: its source variant and its first other-language variant.

    Unlike :func:`iter_tmx` this keeps the variants, so their ``<seg>`` lines reach
    the caller. The source is the first variant in the ``tu``'s source language
    (with ``srclang="*all*"``: the first variant not in ``target_lang``); the target
    is the first variant in another language, in ``target_lang``'s language when it
    is given (``sr`` and ``sr-Latn`` both match ``sr-Cyrl``).

    :param keep_one_sided: also give ``tu``s whose target variant is missing
        (``target`` None) or has no text: a release linter must report those.
        Without it they are skipped, as :func:`iter_tmx` skips them.
    :param on_skip: told about each ``tu`` that gives no pair, and why.
    :raises TMXFormatError: for malformed, unsafe or non-TMX input.
    :raises PayloadTooLargeError: when the input exceeds ``limits``.
    """
    name = display_name(source)
    wanted = target_lang.split("-")[0] if target_lang else None
    entries = iter_tmx_entries(source, limits=limits)
    for number, entry in enumerate(entries, 1):
        variants = entry.variants if keep_one_sided else _usable(entry)
        pair = _variant_pair(entry, number, variants, wanted, keep_one_sided)
        if isinstance(pair, str):
            if on_skip is not None:
                on_skip(f"{name}:{entry.line}", pair)
        else:
            yield pair


def _variant_pair(
    entry: TMXEntry,
    number: int,
    variants: Sequence[Variant],
    wanted: str | None,
    keep_one_sided: bool,
) -> VariantPair | str:
    """The pair of one entry, or the reason it has none."""
    source = _source_variant(variants, entry.srclang, wanted)
    if source is None:
        return f"no variant in the source language {entry.srclang or 'of the unit'}"
    for target in variants:
        if target.lang != source.lang and (
            wanted is None or _is_language(target.lang, wanted)
        ):
            return VariantPair(entry, number, source, target)
    if keep_one_sided:
        return VariantPair(entry, number, source, None)
    return f"no variant with text in {wanted or 'another language'}"


def _source_variant(
    variants: Sequence[Variant], srclang: str | None, wanted: str | None
) -> Variant | None:
    for variant in variants:
        if srclang is not None:
            if _is_language(variant.lang, srclang):
                return variant
        elif wanted is None or not _is_language(variant.lang, wanted):
            return variant
    return None


def _usable(entry: TMXEntry) -> list[Variant]:
    """The variants that hold text (not empty, not only white space)."""
    return [v for v in entry.variants if v.text and not v.text.isspace()]


def entry_units(
    entry: TMXEntry, default_origin: str = ""
) -> tuple[list[TranslationUnit], str]:
    """The units of one entry, and the reason when there are none."""
    usable = _usable(entry)
    if len(usable) < 2:
        return [], "fewer than two variants with text"
    srclang = entry.srclang
    if srclang is None:
        sources = usable
    else:
        for variant in usable:
            if _is_language(variant.lang, srclang):
                sources = [variant]
                break
        else:
            return [], f"no variant in the source language {srclang}"
    context = origin = ""
    props = entry.props
    if props:
        context, origin, props = _split_props(props)
    origin = origin or default_origin
    units = [
        _unit(entry, src, tgt, context, origin, props)
        for src in sources
        for tgt in usable
        if tgt.lang != src.lang
    ]
    return units, "" if units else "all variants are in the same language"


def _is_language(tag: str, wanted: str) -> bool:
    """``tag`` is ``wanted`` or a more specific form of it (``sr-Latn`` for ``sr``)."""
    return tag == wanted or tag.startswith(wanted + "-")


def _split_props(
    props: tuple[tuple[str, str], ...],
) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    context = origin = None
    rest: list[tuple[str, str]] = []
    for kind, value in props:
        if kind == CONTEXT_PROP and context is None:
            context = value
        elif kind == ORIGIN_PROP and origin is None:
            origin = value
        else:
            rest.append((kind, value))
    return context or "", origin or "", tuple(rest)


def _unit(
    entry: TMXEntry,
    source: Variant,
    target: Variant,
    context: str,
    origin: str,
    props: tuple[tuple[str, str], ...],
) -> TranslationUnit:
    if source.props or target.props:
        props = tuple(dict.fromkeys(props + source.props + target.props))
    notes = entry.notes
    if source.notes or target.notes:
        notes = notes + source.notes + target.notes
    return TranslationUnit(
        source=source.text,
        target=target.text,
        source_lang=source.lang,
        target_lang=target.lang,
        context=context,
        origin=origin,
        note="\n".join(dict.fromkeys(notes)) if notes else "",
        created=entry.created or target.created or source.created,
        changed=entry.changed or target.changed or source.changed,
        source_markup=source.markup,
        target_markup=target.markup,
        props=props,
    )
