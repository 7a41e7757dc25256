"""The stored memory as the linter's :class:`~tmserver.lint.memory.MemoryLookup`,
served by the per-process match index instead of a copy of the memory.

Why: copying every unit of a language pair into an in-process memory cost ~25 s per
worker at 1M units, on the first lint request and again after every write. The
suggestion engine (:class:`~tmserver.services.suggest.MatchEngine`) already keeps a
memory-mapped trigram index of the stored sources that follows writes through a small
delta, so every lookup here is bounded:

* ``best_match``: one index search at the threshold (quality as on amaGama:
  Levenshtein on the texts), the best unit of the same language pair;
* ``term_stems``: the sources holding a term are the intersection of the postings of
  its rarest trigrams (verified as :func:`~tmserver.lint.memory.source_has_term`), their
  units fetched by id until :data:`~tmserver.lint.memory.MAX_TERM_UNITS` distinct
  translations are seen;
* ``known_acronyms``: a lazy set: an acronym counts as kept when a memory unit whose
  source has it keeps it in the target (a bounded look at such units);
* ``ratio_bounds``: percentiles of a bounded sample read from the database.

Answers are cached per process until the store's change counter moves, in a cache
bounded by size (least recently used answers dropped first).
"""

from __future__ import annotations

import dataclasses
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from tmserver.lint.memory import MAX_TERM_UNITS
from tmserver.lint.memory import MemoryMatch
from tmserver.lint.memory import acronyms_in
from tmserver.lint.memory import shared_term_stems
from tmserver.lint.memory import source_has_term
from tmserver.services.suggest import MatchEngine
from tmserver.store import lint_queries
from tmserver.store import match_queries
from tmserver.store.queries import change_counter

#: Trigram posting lists intersected to find the sources holding a term.
#: Most candidate sources verified for one term (bounds the work of common words).
_MAX_TERM_SOURCES = 2_000
#: Most units fetched for one term or acronym.
_MAX_TERM_FETCH = 200
#: Units whose source has an acronym looked at to see whether targets keep it.
_MAX_ACRONYM_UNITS = 50
#: Units read to learn the usual target/source length ratio.
_RATIO_SAMPLE = 20_000
#: Marks an answer not cached yet (None is a cached answer).
_UNKNOWN = object()


class LintMemoryCache:
    """Per-process answers of :class:`StoreMemory`, valid for one change counter.

    Bounded by size: a read-only server never sees the counter move, so without a
    bound every distinct sentence linted would stay cached for the process's life.
    The least recently used answers go first once about ``max_bytes`` are held.
    Threads of one worker share the cache, hence the lock.
    """

    def __init__(self, max_bytes: int = 32 * 1024**2) -> None:
        self.counter = -1
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def reset(self, counter: int) -> None:
        """Forget every answer when the memory changed."""
        with self._lock:
            if counter != self.counter:
                self.counter = counter
                self._entries.clear()
                self.size = 0

    def get(self, kind: str, key: tuple) -> Any:
        """The cached answer, or :data:`_UNKNOWN`."""
        with self._lock:
            found = self._entries.get((kind, *key))
            if found is None:
                return _UNKNOWN
            self._entries.move_to_end((kind, *key))
            return found[0]

    def put(self, kind: str, key: tuple, value: Any) -> None:
        """Cache ``value``, dropping the least recently used answers over the bound."""
        full_key = (kind, *key)
        size = _approx_size(full_key) + _approx_size(value)
        with self._lock:
            previous = self._entries.pop(full_key, None)
            if previous is not None:
                self.size -= previous[1]
            if size > self.max_bytes:
                return
            self._entries[full_key] = (value, size)
            self.size += size
            while self.size > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped


def _approx_size(value: Any, depth: int = 0) -> int:
    """Bytes a cached key or answer holds, roughly (strings and their containers)."""
    size = sys.getsizeof(value)
    if depth > 2:
        return size
    if isinstance(value, (tuple, list, frozenset, set)):
        size += sum(_approx_size(item, depth + 1) for item in value)
    elif dataclasses.is_dataclass(value):
        size += sum(
            _approx_size(getattr(value, f.name), depth + 1)
            for f in dataclasses.fields(value)
        )
    return size


