"""The linter's view of a translation memory, and an in-process one (pure core).

Checks talk to :class:`MemoryLookup` only. :class:`InMemoryTM` implements it over
units held in memory (loaded from TMX files or given as pairs); the database-backed
memory of the service implements the same protocol in the service layer.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz

from tmserver.errors import InputDataError
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.stemming import prefix_stems
from tmserver.tmx import TMXLimits
from tmserver.tmx import iter_tmx

_SPACE_RE = re.compile(r"\s+")
_NAME_RE = re.compile(r"\b[A-Z][\w'’-]+")
_ACRONYM_HINT_RE = re.compile(r"\b[A-ZČĆĐŠŽА-ЯЂЈЉЊЋЏ]{2,}\d*(?![^\W\d_])")
#: Capitalised words that start sentences rather than name things.
_COMMON_CAPITALS = frozenset("the a an in on at of for and to by with from".split())


def _contains(sorted_ids: array, value: int) -> bool:
    """Binary search in an ascending array."""
    position = bisect_left(sorted_ids, value)
    return position < len(sorted_ids) and sorted_ids[position] == value


def normalise(text: str) -> str:
    """Lower-cased, whitespace-collapsed text: what "the same source" means."""
    return _SPACE_RE.sub(" ", text).strip().lower()


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """The memory's best unit for a source, with its quality (0–100)."""

    quality: float
    source: str
    target: str


class MemoryLookup(Protocol):
    """What the memory checks need from a translation memory."""

    def best_match(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        min_quality: float = 95.0,
    ) -> MemoryMatch | None:
        """The best unit whose source matches ``source`` at ``min_quality`` or more."""
        ...  # pragma: no cover

    def term_stems(
        self, term: str, source_lang: str, target_lang: str
    ) -> frozenset[str] | None:
        """Target word stems (:func:`tmserver.text.stemming.prefix_stem`) that every
        memory translation of ``term`` shares, or None.

        None when the memory has fewer than three distinct translations with
        ``term``, or they share nothing beyond function words, or so much that
        they are variants of one sentence.
        """
        ...  # pragma: no cover


#: Memory translations of a term looked at (enough to see what they share).
MAX_TERM_UNITS = 20
#: Stems too common to characterise a term's translation.
_FUNCTION_STEMS = frozenset(
    prefix_stems(
        "i u na za od do s sa se je su da ne o po iz kao što koji koja koje ali a te "
        "bi bio bila biti će ce ovo ova ovaj taj to ta još već samo sve svi više"
    )
)


def term_keys(term: str) -> frozenset[str]:
    """The lower-cased capitalised words of ``term`` a memory source must have
    (empty: the term names nothing the memory can be searched for)."""
    return frozenset(w.lower() for w in _NAME_RE.findall(term)) - _COMMON_CAPITALS


def source_has_term(source: str, term: str) -> bool:
    """Whether a memory source holds ``term``: its capitalised words as words, and
    the term itself (case-insensitive) somewhere."""
    keys = term_keys(term)
    if not keys or term.lower() not in source.lower():
        return False
    return keys <= {w.lower() for w in _NAME_RE.findall(source)}


def acronyms_in(target: str) -> set[str]:
    """Acronyms (in Latin script) a memory target keeps."""
    return {cyrillic_to_latin(a) for a in _ACRONYM_HINT_RE.findall(target)}


def shared_term_stems(term: str, targets: Iterable[str]) -> frozenset[str] | None:
    """What :meth:`MemoryLookup.term_stems` returns for the distinct memory
    translations ``targets`` of sentences with ``term``."""
    distinct = set(targets)
    if len(distinct) < 3:
        return None
    shared: set[str] | None = None
    for target in distinct:
        found = set(prefix_stems(target))
        shared = found if shared is None else shared & found
        if not shared:
            break  # the translations agree on nothing
    shared = (shared or set()) - _FUNCTION_STEMS
    # Translations that share much more than the term are variants of one sentence:
    # they say nothing about the term.
    if shared and len(shared) <= len(term.split()) + 2:
        return frozenset(shared)
    return None


