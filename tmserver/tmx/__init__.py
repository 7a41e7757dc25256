"""The TMX stage: memories read and written as TMX 1.4b (pure core; lxml only).

Takes TMX files or streams and gives back ``TranslationUnit`` pairs (or raw
multilingual entries with line numbers); takes units and writes TMX. It may import the
base modules and ``tmserver.text``; never build, match, lint or anything above.

Public API::

    iter_tmx(source, *, limits=TMXLimits(), origin=None, source_lang=None,
             on_skip=None) -> Iterator[TranslationUnit]
    write_tmx(units, out, *, source_lang="en", creation_tool="tmserver", ...) -> int
    iter_tmx_entries(source, ...) -> Iterator[TMXEntry]   # raw multilingual <tu>s
    iter_variant_pairs(source, *, target_lang=None, keep_one_sided=False, ...)
        -> Iterator[VariantPair]   # one source/target pair per <tu>, with <seg> lines

Reads TMX 1.4 (and 1.1-1.3, whose structure is the same for what we read), streaming
with bounded memory; see :mod:`tmserver.tmx.entries` for the safety rules,
:mod:`tmserver.tmx.pairs` for how multilingual units become pairs,
:mod:`tmserver.tmx.segment` for inline markup and :mod:`tmserver.tmx.writer` for
export.

What is an error and what is skipped. Every file of the LISA TMX Compliance Kit is
valid TMX and must import, so everything the kit exercises is accepted: BOMs, UTF-16
in both byte orders, ``us-ascii`` declarations, any tag casing, ``lang`` or
``xml:lang``, comments anywhere, ``<ude>``, notes and props at every level, all
inline elements, ``tu``-level ``srclang`` and variants in any order.

Refused with :class:`~tmserver.errors.TMXFormatError` (``location="file:line"``),
the whole file, because its content cannot be trusted or understood:

* not well-formed XML, an encoding error, an empty file, elements nested deeper
  than libxml2's limit of 256 (``huge_tree`` stays off);
* a root element other than ``<tmx>``, a ``version`` other than 1.1-1.4, no
  ``<header>``, a second ``<header>``, a header without ``srclang`` (unless the
  caller names the source language);
* a DOCTYPE with an internal subset (any declaration between ``[`` and ``]``),
  refused from the prolog bytes before libxml2 reads them, with the DOCTYPE's line,
  or an entity reference - billion laughs, XXE (a plain external DOCTYPE such as
  ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is fine and never loaded); an EBCDIC file;
* a ``<tu>`` without any ``<tuv>`` and a ``<tuv>`` without ``<seg>`` (both break the
  DTD's content model), a ``<tuv>`` without ``xml:lang``/``lang`` or with a value
  that is not a language tag, a date that is not ISO 8601.

A path that does not exist raises :class:`~tmserver.errors.NotFoundError`.
Refused with :class:`~tmserver.errors.PayloadTooLargeError`: a file over
``TMXLimits.max_bytes``, more than ``max_units`` units, a segment over
``max_segment_chars`` (with its line). Nothing is truncated.

Skipped (no unit, reported through ``on_skip``), because they are valid TMX that
simply holds no translation pair: a ``<tu>`` with fewer than two variants that have
text (single-variant ``tu``s are allowed by the DTD), a ``<tu>`` without a variant in
the source language (the kit's ``ImportTest1J_many`` expects those to be left out
when importing with another source language), and pairs whose languages normalise to
the same tag (``en-US``/``en-GB``). ``iter_variant_pairs(keep_one_sided=True)``
keeps the one-sided ``tu``s instead (target variant missing or empty), for the
release linter, which reports them.

Errors can surface after some units were yielded (a malformed tail, the unit cap), so
import inside one transaction and roll back on error. Every prolog check (safety,
root, version) runs before the first unit.
"""

from __future__ import annotations

from tmserver.tmx.dates import format_tmx_date
from tmserver.tmx.dates import parse_tmx_date
from tmserver.tmx.entries import TMXEntry
from tmserver.tmx.entries import TMXLimits
from tmserver.tmx.entries import Variant
from tmserver.tmx.entries import iter_tmx_entries
from tmserver.tmx.pairs import VariantPair
from tmserver.tmx.pairs import iter_tmx
from tmserver.tmx.pairs import iter_variant_pairs
from tmserver.tmx.writer import write_tmx

__all__ = [
    "TMXEntry",
    "TMXLimits",
    "Variant",
    "VariantPair",
    "format_tmx_date",
    "iter_tmx",
    "iter_tmx_entries",
    "iter_variant_pairs",
    "parse_tmx_date",
    "write_tmx",
]