class StoreMemory:
    """The stored memory, looked up through the match engine (one per request)."""

    def __init__(
        self,
        session: Session,
        engine: MatchEngine,
        cache: LintMemoryCache | None = None,
    ) -> None:
        self.session = session
        self.engine = engine
        self.cache = cache or LintMemoryCache()
        counter = change_counter(session)
        if counter != engine.snapshot(session).counter:
            # a write since the last refresh: fold it in now (the delta, no rebuild)
            engine.ensure_fresh(session, force=True)
        self.cache.reset(counter)
        self._counterparts: dict[tuple[str, str], frozenset[str]] = {}

    # --------------------------------------------------------------- best match
    def best_match(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        min_quality: float = 95.0,
    ) -> MemoryMatch | None:
        """The best unit of the pair whose source reaches ``min_quality``."""
        key = (source, source_lang, target_lang, min_quality)
        known = self.cache.get("match", key)
        if known is not _UNKNOWN:
            return known  # type: ignore[no-any-return]
        found = self._best_match(source, source_lang, target_lang, min_quality)
        self.cache.put("match", key, found)
        return found

    def _best_match(
        self, source: str, source_lang: str, target_lang: str, min_quality: float
    ) -> MemoryMatch | None:
        hits = self.engine.candidates(
            self.session,
            source,
            source_lang,
            [target_lang],
            min_quality=min_quality,
            limit=3,
            max_verify=500,
        )
        hits.sort(key=lambda h: -h.quality)
        for hit in hits:
            units = match_queries.units_by_ids(self.session, hit.unit_ids)
            for unit_id in sorted(units):  # the oldest unit, as the file memory does
                unit = units[unit_id]
                if unit.target_lang == target_lang and unit.target.strip():
                    return MemoryMatch(round(hit.quality, 1), unit.source, unit.target)
        return None

    # -------------------------------------------------------------------- terms
    def term_stems(
        self, term: str, source_lang: str, target_lang: str
    ) -> frozenset[str] | None:
        """Stems every memory translation of ``term`` shares (see the protocol)."""
        key = (term, source_lang, target_lang)
        known = self.cache.get("term", key)
        if known is not _UNKNOWN:
            return known  # type: ignore[no-any-return]
        targets = self._targets_with(term, source_lang, target_lang, term_check=True)
        found = shared_term_stems(term, targets)
        self.cache.put("term", key, found)
        return found

    def _targets_with(
        self, text: str, source_lang: str, target_lang: str, *, term_check: bool
    ) -> set[str]:
        """Distinct targets (up to :data:`MAX_TERM_UNITS`) of units of the pair whose
        source holds ``text`` (as a term, or as a whole word)."""
        holds = _term_test(text) if term_check else _word_test(text)
        distinct: set[str] = set()
        fetched = 0
        for batch in self._unit_ids_with(text, source_lang, target_lang, holds):
            units = match_queries.units_by_ids(self.session, batch)
            fetched += len(batch)
            for unit_id in sorted(units):
                unit = units[unit_id]
                if unit.target_lang == target_lang and unit.target.strip():
                    distinct.add(unit.target)
            if len(distinct) >= MAX_TERM_UNITS or fetched >= _MAX_TERM_FETCH:
                break
        return distinct

    def _unit_ids_with(
        self,
        text: str,
        source_lang: str,
        target_lang: str,
        holds: Callable[[str], bool],
    ) -> Iterator[list[int]]:
        """Batches of unit ids whose source passes ``holds`` (index, then delta)."""
        snapshot = self.engine.snapshot(self.session)
        index = snapshot.indexes.get(source_lang)
        if index is not None:
            bits = index.target_bits([target_lang])
            batch: list[int] = []
            for entry in (
                index.entries_containing(text, limit=_MAX_TERM_SOURCES) if bits else ()
            ):
                if holds(index.text(int(entry))):
                    batch.extend(index.units_of(int(entry), bits))
                    if len(batch) >= MAX_TERM_UNITS:
                        yield batch
                        batch = []
            if batch:
                yield batch
        recent = [
            row[0]
            for row in snapshot.delta
            if row[1] == source_lang and row[3] == target_lang and holds(row[2])
        ]
        for start in range(0, len(recent), MAX_TERM_UNITS):
            yield recent[start : start + MAX_TERM_UNITS]

    # ----------------------------------------------------------------- acronyms
    def known_acronyms(self, target_lang: str) -> _KnownAcronyms:
        """Acronyms the memory keeps in translations into ``target_lang`` (lazy)."""
        return _KnownAcronyms(self, target_lang)

    def keeps_acronym(self, acronym: str, target_lang: str) -> bool:
        """Whether a memory unit with ``acronym`` in its source keeps it."""
        key = (acronym, target_lang)
        known = self.cache.get("acronym", key)
        if known is not _UNKNOWN:
            return bool(known)
        snapshot = self.engine.snapshot(self.session)
        source_langs = set(snapshot.indexes) | {row[1] for row in snapshot.delta}
        kept = any(
            acronym in acronyms_in(target)
            for source_lang in sorted(source_langs)
            for target in self._targets_with(
                acronym, source_lang, target_lang, term_check=False
            )
        )
        self.cache.put("acronym", key, kept)
        return kept

    def acronym_counterparts(self, acronym: str, target_lang: str) -> frozenset[str]:
        """Local acronyms the memory's translations use for ``acronym`` (CNB →
        HNB): acronyms of targets that lack it, seen in two targets or more and
        shaped like it (about as long, half its letters shared). Per request."""
        key = (acronym, target_lang)
        known = self._counterparts.get(key)
        if known is not None:
            return known
        snapshot = self.engine.snapshot(self.session)
        source_langs = set(snapshot.indexes) | {row[1] for row in snapshot.delta}
        seen: dict[str, int] = {}
        for source_lang in sorted(source_langs):
            for target in self._targets_with(
                acronym, source_lang, target_lang, term_check=False
            ):
                found = acronyms_in(target)
                if acronym in found:
                    continue
                for other in found:
                    seen[other] = seen.get(other, 0) + 1
        counterparts = frozenset(
            other
            for other, count in seen.items()
            if count >= 2 and _shaped_like(acronym, other)
        )
        self._counterparts[key] = counterparts
        return counterparts

    # ------------------------------------------------------------ length ratios
    def ratio_bounds(
        self, source_lang: str, target_lang: str, *, min_chars: int = 25
    ) -> tuple[float, float] | None:
        """The 1st and 99th percentile of target/source length in a sample of the
        pair's units (None with fewer than 200 units long enough to say)."""
        key = (source_lang, target_lang)
        known = self.cache.get("ratio", key)
        if known is not _UNKNOWN:
            return known  # type: ignore[no-any-return]
        lengths = lint_queries.length_sample(
            self.session,
            source_lang,
            target_lang,
            min_chars=min_chars,
            limit=_RATIO_SAMPLE,
        )
        ratios = sorted(target / source for source, target in lengths)
        bounds = (
            (ratios[len(ratios) // 100], ratios[-1 - len(ratios) // 100])
            if len(ratios) >= 200
            else None
        )
        self.cache.put("ratio", key, bounds)
        return bounds


class _KnownAcronyms:
    """A set-like view: ``"OSCE" in memory.known_acronyms("hr")``."""

    def __init__(self, memory: StoreMemory, target_lang: str) -> None:
        self._memory = memory
        self._target_lang = target_lang

    def __contains__(self, acronym: object) -> bool:
        return isinstance(acronym, str) and self._memory.keeps_acronym(
            acronym, self._target_lang
        )


def _shaped_like(acronym: str, other: str) -> bool:
    """About as long as ``acronym`` and sharing half its letters (IOM / MOM)."""
    if abs(len(acronym) - len(other)) > 1:
        return False
    shared = sum(min(acronym.count(c), other.count(c)) for c in set(acronym))
    return shared * 2 >= max(len(acronym), len(other))


def _term_test(term: str) -> Callable[[str], bool]:
    return lambda source: source_has_term(source, term)


def _word_test(word: str) -> Callable[[str], bool]:
    pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
    return lambda source: pattern.search(source) is not None