class InMemoryTM:
    """A memory held in this process: exact lookups and ≥ 95 % fuzzy lookups.

    Fuzzy candidates are the units that share the first or the last 16 characters
    of the normalised source (a 95 % match differs by a few characters, so one end
    nearly always survives); rapidfuzz's ``ratio`` scores them.
    """

    _KEY = 16

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._targets: list[str] = []
        self._langs: list[tuple[str, str]] = []
        self._exact: dict[tuple[str, str, str], int] = {}
        self._heads: dict[str, list[int]] = {}
        self._tails: dict[str, list[int]] = {}
        self._term_cache: dict[tuple[str, str, str], frozenset[str] | None] = {}
        self._ratios: dict[tuple[str, str], tuple[float, float] | None] = {}
        self._names: dict[str, array] = {}
        self._acronyms: dict[str, set[str]] = {}
        self._counterparts: dict[tuple[str, str], dict[str, int]] = {}

    def __len__(self) -> int:
        return len(self._sources)

    def add(self, source: str, target: str, source_lang: str, target_lang: str) -> None:
        """Add one unit."""
        key = normalise(source)
        if not key or not target.strip():
            return
        index = len(self._sources)
        self._sources.append(source)
        self._targets.append(target)
        self._langs.append((source_lang, target_lang))
        self._exact.setdefault((key, source_lang, target_lang), index)
        self._heads.setdefault(key[: self._KEY], []).append(index)
        self._tails.setdefault(key[-self._KEY :], []).append(index)
        for word in set(_NAME_RE.findall(source)):
            self._names.setdefault(word.lower(), array("I")).append(index)
        if _ACRONYM_HINT_RE.search(target):
            kept = acronyms_in(target)
            self._acronyms.setdefault(target_lang, set()).update(kept)
            if _ACRONYM_HINT_RE.search(source):
                self._learn_counterpart(source, kept, target_lang)

    def add_all(self, units: Iterable[tuple[str, str, str, str]]) -> int:
        """Add ``(source, target, source_lang, target_lang)`` tuples; count them."""
        count = 0
        for source, target, source_lang, target_lang in units:
            self.add(source, target, source_lang, target_lang)
            count += 1
        return count

    def best_match(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        min_quality: float = 95.0,
    ) -> MemoryMatch | None:
        key = normalise(source)
        exact = self._exact.get((key, source_lang, target_lang))
        if exact is not None:
            return MemoryMatch(100.0, self._sources[exact], self._targets[exact])
        if min_quality >= 100:
            return None
        candidates = set(self._heads.get(key[: self._KEY], ()))
        candidates.update(self._tails.get(key[-self._KEY :], ()))
        best: tuple[float, int] | None = None
        for index in candidates:
            if self._langs[index] != (source_lang, target_lang):
                continue
            score = fuzz.ratio(
                key, normalise(self._sources[index]), score_cutoff=min_quality
            )
            if score and (best is None or score > best[0]):
                best = (score, index)
        if best is None:
            return None
        return MemoryMatch(
            round(best[0], 1), self._sources[best[1]], self._targets[best[1]]
        )

    def _term_candidates(self, term: str) -> list[int]:
        """Units whose source has every capitalised word of ``term``.

        Postings are ascending arrays of unit numbers (appended in order), so the
        shortest one is walked and the others are probed by binary search.
        """
        postings = [self._names.get(key) for key in term_keys(term)]
        if not postings or any(p is None for p in postings):
            return []
        postings.sort(key=len)
        shortest, others = postings[0], postings[1:]
        return [i for i in shortest if all(_contains(other, i) for other in others)]

    def _learn_counterpart(self, source: str, kept: set[str], target_lang: str) -> None:
        """One source acronym missing from a target that has one acronym the source
        lacks: a sighting of a local counterpart (CNB → HNB)."""
        english = set(_ACRONYM_HINT_RE.findall(source))
        missing, extra = english - kept, kept - english
        if len(missing) == 1 and len(extra) == 1:
            key = (next(iter(missing)), target_lang)
            counts = self._counterparts.setdefault(key, {})
            other = next(iter(extra))
            counts[other] = counts.get(other, 0) + 1

    def acronym_counterparts(self, acronym: str, target_lang: str) -> frozenset[str]:
        """Local acronyms the memory's translations use for ``acronym`` (seen at
        least twice: CNB → HNB, IOM → MOM)."""
        counts = self._counterparts.get((acronym, target_lang), {})
        return frozenset(other for other, count in counts.items() if count >= 2)

    def known_acronyms(self, target_lang: str) -> frozenset[str]:
        """Acronyms the memory's translations into ``target_lang`` keep."""
        return frozenset(self._acronyms.get(target_lang, ()))

    def ratio_bounds(
        self, source_lang: str, target_lang: str, *, min_chars: int = 25
    ) -> tuple[float, float] | None:
        """The 1st and 99th percentile of target/source length in the memory (None
        with fewer than 200 units long enough to say)."""
        key = (source_lang, target_lang)
        if key not in self._ratios:
            step = max(1, len(self._sources) // 50_000)  # a sample is enough
            ratios = sorted(
                len(self._targets[i]) / len(self._sources[i])
                for i in range(0, len(self._sources), step)
                if self._langs[i] == key and len(self._sources[i]) >= min_chars
            )
            self._ratios[key] = (
                (ratios[len(ratios) // 100], ratios[-1 - len(ratios) // 100])
                if len(ratios) >= 200
                else None
            )
        return self._ratios[key]

    def term_stems(
        self, term: str, source_lang: str, target_lang: str
    ) -> frozenset[str] | None:
        cache_key = (term, source_lang, target_lang)
        if cache_key in self._term_cache:
            return self._term_cache[cache_key]
        needle = term.lower()
        wanted = (source_lang, target_lang)
        distinct: set[str] = set()
        for i in self._term_candidates(term):
            if self._langs[i] == wanted and needle in self._sources[i].lower():
                distinct.add(self._targets[i])
                if len(distinct) >= MAX_TERM_UNITS:
                    break  # enough to see what the translations share
        result = shared_term_stems(term, distinct)
        self._term_cache[cache_key] = result
        return result


def load_tmx_memory(
    paths: Iterable[Path],
    memory: InMemoryTM | None = None,
    *,
    limits: TMXLimits | None = None,
) -> InMemoryTM:
    """An :class:`InMemoryTM` holding every unit of the TMX files in ``paths``
    (directories are searched for ``*.tmx``), read with the streaming TMX reader.

    :raises InputDataError: when a file cannot be read or is not TMX.
    """
    memory = memory or InMemoryTM()
    for path in paths:
        files = sorted(path.rglob("*.tmx")) if path.is_dir() else [path]
        for file in files:
            try:
                units = iter_tmx(file, limits=limits or TMXLimits(), origin="")
                for unit in units:
                    memory.add(
                        unit.source, unit.target, unit.source_lang, unit.target_lang
                    )
            except OSError as error:
                raise InputDataError(
                    f"cannot read memory: {error.strerror}", location=str(file)
                ) from error
    return memory
