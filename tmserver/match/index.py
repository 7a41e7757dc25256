"""The retrieval index: character trigram postings with an exact count-filter bound.

Why this design
---------------
* A suggestion must be found without scanning the memory (a brute-force rapidfuzz
  scan of 1M sentences takes ~0.5 s) and without losing matches. Full-text retrieval
  (amaGama) loses matches that share no word stem; pg_trgm similarity (Weblate) ranks
  by a different measure than ours and loses two thirds of the true top-5 at its
  threshold. Our quality is character Levenshtein, so we filter on character trigrams,
  whose relation to Levenshtein is exact: one edit changes at most three trigrams, so
  ``shared ≥ max(len_a, len_b) − 3d`` (every text is padded with one space either side,
  so it has exactly ``len`` trigrams). Solved for ``d`` this gives an upper bound of the
  quality of every candidate from its shared-trigram count alone (``upper_bound``).
* Entries are numbered in length order, so the length window that a threshold allows
  (``length_window``) is one contiguous id range and each posting list (sorted by id) is
  cut to it with two binary searches.
* Query: count shared trigrams over the window with one ``numpy.bincount``; the most
  frequent half of the query's trigrams is not counted but assumed shared (keeps the
  bound valid, removes most of the posting volume). At 70 % the bound alone prunes
  little (a candidate may lack 90 % of the trigrams), so candidates are verified with
  rapidfuzz in order of trigram Jaccard similarity, which predicts the quality well,
  and the search stops when the best exact bound among the unverified ones is below
  the k-th verified quality, or at ``max_verify`` (500) candidates. On the benchmark
  memory the true top-5 rank at most ~110th in that order, and recall against a
  brute-force scan is 1.0 at 1M units (benchmarks/RESULTS.md). A first pass at
  92 % (narrow window) answers at once when it finds k matches.
* The index lives in flat numpy arrays (CSR postings, a UTF-8 text blob), built fully
  vectorised (hash, one 64-bit radix sort) so 1M units build in seconds, saved as
  ``.npy`` files and opened with ``mmap_mode="r"`` so every gunicorn worker shares one
  copy through the page cache. It works the same on SQLite and PostgreSQL because it is
  derived from the units table; on PostgreSQL pg_trgm could serve the same count filter
  (``similarity`` is a monotone function of the shared count), but an in-process index
  avoids a round trip and the GIN scan on every keystroke of a translator.

This module is pure core: numpy and rapidfuzz only.
"""

from __future__ import annotations

import heapq
import json
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmserver.match.quality import length_window
from tmserver.match.quality import quality_array

#: Hash buckets for trigrams (2**22 = 4M): collisions only raise counts, never lose.
GRAM_BITS = 22
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_K3 = np.uint64(0x165667B19E3779F9)
_SHIFT = np.uint64(64 - GRAM_BITS)
_SEP = 0  # code point separating texts in the build buffer
_CHUNK = 50_000
#: Version of the saved layout (part of the cache directory name, so an index
#: saved by an older release is rebuilt rather than misread).
INDEX_FORMAT = 2
_ARRAYS = (
    "lengths",
    "text_offsets",
    "text_blob",
    "gram_offsets",
    "postings",
    "entry_targets",
    "unit_offsets",
    "unit_ids",
    "unit_targets",
    "entry_family",
    "family_rep",
    "family_radius",
    "rep_distance",
)


@dataclass(frozen=True, slots=True)
class IndexHit:
    """A memory source text found for a query, with its verified quality."""

    entry: int
    source: str
    quality: float
    unit_ids: tuple[int, ...]


