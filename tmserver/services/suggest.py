"""Suggestion use cases: the per-process match engine, suggest, languages, concordance.

The engine keeps one :class:`~tmserver.match.index.SourceIndex` per source language,
derived from the units table. It polls the store's change counter (at most every
``refresh_seconds``) so writes by other processes show up within seconds:

* rows added since the index was built (ids above its highest id, no deletions) go to
  a small *delta* list searched by brute force, so an API write is visible at once
  without a rebuild;
* a deletion (the census no longer adds up) or a delta over ``delta_limit`` rows
  triggers a rebuild.

Rebuilds are written under ``cache_dir`` (the instance directory) as ``.npy`` files
named for the memory state and opened memory-mapped: the first gunicorn worker that
needs an index builds it under a file lock, the others map the same files, so the
index's pages are shared between workers.
"""

from __future__ import annotations

import fcntl
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import UTC
from datetime import datetime
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy.orm import Session

from tmserver.build.segment import split_sentences
from tmserver.match.index import IndexHit
from tmserver.match.index import SourceIndex
from tmserver.match.rank import Alternative
from tmserver.match.rank import Suggestion
from tmserver.match.rank import merge_and_rank
from tmserver.match.rank import sort_key
from tmserver.match.substitute import adapt
from tmserver.match.substitute import has_placeables as query_has_placeables
from tmserver.match.substitute import placeables_of as query_placeables
from tmserver.store import match_queries
from tmserver.store import queries
from tmserver.text.lang import normalise_tag
from tmserver.text.lang import transliterate
from tmserver.text.lang import wire_code
from tmserver.text.letters import has_letter
from tmserver.text.letters import is_letterless_pair
from tmserver.units import TranslationUnit

_SCRIPT_TWIN = {"sr-Latn": "sr-Cyrl", "sr-Cyrl": "sr-Latn"}


@dataclass(frozen=True, slots=True)
class MatchPolicy:
    """Everything that decides which suggestions come back, passed down explicitly.

    :param min_similarity: lowest adjusted quality returned (percent).
    :param max_candidates: most suggestions returned.
    :param placeables: substitute placeable values and rank such matches near-exact.
    :param placeable_slack: how far below ``min_similarity`` the raw quality of a
        candidate may be when the query has placeables (its adjusted quality can
        still reach the threshold once dates and numbers are masked); used when the
        plain search finds fewer than ``max_candidates`` matches.
    :param transliterate: serve sr-Latn from sr-Cyrl memory and vice versa.
    :param context_penalty: points off when the caller's context differs from the
        unit's (0 = off; Weblate uses 5 %).
    :param age_penalty_per_year: points off per year since the unit last changed.
    :param age_penalty_max: cap of the age penalty.
    :param max_verify: candidates verified per query (the index's recall cap).
    """

    min_similarity: float = 70.0
    max_candidates: int = 5
    placeables: bool = True
    placeable_slack: float = 10.0
    transliterate: bool = True
    context_penalty: float = 0.0
    age_penalty_per_year: float = 0.0
    age_penalty_max: float = 10.0
    max_verify: int = 500


@dataclass
class _Snapshot:
    counter: int
    indexed_count: int
    max_id: int
    indexes: dict[str, SourceIndex]
    delta: list[tuple[int, str, str, str]] = field(default_factory=list)
    pairs: list[tuple[str, str]] | None = None
    pairs_counter: int = -1


