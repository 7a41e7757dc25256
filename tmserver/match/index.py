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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tmserver.match.quality import length_window
from tmserver.match.quality import quality_array

#: Hash buckets for trigrams (2**22 = 4M): collisions only raise counts, never lose.
GRAM_BITS = 22
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_K3 = np.uint64(0x165667B19E3779F9)
_SHIFT = np.uint64(64 - GRAM_BITS)
_SEP = 0  # code point separating texts in the build buffer
_CHUNK = 100_000
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
        """Index ``(unit_id, source, target_lang)`` rows of one source language."""
        by_source: dict[str, list[tuple[int, str]]] = {}
        for unit_id, source, target_lang in units:
            by_source.setdefault(source, []).append((unit_id, target_lang))
        sources = sorted(by_source, key=len)
        target_langs = sorted({t for rows in by_source.values() for _, t in rows})
        if len(target_langs) > 63:
            target_langs = target_langs[:63]
        code_of = {lang: i for i, lang in enumerate(target_langs)}
        arrays = _build_texts(sources)
        arrays.update(_build_units(sources, by_source, code_of))
        arrays.update(_build_postings(sources))
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
        max_verify: int = 500,
        skip_share: float = 0.5,
        lengths: tuple[int, int] | None = None,
    ) -> list[IndexHit]:
        """The best ``limit`` entries for ``query`` with quality ≥ ``min_quality``.

        :param target_bits: only entries with a unit in one of these target languages.
        :param max_verify: most candidates verified with rapidfuzz (the recall cap).
        :param skip_share: share of the query's trigrams (the most frequent ones) not
            counted but assumed shared (faster; bounds stay exact).
        :param lengths: only entries whose length is in this range (inclusive), on
            top of the window the threshold allows.
        """
        if not query or target_bits == 0 or self.size == 0:
            return []
        best: list[tuple[float, int]] = []
        # rapidfuzz verifies short texts in one machine word: afford more of them
        max_verify = int(max_verify * max(1.0, 64.0 / max(1, len(query))))
        stages = _stages(min_quality, skip_share) if lengths is None else []
        for threshold, skip in stages or [(min_quality, skip_share)]:
            best = self._search_at(
                query, target_bits, threshold, limit, max_verify, skip, lengths
            )
            if len(best) >= limit:
                break  # k hits at ≥ threshold: nothing below can enter the top k
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
        max_verify: int,
        skip_share: float,
        lengths: tuple[int, int] | None = None,
    ) -> list[tuple[float, int]]:
        start, stop = self._window(len(query), min_quality, lengths)
        if start >= stop:
            return []
        counts, assumed = self._shared_counts(query, start, stop, skip_share)
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
        self, query: str, start: int, stop: int, skip_share: float
    ) -> tuple[np.ndarray, int]:
        """Shared-trigram counts for every entry in ``[start, stop)``, and the number
        of query trigrams assumed shared by every entry (the bound is their sum).

        The most frequent query trigrams, at most ``skip_share`` of them, are not
        counted but added to every entry as if shared: the bound stays valid, the
        ordering changes by at most ``skip_share / 3`` of the quality, and those
        trigrams carry most of the posting volume.
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
        budget = int(skip_share * len(grams))
        assumed = 0
        counted = []
        for position in np.argsort(sizes)[::-1].tolist():
            posting, times = slices[position]
            if assumed + times <= budget and sizes[position] > 0:
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


#: Search stages (threshold, share of frequent trigrams assumed shared). A high
#: threshold has a narrow length window and tolerates assuming many trigrams, so it is
#: cheap; when it already yields k hits the answer is final, otherwise the next stage
#: searches again at a lower threshold.
_STAGES = ((92.0, 0.5),)


def _stages(min_quality: float, skip_share: float) -> list[tuple[float, float]]:
    stages = [(t, skip) for t, skip in _STAGES if t > min_quality]
    return stages + [(min_quality, skip_share)]


def _count_floor(counts: np.ndarray, least: int, max_verify: int) -> int:
    """Fewest counted trigrams a window position needs to be ranked at all.

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


def _build_texts(sources: list[str]) -> dict[str, np.ndarray]:
    encoded = [s.encode("utf-8") for s in sources]
    sizes = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
    offsets = np.zeros(len(sources) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    blob = np.frombuffer(b"".join(encoded), dtype=np.uint8)
    lengths = np.fromiter((len(s) for s in sources), dtype=np.int32, count=len(sources))
    return {"lengths": lengths, "text_offsets": offsets, "text_blob": blob}


def _build_units(
    sources: list[str],
    by_source: dict[str, list[tuple[int, str]]],
    code_of: dict[str, int],
) -> dict[str, np.ndarray]:
    ids: list[int] = []
    codes: list[int] = []
    offsets = np.zeros(len(sources) + 1, dtype=np.int64)
    masks = np.zeros(len(sources), dtype=np.uint64)
    for entry, source in enumerate(sources):
        mask = 0
        for unit_id, target_lang in by_source[source]:
            code = code_of.get(target_lang)
            if code is None:
                continue
            ids.append(unit_id)
            codes.append(code)
            mask |= 1 << code
        masks[entry] = mask
        offsets[entry + 1] = len(ids)
    return {
        "entry_targets": masks,
        "unit_offsets": offsets,
        "unit_ids": np.asarray(ids, dtype=np.int64),
        "unit_targets": np.asarray(codes, dtype=np.uint8),
    }


def _build_postings(sources: list[str]) -> dict[str, np.ndarray]:
    """CSR postings: for every trigram bucket, the sorted ids of entries holding it."""
    keys = []
    for first in range(0, len(sources), _CHUNK):
        chunk = sources[first : first + _CHUNK]
        buffer = "\0".join(" " + _fold(s) + " " for s in chunk)
        codes = _codes(buffer)
        hashes = _gram_hashes(codes)
        valid = (codes[:-2] != _SEP) & (codes[1:-1] != _SEP) & (codes[2:] != _SEP)
        sizes = np.fromiter(
            (len(s) + 3 for s in chunk), dtype=np.int64, count=len(chunk)
        )
        owner = np.repeat(np.arange(first, first + len(chunk), dtype=np.uint64), sizes)
        owner = owner[: len(hashes)]
        keys.append((hashes[valid] << np.uint64(32)) | owner[valid])
    if keys:
        merged = np.concatenate(keys)
    else:
        merged = np.zeros(0, dtype=np.uint64)
    del keys
    merged.sort()
    if merged.size:
        keep = np.empty(merged.size, dtype=bool)
        keep[0] = True
        np.not_equal(merged[1:], merged[:-1], out=keep[1:])
        merged = merged[keep]
    bucket_starts = np.arange((1 << GRAM_BITS) + 1, dtype=np.uint64) << np.uint64(32)
    gram_offsets = np.searchsorted(merged, bucket_starts, side="left").astype(np.int64)
    postings = (merged & np.uint64(0xFFFFFFFF)).astype(np.int32)
    return {"gram_offsets": gram_offsets, "postings": postings}