def _fold(text: str) -> str:
    """Lower-case when that keeps every character in place (trigrams are case-blind)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _gram_hashes(codes: np.ndarray) -> np.ndarray:
    c0 = codes[:-2].astype(np.uint64)
    c1 = codes[1:-1].astype(np.uint64)
    c2 = codes[2:].astype(np.uint64)
    return ((c0 * _K1) ^ (c1 * _K2) ^ (c2 * _K3)) >> _SHIFT


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def query_grams(text: str) -> np.ndarray:
    """Trigram bucket ids of ``text`` with repeats (multiplicity keeps bounds exact)."""
    return _gram_hashes(_codes(" " + _fold(text) + " ")).astype(np.int64)


class SourceIndex:
    """Trigram index over the distinct source texts of one source language."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, object]) -> None:
        for name in _ARRAYS:
            # a plain ndarray view of a memmap: same shared pages, no subclass overhead
            setattr(self, name, np.asarray(arrays[name]))
        self._blob = memoryview(self.text_blob).cast("B")
        self.meta = meta
        self.source_lang: str = str(meta["source_lang"])
        self.target_langs: list[str] = list(meta["target_langs"])  # type: ignore[arg-type]
        self.size = int(len(self.lengths))

    # ----------------------------------------------------------------- building
    @classmethod
    def build(
        cls,
        source_lang: str,
        units: Iterable[tuple[int, str, str]],
        extra_meta: dict[str, object] | None = None,
    ) -> SourceIndex:
        """Index ``(unit_id, source, target_lang)`` rows of one source language, in
        any order (sorted here; a large memory streams sorted rows to
        :meth:`build_sorted` instead)."""
        rows = sorted(units, key=lambda row: (len(row[1]), row[1]))
        return cls.build_sorted(source_lang, rows, extra_meta)

    @classmethod
    def build_sorted(
        cls,
        source_lang: str,
        units: Iterable[tuple[int, str, str]],
        extra_meta: dict[str, object] | None = None,
    ) -> SourceIndex:
        """Index rows that come ordered by source length with equal sources adjacent.

        The rows are consumed as a stream into compact arrays (a UTF-8 text blob,
        unit ids), never held as Python objects all at once, and the postings are
        built chunk by chunk from the blob: peak memory is the finished index plus
        one chunk, whatever the number of units.
        """
        texts = _TextSink()
        for unit_id, source, target_lang in units:
            texts.add(unit_id, source, target_lang)
        arrays, target_langs = texts.finish()
        postings, sketches = _build_postings(
            arrays["text_blob"], arrays["text_offsets"]
        )
        arrays.update(postings)
        arrays.update(_build_families(arrays, sketches))
        meta: dict[str, object] = {
            "source_lang": source_lang,
            "target_langs": target_langs,
        }
        meta.update(extra_meta or {})
        return cls(arrays, meta)

    def save(self, directory: Path) -> None:
        """Write the arrays as ``.npy`` files plus ``meta.json`` into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            np.save(directory / f"{name}.npy", getattr(self, name))
        (directory / "meta.json").write_text(json.dumps(self.meta), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, *, mmap: bool = True) -> SourceIndex:
        """Open a saved index; memory-mapped by default (shared between processes)."""
        mode = "r" if mmap else None
        arrays = {n: np.load(directory / f"{n}.npy", mmap_mode=mode) for n in _ARRAYS}
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        return cls(arrays, meta)

    # ------------------------------------------------------------------ reading
    def text(self, entry: int) -> str:
        """The source text of ``entry``."""
        start, stop = self.text_offsets[entry : entry + 2].tolist()
        return str(self._blob[start:stop], "utf-8")

    def texts(self, entries: np.ndarray) -> list[str]:
        """Source texts of several entries (one vectorised offset lookup)."""
        starts = self.text_offsets[entries].tolist()
        stops = self.text_offsets[entries + 1].tolist()
        blob = self._blob
        return [str(blob[a:b], "utf-8") for a, b in zip(starts, stops, strict=True)]

    def units_of(self, entry: int, target_bits: int) -> tuple[int, ...]:
        """Unit ids of ``entry`` whose target language is in ``target_bits``."""
        start, stop = self.unit_offsets[entry], self.unit_offsets[entry + 1]
        ids = self.unit_ids[start:stop]
        codes = self.unit_targets[start:stop]
        return tuple(
            int(i) for i, c in zip(ids, codes, strict=True) if target_bits >> int(c) & 1
        )

    def target_bits(self, target_langs: Iterable[str]) -> int:
        """Bit mask of the given target languages (unknown ones are ignored)."""
        bits = 0
        for lang in target_langs:
            if lang in self.target_langs:
                bits |= 1 << self.target_langs.index(lang)
        return bits

    def entries_containing(
        self, text: str, *, limit: int, rarest: int = 3
    ) -> np.ndarray:
        """Entries whose source may contain ``text`` anywhere (a superset to verify).

        The lint memory asks which stored sources hold a term or an acronym; the
        entries holding all of the ``rarest`` least frequent inner trigrams of
        ``text`` are returned, at most ``limit`` of them, in entry order. The padded
        ends are left out because the text may sit inside a longer source; a text of
        two letters has no inner trigram, so its first gram stands in.
        """
        grams = query_grams(text)
        grams = np.unique(grams[1:-1] if grams.size > 2 else grams[:1])
        if grams.size == 0:
            return np.zeros(0, dtype=np.int64)
        starts = self.gram_offsets[grams]
        sizes = self.gram_offsets[grams + 1] - starts
        found: np.ndarray | None = None
        for position in np.argsort(sizes, kind="stable")[:rarest]:
            start = int(starts[position])
            posting = self.postings[start : start + int(sizes[position])]
            found = (
                posting
                if found is None
                else np.intersect1d(found, posting, assume_unique=True)
            )
            if found.size == 0:
                break
        assert found is not None
        return found[:limit]

    # ------------------------------------------------------------------ search
    def search(
        self,
        query: str,
        target_bits: int,
        *,
        min_quality: float = 70.0,
        limit: int = 5,
        max_verify: int | None = None,
        skip_share: float = 0.5,
        lengths: tuple[int, int] | None = None,
    ) -> list[IndexHit]:
        """The best ``limit`` entries for ``query`` with quality ≥ ``min_quality``.

        Two modes:

        * ``max_verify`` None or 0, the exact search: the result equals a
          brute-force scan of every entry (up to ties at the ``limit``-th quality),
          because every entry left out has a proven upper bound below the answer's
          last quality (trigram count, length, and the family bound);
        * ``max_verify`` > 0, the bounded search: at most that many candidates,
          ranked by trigram Jaccard similarity, are verified per stage, and
          ``skip_share`` of the query's most frequent trigrams are assumed shared.
          Much faster on a large memory, and its stopping rule is exact, but a match
          ranked past the cap is lost: recall is measured, not proven.

        :param target_bits: only entries with a unit in one of these target languages.
        :param lengths: only entries whose length is in this range (inclusive), on
            top of the window the threshold allows.
        """
        if not query or target_bits == 0 or self.size == 0:
            return []
        best: list[tuple[float, int]] = []
        if max_verify:
            # rapidfuzz verifies short texts in one machine word: afford more of them
            cap = int(max_verify * max(1.0, 64.0 / max(1, len(query))))
            for threshold in _stages(min_quality, _CAPPED_STAGES):
                best = self._search_capped(
                    query, target_bits, threshold, limit, cap, skip_share, lengths
                )
                if len(best) >= limit:
                    break  # k hits at ≥ threshold: nothing below can enter the top k
        else:
            for threshold in _stages(min_quality, _STAGES):
                best = self._search_at(query, target_bits, threshold, limit, lengths)
                if len(best) >= limit:
                    break
        return [
            IndexHit(entry, self.text(entry), q, self.units_of(entry, target_bits))
            for q, entry in best
        ]

    def _search_at(
        self,
        query: str,
        target_bits: int,
        min_quality: float,
        limit: int,
        lengths: tuple[int, int] | None = None,
    ) -> list[tuple[float, int]]:
        """One exact stage: every candidate whose bound reaches the k-th quality
        found is verified."""
        start, stop = self._window(len(query), min_quality, lengths)
        if start >= stop:
            return []
        window_lengths = self.lengths[start:stop]
        need = _needed_shared(len(query), int(window_lengths[-1]), min_quality)
        # ``need`` grows with the length, so the window's shortest entry needs least;
        # assuming one trigram fewer than that keeps every candidate on a counted one
        budget = max(0, int(need[window_lengths[0]]) - 1)
        counts, assumed = self._shared_counts(query, start, stop, budget, _COMMON_SHARE)
        # one comparison per window position against the counted trigrams its length
        # needs for the exact bound: no gathers over the candidates
        needed = _needed_per_position(window_lengths, need - assumed, 0)
        candidates = np.flatnonzero(counts >= needed)
        keep = (self.entry_targets[candidates + start] & np.uint64(target_bits)) != 0
        candidates = candidates[keep]
        shared = counts[candidates] + assumed
        cand_lengths = window_lengths[candidates]
        bound = _bounds(len(query), cand_lengths, shared)
        entries = candidates + start
        if entries.size > _FAMILY_MIN:
            bound = np.minimum(
                bound, self._family_bounds(query, entries, cand_lengths, min_quality)
            )
            alive = bound >= min_quality - 1e-9
            entries, bound = entries[alive], bound[alive]
        # best bound first: the search stops at the first bound below the k-th
        # verified quality, and a tight bound is verified early
        order = np.argsort(-bound, kind="stable")
        return self._verify(query, entries[order], bound[order], min_quality, limit)

    def _search_capped(
        self,
        query: str,
        target_bits: int,
        min_quality: float,
        limit: int,
        max_verify: int,
        skip_share: float,
        lengths: tuple[int, int] | None = None,
    ) -> list[tuple[float, int]]:
        start, stop = self._window(len(query), min_quality, lengths)
        if start >= stop:
            return []
        budget = int(skip_share * len(query_grams(query)))
        counts, assumed = self._shared_counts(query, start, stop, budget, 0.0)
        window_lengths = self.lengths[start:stop]
        need = _needed_shared(len(query), int(window_lengths[-1]), min_quality)
        # ``need`` grows with the length, so the window's shortest entry needs least
        least = max(1, int(need[window_lengths[0]]) - assumed)
        floor = _count_floor(counts, least, max_verify)
        # one comparison per window position against the counted trigrams its length
        # needs for the exact bound (and the floor): no gathers over the candidates
        needed = _needed_per_position(window_lengths, need - assumed, floor)
        candidates = np.flatnonzero(counts >= needed)
        keep = (self.entry_targets[candidates + start] & np.uint64(target_bits)) != 0
        candidates = candidates[keep]
        shared = counts[candidates] + assumed
        lengths = window_lengths[candidates]
        grams = np.maximum(lengths, 1).astype(np.float64)
        common = shared.astype(np.float64)
        # Verify in order of trigram Jaccard similarity: the bound is exact but loose
        # (a text sharing half the trigrams may still be far off), Jaccard predicts
        # the quality much better; stopping still uses the exact bound.
        likeness = common / (grams + len(query) - np.minimum(common, grams))
        if candidates.size > max_verify:
            top = np.argpartition(-likeness, max_verify - 1)[:max_verify]
            candidates, likeness = candidates[top], likeness[top]
            shared, lengths = shared[top], lengths[top]
        order = np.argsort(-likeness, kind="stable")
        candidates, shared, lengths = candidates[order], shared[order], lengths[order]
        bound = _bounds(len(query), lengths, shared)
        # the best bound among the candidates not yet verified, for early stopping
        remaining = np.maximum.accumulate(bound[::-1])[::-1]
        return self._verify(query, candidates + start, remaining, min_quality, limit)

    def _family_bounds(
        self,
        query: str,
        entries: np.ndarray,
        entry_lengths: np.ndarray,
        min_quality: float,
    ) -> np.ndarray:
        """Upper bounds of the quality of ``entries`` from their family's pivot.

        Levenshtein distance is a metric, so ``d(q, m) ≥ |d(q, r) − d(r, m)|`` for a
        member ``m`` of the family of representative ``r``; ``d(r, m)`` is stored at
        build time, so one exact distance per family bounds all its members. A
        near-duplicate family of hundreds of candidates costs one verification
        instead of hundreds; a query far from the family prunes it whole.
        """
        families = self.entry_family[entries]
        unique, inverse = np.unique(families, return_inverse=True)
        query_length = len(query)
        longest = np.maximum(entry_lengths.astype(np.int64), query_length)
        allowed = int((1.0 - min_quality / 100.0) * int(longest.max()) + 1e-9)
        cutoff = allowed + int(self.family_radius[unique].max())
        pivots = self.texts(self.family_rep[unique])
        # distances above ``cutoff`` come back as cutoff + 1: still a lower bound
        pivot_distance = process.cdist(
            [query],
            pivots,
            scorer=Levenshtein.distance,
            score_cutoff=cutoff,
            dtype=np.int32,
        )[0].astype(np.int64)
        to_pivot = pivot_distance[inverse]
        radius = self.rep_distance[entries].astype(np.int64)
        lower = np.where(
            to_pivot > cutoff, to_pivot - radius, np.abs(to_pivot - radius)
        )
        return 100.0 * (1.0 - np.maximum(lower, 0) / longest)

    def _window(
        self,
        length: int,
        min_quality: float,
        lengths: tuple[int, int] | None = None,
    ) -> tuple[int, int]:
        low, high = length_window(length, min_quality)
        if lengths is not None:
            low, high = max(low, lengths[0]), min(high, lengths[1])
        # the same dtype as the array, or numpy copies the whole array to compare
        kind = self.lengths.dtype.type
        start = int(np.searchsorted(self.lengths, kind(low), side="left"))
        stop = int(
            np.searchsorted(self.lengths, kind(min(high, 2**31 - 1)), side="right")
        )
        return start, stop

    def _shared_counts(
        self, query: str, start: int, stop: int, budget: int, common_share: float
    ) -> tuple[np.ndarray, int]:
        """Shared-trigram counts for every entry in ``[start, stop)``, and the number
        of query trigrams assumed shared by every entry (the bound is their sum).

        The query trigrams with the longest posting lists, at most ``budget`` of them
        (with repeats), are not counted but added to every entry as if shared: the
        bound stays valid, and those trigrams carry most of the posting volume (the
        prefix filter: a candidate needing more shared trigrams than were assumed
        must hold one of the counted, rarer ones).
        """
        grams = query_grams(query)
        unique, multiplicity = np.unique(grams, return_counts=True)
        first = self.gram_offsets[unique]
        last = self.gram_offsets[unique + 1]
        # both window ends in one vectorised search over every posting list
        ends = _segment_search(
            self.postings,
            np.concatenate((first, first)),
            np.concatenate((last, last)),
            np.repeat(np.array([start, stop], dtype=np.int64), len(unique)),
        )
        lows, highs = ends[: len(unique)], ends[len(unique) :]
        sizes = (highs - lows).tolist()
        slices = [
            (self.postings[lo:hi], times)
            for lo, hi, times in zip(
                lows.tolist(), highs.tolist(), multiplicity.tolist(), strict=True
            )
        ]
        assumed = 0
        counted = []
        # only lists a good share of the window long are worth assuming: each one
        # assumed loosens every bound, and a short list costs little to count
        common = (stop - start) * common_share
        for position in np.argsort(sizes)[::-1].tolist():
            posting, times = slices[position]
            size = sizes[position]
            if assumed + times <= budget and size > 0 and size >= common:
                assumed += times
                continue
            if sizes[position]:
                counted.extend([posting] * times)
        width = stop - start
        if not counted:
            return np.zeros(width, dtype=np.int64), assumed
        # straight into bincount's index type, shifted in place: no extra copies
        positions = np.concatenate(counted, dtype=np.intp)
        positions -= start
        return np.bincount(positions, minlength=width), assumed

    def _verify(
        self,
        query: str,
        entries: np.ndarray,
        bounds: np.ndarray,
        min_quality: float,
        limit: int,
    ) -> list[tuple[float, int]]:
        """Exact qualities for candidates, best first, stopping on the bound."""
        heap: list[tuple[float, int]] = []  # (quality, -entry) min-heap of the best
        batch = 64
        position = 0
        while position < len(entries):
            floor = heap[0][0] if len(heap) >= limit else min_quality
            if bounds[position] < floor - 1e-9:
                break
            chunk = entries[position : position + batch]
            scores = quality_array(query, self.texts(chunk), floor)
            # the heap keeps the best ``limit`` whatever the order: only look at passes
            passed = np.flatnonzero((scores >= min_quality) & (scores > 0.0))
            for score, entry in zip(
                scores[passed].tolist(), chunk[passed].tolist(), strict=True
            ):
                item = (score, -entry)
                if len(heap) < limit:
                    heapq.heappush(heap, item)
                elif item > heap[0]:
                    heapq.heapreplace(heap, item)
            position += len(chunk)
            batch = min(batch * 2, 1024)
        return sorted(((q, -e) for q, e in heap), key=lambda x: (-x[0], x[1]))


#: Search stages: thresholds tried before the caller's. A high threshold has a
#: narrow length window and needs many shared trigrams, so most posting lists are
#: assumed rather than counted and the stage is cheap; when it already yields k hits
#: the answer is final (nothing below the threshold can enter the top k), otherwise
#: the next, lower stage searches again.
_STAGES = (95.0, 88.0, 80.0)

#: Share of the length window a posting list must cover to be assumed, not counted.
_COMMON_SHARE = 1 / 32

#: Fewest candidates for which the family bound is worth one pivot distance each.
_FAMILY_MIN = 64


#: The bounded search's stages (it assumes half the trigrams at every stage).
_CAPPED_STAGES = (92.0,)


def _stages(min_quality: float, stages: tuple[float, ...]) -> list[float]:
    return [t for t in stages if t > min_quality] + [min_quality]


def _count_floor(counts: np.ndarray, least: int, max_verify: int) -> int:
    """Fewest counted trigrams a window position needs to be ranked at all (the
    bounded search only).

    Entries need ``least`` counted trigrams to pass the exact bound at all. Beyond
    that, only the best ``max_verify`` by trigram Jaccard are verified, and an entry
    sharing none (or, in a crowded window, at most one) of the counted, rarer
    trigrams cannot be among them while enough entries share more; when too few do,
    every position is kept (floor 0), so small memories are searched exhaustively.
    """
    passing = int(np.count_nonzero(counts >= least))
    if passing < max_verify and least <= 1:
        return 0
    if passing > 40 * max_verify:
        stronger = passing if least > 1 else int(np.count_nonzero(counts > 1))
        if stronger >= 4 * max_verify:
            return max(least, 2)
    return least


def _needed_per_position(
    window_lengths: np.ndarray, needed_by_length: np.ndarray, floor: int
) -> np.ndarray:
    """Counted trigrams needed at every window position (at least ``floor``).

    The window is sorted by length, so the per-length needs expand run by run with
    one ``repeat`` instead of a gather per position.
    """
    shortest, longest = int(window_lengths[0]), int(window_lengths[-1])
    kind = window_lengths.dtype.type
    edges = np.searchsorted(
        window_lengths, np.arange(shortest, longest + 2, dtype=kind), side="left"
    )
    needed = np.maximum(needed_by_length[shortest : longest + 1], floor)
    return np.repeat(needed, np.diff(edges))


def _segment_search(
    values: np.ndarray, first: np.ndarray, last: np.ndarray, targets: np.ndarray
) -> np.ndarray:
    """Leftmost position of ``targets[i]`` in each sorted ``values[first:last]``.

    One vectorised binary search over all segments at once (binary lifting: a step
    of each power of two, largest first, about 20 numpy steps on arrays the size of
    the query) instead of one ``searchsorted`` call per trigram.
    """
    lo = first.astype(np.int64)
    last = last.astype(np.int64)
    widest = int((last - lo).max()) if lo.size else 0
    step = 1 << max(0, widest.bit_length() - 1)
    while step and widest:
        probe = lo + step
        # advance while the step stays inside the segment and skips smaller values
        advance = probe <= last
        advance &= np.take(values, probe - 1, mode="clip") < targets
        lo = np.where(advance, probe, lo)
        step >>= 1
    return lo


def _needed_shared(query_length: int, longest: int, min_quality: float) -> np.ndarray:
    """Fewest shared trigrams that allow ``min_quality``, per candidate length.

    Indexed by candidate length; the inverse of ``_bounds`` for one threshold, so the
    window is filtered with one integer comparison per candidate.
    """
    lengths = np.arange(0, longest + 1, dtype=np.float64)
    top = np.maximum(lengths, query_length)
    allowed = (1.0 - min_quality / 100.0) * top + 1e-9
    return np.ceil(top - 3.0 * allowed).astype(np.int64)


def _bounds(query_length: int, lengths: np.ndarray, shared: np.ndarray) -> np.ndarray:
    """Vectorised ``quality.upper_bound`` over a window of candidates."""
    lengths = lengths.astype(np.float64)
    longest = np.maximum(lengths, query_length)
    distance = np.maximum(0.0, (longest - shared) / 3.0)
    by_count = 100.0 * (1.0 - distance / longest)
    by_length = 100.0 * np.minimum(lengths, query_length) / longest
    return np.minimum(by_count, by_length)


class _TextSink:
    """Collects sorted rows into flat arrays (module ``array``: 8 bytes an id, no
    per-row Python object kept)."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.offsets = array("q", [0])
        self.lengths = array("i")
        self.unit_offsets = array("q", [0])
        self.unit_ids = array("q")
        self.unit_codes = array("B")
        self.code_of: dict[str, int] = {}
        self.last: str | None = None

    def add(self, unit_id: int, source: str, target_lang: str) -> None:
        if source != self.last:
            if self.last is not None and len(source) < len(self.last):
                raise ValueError("index rows must come ordered by source length")
            self.last = source
            self.blob += source.encode("utf-8")
            self.offsets.append(len(self.blob))
            self.lengths.append(len(source))
            self.unit_offsets.append(self.unit_offsets[-1])
        code = self.code_of.setdefault(target_lang, len(self.code_of))
        self.unit_ids.append(unit_id)
        self.unit_codes.append(min(code, 255))
        self.unit_offsets[-1] += 1

    def finish(self) -> tuple[dict[str, np.ndarray], list[str]]:
        """The text and unit arrays; target languages numbered in sorted order
        (at most 63: one bit each in ``entry_targets``)."""
        langs = sorted(self.code_of)[:63]
        remap = np.full(256, 255, dtype=np.uint8)
        for lang, code in self.code_of.items():
            if lang in langs and code < 255:
                remap[code] = langs.index(lang)
        codes = remap[np.frombuffer(self.unit_codes, dtype=np.uint8)]
        unit_offsets = np.frombuffer(self.unit_offsets, dtype=np.int64)
        kept = codes != 255
        size = len(self.lengths)
        # an entry's mask is the OR of its units' bits (a unit in a dropped
        # language sets none and is left out)
        shifted = np.left_shift(np.uint64(1), np.minimum(codes, 63).astype(np.uint64))
        bits = np.where(kept, shifted, np.uint64(0))
        masks = np.zeros(size, dtype=np.uint64)
        kept_offsets = np.zeros(size + 1, dtype=np.int64)
        if size:
            owner = np.repeat(np.arange(size), np.diff(unit_offsets))
            np.bitwise_or.at(masks, owner, bits)
            per_entry = np.add.reduceat(kept.astype(np.int64), unit_offsets[:-1])
            np.cumsum(per_entry, out=kept_offsets[1:])
        arrays = {
            "lengths": np.frombuffer(self.lengths, dtype=np.int32),
            "text_offsets": np.frombuffer(self.offsets, dtype=np.int64),
            "text_blob": np.frombuffer(self.blob, dtype=np.uint8),
            "entry_targets": masks,
            "unit_offsets": kept_offsets,
            "unit_ids": np.frombuffer(self.unit_ids, dtype=np.int64)[kept],
            "unit_targets": codes[kept],
        }
        return arrays, langs