class MatchEngine:
    """The per-process suggestion index and its freshness bookkeeping."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        refresh_seconds: float = 2.0,
        delta_limit: int = 20_000,
    ) -> None:
        self.cache_dir = cache_dir
        self.refresh_seconds = refresh_seconds
        self.delta_limit = delta_limit
        self._snapshot: _Snapshot | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self.last_build_seconds: float | None = None

    # ----------------------------------------------------------------- freshness
    def ensure_fresh(self, session: Session, *, force: bool = False) -> None:
        """Bring the index up to date with the database if the counter moved."""
        now = time.monotonic()
        if not force and self._snapshot and now - self._checked < self.refresh_seconds:
            return
        with self._lock:
            self._checked = now
            counter = queries.change_counter(session)
            snapshot = self._snapshot
            if snapshot is not None and snapshot.counter == counter and not force:
                return
            census = match_queries.unit_census(session)
            if snapshot is not None and self._extend(session, snapshot, census):
                snapshot.counter = counter
                return
            self._snapshot = self._load_or_build(session, counter, census)

    def _extend(
        self,
        session: Session,
        snapshot: _Snapshot,
        census: match_queries.UnitCensus,
    ) -> bool:
        newest = snapshot.delta[-1][0] if snapshot.delta else snapshot.max_id
        added = list(match_queries.iter_index_rows(session, after_id=newest))
        total = snapshot.indexed_count + len(snapshot.delta) + len(added)
        if total != census.count or len(snapshot.delta) + len(added) > self.delta_limit:
            return False
        snapshot.delta.extend(added)
        return True

    def _load_or_build(
        self, session: Session, counter: int, census: match_queries.UnitCensus
    ) -> _Snapshot:
        if self.cache_dir is None:
            return self._build(session, counter, census)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        name = f"index-{counter}-{census.count}-{census.max_id}"
        target = self.cache_dir / name
        with open(self.cache_dir / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not (target / "complete").exists():
                    built = self._build(session, counter, census)
                    _save(built, target)
                    _prune(self.cache_dir, keep=name)
                    del built  # serve from the mapped files, shared with other workers
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return _load(target, counter, census)

    def _build(
        self, session: Session, counter: int, census: match_queries.UnitCensus
    ) -> _Snapshot:
        started = time.perf_counter()
        by_lang: dict[str, list[tuple[int, str, str]]] = {}
        for unit_id, slang, source, tlang in match_queries.iter_index_rows(session):
            by_lang.setdefault(slang, []).append((unit_id, source, tlang))
        indexes = {
            slang: SourceIndex.build(slang, rows) for slang, rows in by_lang.items()
        }
        self.last_build_seconds = time.perf_counter() - started
        return _Snapshot(counter, census.count, census.max_id, indexes)

    def language_pairs(self, session: Session) -> list[tuple[str, str]]:
        """The memory's (source, target) pairs, cached until the counter moves."""
        snapshot = self.snapshot(session)
        if snapshot.pairs is None or snapshot.pairs_counter != snapshot.counter:
            snapshot.pairs = queries.language_pairs(session)
            snapshot.pairs_counter = snapshot.counter
        return snapshot.pairs

    def snapshot(self, session: Session) -> _Snapshot:
        """The current snapshot (refreshed if due)."""
        self.ensure_fresh(session)
        assert self._snapshot is not None
        return self._snapshot

    # -------------------------------------------------------------------- search
    def candidates(
        self,
        session: Session,
        query: str,
        source_lang: str,
        target_langs: list[str],
        *,
        min_quality: float,
        limit: int,
        max_verify: int,
        lengths: tuple[int, int] | None = None,
    ) -> list[IndexHit]:
        """Best source texts for ``query`` from the index and the delta."""
        snapshot = self.snapshot(session)
        hits: list[IndexHit] = []
        index = snapshot.indexes.get(source_lang)
        if index is not None:
            bits = index.target_bits(target_langs)
            hits.extend(
                index.search(
                    query,
                    bits,
                    min_quality=min_quality,
                    limit=limit,
                    max_verify=max_verify,
                    lengths=lengths,
                )
            )
        hits.extend(
            _search_delta(
                snapshot.delta, query, source_lang, target_langs, min_quality, limit
            )
        )
        return hits