def _chunk_grams(
    blob: np.ndarray, text_offsets: np.ndarray, first: int, last: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trigram buckets of entries ``[first, last)`` in text order, their owners, and
    where each owner's run starts (texts decoded from the blob)."""
    view = memoryview(blob)
    starts = text_offsets[first : last + 1].tolist()
    texts = [str(view[a:b], "utf-8") for a, b in zip(starts, starts[1:], strict=False)]
    buffer = "\0".join(" " + _fold(s) + " " for s in texts)
    codes = _codes(buffer)
    hashes = _gram_hashes(codes)
    valid = (codes[:-2] != _SEP) & (codes[1:-1] != _SEP) & (codes[2:] != _SEP)
    sizes = np.fromiter((len(s) + 3 for s in texts), dtype=np.int64, count=len(texts))
    owner = np.repeat(np.arange(first, last, dtype=np.int64), sizes)[: len(hashes)]
    owner, hashes = owner[valid], hashes[valid].astype(np.int64)
    runs = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
    return hashes, owner, runs


def _build_postings(
    blob: np.ndarray, text_offsets: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """CSR postings: for every trigram bucket, the sorted ids of entries holding it;
    and the min-hash sketches of every entry (:func:`_sketches`).

    Two passes over chunks of entries (a counting sort): the first counts each
    bucket's entries, the second writes every chunk's entries into its buckets'
    slots. Chunks come in entry order, so each posting list ends up sorted, and
    only one chunk's trigrams are in memory at a time (no sort of all of them).
    """
    size = len(text_offsets) - 1
    buckets = 1 << GRAM_BITS
    counts = np.zeros(buckets, dtype=np.int64)
    chunks = [(a, min(a + _CHUNK, size)) for a in range(0, size, _CHUNK)]
    for first, last in chunks:
        hashes, owner, _ = _chunk_grams(blob, text_offsets, first, last)
        keys = _sorted_unique((hashes << 32) | owner)
        counts += np.bincount(keys >> 32, minlength=buckets)
    gram_offsets = np.zeros(buckets + 1, dtype=np.int64)
    np.cumsum(counts, out=gram_offsets[1:])
    postings = np.empty(int(gram_offsets[-1]), dtype=np.int32)
    cursor = gram_offsets[:-1].copy()
    sketches = np.full((len(_SKETCH_MULTIPLIERS), size), _NO_GRAM, np.uint32)
    rare = counts <= max(64, size // 32)
    for first, last in chunks:
        hashes, owner, runs = _chunk_grams(blob, text_offsets, first, last)
        _sketch_chunk(hashes, owner, runs, rare, sketches)
        keys = _sorted_unique((hashes << 32) | owner)
        bucket = keys >> 32
        heads = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1])))
        run_sizes = np.diff(np.append(heads, bucket.size))
        rank = np.arange(bucket.size) - np.repeat(heads, run_sizes)
        postings[cursor[bucket] + rank] = keys & 0xFFFFFFFF
        cursor[bucket[heads]] += run_sizes
    return {"gram_offsets": gram_offsets, "postings": postings}, sketches


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (an in-place sort and one comparison: ``np.unique``
    in numpy 2 hashes first, many times slower on millions of integers)."""
    values.sort()
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _sketch_chunk(
    hashes: np.ndarray,
    owner: np.ndarray,
    runs: np.ndarray,
    rare: np.ndarray,
    out: np.ndarray,
) -> None:
    """Min-hash sketches of one chunk's entries over their uncommon trigrams, one
    row per permutation of the buckets, into ``out``.

    Two texts get the same min-hash with the probability of the Jaccard similarity
    of their trigram sets, so near duplicates tend to share one: a grouping key
    found in one vectorised pass, with no pairwise comparison. Trigrams most
    entries hold (`` th``, ``the``) are left out, or every text holding the
    smallest of them would share its sketch.
    """
    if owner.size == 0:
        return
    mask = (1 << GRAM_BITS) - 1
    keep = rare[hashes]
    owners = owner[runs]
    for row, multiplier in enumerate(_SKETCH_MULTIPLIERS):
        permuted = np.where(keep, (hashes * multiplier) & mask, int(_NO_GRAM))
        out[row, owners] = np.minimum.reduceat(permuted, runs).astype(np.uint32)


#: Odd multipliers: each permutes the trigram buckets (mod 2**GRAM_BITS) differently,
#: one min-hash sketch per round of family building.
_SKETCH_MULTIPLIERS = (0x2545F491, 0x9E3779B1, 0x7FEB352D, 0x846CA68B)
_SKETCH_PAIRS = ((0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2))
_NO_GRAM = np.uint32(0xFFFFFFFF)
#: Farthest a family member may sit from its representative, as a share of the
#: longer text: far enough to hold an announcement's variants, near enough that a
#: query far from the representative proves its members far too.
_FAMILY_RADIUS = 0.4
#: Most grouping rounds; a group holding several families gives one of them per round
#: (the entries of the others stay alone and try again with the next sketch).
_FAMILY_ROUNDS = 8


def _build_families(
    arrays: dict[str, np.ndarray], sketches: np.ndarray
) -> dict[str, np.ndarray]:
    """Group entries into families of near duplicates around a representative.

    Each round groups the entries still alone by a min-hash sketch (the rows in
    turn); the shortest entry of a group is its representative and the members within
    ``_FAMILY_RADIUS`` of it (exact Levenshtein distance, stored per entry) join
    it. Whatever stays unplaced after the last round is a family of its own. The
    grouping only decides speed: the search bounds members by the stored distance,
    which is exact whatever the grouping.
    """
    lengths = arrays["lengths"].astype(np.int64)
    size = lengths.size
    view = memoryview(arrays["text_blob"])
    offsets = arrays["text_offsets"]

    def texts(entries: np.ndarray) -> list[str]:
        starts, stops = offsets[entries].tolist(), offsets[entries + 1].tolist()
        return [str(view[a:b], "utf-8") for a, b in zip(starts, stops, strict=True)]

    rep_of = np.arange(size, dtype=np.int64)
    distance = np.zeros(size, dtype=np.int32)
    alone = np.arange(size, dtype=np.int64)
    for round_ in range(_FAMILY_ROUNDS):
        if alone.size < 2:
            break
        # two sketches at once: near duplicates share both often, unrelated texts
        # that share one uncommon trigram rarely share a second
        first_row, second_row = _SKETCH_PAIRS[round_ % len(_SKETCH_PAIRS)]
        keys = (
            sketches[first_row, alone].astype(np.uint64) << np.uint64(32)
        ) | sketches[second_row, alone]
        order = np.lexsort((alone, keys))
        members, keys = alone[order], keys[order]
        first = np.concatenate(([True], keys[1:] != keys[:-1]))
        group_rep = members[np.flatnonzero(first)]
        reps = np.repeat(
            group_rep, np.diff(np.append(np.flatnonzero(first), keys.size))
        )
        pairs = np.flatnonzero(reps != members)
        if pairs.size == 0:
            break
        longer = np.maximum(lengths[members[pairs]], lengths[reps[pairs]])
        limit = np.floor(_FAMILY_RADIUS * longer).astype(np.int64)
        found = np.concatenate(
            [
                process.cpdist(
                    texts(members[part]),
                    texts(reps[part]),
                    scorer=Levenshtein.distance,
                    score_cutoff=int(limit.max()),
                    dtype=np.int64,
                    workers=-1,
                )
                # in slices: the texts of a million pairs at once cost a gigabyte
                for part in np.array_split(pairs, max(1, pairs.size // _CHUNK))
            ]
        )
        joins = found <= limit
        joined = members[pairs[joins]]
        rep_of[joined] = reps[pairs[joins]]
        distance[joined] = found[joins]
        placed = np.zeros(size, dtype=bool)
        placed[joined] = True
        # a representative that gathered members stays one; the rest try again
        placed[rep_of[joined]] = True
        before = alone.size
        alone = alone[~placed[alone]]
        if before - alone.size < before // 100:
            break  # the sketches have found what they can
    representatives, entry_family = np.unique(rep_of, return_inverse=True)
    radius = np.zeros(representatives.size, dtype=np.int32)
    np.maximum.at(radius, entry_family, distance)
    return {
        "entry_family": entry_family.astype(np.int32),
        "family_rep": representatives.astype(np.int32),
        "family_radius": radius,
        "rep_distance": distance,
    }