def _save(snapshot: _Snapshot, target: Path) -> None:
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for slang, index in snapshot.indexes.items():
        index.save(staging / slang)
    staging.mkdir(parents=True, exist_ok=True)
    (staging / "complete").write_text("ok", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def _load(target: Path, counter: int, census: match_queries.UnitCensus) -> _Snapshot:
    indexes = {
        path.name: SourceIndex.load(path)
        for path in sorted(target.iterdir())
        if path.is_dir()
    }
    return _Snapshot(counter, census.count, census.max_id, indexes)


def _prune(cache_dir: Path, keep: str) -> None:
    for path in cache_dir.glob("index-*"):
        if path.name != keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _search_delta(
    delta: list[tuple[int, str, str, str]],
    query: str,
    source_lang: str,
    target_langs: list[str],
    min_quality: float,
    limit: int,
) -> list[IndexHit]:
    rows = [r for r in delta if r[1] == source_lang and r[3] in target_langs]
    if not rows:
        return []
    found = process.extract(
        query,
        [r[2] for r in rows],
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=min_quality / 100.0,
        limit=limit * 4,
    )
    hits: dict[str, IndexHit] = {}
    for text, score, position in found:
        unit_id = rows[position][0]
        known = hits.get(text)
        ids = (known.unit_ids if known else ()) + (unit_id,)
        hits[text] = IndexHit(-1, text, 100.0 * score, ids)
    return list(hits.values())


# ------------------------------------------------------------------------ use cases


def resolve_target(tag: str) -> str:
    """Canonical target tag; a bare ``sr`` is Cyrillic, as Weblate's ``sr`` is."""
    canonical = normalise_tag(tag)
    return "sr-Cyrl" if canonical == "sr" else canonical


def suggest(
    session: Session,
    engine: MatchEngine,
    text: str,
    source_lang: str,
    target_lang: str,
    policy: MatchPolicy,
    *,
    context: str = "",
    now: datetime | None = None,
) -> list[Suggestion]:
    """The best suggestions for ``text``, ranked (see :mod:`tmserver.match.rank`).

    Which sources come back is decided on the raw quality, so the answer holds the
    true top ``max_candidates`` stored sources at or above ``min_similarity`` (what a
    brute-force scan finds): one entry per source, its other translations attached
    as ``alternatives``. Sources found only by the placeable search (raw quality
    below the threshold, adjusted quality at or above it) fill the slots left, and
    further translations of the chosen sources fill what is still free. The entries
    are then ordered by adjusted quality.
    """
    targets = [target_lang]
    if policy.transliterate and target_lang in _SCRIPT_TWIN:
        targets.append(_SCRIPT_TWIN[target_lang])
    has_placeables = policy.placeables and query_has_placeables(text, source_lang)
    limit = policy.max_candidates * 2
    hits = engine.candidates(
        session,
        text,
        source_lang,
        targets,
        min_quality=policy.min_similarity,
        limit=limit,
        max_verify=policy.max_verify,
    )
    if has_placeables and policy.placeable_slack and len(hits) < policy.max_candidates:
        # Too few plain matches: look below the threshold for sentences that differ
        # in placeables only (their adjusted quality may still reach it). Only then,
        # because the wider search costs about twice as much (placeable_slack=0 turns
        # it off). It adds candidates; it never drops one the first search found.
        known = {hit.source for hit in hits}
        hits = hits + [
            hit
            for hit in engine.candidates(
                session,
                text,
                source_lang,
                targets,
                min_quality=max(30.0, policy.min_similarity - policy.placeable_slack),
                limit=limit,
                max_verify=policy.max_verify,
                lengths=_placeable_lengths(text, source_lang),
            )
            if hit.source not in known
        ]
    now = now or datetime.now(UTC)
    hits = [h for h in hits if has_letter(h.source)]  # a separator line is no source
    needed = _needed(hits, policy.max_candidates, policy.min_similarity)
    found = _suggestions(
        session, text, needed, targets, target_lang, policy, context, now
    )
    if len(needed) < len(hits) and len({i.source for i in found}) < len(needed):
        # a chosen source had only junk translations: look at every hit after all
        found = _suggestions(
            session, text, hits, targets, target_lang, policy, context, now
        )
    return select(found, policy.max_candidates, policy.min_similarity)


def _needed(hits: list[IndexHit], limit: int, threshold: float) -> list[IndexHit]:
    """The hits that can be shown: the ``limit`` best by raw quality (and ties) when
    that many reach the threshold, else all (placeable-only matches may fill in).

    Selection is on raw quality, so adapting the others would be wasted work.
    """
    qualified = sorted(
        (h for h in hits if h.quality >= threshold), key=lambda h: -h.quality
    )
    if len(qualified) < limit:
        return hits
    cut = qualified[limit - 1].quality - 1e-9
    return [h for h in qualified if h.quality >= cut]


def _suggestions(
    session: Session,
    text: str,
    hits: list[IndexHit],
    targets: list[str],
    target_lang: str,
    policy: MatchPolicy,
    context: str,
    now: datetime,
) -> list[Suggestion]:
    """Every servable unit of ``hits`` as a suggestion for ``text``."""
    units = match_queries.units_by_ids(session, (i for h in hits for i in h.unit_ids))
    found = []
    for hit in hits:
        for unit_id in hit.unit_ids:
            unit = units.get(unit_id)
            if unit is None or unit.target_lang not in targets:
                continue  # deleted since the index was built
            if is_letterless_pair(unit.source, unit.target):
                continue  # a separator line is no translation
            item = _suggestion(
                text, hit, unit, unit_id, target_lang, policy, context, now
            )
            if max(item.quality, item.raw_quality) >= policy.min_similarity:
                found.append(item)
    return found


def select(items: list[Suggestion], limit: int, threshold: float) -> list[Suggestion]:
    """The top ``limit`` entries, diverse by source (see :func:`suggest`)."""
    ranked = merge_and_rank(items, len(items) or 1)
    by_source: dict[str, list[Suggestion]] = {}
    for item in ranked:
        by_source.setdefault(item.source, []).append(item)
    stored = [s for s, group in by_source.items() if group[0].raw_quality >= threshold]
    stored.sort(key=lambda s: -max(round(i.raw_quality, 6) for i in by_source[s]))
    chosen = stored[:limit]
    if len(chosen) < limit:
        chosen += [s for s in by_source if s not in chosen][: limit - len(chosen)]
    shown = [by_source[s][0] for s in chosen]
    spare = limit - len(shown)
    for source in chosen:
        rest = by_source[source][1:]
        extra, rest = rest[:spare], rest[spare:]
        spare -= len(extra)
        shown.extend(extra)
        if rest:
            head = shown.index(by_source[source][0])
            shown[head] = replace(
                shown[head],
                alternatives=tuple(
                    Alternative(r.target, r.origin, r.unit_id) for r in rest
                ),
            )
    return sorted(shown, key=sort_key)


def _placeable_lengths(text: str, source_lang: str) -> tuple[int, int]:
    """Lengths a sentence differing from ``text`` only in placeables can have.

    Its other characters are the query's; its placeables may be shorter (down to
    nothing) or longer (up to twice as long plus ten characters: ``May 2, 2017``
    against ``September 28, 2018``). Searching only these lengths keeps the wider
    threshold cheap.
    """
    placeable_chars = sum(p.end - p.start for p in query_placeables(text, source_lang))
    return len(text) - placeable_chars, len(text) + placeable_chars + 10


def _suggestion(
    text: str,
    hit: IndexHit,
    unit: TranslationUnit,
    unit_id: int,
    target_lang: str,
    policy: MatchPolicy,
    context: str,
    now: datetime,
) -> Suggestion:
    target = unit.target
    transliterated = unit.target_lang != target_lang
    if transliterated:
        target = transliterate(target, target_lang)
    adjusted = hit.quality
    substitutions: tuple = ()
    unadapted: tuple = ()
    if policy.placeables and hit.quality < 100.0:
        result = adapt(
            text, unit.source, target, unit.source_lang, target_lang, hit.quality
        )
        target, adjusted = result.target, result.quality
        substitutions, unadapted = result.substitutions, result.unadapted
    adjusted -= _penalty(unit, policy, context, now)
    return Suggestion(
        source=unit.source,
        target=target,
        quality=max(0.0, adjusted),
        raw_quality=hit.quality,
        source_lang=unit.source_lang,
        target_lang=target_lang,
        origin=unit.origin,
        origins=(unit.origin,),
        context=unit.context,
        created=unit.created,
        changed=unit.changed,
        substitutions=substitutions,
        transliterated=transliterated,
        unit_id=unit_id,
        unadapted=unadapted,
    )


def _penalty(
    unit: TranslationUnit, policy: MatchPolicy, context: str, now: datetime
) -> float:
    points = 0.0
    if policy.context_penalty and context and unit.context and context != unit.context:
        points += policy.context_penalty
    moment = unit.changed or unit.created
    if policy.age_penalty_per_year and moment is not None:
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        years = max(0.0, (now - moment).days / 365.25)
        points += min(policy.age_penalty_max, years * policy.age_penalty_per_year)
    return points


@dataclass(frozen=True, slots=True)
class Languages:
    """Wire codes for ``/languages/`` (Weblate's form: ``sr_latn``)."""

    sources: list[str]
    targets: list[str]


def languages(session: Session, engine: MatchEngine) -> Languages:
    """Source and target languages of the memory, as Weblate's client expects.

    Serbian in either script is listed as ``sr_latn``, ``sr_cyrl`` and ``sr`` because
    transliteration serves both scripts from either.
    """
    sources: set[str] = set()
    targets: set[str] = set()
    for slang, tlang in engine.language_pairs(session):
        sources.add(wire_code(slang))
        targets.add(wire_code(tlang))
        if tlang in _SCRIPT_TWIN:
            targets.update({"sr_latn", "sr_cyrl", "sr"})
    return Languages(sorted(sources), sorted(targets))


@dataclass(frozen=True, slots=True)
class SegmentSuggestions:
    """Suggestions for one sentence of a longer text."""

    index: int
    source: str
    start: int
    end: int
    suggestions: list[Suggestion]


def suggest_segments(
    session: Session,
    engine: MatchEngine,
    segments: list[tuple[str, int, int]],
    source_lang: str,
    target_lang: str,
    policy: MatchPolicy,
) -> Iterator[SegmentSuggestions]:
    """Suggestions for every ``(text, start, end)`` segment."""
    for number, (text, start, end) in enumerate(segments):
        found = suggest(session, engine, text, source_lang, target_lang, policy)
        yield SegmentSuggestions(number, text, start, end, found)


def segment_text(
    text: str, segment: bool, lang: str = "en"
) -> list[tuple[str, int, int]]:
    """The text as one segment or split into sentences (the project's segmenter,
    :mod:`tmserver.build.segment`), with character offsets into ``text``."""
    if not segment:
        return [(text, 0, len(text))]
    return [(s.text, s.start, s.end) for s in split_sentences(text, lang)]


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """A unit containing the searched words, with highlight spans."""

    unit: TranslationUnit
    source_spans: list[tuple[int, int]]
    target_spans: list[tuple[int, int]]


def concordance(
    session: Session,
    query: str,
    source_lang: str,
    target_lang: str,
    *,
    side: str,
    page: int,
    per_page: int,
) -> tuple[int, list[ConcordanceHit]]:
    """Units containing every word of ``query`` (phrases in double quotes)."""
    terms = _terms(query)
    targets = [target_lang]
    if target_lang in _SCRIPT_TWIN:
        targets.append(_SCRIPT_TWIN[target_lang])
    total, units = match_queries.concordance(
        session,
        source_lang=source_lang,
        target_langs=targets,
        terms=terms,
        side=side,
        limit=per_page,
        offset=(page - 1) * per_page,
    )
    hits = [
        ConcordanceHit(unit, spans(unit.source, terms), spans(unit.target, terms))
        for unit in units
    ]
    return total, hits


def _terms(query: str) -> list[str]:
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query).split()
    return [t for t in phrases + rest if t.strip()]


def spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged character spans of every case-insensitive occurrence of the terms."""
    found = []
    folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
    for term in terms:
        needle = term.casefold() if len(term.casefold()) == len(term) else term.lower()
        position = folded.find(needle)
        while needle and position >= 0:
            found.append((position, position + len(needle)))
            position = folded.find(needle, position + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
